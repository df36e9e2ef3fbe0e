// Small parts of the compiled rules model.
#include <array>

#include "shortlist/rules.hpp"

namespace shortlist {
namespace {

// In the order of Op.
constexpr std::array<std::string_view, 19> kOpNames = {
    "equals",       "not_equals",   "in",            "not_in",     "at_least",
    "at_most",      "between",      "before",        "after",      "not_after",
    "not_before",   "contains_any", "contains_all",  "contains_none", "matches",
    "present",      "all",          "any",           "not"};

}  // namespace

std::string_view op_name(Op op) { return kOpNames[static_cast<std::size_t>(op)]; }

int Rules::field_index(std::string_view name) const {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace shortlist
