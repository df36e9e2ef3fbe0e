#pragma once
// Where the fields of the rules are found in one input's records.
#include <string>
#include <vector>

#include "shortlist/record.hpp"
#include "shortlist/rules.hpp"
#include "shortlist/value.hpp"

namespace shortlist {

class FieldBinding {
 public:
  /// Binds `rules` to an input. With a header (CSV, TSV) each field takes the
  /// first of its columns present there, once; without one (JSON), each record
  /// is searched, since its keys may differ from the next one's.
  FieldBinding(const Rules& rules, const std::vector<std::string>& header);

  /// Fields none of whose columns is in the header (always empty for JSON).
  const std::vector<int>& unbound() const { return unbound_; }
  /// The raw value of `field` in `record`.
  const RawValue& raw(const Record& record, int field) const;
  /// Reads every field of `record` as its type into `values` (resized to
  /// fit); `keep_written` as read_value_into says.
  void type_record(const Record& record, std::vector<TypedValue>& values,
                   bool keep_written = true) const;
  /// Reads only the fields `f` with `which[f] == wanted` into `values`
  /// (resized to fit), leaving the others as they were.
  void type_fields(const Record& record, std::vector<TypedValue>& values,
                   const std::vector<bool>& which, bool wanted, bool keep_written) const;
  /// Reads the one field `field` into `values[field]` (`values` fits already).
  void type_field(const Record& record, std::vector<TypedValue>& values, int field,
                  bool keep_written) const;

 private:
  const Rules& rules_;
  bool has_header_;
  std::vector<int> column_of_;  // field -> header index, -1 if unbound
  std::vector<int> unbound_;
};

}  // namespace shortlist
