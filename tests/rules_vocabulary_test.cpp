// The vocabulary of the rules language: its tables follow the enums of the
// compiled rules (SPEC 3.1 types, SPEC 3.2 operators, in their order), and
// suggestions take other spellings into account.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "rules/compile.hpp"
#include "rules/vocabulary.hpp"
#include "shortlist/rules.hpp"

using namespace shortlist;
namespace vocab = shortlist::rules_detail::vocabulary;

TEST_CASE("field types and operators are named in the order of their enums", "[rules]") {
  const std::vector<std::string> types = {"string", "text",  "number",    "boolean",
                                          "ordinal", "date", "timestamp", "country"};
  REQUIRE(vocab::field_types().size() == types.size());
  for (std::size_t i = 0; i < types.size(); ++i) {
    CHECK(rules_detail::type_name(static_cast<FieldType>(i)) == types[i]);
  }
  CHECK(vocab::operators().size() == static_cast<std::size_t>(Op::kNot) + 1);
  CHECK(op_name(Op::kEquals) == "equals");
  CHECK(op_name(Op::kBetween) == "between");
  CHECK(op_name(Op::kNotBefore) == "not_before");
  CHECK(op_name(Op::kContainsNone) == "contains_none");
  CHECK(op_name(Op::kPresent) == "present");
  CHECK(op_name(Op::kNot) == "not");
}

TEST_CASE("suggestions: other spellings, case, then edit distance", "[rules]") {
  const auto types = vocab::field_types();
  CHECK(vocab::suggestion("bool", types) == "boolean");
  CHECK(vocab::suggestion("Integer", types) == "number");
  CHECK(vocab::suggestion("TEXT", types) == "text");
  CHECK(vocab::suggestion("ordnal", types) == "ordinal");
  CHECK(vocab::suggestion("xyz", types).empty());
}

TEST_CASE("every mapping's keys are unique and described", "[rules]") {
  for (const vocab::Mapping* m :
       {&vocab::top(), &vocab::call(), &vocab::field(), &vocab::output(), &vocab::profile(),
        &vocab::require_rule(), &vocab::score_rule(), &vocab::shortlist()}) {
    for (const vocab::Key& key : m->keys) {
      INFO(m->title << "." << key.name);
      CHECK(m->find(key.name) == &key);
      CHECK(!key.description.empty());
      CHECK((key.value == vocab::Value::kChoice) == !key.choices.empty());
    }
  }
}
