#pragma once
// The JSON Schema of the rules language, for editors (`shortlist schema`).
#include <string>

namespace shortlist {

/// The JSON Schema (draft 2020-12) of a rules file, written from the same
/// vocabulary the loader checks keys and choices against: indented JSON text
/// ending in a newline. It accepts every file the loader accepts.
std::string rules_json_schema();

}  // namespace shortlist
