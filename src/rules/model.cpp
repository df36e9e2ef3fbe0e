// Small parts of the compiled rules model.
#include "rules/vocabulary.hpp"
#include "shortlist/rules.hpp"

namespace shortlist {

std::string_view op_name(Op op) {
  return rules_detail::vocabulary::operators()[static_cast<std::size_t>(op)].term.name;
}

int Rules::field_index(std::string_view name) const {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace shortlist
