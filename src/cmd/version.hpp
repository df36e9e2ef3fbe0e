#pragma once
// The text of `shortlist --version`.
#include <string>

namespace shortlist::cmd {

/// "shortlist X.Y.Z" on the first line, then one line per library: the
/// version in use, and the one it was built with when that differs.
std::string version_text();

}  // namespace shortlist::cmd
