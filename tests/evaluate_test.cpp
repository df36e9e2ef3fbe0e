// Evaluating conditions (SPEC 3.2, 3.3). Conditions and typed values are built by
// hand, as the rules loader and the typing would give them, so these tests check
// the evaluator alone. Each operator is tried on every type it applies to with a
// value that makes it true, one that makes it false, a missing value and an
// unreadable one.
#include <catch2/catch.hpp>

#include <re2/re2.h>

#include <algorithm>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "shortlist/evaluate.hpp"

using namespace shortlist;

namespace Catch {
template <>
struct StringMaker<Truth> {
  static std::string convert(Truth t) {
    switch (t) {
      case Truth::kTrue: return "true";
      case Truth::kFalse: return "false";
      case Truth::kUndetermined: return "undetermined";
    }
    return "?";
  }
};
}  // namespace Catch

namespace {

constexpr Truth T = Truth::kTrue;
constexpr Truth F = Truth::kFalse;
constexpr Truth U = Truth::kUndetermined;

// Field indexes of the record every test evaluates on.
enum FieldIndex : int {
  kNumber, kOrdinal, kDate, kTimestamp, kString, kText, kBoolean, kCountry,
  kCountries, kTexts, kNumbers, kStrings, kFieldCount
};

// ---- typed items, written as the typing would give them ----

Scalar num(std::string_view text) {
  auto d = Decimal::parse(text);
  REQUIRE(d.has_value());
  return *d;
}
Scalar ord(std::int32_t index) { return Ordinal{index}; }
Scalar day(std::int32_t days) { return Date{days}; }
Scalar at(std::int64_t ns) { return Instant{ns}; }
Scalar str(std::string s) { return s; }
Scalar text(std::string original, std::string normalized) {
  return Text{std::move(original), std::move(normalized)};
}

TypedValue one(Scalar s) {
  TypedValue v;
  v.state = TypedValue::State::kOk;
  v.items.push_back(std::move(s));
  return v;
}
TypedValue list(std::vector<Scalar> items) {
  TypedValue v;
  v.state = TypedValue::State::kOk;
  v.is_list = true;
  v.items = std::move(items);
  return v;
}
TypedValue missing() { return TypedValue{}; }
TypedValue unreadable() {
  TypedValue v;
  v.state = TypedValue::State::kUnreadable;
  v.raw = "n/a";
  v.reason = "cannot read 'n/a'";
  return v;
}

// ---- conditions, built as the rules loader would ----

Condition leaf(Op op, int field, std::vector<Scalar> operands) {
  Condition c;
  c.op = op;
  c.field = field;
  c.operands = std::move(operands);
  return c;
}
Condition phrases(Op op, int field, std::vector<std::string> list) {
  Condition c;
  c.op = op;
  c.field = field;
  c.phrases = std::make_shared<PhraseSet>(list);
  return c;
}
Condition matches(int field, const std::string& pattern) {
  Condition c;
  c.op = Op::kMatches;
  c.field = field;
  c.regex = std::make_shared<re2::RE2>(pattern);
  REQUIRE(c.regex->ok());
  return c;
}
Condition present(int field, bool wanted) {
  Condition c;
  c.op = Op::kPresent;
  c.field = field;
  c.present = wanted;
  return c;
}
Condition combine(Op op, std::vector<Condition> children) {
  Condition c;
  c.op = op;
  c.children = std::move(children);
  return c;
}

std::vector<TypedValue> record_with(int field, TypedValue v) {
  std::vector<TypedValue> values(kFieldCount);
  values[static_cast<std::size_t>(field)] = std::move(v);
  return values;
}

Truth eval(const Condition& c, TypedValue v) { return evaluate(c, record_with(c.field, std::move(v))); }

// The four results every leaf test checks.
struct Four {
  Truth yes, no, on_missing, on_unreadable;
  bool operator==(const Four&) const = default;
};

Four four(const Condition& c, TypedValue yes, TypedValue no) {
  return {eval(c, std::move(yes)), eval(c, std::move(no)), eval(c, missing()),
          eval(c, unreadable())};
}

constexpr Four kUsual{T, F, U, U};

}  // namespace

namespace Catch {
template <>
struct StringMaker<Four> {
  static std::string convert(const Four& f) {
    return "{" + StringMaker<Truth>::convert(f.yes) + ", " + StringMaker<Truth>::convert(f.no) +
           ", missing: " + StringMaker<Truth>::convert(f.on_missing) +
           ", unreadable: " + StringMaker<Truth>::convert(f.on_unreadable) + "}";
  }
};
}  // namespace Catch

// ---- equals / not_equals ----

