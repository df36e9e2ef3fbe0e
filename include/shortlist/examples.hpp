#pragma once
// Starter rules files embedded in the binary for `shortlist init`.
#include <span>
#include <string_view>

namespace shortlist {

/// A named rules file shipped inside the binary.
struct Example {
  std::string_view name;
  std::string_view description;  ///< one line, for `shortlist init --list`
  std::string_view text;
};

/// Every embedded example (rules/NAME.yaml, listed in
/// cmake/embedded_files.cmake), the default (`eu-ai-office-2024`) first.
std::span<const Example> examples();

}  // namespace shortlist
