#include "shortlist/field_binding.hpp"

#include <algorithm>

#include "shortlist/typing.hpp"

namespace shortlist {
namespace {
const RawValue kAbsent{};
}

FieldBinding::FieldBinding(const Rules& rules, const std::vector<std::string>& header)
    : rules_(rules), has_header_(!header.empty()) {
  if (!has_header_) return;
  for (std::size_t f = 0; f < rules.fields.size(); ++f) {
    int index = -1;
    for (const auto& column : rules.fields[f].columns) {
      auto it = std::find(header.begin(), header.end(), column);
      if (it != header.end()) {
        index = static_cast<int>(it - header.begin());
        break;
      }
    }
    column_of_.push_back(index);
    if (index < 0) unbound_.push_back(static_cast<int>(f));
  }
}

const RawValue& FieldBinding::raw(const Record& record, int field) const {
  if (has_header_) {
    int index = column_of_[static_cast<std::size_t>(field)];
    if (index < 0 || static_cast<std::size_t>(index) >= record.values.size()) return kAbsent;
    return record.values[static_cast<std::size_t>(index)];
  }
  for (const auto& column : rules_.fields[static_cast<std::size_t>(field)].columns)
    if (const RawValue* v = record.find(column)) return *v;
  return kAbsent;
}

void FieldBinding::type_record(const Record& record, std::vector<TypedValue>& values,
                               bool keep_written) const {
  values.resize(rules_.fields.size());
  for (std::size_t f = 0; f < rules_.fields.size(); ++f)
    read_value_into(rules_.fields[f], raw(record, static_cast<int>(f)), rules_.call.timezone, values[f],
                    keep_written);
}

void FieldBinding::type_field(const Record& record, std::vector<TypedValue>& values, int field,
                              bool keep_written) const {
  const auto f = static_cast<std::size_t>(field);
  read_value_into(rules_.fields[f], raw(record, field), rules_.call.timezone, values[f], keep_written);
}

void FieldBinding::type_fields(const Record& record, std::vector<TypedValue>& values,
                               const std::vector<bool>& which, bool wanted,
                               bool keep_written) const {
  values.resize(rules_.fields.size());
  for (std::size_t f = 0; f < rules_.fields.size(); ++f)
    if (which[f] == wanted)
      read_value_into(rules_.fields[f], raw(record, static_cast<int>(f)), rules_.call.timezone,
                      values[f], keep_written);
}

}  // namespace shortlist
