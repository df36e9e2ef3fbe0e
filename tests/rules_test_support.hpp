#pragma once
// Helpers for the rules loader tests.
#include <string>
#include <string_view>
#include <vector>

#include "shortlist/rules.hpp"

namespace shortlist::test {

/// Every diagnostic of loading `yaml` (named rules.yaml), formatted, in order.
inline std::vector<std::string> rules_messages(std::string_view yaml) {
  LoadedRules loaded = load_rules_text(yaml, "rules.yaml");
  std::vector<std::string> out;
  for (const Diagnostic& d : loaded.diagnostics) out.push_back(d.formatted());
  return out;
}

}  // namespace shortlist::test