TEST_CASE("equals on every type", "[evaluate]") {
  CHECK(four(leaf(Op::kEquals, kNumber, {num("7.5")}), one(num("7,50")), one(num("7.4"))) ==
        kUsual);
  CHECK(four(leaf(Op::kEquals, kOrdinal, {ord(3)}), one(ord(3)), one(ord(2))) == kUsual);
  CHECK(four(leaf(Op::kEquals, kDate, {day(19809)}), one(day(19809)), one(day(19810))) ==
        kUsual);
  CHECK(four(leaf(Op::kEquals, kTimestamp, {at(1000)}), one(at(1000)), one(at(1001))) ==
        kUsual);
  CHECK(four(leaf(Op::kEquals, kString, {str("tech-specialist")}), one(str("tech-specialist")),
             one(str("Tech-Specialist"))) == kUsual);
  // Text compares normalized: "Red-Teaming!" and "red teaming" are the same text.
  CHECK(four(leaf(Op::kEquals, kText, {text("red teaming", "red teaming")}),
             one(text("Red-Teaming!", "red teaming")), one(text("red team", "red team"))) ==
        kUsual);
  CHECK(four(leaf(Op::kEquals, kBoolean, {Scalar(true)}), one(true), one(false)) == kUsual);
  CHECK(four(leaf(Op::kEquals, kBoolean, {Scalar(false)}), one(false), one(true)) == kUsual);
  CHECK(four(leaf(Op::kEquals, kCountry, {str("DE")}), one(str("DE")), one(str("AT"))) ==
        kUsual);
}

TEST_CASE("not_equals on every type", "[evaluate]") {
  CHECK(four(leaf(Op::kNotEquals, kNumber, {num("7")}), one(num("-7")), one(num("7.000"))) ==
        kUsual);
  CHECK(four(leaf(Op::kNotEquals, kOrdinal, {ord(0)}), one(ord(1)), one(ord(0))) == kUsual);
  CHECK(four(leaf(Op::kNotEquals, kDate, {day(5)}), one(day(6)), one(day(5))) == kUsual);
  CHECK(four(leaf(Op::kNotEquals, kTimestamp, {at(5)}), one(at(4)), one(at(5))) == kUsual);
  CHECK(four(leaf(Op::kNotEquals, kString, {str("a")}), one(str("A")), one(str("a"))) ==
        kUsual);
  CHECK(four(leaf(Op::kNotEquals, kText, {text("bias", "bias")}),
             one(text("biased", "biased")), one(text("BIAS", "bias"))) == kUsual);
  CHECK(four(leaf(Op::kNotEquals, kBoolean, {Scalar(true)}), one(false), one(true)) == kUsual);
  CHECK(four(leaf(Op::kNotEquals, kCountry, {str("US")}), one(str("DE")), one(str("US"))) ==
        kUsual);
}

TEST_CASE("equals on a list holds when any item equals", "[evaluate]") {
  Condition c = leaf(Op::kEquals, kCountries, {str("DE")});
  CHECK(four(c, list({str("US"), str("DE")}), list({str("US"), str("CA")})) == kUsual);
}

TEST_CASE("not_equals on a list holds when no item equals", "[evaluate]") {
  Condition c = leaf(Op::kNotEquals, kCountries, {str("US")});
  CHECK(four(c, list({str("DE"), str("FR")}), list({str("DE"), str("US")})) == kUsual);
}

// ---- in / not_in ----

TEST_CASE("in on every type", "[evaluate]") {
  CHECK(four(leaf(Op::kIn, kNumber, {num("1"), num("2.5")}), one(num("2.5")), one(num("2"))) ==
        kUsual);
  CHECK(four(leaf(Op::kIn, kOrdinal, {ord(2), ord(3)}), one(ord(2)), one(ord(1))) == kUsual);
  CHECK(four(leaf(Op::kIn, kDate, {day(1), day(3)}), one(day(3)), one(day(2))) == kUsual);
  CHECK(four(leaf(Op::kIn, kTimestamp, {at(10), at(30)}), one(at(10)), one(at(20))) == kUsual);
  CHECK(four(leaf(Op::kIn, kString, {str("tech"), str("admin")}), one(str("admin")),
             one(str("legal"))) == kUsual);
  CHECK(four(leaf(Op::kIn, kText, {text("deep learning", "deep learning"), text("ml", "ml")}),
             one(text("Deep-Learning", "deep learning")), one(text("learning", "learning"))) ==
        kUsual);
  CHECK(four(leaf(Op::kIn, kBoolean, {Scalar(true)}), one(true), one(false)) == kUsual);
  CHECK(four(leaf(Op::kIn, kCountry, {str("AT"), str("BE"), str("DE")}), one(str("BE")),
             one(str("CH"))) == kUsual);
}

TEST_CASE("not_in on every type", "[evaluate]") {
  CHECK(four(leaf(Op::kNotIn, kNumber, {num("1"), num("2")}), one(num("3")), one(num("2.0"))) ==
        kUsual);
  CHECK(four(leaf(Op::kNotIn, kOrdinal, {ord(0)}), one(ord(1)), one(ord(0))) == kUsual);
  CHECK(four(leaf(Op::kNotIn, kDate, {day(1), day(3)}), one(day(2)), one(day(1))) == kUsual);
  CHECK(four(leaf(Op::kNotIn, kTimestamp, {at(10)}), one(at(11)), one(at(10))) == kUsual);
  CHECK(four(leaf(Op::kNotIn, kString, {str("x"), str("y")}), one(str("z")), one(str("y"))) ==
        kUsual);
  CHECK(four(leaf(Op::kNotIn, kText, {text("bias", "bias")}), one(text("bias free", "bias free")),
             one(text("Bias", "bias"))) == kUsual);
  CHECK(four(leaf(Op::kNotIn, kBoolean, {Scalar(false)}), one(true), one(false)) == kUsual);
  CHECK(four(leaf(Op::kNotIn, kCountry, {str("AT"), str("DE")}), one(str("US")),
             one(str("DE"))) == kUsual);
}

