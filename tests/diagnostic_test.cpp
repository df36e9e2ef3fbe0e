#include "shortlist/diagnostic.hpp"

#include <catch2/catch.hpp>

using shortlist::Diagnostic;
using shortlist::suggest;

TEST_CASE("an error reads path:line:col: error: message", "[diagnostic]") {
  Diagnostic d{Diagnostic::Severity::kError, "rules.yaml", {14, 9},
               "unknown operator 'atleast' (did you mean 'at_least'?)"};
  CHECK(d.formatted() ==
        "rules.yaml:14:9: error: unknown operator 'atleast' (did you mean 'at_least'?)");
}

TEST_CASE("a warning says warning", "[diagnostic]") {
  Diagnostic d{Diagnostic::Severity::kWarning, "r.yaml", {3, 1}, "odd"};
  CHECK(d.formatted() == "r.yaml:3:1: warning: odd");
}

TEST_CASE("unknown parts of the position are left out", "[diagnostic]") {
  CHECK(Diagnostic{Diagnostic::Severity::kError, "r.yaml", {}, "gone"}.formatted() ==
        "r.yaml: error: gone");
  CHECK(Diagnostic{Diagnostic::Severity::kError, "r.yaml", {7, 0}, "x"}.formatted() ==
        "r.yaml:7: error: x");
  CHECK(Diagnostic{Diagnostic::Severity::kError, "", {}, "x"}.formatted() == "error: x");
}

TEST_CASE("suggest finds a missing, extra or replaced letter", "[diagnostic]") {
  const std::vector<std::string> ops = {"equals", "in", "at_least", "at_most", "between"};
  CHECK(suggest("atleast", ops) == "at_least");   // one letter missing
  CHECK(suggest("equalss", ops) == "equals");     // one extra
  CHECK(suggest("betwean", ops) == "between");    // one replaced
}

TEST_CASE("suggest counts a swap of two letters as one edit", "[diagnostic]") {
  // "frist" -> "first" is one transposition; plain Levenshtein would say 2,
  // more than a five-letter word allows (5 / 3 = 1).
  CHECK(suggest("frist", {"review", "first", "last"}) == "first");
}

TEST_CASE("suggest allows about a third of the word to differ", "[diagnostic]") {
  // "nationalty" has 10 letters: up to 3 edits.
  CHECK(suggest("ntionlty", {"nationality"}) == "");        // 8 letters allow 2; needs 3
  CHECK(suggest("nationalty", {"nationality"}) == "nationality");
  CHECK(suggest("natonalty", {"nationality"}) == "nationality");  // 9 letters allow 3; needs 2
  // Short words still allow one edit.
  CHECK(suggest("EUU", {"EU", "EEA", "EFTA"}) == "EU");
  CHECK(suggest("xyz", {"EU", "EEA", "EFTA"}) == "");
}

TEST_CASE("suggest picks the closest, the first one on a tie", "[diagnostic]") {
  CHECK(suggest("at_mast", {"at_least", "at_most"}) == "at_most");  // 1 edit against 2
  CHECK(suggest("ab", {"ax", "xb"}) == "ax");                       // 1 edit each
  CHECK(suggest("ab", {"xb", "ax"}) == "xb");
}

TEST_CASE("suggest offers nothing for an empty word or no candidates", "[diagnostic]") {
  CHECK(suggest("", {"a"}) == "");
  CHECK(suggest("word", {}) == "");
}
