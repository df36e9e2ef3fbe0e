#pragma once
// The index of country names (SPEC 3.1 `country`): every name of a country
// that an applicant may write, folded with fold_key, to its alpha-2 code.
//
// Folding some 7,500 names with utf8proc takes 10 to 15 ms, which every run
// would pay before its first record. So the build folds them once, with this
// same code (cmake/generate_country_index.cpp), and the program uses that
// table when the utf8proc it runs with is the one the build folded with
// (country.cpp); with any other, it folds the names itself at first use.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace shortlist {

/// Folds the names now: hand-written names (nationality adjectives, island
/// names) and English names first, then translations into the EU's official
/// languages, which never override them; a key that two countries claim
/// within one tier is left out. Sorted by key, each key once; the codes are
/// views of static tables.
std::vector<std::pair<std::string, std::string_view>> fold_country_names();

/// True if resolve_country searches the names folded at build time, false
/// if it folded them itself (country.cpp).
bool country_index_from_build();

}  // namespace shortlist