TEST_CASE("in on a list holds when any item is in the list", "[evaluate]") {
  Condition eu = leaf(Op::kIn, kCountries, {str("AT"), str("BE"), str("DE"), str("FR")});
  CHECK(four(eu, list({str("US"), str("FR")}), list({str("US"), str("CA")})) == kUsual);
}

TEST_CASE("not_in on a list holds when no item is in the list", "[evaluate]") {
  Condition eu = leaf(Op::kNotIn, kCountries, {str("AT"), str("BE"), str("DE"), str("FR")});
  CHECK(four(eu, list({str("US"), str("CA")}), list({str("US"), str("FR")})) == kUsual);
}

// ---- at_least / at_most / between ----

TEST_CASE("at_least is inclusive on numbers, ordinals, dates and timestamps", "[evaluate]") {
  CHECK(four(leaf(Op::kAtLeast, kNumber, {num("1")}), one(num("1.0")), one(num("0.999"))) ==
        kUsual);
  CHECK(eval(leaf(Op::kAtLeast, kNumber, {num("1")}), one(num("21"))) == T);
  CHECK(eval(leaf(Op::kAtLeast, kNumber, {num("-1.5")}), one(num("-1.25"))) == T);
  CHECK(eval(leaf(Op::kAtLeast, kNumber, {num("-1.5")}), one(num("-2"))) == F);
  CHECK(four(leaf(Op::kAtLeast, kOrdinal, {ord(1)}), one(ord(1)), one(ord(0))) == kUsual);
  CHECK(eval(leaf(Op::kAtLeast, kOrdinal, {ord(1)}), one(ord(3))) == T);
  CHECK(four(leaf(Op::kAtLeast, kDate, {day(100)}), one(day(100)), one(day(99))) == kUsual);
  CHECK(eval(leaf(Op::kAtLeast, kDate, {day(-5)}), one(day(-4))) == T);
  CHECK(four(leaf(Op::kAtLeast, kTimestamp, {at(100)}), one(at(100)), one(at(99))) == kUsual);
}

TEST_CASE("at_most is inclusive on numbers, ordinals, dates and timestamps", "[evaluate]") {
  CHECK(four(leaf(Op::kAtMost, kNumber, {num("10")}), one(num("10")), one(num("10.000001"))) ==
        kUsual);
  CHECK(eval(leaf(Op::kAtMost, kNumber, {num("10")}), one(num("-100"))) == T);
  CHECK(four(leaf(Op::kAtMost, kOrdinal, {ord(2)}), one(ord(2)), one(ord(3))) == kUsual);
  CHECK(four(leaf(Op::kAtMost, kDate, {day(100)}), one(day(100)), one(day(101))) == kUsual);
  CHECK(four(leaf(Op::kAtMost, kTimestamp, {at(100)}), one(at(100)), one(at(101))) == kUsual);
}

TEST_CASE("between includes both bounds", "[evaluate]") {
  Condition n = leaf(Op::kBetween, kNumber, {num("2"), num("5.5")});
  CHECK(four(n, one(num("2")), one(num("1.99"))) == kUsual);
  CHECK(eval(n, one(num("5.5"))) == T);
  CHECK(eval(n, one(num("3"))) == T);
  CHECK(eval(n, one(num("5.51"))) == F);
  Condition o = leaf(Op::kBetween, kOrdinal, {ord(1), ord(2)});
  CHECK(four(o, one(ord(2)), one(ord(3))) == kUsual);
  CHECK(eval(o, one(ord(1))) == T);
  CHECK(eval(o, one(ord(0))) == F);
  Condition d = leaf(Op::kBetween, kDate, {day(10), day(20)});
  CHECK(four(d, one(day(20)), one(day(21))) == kUsual);
  CHECK(eval(d, one(day(10))) == T);
  CHECK(eval(d, one(day(9))) == F);
  Condition t = leaf(Op::kBetween, kTimestamp, {at(10), at(20)});
  CHECK(four(t, one(at(10)), one(at(9))) == kUsual);
  CHECK(eval(t, one(at(20))) == T);
  CHECK(eval(t, one(at(21))) == F);
}

TEST_CASE("comparisons on a list hold when any item satisfies them", "[evaluate]") {
  CHECK(four(leaf(Op::kAtLeast, kNumbers, {num("5")}), list({num("1"), num("7")}),
             list({num("1"), num("4.9")})) == kUsual);
  CHECK(four(leaf(Op::kAtMost, kNumbers, {num("5")}), list({num("9"), num("5")}),
             list({num("9"), num("5.1")})) == kUsual);
  // Between needs one item inside, not one item over each bound.
  CHECK(four(leaf(Op::kBetween, kNumbers, {num("2"), num("4")}), list({num("1"), num("3")}),
             list({num("1"), num("5")})) == kUsual);
}

// ---- before / after / not_after / not_before ----

