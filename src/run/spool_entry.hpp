#pragma once
// What the first pass of a screening run remembers of each decision until the
// whole batch has been read (duplicates and ranks need every record). Entries
// are written to a spool file in input order and read back twice.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shortlist/status.hpp"

namespace shortlist {

/// One row of the shortlist file, before formatting.
struct ShortlistRow {
  std::int64_t rank = 0;  ///< 0: no rank
  std::optional<std::string> id;
  std::optional<std::string> score;
  Status status = Status::kShortlisted;
  std::vector<std::optional<std::string>> columns;  ///< output.columns; nullopt when missing

  void serialize(std::string& out) const;
  static ShortlistRow parse(std::string_view bytes);
};

/// One (record, profile) decision as the record alone decides it.
struct SpoolEntry {
  std::int64_t seq = 0;      ///< record number across all inputs, from 0
  std::string source;        ///< "path:line"
  std::int32_t profile = -1; ///< -1: no profile, or an invalid record
  Status status = Status::kNoProfile;
  std::string checks_json;
  std::string points_json;
  std::string reason;
  std::string order_key;     ///< kEligible only
  ShortlistRow row;          ///< id, score and output columns

  void serialize(std::string& out) const;
  static SpoolEntry parse(std::string_view bytes);
  /// parse into `e`, whose strings keep their room: a pass over the spool
  /// allocates nothing per entry once warm.
  static void parse_into(std::string_view bytes, SpoolEntry& e);
};

}  // namespace shortlist
