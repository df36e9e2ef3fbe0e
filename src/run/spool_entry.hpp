#pragma once
// What the first pass of a screening run remembers of each decision until the
// whole batch has been read (duplicates and ranks need every record). Entries
// are written to a spool file in input order and read back once, when an
// output needs every entry: the decision record, as lines drafted when the
// record was decided (audit/decision_record.hpp), and the rows of statuses
// that ranking does not give.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/decision_record.hpp"
#include "shortlist/rules.hpp"
#include "shortlist/status.hpp"
#include "shortlist/text_buffer.hpp"

namespace shortlist {

/// One row of the shortlist file, before formatting.
struct ShortlistRow {
  std::int64_t rank = 0;  ///< 0: no rank
  std::optional<std::string> id;
  std::optional<std::string> score;
  Status status = Status::kShortlisted;
  std::vector<std::optional<std::string>> columns;  ///< output.columns; nullopt when missing

  /// (`out`: a std::string or a TextBuffer.)
  template <class Out>
  void serialize(Out& out) const;
  static ShortlistRow parse(std::string_view bytes);
};

/// One (record, profile) decision as the record alone decides it.
struct SpoolEntry {
  std::int64_t seq = 0;      ///< record number across all inputs, from 0
  std::string source;        ///< "path:line"
  std::int32_t profile = -1; ///< -1: no profile, or an invalid record
  Status status = Status::kNoProfile;
  TextBuffer checks_json;
  TextBuffer points_json;
  std::string reason;
  std::string order_key;     ///< kEligible only
  ShortlistRow row;          ///< id, score and output columns

  /// Spools the entry: its decision line drafted when `rules` is given, and
  /// its row when `with_row`; padded, when needed, so that the entry's bytes
  /// are at least its line's and `room` more. (`out`: a std::string or a
  /// TextBuffer.)
  template <class Out>
  void serialize(Out& out, const Rules* rules, bool with_row, std::size_t room = 0) const;
};

/// A spooled entry as read back: views into the spooled bytes.
struct SpooledEntry {
  std::int64_t seq = 0;
  std::int32_t profile = -1;
  Status status = Status::kNoProfile;
  std::string_view line;  ///< the drafted decision line; empty when none was
  DraftMarks marks;
  std::optional<std::string_view> row;  ///< the serialized row, when kept

  static SpooledEntry read(std::string_view bytes);
};

}  // namespace shortlist