TEST_CASE("before and after are strict on dates and timestamps", "[evaluate]") {
  CHECK(four(leaf(Op::kBefore, kDate, {day(19809)}), one(day(19808)), one(day(19809))) ==
        kUsual);
  CHECK(four(leaf(Op::kBefore, kTimestamp, {at(5000)}), one(at(4999)), one(at(5000))) ==
        kUsual);
  CHECK(eval(leaf(Op::kBefore, kTimestamp, {at(5000)}), one(at(-1))) == T);
  CHECK(four(leaf(Op::kAfter, kDate, {day(19809)}), one(day(19810)), one(day(19809))) ==
        kUsual);
  CHECK(four(leaf(Op::kAfter, kTimestamp, {at(5000)}), one(at(5001)), one(at(5000))) == kUsual);
  CHECK(eval(leaf(Op::kAfter, kTimestamp, {at(5000)}), one(at(4000))) == F);
}

TEST_CASE("not_after and not_before include the bound", "[evaluate]") {
  CHECK(four(leaf(Op::kNotAfter, kDate, {day(19809)}), one(day(19809)), one(day(19810))) ==
        kUsual);
  CHECK(eval(leaf(Op::kNotAfter, kDate, {day(19809)}), one(day(0))) == T);
  CHECK(four(leaf(Op::kNotAfter, kTimestamp, {at(5000)}), one(at(5000)), one(at(5001))) ==
        kUsual);
  CHECK(four(leaf(Op::kNotBefore, kDate, {day(19809)}), one(day(19809)), one(day(19808))) ==
        kUsual);
  CHECK(four(leaf(Op::kNotBefore, kTimestamp, {at(5000)}), one(at(5000)), one(at(4999))) ==
        kUsual);
  CHECK(eval(leaf(Op::kNotBefore, kTimestamp, {at(5000)}), one(at(9000))) == T);
}

// ---- contains_any / contains_all / contains_none ----

TEST_CASE("contains_any holds when one phrase is found on word boundaries", "[evaluate]") {
  Condition c = phrases(Op::kContainsAny, kText, {"red teaming", "bias"});
  CHECK(four(c, one(text("Red-Teaming of LLMs", "red teaming of llms")),
             one(text("Biased models", "biased models"))) == kUsual);
  CHECK(eval(c, one(text("on bias", "on bias"))) == T);
  // The words must be consecutive.
  CHECK(eval(c, one(text("red and teaming", "red and teaming"))) == F);
}

TEST_CASE("contains_any matches accented phrases without their accents", "[evaluate]") {
  Condition c = phrases(Op::kContainsAny, kText, {"évaluation de modèles"});
  CHECK(four(c, one(text("Evaluation de modeles", "evaluation de modeles")),
             one(text("evaluation", "evaluation"))) == kUsual);
}

TEST_CASE("contains_all holds when every phrase is found", "[evaluate]") {
  Condition c = phrases(Op::kContainsAll, kText, {"machine learning", "PyTorch"});
  CHECK(four(c, one(text("PyTorch; machine learning", "pytorch machine learning")),
             one(text("machine learning", "machine learning"))) == kUsual);
}

TEST_CASE("contains_none holds when no phrase is found", "[evaluate]") {
  Condition c = phrases(Op::kContainsNone, kText, {"bias", "alignment"});
  CHECK(four(c, one(text("biased misalignment", "biased misalignment")),
             one(text("AI alignment", "ai alignment"))) == kUsual);
}

TEST_CASE("contains_* on a list of texts", "[evaluate]") {
  std::vector<Scalar> both = {text("Machine Learning", "machine learning"),
                              text("Red teaming", "red teaming")};
  std::vector<Scalar> first_only = {text("Machine Learning", "machine learning"),
                                    text("cooking", "cooking")};
  std::vector<Scalar> neither = {text("cooking", "cooking"), text("gardening", "gardening")};

  // contains_all: the phrases may be found in different items.
  Condition all = phrases(Op::kContainsAll, kTexts, {"machine learning", "red teaming"});
  CHECK(four(all, list(both), list(first_only)) == kUsual);
  Condition any = phrases(Op::kContainsAny, kTexts, {"red teaming", "cooking"});
  CHECK(four(any, list(first_only), list({text("baking", "baking")})) == kUsual);
  // contains_none: no item contains any phrase.
  Condition none = phrases(Op::kContainsNone, kTexts, {"machine learning", "red teaming"});
  CHECK(four(none, list(neither), list(first_only)) == kUsual);
}

TEST_CASE("a phrase does not match across two items of a list", "[evaluate]") {
  Condition c = phrases(Op::kContainsAny, kTexts, {"machine learning"});
  CHECK(eval(c, list({text("machine", "machine"), text("learning", "learning")})) == F);
}

// ---- matches ----

TEST_CASE("matches is an unanchored RE2 search on strings and texts", "[evaluate]") {
  CHECK(four(matches(kString, "^A[0-9]{4}$"), one(str("A0017")), one(str("A017"))) == kUsual);
  CHECK(four(matches(kString, "[0-9]{3}"), one(str("ref-2024-x")), one(str("ref-24-x"))) ==
        kUsual);
  CHECK(four(matches(kText, "learn"), one(text("Machine learning", "machine learning")),
             one(text("biology", "biology"))) == kUsual);
}

TEST_CASE("matches on a list holds when any item matches", "[evaluate]") {
  CHECK(four(matches(kStrings, "^x"), list({str("ab"), str("xy")}),
             list({str("ab"), str("yx")})) == kUsual);
}

