#pragma once
// The line a diagnostic points into, echoed under it with a caret under its
// column, as compilers show them:
//
//   rules.yaml:12:7: error: unknown key 'tpye' in field 'ai_years' (did you mean 'type'?)
//      12 |       tpye: number
//         |       ^
#include <cstdint>
#include <string>

namespace shortlist::cmd {

/// The two lines (each ending in '\n') that show line `line`, column
/// `column` (1-based, in bytes, as diagnostics count them) of the file at
/// `path`; empty when they cannot be shown: no line or column, standard
/// input or anything but a regular file (it cannot be read again), a file
/// that cannot be read or no longer has that line, or a line longer than
/// fits a screen or two. Control characters and bytes that are not UTF-8 are
/// shown as '?', so that the file cannot drive the terminal; tabs are kept,
/// in both lines, so that the caret stays under its column.
std::string source_excerpt(const std::string& path, std::int64_t line, std::int64_t column);

}  // namespace shortlist::cmd
