// Phrase matching in Greek and Cyrillic (SPEC 3.3), worked out from Unicode's
// rules: full case folding maps both Σ and the final ς to σ, and removing
// marks turns ά, ή, ύ into α, η, υ.
#include <catch2/catch.hpp>

#include "shortlist/text.hpp"

using shortlist::normalize_text;
using shortlist::PhraseSet;

namespace {

std::vector<bool> found_in(const std::vector<std::string>& phrases, const std::string& text) {
  PhraseSet set(phrases);
  std::vector<bool> found;
  set.find(normalize_text(text).value(), found);
  return found;
}

}  // namespace

TEST_CASE("a Greek phrase matches whatever the case, accents and final sigma", "[text][phrase]") {
  // "τεχνητής νοημοσύνης" (of artificial intelligence) folds to
  // "τεχνητησ νοημοσυνησ", as does the capitalised form.
  CHECK(normalize_text("ΤΕΧΝΗΤΗΣ ΝΟΗΜΟΣΥΝΗΣ") == "τεχνητησ νοημοσυνησ");
  CHECK(found_in({"τεχνητής νοημοσύνης"}, "Ειδικός ΤΕΧΝΗΤΗΣ-ΝΟΗΜΟΣΥΝΗΣ, 5 έτη") ==
        std::vector<bool>{true});
  // "μηχανική μάθηση" (machine learning) across a hyphen.
  CHECK(found_in({"μηχανική μάθηση"}, "Εμπειρία σε Μηχανική-Μάθηση") == std::vector<bool>{true});
  // Word boundaries: "μάθηση" is not found inside "μαθησιακός".
  CHECK(found_in({"μάθηση"}, "μαθησιακός σχεδιασμός") == std::vector<bool>{false});
}

TEST_CASE("a Cyrillic phrase matches across case and punctuation", "[text][phrase]") {
  // Bulgarian "машинно обучение" (machine learning).
  CHECK(found_in({"машинно обучение"}, "Опит: МАШИННО-ОБУЧЕНИЕ и анализ") ==
        std::vector<bool>{true});
  CHECK(found_in({"обучение"}, "самообучение") == std::vector<bool>{false});
}

TEST_CASE("phrases of several scripts are counted once each in a mixed text", "[text][phrase]") {
  auto found = found_in({"red teaming", "μηχανική μάθηση", "машинно обучение", "évaluation"},
                        "Red-Teaming; μηχανική μάθηση; red teaming again; EVALUATION");
  CHECK(found == std::vector<bool>{true, true, false, true});
}