// ---- present ----

TEST_CASE("present: true holds on any value that is not missing", "[evaluate]") {
  for (int field : {kNumber, kOrdinal, kDate, kTimestamp, kString, kText, kBoolean, kCountry}) {
    INFO("field " << field);
    Condition c = present(field, true);
    CHECK(eval(c, missing()) == F);
    CHECK(eval(c, unreadable()) == T);
  }
  CHECK(eval(present(kNumber, true), one(num("0"))) == T);
  CHECK(eval(present(kOrdinal, true), one(ord(0))) == T);
  CHECK(eval(present(kDate, true), one(day(0))) == T);
  CHECK(eval(present(kTimestamp, true), one(at(0))) == T);
  CHECK(eval(present(kString, true), one(str("x"))) == T);
  CHECK(eval(present(kText, true), one(text("x", "x"))) == T);
  CHECK(eval(present(kBoolean, true), one(false)) == T);
  CHECK(eval(present(kCountry, true), one(str("DE"))) == T);
  CHECK(eval(present(kCountries, true), list({str("DE")})) == T);
  CHECK(eval(present(kCountries, true), missing()) == F);
}

TEST_CASE("present: false holds only on a missing value", "[evaluate]") {
  for (int field : {kNumber, kOrdinal, kDate, kTimestamp, kString, kText, kBoolean, kCountry}) {
    INFO("field " << field);
    Condition c = present(field, false);
    CHECK(eval(c, missing()) == T);
    CHECK(eval(c, unreadable()) == F);
  }
  CHECK(eval(present(kNumber, false), one(num("3"))) == F);
  CHECK(eval(present(kBoolean, false), one(false)) == F);
  CHECK(eval(present(kTexts, false), list({text("a", "a")})) == F);
}

// ---- all / any / not: Kleene logic ----

namespace {

// Three leaves on separate fields of one record: true, false and undetermined.
struct Kleene {
  std::vector<TypedValue> values;
  Condition t = leaf(Op::kEquals, kNumber, {num("1")});
  Condition f = leaf(Op::kEquals, kString, {str("a")});
  Condition u = leaf(Op::kEquals, kDate, {day(1)});
  Kleene() : values(kFieldCount) {
    values[kNumber] = one(num("1"));
    values[kString] = one(str("b"));
    values[kDate] = unreadable();
  }
  Truth all(std::vector<Condition> c) const { return evaluate(combine(Op::kAll, std::move(c)), values); }
  Truth any(std::vector<Condition> c) const { return evaluate(combine(Op::kAny, std::move(c)), values); }
  Truth negate(Condition c) const { return evaluate(combine(Op::kNot, {std::move(c)}), values); }
};

}  // namespace

TEST_CASE("the leaves of the Kleene tests are true, false and undetermined", "[evaluate]") {
  Kleene k;
  CHECK(evaluate(k.t, k.values) == T);
  CHECK(evaluate(k.f, k.values) == F);
  CHECK(evaluate(k.u, k.values) == U);
}

TEST_CASE("all is false if any child is false, else undetermined if any is", "[evaluate]") {
  Kleene k;
  CHECK(k.all({k.t, k.t}) == T);
  CHECK(k.all({k.t, k.f}) == F);
  CHECK(k.all({k.f, k.u}) == F);
  CHECK(k.all({k.u, k.f}) == F);
  CHECK(k.all({k.t, k.u}) == U);
  CHECK(k.all({k.u, k.t}) == U);
  CHECK(k.all({k.u, k.u}) == U);
  CHECK(k.all({k.t}) == T);
}

TEST_CASE("any is true if any child is true, else undetermined if any is", "[evaluate]") {
  Kleene k;
  CHECK(k.any({k.f, k.f}) == F);
  CHECK(k.any({k.f, k.t}) == T);
  CHECK(k.any({k.t, k.u}) == T);
  CHECK(k.any({k.u, k.t}) == T);
  CHECK(k.any({k.f, k.u}) == U);
  CHECK(k.any({k.u, k.f}) == U);
  CHECK(k.any({k.u, k.u}) == U);
}

TEST_CASE("not swaps true and false and keeps undetermined", "[evaluate]") {
  Kleene k;
  CHECK(k.negate(k.t) == F);
  CHECK(k.negate(k.f) == T);
  CHECK(k.negate(k.u) == U);
}

TEST_CASE("combinators nest", "[evaluate]") {
  Kleene k;
  // not(all(t, u)) = not(u) = u; any(f, not(f)) = t; all(t, any(u, f)) = u.
  CHECK(k.negate(combine(Op::kAll, {k.t, k.u})) == U);
  CHECK(k.any({k.f, combine(Op::kNot, {k.f})}) == T);
  CHECK(k.all({k.t, combine(Op::kAny, {k.u, k.f})}) == U);
  CHECK(k.all({k.t, combine(Op::kNot, {combine(Op::kAny, {k.f, k.f})})}) == T);
}

TEST_CASE("combinators over missing values: the undetermined case", "[evaluate]") {
  // A record with nothing in it: every comparison is undetermined, present is decided.
  std::vector<TypedValue> empty(kFieldCount);
  Condition ai = leaf(Op::kAtLeast, kNumber, {num("1")});
  Condition has_cv = present(kText, true);
  CHECK(evaluate(combine(Op::kAll, {ai, has_cv}), empty) == F);
  CHECK(evaluate(combine(Op::kAny, {ai, has_cv}), empty) == U);
  CHECK(evaluate(combine(Op::kAny, {ai, present(kText, false)}), empty) == T);
  CHECK(evaluate(combine(Op::kNot, {ai}), empty) == U);
}

// ---- scalar_equal and condition_fields ----

TEST_CASE("scalar_equal compares items of one type, text by its normalized form", "[evaluate]") {
  CHECK(scalar_equal(num("1.50"), num("1,5")));
  CHECK_FALSE(scalar_equal(num("1.5"), num("1.05")));
  CHECK(scalar_equal(text("Red-Teaming", "red teaming"), text("red teaming", "red teaming")));
  CHECK_FALSE(scalar_equal(text("bias", "bias"), text("biased", "biased")));
  CHECK(scalar_equal(str("DE"), str("DE")));
  CHECK_FALSE(scalar_equal(str("DE"), str("de")));
  CHECK(scalar_equal(Scalar(false), Scalar(false)));
  CHECK_FALSE(scalar_equal(Scalar(true), Scalar(false)));
  CHECK(scalar_equal(ord(2), ord(2)));
  CHECK(scalar_equal(day(3), day(3)));
  CHECK_FALSE(scalar_equal(at(3), at(4)));
  // Different kinds are never equal, even when they print alike.
  CHECK_FALSE(scalar_equal(str("1"), num("1")));
  CHECK_FALSE(scalar_equal(str("x"), text("x", "x")));
  CHECK_FALSE(scalar_equal(day(3), ord(3)));
}

TEST_CASE("condition_fields lists each field once, in order of appearance", "[evaluate]") {
  Condition c = combine(
      Op::kAll, {leaf(Op::kEquals, kDate, {day(1)}),
                 combine(Op::kAny, {present(kString, true), leaf(Op::kIn, kDate, {day(2)})}),
                 combine(Op::kNot, {leaf(Op::kAtLeast, kNumber, {num("1")})})});
  std::vector<int> fields;
  condition_fields(c, fields);
  CHECK(fields == std::vector<int>{kDate, kString, kNumber});

  std::vector<int> more = {kNumber};
  condition_fields(leaf(Op::kEquals, kText, {text("a", "a")}), more);
  CHECK(more == std::vector<int>{kNumber, kText});
}

// ---- v1.1: values that are read but prove nothing ----

namespace {

Condition in_states(Op op, int field, std::initializer_list<const char*> codes) {
  std::vector<Scalar> operands;
  for (const char* c : codes) operands.emplace_back(std::string(c));
  Condition c = leaf(op, field, std::move(operands));
  // As the loader works them out for country fields: the territories of the
  // listed states (a subset of the table is enough here).
  const std::vector<std::pair<std::string, std::string>> table = {
      {"AX", "FI"}, {"CW", "NL"}, {"GL", "DK"}, {"GP", "FR"}, {"RE", "FR"}, {"YT", "FR"}};
  for (const auto& [territory, state] : table)
    for (const char* code : codes)
      if (state == code) c.territories.emplace_back(territory, state);
  return c;
}

TypedValue codes(std::initializer_list<const char*> items) {
  std::vector<Scalar> out;
  for (const char* c : items) out.emplace_back(std::string(c));
  return list(std::move(out));
}

// Evaluates with the reason the evaluator gives for an unproven value.
std::pair<Truth, std::string> eval_doubt(const Condition& c, TypedValue v) {
  Doubt doubt;
  const Truth t = evaluate(c, record_with(c.field, std::move(v)), &doubt);
  return {t, doubt.reason};
}

}  // namespace

TEST_CASE("a territory of a listed state is undetermined, naming the state", "[evaluate]") {
  const Condition eu = in_states(Op::kIn, kCountries, {"DE", "FI", "FR", "NL", "DK"});
  CHECK(eval_doubt(eu, codes({"RE"})) == std::pair{U, std::string("RE: territory of FR")});
  CHECK(eval_doubt(eu, codes({"AX"})) == std::pair{U, std::string("AX: territory of FI")});
  CHECK(eval_doubt(eu, codes({"CW"})) == std::pair{U, std::string("CW: territory of NL")});
  CHECK(eval_doubt(eu, codes({"GL"})) == std::pair{U, std::string("GL: territory of DK")});
  // One item in the set decides; a foreign one alongside leaves the doubt.
  CHECK(eval_doubt(eu, codes({"RE", "DE"})).first == T);
  CHECK(eval_doubt(eu, codes({"RE", "US"})) == std::pair{U, std::string("RE: territory of FR")});
  CHECK(eval_doubt(eu, codes({"US"})) == std::pair{F, std::string()});
  // A state not in the list gives its territories no doubt.
  const Condition de = in_states(Op::kIn, kCountries, {"DE"});
  CHECK(eval_doubt(de, codes({"RE"})).first == F);
}

TEST_CASE("membership reads the same through the sorted operands as one by one", "[evaluate]") {
  // The loader sorts a membership test's string operands, and the evaluator
  // then searches them; conditions built without (as here) compare with
  // each operand. Both must agree on members, territories, strangers, case
  // and non-string items.
  for (Op op : {Op::kIn, Op::kNotIn}) {
    const Condition linear = in_states(op, kCountries, {"NL", "DE", "FR", "AT", "FI", "DK"});
    Condition sorted = linear;
    for (const Scalar& s : linear.operands) sorted.sorted_strings.push_back(std::get<std::string>(s));
    std::sort(sorted.sorted_strings.begin(), sorted.sorted_strings.end());
    for (const char* item : {"AT", "DE", "DK", "FI", "FR", "NL", "RE", "AX", "GL", "US", "fr", "", "ZZ"}) {
      INFO((op == Op::kIn ? "in " : "not_in ") << item);
      CHECK(eval_doubt(sorted, codes({item})) == eval_doubt(linear, codes({item})));
    }
    CHECK(eval(sorted, codes({"US", "FR"})) == eval(linear, codes({"US", "FR"})));
    CHECK(eval(sorted, one(num("1"))) == eval(linear, one(num("1"))));
  }
}

TEST_CASE("membership reads the same through packed codes as one by one", "[evaluate]") {
  // Operands of at most 7 bytes are also kept packed as numbers, with the
  // territories' codes, and the evaluator then searches those. Members,
  // territories, strangers, longer strings, a NUL inside, the empty string
  // and non-string items must all read as the one-by-one comparison reads.
  for (Op op : {Op::kIn, Op::kNotIn, Op::kEquals}) {
    const Condition linear = op == Op::kEquals ? in_states(op, kCountries, {"FR"})
                                               : in_states(op, kCountries, {"NL", "DE", "FR", "AT", "FI", "DK", "F", "SEVENXX"});
    Condition packed = linear;
    for (const Scalar& s : linear.operands) packed.sorted_strings.push_back(std::get<std::string>(s));
    std::sort(packed.sorted_strings.begin(), packed.sorted_strings.end());
    for (const std::string& code : packed.sorted_strings) {
      std::uint64_t n = 0;
      REQUIRE(shortlist::pack_short_string(code, n));
      packed.packed_strings.push_back(n);
    }
    std::sort(packed.packed_strings.begin(), packed.packed_strings.end());
    for (std::size_t i = 0; i < packed.territories.size(); ++i) {
      std::uint64_t n = 0;
      REQUIRE(shortlist::pack_short_string(packed.territories[i].first, n));
      packed.packed_territories.emplace_back(n, static_cast<std::uint32_t>(i));
    }
    std::sort(packed.packed_territories.begin(), packed.packed_territories.end());
    for (std::string item : {"AT", "DE", "DK", "FI", "FR", "NL", "F", "SEVENXX", "SEVENXXX", "FR ", "RE", "AX",
                             "GL", "US", "fr", "", "ZZ", "EIGHTBYT"}) {
      INFO(op_name(op) << " " << item);
      CHECK(eval_doubt(packed, codes({item.c_str()})) == eval_doubt(linear, codes({item.c_str()})));
    }
    const std::string with_nul("F\0", 2);
    CHECK(eval(packed, list({Scalar(with_nul)})) == eval(linear, list({Scalar(with_nul)})));
    CHECK(eval(packed, codes({"US", "FR"})) == eval(linear, codes({"US", "FR"})));
    CHECK(eval(packed, one(num("1"))) == eval(linear, one(num("1"))));
  }
  // Packing tells apart what strings tell apart.
  std::uint64_t a = 0, b = 0;
  CHECK(shortlist::pack_short_string("F", a));
  CHECK(shortlist::pack_short_string(std::string("F\0", 2), b));
  CHECK(a != b);
  CHECK_FALSE(shortlist::pack_short_string("EIGHTBYT", a));
}

TEST_CASE("not_in and equals see territories the same way", "[evaluate]") {
  CHECK(eval_doubt(in_states(Op::kNotIn, kCountries, {"FR"}), codes({"GP"})) ==
        std::pair{U, std::string("GP: territory of FR")});
  CHECK(eval(in_states(Op::kNotIn, kCountries, {"FR"}), codes({"GP", "FR"})) == F);
  CHECK(eval(in_states(Op::kEquals, kCountry, {"FR"}), one(str("YT"))) == U);
  CHECK(eval(in_states(Op::kNotEquals, kCountry, {"FR"}), one(str("YT"))) == U);
  CHECK(eval(in_states(Op::kEquals, kCountry, {"FR"}), one(str("FR"))) == T);
}

TEST_CASE("a doubt is reported only from the part that left the result open", "[evaluate]") {
  const Condition eu = in_states(Op::kIn, kCountries, {"FR"});
  const Condition years = leaf(Op::kAtLeast, kNumber, {num("1")});
  // any(true, territory): true, and no doubt to report.
  std::vector<TypedValue> values(kFieldCount);
  values[kCountries] = codes({"RE"});
  values[kNumber] = one(num("5"));
  Doubt doubt;
  CHECK(evaluate(combine(Op::kAny, {years, eu}), values, &doubt) == T);
  CHECK(doubt.kind == Doubt::Kind::kNone);
  // all(missing, territory): open; the unproven territory is named first.
  values[kNumber] = missing();
  CHECK(evaluate(combine(Op::kAll, {years, eu}), values, &doubt) == U);
  CHECK(doubt.kind == Doubt::Kind::kUnproven);
  CHECK(doubt.reason == "RE: territory of FR");
  // all(missing, unreadable): open; the unreadable value is named first.
  values[kString] = unreadable();
  doubt = Doubt{};
  CHECK(evaluate(combine(Op::kAll, {years, leaf(Op::kEquals, kString, {str("x")})}), values,
                 &doubt) == U);
  CHECK(doubt.kind == Doubt::Kind::kUnreadable);
  CHECK(doubt.field == kString);
}

TEST_CASE("a value that did not leave the result open is not its cause", "[evaluate]") {
  // all(present on an unreadable value, at_least on a missing one): `present`
  // is true on an unreadable value, so only the missing one leaves it open.
  // The rule then follows on_missing, never on_unreadable.
  std::vector<TypedValue> values(kFieldCount);
  values[kString] = unreadable();
  values[kNumber] = missing();
  Doubt doubt;
  CHECK(evaluate(combine(Op::kAll, {present(kString, true), leaf(Op::kAtLeast, kNumber,
                                                                 {num("1")})}),
                 values, &doubt) == U);
  CHECK(doubt.kind == Doubt::Kind::kMissing);
  CHECK(doubt.field == kNumber);
  // any(unreadable, true) is true: nothing to name.
  doubt = Doubt{};
  values[kNumber] = one(num("3"));
  CHECK(evaluate(combine(Op::kAny, {leaf(Op::kEquals, kString, {str("x")}),
                                    leaf(Op::kAtLeast, kNumber, {num("1")})}),
                 values, &doubt) == T);
  CHECK(doubt.kind == Doubt::Kind::kNone);
}

TEST_CASE("a date against an instant: the day containing it is undetermined", "[evaluate]") {
  // The deadline 2024-03-27T12:00 in Brussels; its day is 2024-03-27 (day 19809).
  constexpr std::int32_t kDeadlineDay = 19809;
  Condition c = leaf(Op::kNotAfter, kDate, {at(1'711'537'200LL * 1'000'000'000)});
  c.instant_days = {InstantDay{Date{kDeadlineDay}, false, "2024-03-27T12:00:00+01:00"}};
  CHECK(eval(c, one(day(kDeadlineDay - 1))) == T);
  CHECK(eval(c, one(day(kDeadlineDay + 1))) == F);
  auto [truth, doubt] = eval_doubt(c, one(day(kDeadlineDay)));
  CHECK(truth == U);
  CHECK(doubt ==
        "2024-03-27 includes 2024-03-27T12:00:00+01:00: a date alone does not tell which side of it");
  // Every ordering operator, on the day itself: the day straddles the instant.
  for (Op op : {Op::kBefore, Op::kAfter, Op::kNotBefore, Op::kAtLeast, Op::kAtMost}) {
    c.op = op;
    CHECK(eval(c, one(day(kDeadlineDay))) == U);
  }
  c.op = Op::kBefore;
  CHECK(eval(c, one(day(kDeadlineDay - 1))) == T);
  CHECK(eval(c, one(day(kDeadlineDay + 1))) == F);
}

TEST_CASE("an instant at midnight starts its day, which then decides", "[evaluate]") {
  // 2024-03-28T00:00 Brussels: the 28th begins at it, so all of the 28th is
  // not before it and all of the 27th is before it.
  constexpr std::int32_t kDay = 19810;
  Condition c = leaf(Op::kBefore, kDate, {at((1'711'584'000LL - 3600) * 1'000'000'000)});
  c.instant_days = {InstantDay{Date{kDay}, true, "2024-03-28T00:00:00+01:00"}};
  CHECK(eval(c, one(day(kDay - 1))) == T);
  CHECK(eval(c, one(day(kDay))) == F);
  c.op = Op::kNotBefore;
  CHECK(eval(c, one(day(kDay))) == T);
  c.op = Op::kNotAfter;  // 00:00 is not after it, 00:01 is: open
  CHECK(eval(c, one(day(kDay))) == U);
}

TEST_CASE("between a date and an instant bound combines both ends", "[evaluate]") {
  constexpr std::int32_t kDay = 19809;
  Condition c = leaf(Op::kBetween, kDate, {day(kDay - 10), at(1'711'537'200LL * 1'000'000'000)});
  c.instant_days = {InstantDay{}, InstantDay{Date{kDay}, false, "2024-03-27T12:00:00+01:00"}};
  CHECK(eval(c, one(day(kDay - 5))) == T);
  CHECK(eval(c, one(day(kDay))) == U);
  CHECK(eval(c, one(day(kDay - 11))) == F);
  CHECK(eval(c, one(day(kDay + 1))) == F);
}

TEST_CASE("distinct_key compares list items on their letters and digits", "[evaluate]") {
  CHECK(distinct_key(text("PyTorch", "pytorch")) == distinct_key(text("Py-Torch", "py torch")));
  CHECK(distinct_key(str("PYTORCH")) == distinct_key(text("pytorch", "pytorch")));
  CHECK(distinct_key(str("DE")) != distinct_key(str("FR")));
  CHECK(distinct_key(num("2.50")) == distinct_key(num("2.5")));
}
