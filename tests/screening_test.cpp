// Deciding one record against the profiles (SPEC 3.2, 3.4, 4.1). The rules and
// the record's typed values are built by hand, as the loader and the typing would
// give them, so these tests check decide_record alone. Points and scores are
// worked out by hand next to each case.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "shortlist/evaluate.hpp"
#include "shortlist/screening.hpp"
#include "shortlist/typing.hpp"

using namespace shortlist;

namespace {

// Field indexes of the hand-built rules.
enum FieldIndex : int { kId, kProfile, kNationality, kAiYears, kSkills, kCv, kDegree, kFieldCount };

Decimal dec(std::string_view text) {
  auto d = Decimal::parse(text);
  REQUIRE(d.has_value());
  return *d;
}

Scalar text(std::string original, std::string normalized) {
  return Text{std::move(original), std::move(normalized)};
}

FieldSpec field(std::string name, FieldType type, std::optional<std::string> sep = std::nullopt) {
  FieldSpec f;
  f.name = std::move(name);
  f.type = type;
  f.list_separator = std::move(sep);
  return f;
}

Rules base_rules() {
  Rules r;
  r.fields.push_back(field("id", FieldType::kString));
  r.fields.push_back(field("profile", FieldType::kString));
  r.fields.push_back(field("nationality", FieldType::kCountry, ";"));
  r.fields.push_back(field("ai_years", FieldType::kNumber));
  r.fields.push_back(field("skills", FieldType::kText, ";"));
  r.fields.push_back(field("cv", FieldType::kText));
  FieldSpec degree = field("degree", FieldType::kOrdinal);
  degree.scale = {"secondary", "bachelor", "master", "doctorate"};
  r.fields.push_back(degree);
  r.id_field = kId;
  return r;
}

// ---- conditions ----

Condition leaf(Op op, int f, std::vector<Scalar> operands) {
  Condition c;
  c.op = op;
  c.field = f;
  c.operands = std::move(operands);
  return c;
}
Condition profile_is(const std::string& name) {
  return leaf(Op::kEquals, kProfile, {Scalar(name)});
}
Condition eu_citizen() {
  return leaf(Op::kIn, kNationality,
              {Scalar(std::string("AT")), Scalar(std::string("BE")), Scalar(std::string("DE")),
               Scalar(std::string("FR"))});
}
Condition ai_at_least(std::string_view years) { return leaf(Op::kAtLeast, kAiYears, {dec(years)}); }

RequireRule require(std::string id, Condition c, OnMissing on_missing = OnMissing::kReview) {
  RequireRule r;
  r.id = std::move(id);
  r.condition = std::move(c);
  r.on_missing = on_missing;
  condition_fields(r.condition, r.reads);  // as the loader does
  return r;
}

// ---- score rules ----

ScoreRule points_when(std::string id, Condition c, std::string_view points) {
  ScoreRule s;
  s.id = std::move(id);
  s.kind = ScoreRule::Kind::kPoints;
  s.condition = std::move(c);
  s.points = dec(points);
  condition_fields(s.condition, s.reads);  // as the loader does
  return s;
}
ScoreRule each_number(std::string id, int f, std::string_view each) {
  ScoreRule s;
  s.id = std::move(id);
  s.kind = ScoreRule::Kind::kEachNumber;
  s.field = f;
  s.reads = {f};  // as the loader does
  s.each = dec(each);
  return s;
}
ScoreRule each_item(std::string id, int f, std::string_view each,
                    std::optional<std::vector<Scalar>> count_in = std::nullopt) {
  ScoreRule s;
  s.id = std::move(id);
  s.kind = ScoreRule::Kind::kEachItem;
  s.field = f;
  s.reads = {f};  // as the loader does
  s.each = dec(each);
  if (count_in)
    for (const Scalar& entry : *count_in) s.count_in_keys.insert(distinct_key(entry));  // as the loader does
  s.count_in = std::move(count_in);
  return s;
}
ScoreRule count_phrases(std::string id, int f, std::string_view each,
                        const std::vector<std::string>& phrases) {
  ScoreRule s;
  s.id = std::move(id);
  s.kind = ScoreRule::Kind::kCountPhrases;
  s.field = f;
  s.reads = {f};  // as the loader does
  s.each = dec(each);
  s.phrases = std::make_shared<PhraseSet>(phrases);
  return s;
}
ScoreRule capped(ScoreRule s, std::string_view max) {
  s.max = dec(max);
  return s;
}

Profile profile(std::string id) {
  Profile p;
  p.id = std::move(id);
  return p;
}

// ---- values ----

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
TypedValue countries(std::initializer_list<const char*> codes) {
  std::vector<Scalar> items;
  for (const char* c : codes) items.emplace_back(std::string(c));
  return list(std::move(items));
}
TypedValue unreadable(std::string raw, std::string reason) {
  TypedValue v;
  v.state = TypedValue::State::kUnreadable;
  v.raw = std::move(raw);
  v.reason = std::move(reason);
  return v;
}

// A record: id A1, profile "tech", nationality [DE], 7 years of AI; the rest missing.
std::vector<TypedValue> record() {
  std::vector<TypedValue> v(kFieldCount);
  v[kId] = one(std::string("A1"));
  v[kProfile] = one(std::string("tech"));
  v[kNationality] = countries({"DE"});
  v[kAiYears] = one(dec("7"));
  return v;
}

std::vector<ProfileDecision> decide(const Rules& rules, const std::vector<TypedValue>& values,
                                    const std::vector<int>& selected = {}) {
  std::vector<ProfileDecision> out;
  decide_record(rules, selected, values, out);
  return out;
}

// The single decision of a rules object with one profile.
ProfileDecision decide_one(const Rules& rules, const std::vector<TypedValue>& values) {
  auto out = decide(rules, values);
  REQUIRE(out.size() == 1);
  return out.front();
}

// Rules with one profile scoring with `rules`.
Rules scoring(std::vector<ScoreRule> rules) {
  Rules r = base_rules();
  Profile p = profile("tech");
  p.score = std::move(rules);
  r.profiles.push_back(std::move(p));
  return r;
}

std::string score_of(const ProfileDecision& d) {
  REQUIRE(d.score.has_value());
  return d.score->to_string();
}

}  // namespace

namespace Catch {
template <>
struct StringMaker<Status> {
  static std::string convert(Status s) { return std::string(status_name(s)); }
};
}  // namespace Catch

// ---- which profiles decide ----

TEST_CASE("a profile whose when is false is skipped", "[screening]") {
  Rules r = base_rules();
  Profile tech = profile("tech");
  tech.when = profile_is("tech");
  Profile admin = profile("admin");
  admin.when = profile_is("admin");
  r.profiles = {tech, admin};

  auto values = record();
  values[kProfile] = one(std::string("admin"));
  auto out = decide(r, values);
  REQUIRE(out.size() == 1);
  CHECK(out[0].profile == 1);
  CHECK(out[0].status == Status::kEligible);
}

TEST_CASE("every profile whose when holds gets a decision, in rules order", "[screening]") {
  Rules r = base_rules();
  Profile tech = profile("tech");
  tech.when = profile_is("tech");
  Profile all = profile("all");  // no when: every record
  Profile eu = profile("eu");
  eu.when = eu_citizen();
  r.profiles = {tech, all, eu};

  auto out = decide(r, record());
  REQUIRE(out.size() == 3);
  CHECK(out[0].profile == 0);
  CHECK(out[1].profile == 1);
  CHECK(out[2].profile == 2);
}

TEST_CASE("a when that is undetermined counts as false", "[screening]") {
  Rules r = base_rules();
  Profile tech = profile("tech");
  tech.when = profile_is("tech");
  Profile experienced = profile("experienced");
  experienced.when = ai_at_least("1");
  r.profiles = {tech, experienced};

  auto values = record();
  values[kProfile] = TypedValue{};                         // missing
  values[kAiYears] = unreadable("five", "not a number: 'five'");
  auto out = decide(r, values);
  REQUIRE(out.size() == 1);
  CHECK(out[0].profile == -1);
  CHECK(out[0].status == Status::kNoProfile);
}

TEST_CASE("a record no profile takes gets one no-profile decision", "[screening]") {
  Rules r = base_rules();
  Profile tech = profile("tech");
  tech.when = profile_is("tech");
  r.profiles = {tech};

  auto values = record();
  values[kProfile] = one(std::string("legal"));
  auto out = decide(r, values);
  REQUIRE(out.size() == 1);
  CHECK(out[0].profile == -1);
  CHECK(out[0].status == Status::kNoProfile);
  CHECK_FALSE(out[0].score.has_value());
  CHECK(out[0].checks_json.view() == "[]");
  CHECK(out[0].points_json.view() == "[]");
  CHECK(out[0].reason.empty());
}

TEST_CASE("only the selected profiles are decided", "[screening]") {
  Rules r = base_rules();
  r.profiles = {profile("a"), profile("b"), profile("c")};
  auto out = decide(r, record(), {2, 0});
  REQUIRE(out.size() == 2);
  CHECK(out[0].profile == 0);
  CHECK(out[1].profile == 2);

  Rules one_profile = base_rules();
  Profile tech = profile("tech");
  tech.when = profile_is("admin");
  one_profile.profiles = {profile("other"), tech};
  // Profile 1 is selected but its when is false: no profile takes the record.
  auto none = decide(one_profile, record(), {1});
  REQUIRE(none.size() == 1);
  CHECK(none[0].status == Status::kNoProfile);
}

// ---- require ----

TEST_CASE("a failed require makes the record ineligible, with no score or points",
          "[screening]") {
  Rules r = base_rules();
  Profile p = profile("tech");
  p.require = {require("eu-citizen", eu_citizen()), require("ai-experience", ai_at_least("1"))};
  p.score = {each_number("years", kAiYears, "1")};
  r.profiles = {p};

  auto values = record();
  values[kNationality] = countries({"US"});
  ProfileDecision d = decide_one(r, values);
  CHECK(d.status == Status::kIneligible);
  CHECK_FALSE(d.score.has_value());
  CHECK(d.points_json.view() == "[]");
  CHECK(d.reason.empty());
  CHECK(d.checks_json.view() ==
        R"([{"rule":"eu-citizen","outcome":"fail","value":["US"],"written":null},)"
        R"({"rule":"ai-experience","outcome":"pass","value":"7","written":null}])");
}

TEST_CASE("a require on a missing value sends the record to review by default", "[screening]") {
  Rules r = base_rules();
  Profile p = profile("tech");
  p.require = {require("eu-citizen", eu_citizen()), require("ai-experience", ai_at_least("1"))};
  p.score = {points_when("eu", eu_citizen(), "2")};
  r.profiles = {p};

  auto values = record();
  values[kAiYears] = TypedValue{};
  ProfileDecision d = decide_one(r, values);
  CHECK(d.status == Status::kReview);
  CHECK(d.reason == "undetermined: ai-experience");
  // A record in review still carries its score: 2 points for the EU citizen.
  CHECK(score_of(d) == "2");
  CHECK(d.checks_json.view() ==
        R"([{"rule":"eu-citizen","outcome":"pass","value":["DE"],"written":null},)"
        R"({"rule":"ai-experience","outcome":"missing","value":null,"written":null}])");
}

TEST_CASE("a require on an unreadable value records the raw text and the reason",
          "[screening]") {
  Rules r = base_rules();
  Profile p = profile("tech");
  p.require = {require("ai-experience", ai_at_least("1"))};
  r.profiles = {p};

  auto values = record();
  values[kAiYears] = unreadable("five", "not a number: 'five'");
  ProfileDecision d = decide_one(r, values);
  CHECK(d.status == Status::kReview);
  CHECK(d.reason == "undetermined: ai-experience");
  CHECK(d.checks_json.view() ==
        R"([{"rule":"ai-experience","outcome":"unreadable","value":"five","written":"five",)"
        R"("reason":"not a number: 'five'"}])");
}

TEST_CASE("on_missing: fail makes an undetermined require fail", "[screening]") {
  Rules r = base_rules();
  Profile p = profile("tech");
  p.require = {require("ai-experience", ai_at_least("1"), OnMissing::kFail)};
  r.profiles = {p};

  auto values = record();
  values[kAiYears] = TypedValue{};
  ProfileDecision d = decide_one(r, values);
  CHECK(d.status == Status::kIneligible);
  CHECK_FALSE(d.score.has_value());
  CHECK(d.points_json.view() == "[]");
  CHECK(d.checks_json.view() ==
        R"([{"rule":"ai-experience","outcome":"missing","value":null,"written":null}])");
}

TEST_CASE("on_missing: pass lets a require on a missing value pass", "[screening]") {
  Rules r = base_rules();
  Profile p = profile("tech");
  p.require = {require("ai-experience", ai_at_least("1"), OnMissing::kPass)};
  r.profiles = {p};

  auto values = record();
  values[kAiYears] = TypedValue{};
  ProfileDecision d = decide_one(r, values);
  CHECK(d.status == Status::kEligible);
  CHECK(d.reason.empty());
  CHECK(score_of(d) == "0");
  // The check itself is still recorded as it was.
  CHECK(d.checks_json.view() ==
        R"([{"rule":"ai-experience","outcome":"missing","value":null,"written":null}])");
}

TEST_CASE("on_missing does not apply to an unreadable value: on_unreadable does", "[screening]") {
  // SPEC 3.2 v1.1: a value that is there but cannot be read ("5 years" without
  // suffixes, "1.234,5") follows on_unreadable, whose default is review.
  Rules r = base_rules();
  Profile p = profile("tech");
  p.require = {require("ai-experience", ai_at_least("1"), OnMissing::kFail)};
  r.profiles = {p};
  auto values = record();
  values[kAiYears] = unreadable("lots", "not a number: 'lots'");
  ProfileDecision d = decide_one(r, values);
  CHECK(d.status == Status::kReview);
  CHECK(d.reason == "undetermined: ai-experience");
  CHECK(d.checks_json.view() ==
        R"([{"rule":"ai-experience","outcome":"unreadable","value":"lots","written":"lots",)"
        R"("reason":"not a number: 'lots'"}])");

  r.profiles[0].require[0].on_unreadable = OnMissing::kPass;
  CHECK(decide_one(r, values).status == Status::kEligible);
  r.profiles[0].require[0].on_unreadable = OnMissing::kFail;
  CHECK(decide_one(r, values).status == Status::kIneligible);
  // ... and on_unreadable does not apply to a missing value.
  values[kAiYears] = TypedValue{};
  r.profiles[0].require[0].on_missing = OnMissing::kReview;
  CHECK(decide_one(r, values).status == Status::kReview);
}

TEST_CASE("on_missing only applies to undetermined checks, not to failed ones", "[screening]") {
  Rules r = base_rules();
  Profile p = profile("tech");
  p.require = {require("ai-experience", ai_at_least("10"), OnMissing::kPass)};
  r.profiles = {p};
  ProfileDecision d = decide_one(r, record());  // 7 years < 10
  CHECK(d.status == Status::kIneligible);
}

TEST_CASE("a failed require wins over one in review", "[screening]") {
  Rules r = base_rules();
  Profile p = profile("tech");
  p.require = {require("ai-experience", ai_at_least("1")), require("eu-citizen", eu_citizen())};
  r.profiles = {p};

  auto values = record();
  values[kAiYears] = TypedValue{};
  values[kNationality] = countries({"US", "CA"});
  ProfileDecision d = decide_one(r, values);
  CHECK(d.status == Status::kIneligible);
  CHECK_FALSE(d.score.has_value());
}

TEST_CASE("every require in review is named in the reason", "[screening]") {
  Rules r = base_rules();
  Profile p = profile("tech");
  p.require = {require("eu-citizen", eu_citizen()), require("ai-experience", ai_at_least("1")),
               require("degree", leaf(Op::kAtLeast, kDegree, {Ordinal{1}}))};
  r.profiles = {p};

  auto values = record();
  values[kNationality] = TypedValue{};
  values[kAiYears] = TypedValue{};
  ProfileDecision d = decide_one(r, values);
  CHECK(d.status == Status::kReview);
  CHECK(d.reason == "undetermined: eu-citizen, ai-experience, degree");
}

TEST_CASE("a require over several fields records each field's value", "[screening]") {
  Rules r = base_rules();
  Profile p = profile("tech");
  Condition either;
  either.op = Op::kAny;
  either.children = {ai_at_least("5"), leaf(Op::kAtLeast, kDegree, {Ordinal{3}})};
  p.require = {require("experience", either)};
  r.profiles = {p};

  auto values = record();
  values[kAiYears] = one(dec("2.5"));
  values[kDegree] = one(Ordinal{3});
  ProfileDecision d = decide_one(r, values);
  CHECK(d.status == Status::kEligible);
  CHECK(d.checks_json.view() ==
        R"([{"rule":"experience","outcome":"pass","value":{"ai_years":"2.5","degree":"doctorate"},)"
        R"("written":{"ai_years":null,"degree":null}}])");
}

// ---- score ----

TEST_CASE("points on a condition are given only when it holds", "[screening]") {
  Rules r = scoring({points_when("doctorate", leaf(Op::kEquals, kDegree, {Ordinal{3}}), "2")});
  auto values = record();
  values[kDegree] = one(Ordinal{3});
  ProfileDecision yes = decide_one(r, values);
  CHECK(score_of(yes) == "2");
  CHECK(yes.points_json.view() == R"([{"rule":"doctorate","points":"2"}])");

  values[kDegree] = one(Ordinal{2});
  ProfileDecision no = decide_one(r, values);
  CHECK(score_of(no) == "0");
  CHECK(no.points_json.view() == R"([{"rule":"doctorate","points":"0"}])");
}

TEST_CASE("a points rule on a missing value gives 0 and is recorded as missing", "[screening]") {
  Rules r = scoring({points_when("doctorate", leaf(Op::kEquals, kDegree, {Ordinal{3}}), "2")});
  ProfileDecision d = decide_one(r, record());  // degree missing
  CHECK(d.status == Status::kEligible);
  CHECK(score_of(d) == "0");
  CHECK(d.points_json.view() ==
        R"([{"rule":"doctorate","points":"0","outcome":"missing","value":null,"written":null}])");
}

TEST_CASE("a points rule on an unreadable value sends the record to review, never 0",
          "[screening]") {
  Rules r = scoring({points_when("experienced", ai_at_least("5"), "4")});
  auto values = record();
  values[kAiYears] = unreadable("ten", "not a number: 'ten'");
  ProfileDecision d = decide_one(r, values);
  CHECK(d.status == Status::kReview);
  CHECK_FALSE(d.score.has_value());
  CHECK(d.reason == "score experienced: 'ten' is unreadable (not a number: 'ten')");
  CHECK(d.points_json.view() ==
        R"([{"rule":"experienced","points":null,"outcome":"unreadable","value":"ten",)"
        R"("written":"ten","reason":"not a number: 'ten'"}])");

  // on_unreadable: zero is the author's explicit choice of the old behaviour.
  r.profiles[0].score[0].on_unreadable = OnScoreDoubt::kZero;
  ProfileDecision zero = decide_one(r, values);
  CHECK(zero.status == Status::kEligible);
  CHECK(score_of(zero) == "0");
  CHECK(zero.points_json.view() ==
        R"([{"rule":"experienced","points":"0","outcome":"unreadable","value":"ten",)"
        R"("written":"ten","reason":"not a number: 'ten'"}])");
}

TEST_CASE("each on a number gives each x value", "[screening]") {
  Rules r = scoring({each_number("years", kAiYears, "1.5")});
  ProfileDecision d = decide_one(r, record());  // 1.5 x 7 = 10.5
  CHECK(score_of(d) == "10.5");
  CHECK(d.points_json.view() == R"([{"rule":"years","points":"10.5"}])");

  auto values = record();
  values[kAiYears] = one(dec("0.25"));  // 1.5 x 0.25 = 0.375
  CHECK(score_of(decide_one(r, values)) == "0.375");
  values[kAiYears] = one(dec("-2"));  // 1.5 x -2 = -3
  CHECK(score_of(decide_one(r, values)) == "-3");
}

TEST_CASE("each on a missing number gives 0, and on an unreadable one, review", "[screening]") {
  Rules r = scoring({each_number("years", kAiYears, "1")});
  auto values = record();
  values[kAiYears] = TypedValue{};
  ProfileDecision m = decide_one(r, values);
  CHECK(m.status == Status::kEligible);
  CHECK(score_of(m) == "0");
  CHECK(m.points_json.view() ==
        R"([{"rule":"years","points":"0","outcome":"missing","value":null,"written":null}])");

  // The case that exposed it: a years cell "1.234,5" was 0 points, and ranked.
  values[kAiYears] = unreadable("1.234,5", "not a number: '1.234,5'");
  ProfileDecision u = decide_one(r, values);
  CHECK(u.status == Status::kReview);
  CHECK_FALSE(u.score.has_value());
  CHECK(u.reason == "score years: '1.234,5' is unreadable (not a number: '1.234,5')");
  CHECK(u.points_json.view() ==
        R"([{"rule":"years","points":null,"outcome":"unreadable","value":"1.234,5",)"
        R"("written":"1.234,5","reason":"not a number: '1.234,5'"}])");
}

TEST_CASE("on_missing: review on a score rule sends a missing value to review", "[screening]") {
  Rules r = scoring({each_number("years", kAiYears, "1")});
  r.profiles[0].score[0].on_missing = OnScoreDoubt::kReview;
  auto values = record();
  values[kAiYears] = TypedValue{};
  ProfileDecision d = decide_one(r, values);
  CHECK(d.status == Status::kReview);
  CHECK(d.reason == "score years: value missing");
  CHECK_FALSE(d.score.has_value());
}

TEST_CASE("a failed require wins over a score rule in review", "[screening]") {
  Rules r = scoring({each_number("years", kAiYears, "1")});
  r.profiles[0].require = {require("eu-citizen", eu_citizen())};
  auto values = record();
  values[kNationality] = countries({"US"});
  values[kAiYears] = unreadable("=1+1", "not a number: '=1+1'");
  ProfileDecision d = decide_one(r, values);
  CHECK(d.status == Status::kIneligible);
  CHECK(d.reason.empty());
}

TEST_CASE("each on a list counts its items", "[screening]") {
  Rules r = scoring({each_item("nationalities", kNationality, "0.5")});
  auto values = record();
  values[kNationality] = countries({"DE", "FR", "US"});  // 0.5 x 3 = 1.5
  CHECK(score_of(decide_one(r, values)) == "1.5");
}

TEST_CASE("each on a list with count_in counts only the items in the list", "[screening]") {
  Rules r = scoring({each_item("ai-skills", kSkills, "2",
                               std::vector<Scalar>{text("machine learning", "machine learning"),
                                                   text("PyTorch", "pytorch"),
                                                   text("deep learning", "deep learning")})});
  auto values = record();
  // "Machine-Learning" and "pytorch" are in the set, "cooking" is not: 2 x 2 = 4.
  values[kSkills] = list({text("Machine-Learning", "machine learning"),
                          text("cooking", "cooking"), text("pytorch", "pytorch")});
  ProfileDecision d = decide_one(r, values);
  CHECK(score_of(d) == "4");
  CHECK(d.points_json.view() == R"([{"rule":"ai-skills","points":"4"}])");

  values[kSkills] = list({text("cooking", "cooking")});
  CHECK(score_of(decide_one(r, values)) == "0");
}

TEST_CASE("count_phrases counts distinct phrases, not occurrences", "[screening]") {
  Rules r = scoring({count_phrases("assets", kCv, "3", {"bias", "red teaming", "alignment"})});
  auto values = record();
  // "bias" twice and "red teaming" once: 2 distinct phrases, 3 x 2 = 6.
  // "biased" does not count as "bias".
  values[kCv] = one(text("Bias, bias and Red-Teaming; biased", "bias bias and red teaming biased"));
  ProfileDecision d = decide_one(r, values);
  CHECK(score_of(d) == "6");
  CHECK(d.points_json.view() == R"([{"rule":"assets","points":"6"}])");
}

TEST_CASE("max caps a rule's points", "[screening]") {
  Rules r = scoring({capped(each_number("years", kAiYears, "2"), "10"),
                     capped(each_item("nationalities", kNationality, "1"), "10")});
  auto values = record();  // years: 2 x 7 = 14, capped at 10
  values[kNationality] = countries({"DE", "FR"});  // 1 x 2 = 2, under the cap
  ProfileDecision d = decide_one(r, values);
  CHECK(score_of(d) == "12");
  CHECK(d.points_json.view() ==
        R"([{"rule":"years","points":"10"},{"rule":"nationalities","points":"2"}])");

  values[kAiYears] = one(dec("5"));  // 2 x 5 = 10: exactly the cap
  CHECK(score_of(decide_one(r, values)) == "12");
}

TEST_CASE("the score is the sum of the rules' points", "[screening]") {
  Rules r = scoring({each_number("years", kAiYears, "1.5"),
                     points_when("eu", eu_citizen(), "0.25"),
                     count_phrases("assets", kCv, "3", {"model evaluation", "bias"})});
  auto values = record();
  values[kCv] = one(text("model evaluation", "model evaluation"));
  // 10.5 + 0.25 + 3 = 13.75
  ProfileDecision d = decide_one(r, values);
  CHECK(score_of(d) == "13.75");
  CHECK(d.points_json.view() ==
        R"([{"rule":"years","points":"10.5"},{"rule":"eu","points":"0.25"},)"
        R"({"rule":"assets","points":"3"}])");
}

TEST_CASE("min_score: a score equal to it passes, one below is below-cutoff", "[screening]") {
  Rules r = scoring({each_number("years", kAiYears, "1")});
  r.profiles[0].shortlist.min_score = dec("7");
  auto values = record();
  ProfileDecision at = decide_one(r, values);  // 7 = 7
  CHECK(at.status == Status::kEligible);
  CHECK(score_of(at) == "7");

  values[kAiYears] = one(dec("6.999"));
  ProfileDecision below = decide_one(r, values);
  CHECK(below.status == Status::kBelowCutoff);
  CHECK(score_of(below) == "6.999");
  CHECK(below.reason.empty());

  values[kAiYears] = one(dec("8"));
  CHECK(decide_one(r, values).status == Status::kEligible);
}

TEST_CASE("without min_score every passing record is eligible", "[screening]") {
  Rules r = scoring({each_number("years", kAiYears, "1")});
  auto values = record();
  values[kAiYears] = one(dec("-5"));
  ProfileDecision d = decide_one(r, values);
  CHECK(d.status == Status::kEligible);
  CHECK(score_of(d) == "-5");
}

TEST_CASE("review wins over below-cutoff and keeps the score", "[screening]") {
  Rules r = base_rules();
  Profile p = profile("tech");
  p.require = {require("eu-citizen", eu_citizen())};
  p.score = {each_number("years", kAiYears, "1")};
  p.shortlist.min_score = dec("8");
  r.profiles = {p};

  auto values = record();
  values[kNationality] = TypedValue{};
  ProfileDecision d = decide_one(r, values);
  CHECK(d.status == Status::kReview);
  CHECK(score_of(d) == "7");
}

TEST_CASE("a small decision's checks and points, exactly", "[screening]") {
  Rules r = base_rules();
  Profile p = profile("tech");
  p.when = profile_is("tech");
  p.require = {require("eu-citizen", eu_citizen()), require("ai-experience", ai_at_least("1"))};
  p.score = {capped(each_item("ai-skills", kSkills, "2",
                              std::vector<Scalar>{text("machine learning", "machine learning"),
                                                  text("PyTorch", "pytorch")}),
                    "10"),
             count_phrases("assets", kCv, "3", {"red teaming", "bias"}),
             capped(each_number("years", kAiYears, "1"), "10"),
             points_when("doctorate", leaf(Op::kEquals, kDegree, {Ordinal{3}}), "2")};
  p.shortlist.min_score = dec("8");
  r.profiles = {p};

  auto values = record();
  values[kNationality] = countries({"US", "FR"});
  values[kAiYears] = one(dec("3.5"));
  values[kSkills] = list({text("PyTorch", "pytorch"), text("Excel", "excel")});
  values[kCv] = one(text("Red \"teaming\"", "red teaming"));
  // ai-skills 2 x 1 = 2; assets 3 x 1 = 3; years 1 x 3.5 = 3.5; doctorate: degree
  // missing, 0. Total 8.5 >= 8.
  ProfileDecision d = decide_one(r, values);
  CHECK(d.profile == 0);
  CHECK(d.status == Status::kEligible);
  CHECK(score_of(d) == "8.5");
  CHECK(d.reason.empty());
  CHECK(d.checks_json.view() ==
        R"([{"rule":"eu-citizen","outcome":"pass","value":["US","FR"],"written":null},)"
        R"({"rule":"ai-experience","outcome":"pass","value":"3.5","written":null}])");
  CHECK(d.points_json.view() ==
        R"([{"rule":"ai-skills","points":"2"},{"rule":"assets","points":"3"},)"
        R"({"rule":"years","points":"3.5"},)"
        R"({"rule":"doctorate","points":"0","outcome":"missing","value":null,"written":null}])");
}

TEST_CASE("a profile with no rules passes with score 0", "[screening]") {
  Rules r = base_rules();
  r.profiles = {profile("open")};
  ProfileDecision d = decide_one(r, record());
  CHECK(d.status == Status::kEligible);
  CHECK(score_of(d) == "0");
  CHECK(d.checks_json.view() == "[]");
  CHECK(d.points_json.view() == "[]");
}

TEST_CASE("decide_record replaces what out held before", "[screening]") {
  Rules r = base_rules();
  r.profiles = {profile("a")};
  std::vector<ProfileDecision> out(3);
  decide_record(r, {}, record(), out);
  REQUIRE(out.size() == 1);
  CHECK(out[0].profile == 0);
}

// ---- with rules loaded from YAML ----

namespace {

constexpr std::string_view kLoadedRules = R"(shortlist: 1
call:
  id: TEST-CALL
  deadline: 2024-03-27T12:00
  timezone: Europe/Brussels
fields:
  id:          { column: applicant_id }
  nationality: { column: nationality, type: country, list: ";" }
  submitted:   { column: submitted_at, type: timestamp }
  profile:     { column: profile }
  degree:      { column: degree, type: ordinal, scale: [secondary, bachelor, master, doctorate],
                 aliases: { PhD: doctorate } }
  ai_years:    { column: years, type: number, map: { "<1": 0, ">20": 21 } }
  skills:      { column: skills, type: text, list: ";" }
  cv:          { column: cv, type: text }
sets:
  ai_skills: [machine learning, deep learning, PyTorch]
  assets:    [model evaluation, red teaming, bias]
profiles:
  - id: tech
    when: { field: profile, equals: tech }
    require:
      - { id: eu-citizen, field: nationality, in: EU }
      - { id: on-time, field: submitted, not_after: call.deadline }
      - { id: ai-experience, field: ai_years, at_least: 1, on_missing: fail }
      - { id: degree, field: degree, at_least: bachelor }
    score:
      - { id: ai-skills, field: skills, count_in: ai_skills, each: 2, max: 10 }
      - { id: assets, field: cv, count_phrases: assets, each: 3 }
      - { id: years, field: ai_years, each: 1, max: 10 }
      - { id: doctorate, field: degree, equals: doctorate, points: 2 }
    shortlist:
      min_score: 8
)";

// Types a record given as (field name, CSV cell) pairs; other fields are absent.
std::vector<TypedValue> typed(const Rules& rules,
                              const std::vector<std::pair<std::string, std::string>>& cells) {
  std::vector<TypedValue> values(rules.fields.size());
  for (const auto& [name, cell] : cells) {
    int f = rules.field_index(name);
    REQUIRE(f >= 0);
    RawValue raw;
    raw.kind = RawValue::Kind::kString;
    raw.text = cell;
    values[static_cast<std::size_t>(f)] =
        read_value(rules.fields[static_cast<std::size_t>(f)], raw, rules.call.timezone);
  }
  return values;
}

}  // namespace

TEST_CASE("a record typed and decided against loaded rules", "[screening]") {
  LoadedRules loaded = load_rules_text(kLoadedRules, "rules.yaml");
  for (const auto& d : loaded.diagnostics) INFO(d.formatted());
  REQUIRE(loaded.ok());
  const Rules& rules = *loaded.rules;

  // Submitted exactly at the deadline (12:00 CET = 11:00Z): not_after holds.
  // ai-skills: 2 of the set's phrases x 2 = 4; assets: "red teaming" and "bias"
  // ("biased" is no match) x 3 = 6; years: ">20" maps to 21, 1 x 21 capped at 10;
  // doctorate: 2. Total 22.
  auto values = typed(rules, {{"id", "A7"},
                              {"nationality", "Deutschland; US"},
                              {"submitted", "2024-03-27 12:00"},
                              {"profile", "tech"},
                              {"degree", "PhD"},
                              {"ai_years", ">20"},
                              {"skills", "Machine Learning; PyTorch; Excel"},
                              {"cv", "Red-Teaming and bias; biased; bias"}});
  std::vector<ProfileDecision> out;
  decide_record(rules, {}, values, out);
  REQUIRE(out.size() == 1);
  const ProfileDecision& d = out[0];
  CHECK(d.profile == 0);
  CHECK(d.status == Status::kEligible);
  CHECK(score_of(d) == "22");
  CHECK(d.checks_json.view() ==
        R"([{"rule":"eu-citizen","outcome":"pass","value":["DE","US"],"written":"Deutschland; US"},)"
        R"({"rule":"on-time","outcome":"pass","value":"2024-03-27T11:00:00Z",)"
        R"("written":"2024-03-27 12:00"},)"
        R"({"rule":"ai-experience","outcome":"pass","value":"21","written":">20"},)"
        R"({"rule":"degree","outcome":"pass","value":"doctorate","written":"PhD"}])");
  CHECK(d.points_json.view() ==
        R"([{"rule":"ai-skills","points":"4"},{"rule":"assets","points":"6"},)"
        R"({"rule":"years","points":"10"},{"rule":"doctorate","points":"2"}])");
}

TEST_CASE("loaded rules: one second late is ineligible, a missing number fails", "[screening]") {
  LoadedRules loaded = load_rules_text(kLoadedRules, "rules.yaml");
  REQUIRE(loaded.ok());
  const Rules& rules = *loaded.rules;

  auto values = typed(rules, {{"id", "A8"},
                              {"nationality", "FR"},
                              {"submitted", "2024-03-27T12:00:01"},
                              {"profile", "tech"},
                              {"degree", "master"},
                              {"ai_years", ""}});
  std::vector<ProfileDecision> out;
  decide_record(rules, {}, values, out);
  REQUIRE(out.size() == 1);
  CHECK(out[0].status == Status::kIneligible);
  CHECK_FALSE(out[0].score.has_value());
  CHECK(out[0].checks_json.view() ==
        R"([{"rule":"eu-citizen","outcome":"pass","value":["FR"],"written":"FR"},)"
        R"({"rule":"on-time","outcome":"fail","value":"2024-03-27T11:00:01Z",)"
        R"("written":"2024-03-27T12:00:01"},)"
        R"({"rule":"ai-experience","outcome":"missing","value":null,"written":null},)"
        R"({"rule":"degree","outcome":"pass","value":"master","written":"master"}])");

  // Another profile value: no profile takes the record.
  values = typed(rules, {{"id", "A9"}, {"profile", "admin"}});
  decide_record(rules, {}, values, out);
  REQUIRE(out.size() == 1);
  CHECK(out[0].status == Status::kNoProfile);
}

TEST_CASE("each on a list counts distinct items, however many", "[screening]") {
  // 100,000 items (a JSON array may hold that many), every value twice:
  // 50,000 distinct, looked up by hash.
  Rules r = scoring({each_item("n", kSkills, "1")});
  std::vector<Scalar> items;
  for (int i = 0; i < 100000; ++i) {
    const std::string t = "skill " + std::to_string(i % 50000);
    items.push_back(text(t, t));
  }
  auto values = record();
  values[kSkills] = list(std::move(items));
  CHECK(score_of(decide_one(r, values)) == "50000");
}

TEST_CASE("each on a list: padding a skill five ways counts it once", "[screening]") {
  Rules r = scoring({each_item("ai-skills", kSkills, "2",
                               std::vector<Scalar>{text("PyTorch", "pytorch")})});
  auto values = record();
  // PyTorch;pytorch;PYTORCH;Py-Torch;PyTorch: one item, in the set: 2.
  values[kSkills] = list({text("PyTorch", "pytorch"), text("pytorch", "pytorch"),
                          text("PYTORCH", "pytorch"), text("Py-Torch", "py torch"),
                          text("PyTorch", "pytorch")});
  CHECK(score_of(decide_one(r, values)) == "2");
}

TEST_CASE("a sum beyond the exact range is review, never wrapped", "[screening]") {
  // Each rule gives 999999999999 x 999999999999 = 999999999998000000000001,
  // about 1.0e36 units of 10^-12; 2^127 units is about 1.7e38, so 171 rules
  // overflow a signed 128-bit count.
  std::vector<ScoreRule> rules;
  for (int i = 0; i < 171; ++i) rules.push_back(each_number("r" + std::to_string(i), kAiYears, "999999999999"));
  Rules r = scoring(std::move(rules));
  auto values = record();
  values[kAiYears] = one(dec("999999999999"));
  ProfileDecision d = decide_one(r, values);
  CHECK(d.status == Status::kReview);
  CHECK(d.reason == "score out of range");
  CHECK_FALSE(d.score.has_value());
}

// ---- fields typed late ----

namespace {

// Counts the calls, notes the fields asked for, and fills in the late field
// as a caller's typing would.
struct CountingLate final : LateFields {
  std::vector<TypedValue>& values;
  int calls = 0;
  std::vector<int> needed;
  explicit CountingLate(std::vector<TypedValue>& v) : values(v) {}
  void need(const std::vector<int>& fields) override {
    needed.insert(needed.end(), fields.begin(), fields.end());
  }
  void type_late() override {
    if (calls++ == 0) values[kCv] = list({text("Red teaming", "red teaming")});
  }
};

// tech: EU citizens, scored on phrases of the CV; admin: no knock-out, scored
// on years.
Rules two_profiles() {
  Rules r = base_rules();
  Profile tech = profile("tech");
  tech.when = profile_is("tech");
  tech.require = {require("eu", eu_citizen())};
  tech.score = {count_phrases("cv", kCv, "3", {"red teaming"})};
  Profile all = profile("all");
  all.require = {require("experienced", ai_at_least("1"))};
  all.score = {each_number("years", kAiYears, "1")};
  r.profiles = {tech, all};
  return r;
}

}  // namespace

TEST_CASE("the fields typed first: the id and those of the when conditions", "[screening]") {
  const Rules r = two_profiles();
  // id and profile (tech's when); not nationality or ai_years, which require
  // rules read, nor skills, cv or degree.
  const std::vector<bool> all = {true, true, false, false, false, false, false};
  CHECK(fields_typed_first(r, {}) == all);
  // Only the selected profiles count: `all` has no when.
  const std::vector<bool> second = {true, false, false, false, false, false, false};
  CHECK(fields_typed_first(r, {1}) == second);
}

TEST_CASE("without detail, a profile's knock-outs stop at the first failure", "[screening]") {
  // tech requires EU citizenship, then experience, then a degree.
  Rules r = base_rules();
  Profile tech = profile("tech");
  tech.require = {require("eu", eu_citizen()), require("experienced", ai_at_least("1")),
                  require("degree", leaf(Op::kAtLeast, kDegree, {Scalar(Ordinal{1})}))};
  r.profiles = {tech};
  auto values = record();
  values[kNationality] = countries({"US"});
  values[kAiYears] = TypedValue{};  // missing: review, were it checked
  std::vector<ProfileDecision> out;
  SECTION("no detail: the rules after the failure are neither typed nor checked") {
    CountingLate late(values);
    decide_record(r, {}, values, out, false, &late);
    REQUIRE(out.size() == 1);
    CHECK(out[0].status == Status::kIneligible);
    CHECK(out[0].reason.empty());
    CHECK(late.needed == std::vector<int>{kNationality});
    CHECK(late.calls == 0);
  }
  SECTION("with detail: every rule is checked and shown") {
    CountingLate late(values);
    decide_record(r, {}, values, out, true, &late);
    REQUIRE(out.size() == 1);
    CHECK(out[0].status == Status::kIneligible);
    CHECK(late.needed == std::vector<int>{kNationality, kAiYears, kDegree});
    CHECK(out[0].checks_json.view().find("\"rule\":\"experienced\"") != std::string::npos);
    CHECK(out[0].checks_json.view().find("\"rule\":\"degree\"") != std::string::npos);
  }
  SECTION("a doubt before the failure changes nothing: still ineligible") {
    values[kNationality] = TypedValue{};  // missing: review on its own
    values[kAiYears] = one(dec("0"));  // fails
    CountingLate late(values);
    decide_record(r, {}, values, out, false, &late);
    REQUIRE(out.size() == 1);
    CHECK(out[0].status == Status::kIneligible);
    CHECK(late.needed == std::vector<int>{kNationality, kAiYears});
  }
}

TEST_CASE("late fields are typed once, and only when a profile reaches its scores",
          "[screening]") {
  const Rules r = two_profiles();
  std::vector<ProfileDecision> out;
  SECTION("every profile rejects the record: never") {
    auto values = record();
    values[kNationality] = countries({"US"});
    values[kAiYears] = one(dec("0"));
    CountingLate late(values);
    decide_record(r, {}, values, out, false, &late);
    CHECK(late.calls == 0);
    REQUIRE(out.size() == 2);
    CHECK(out[0].status == Status::kIneligible);
    CHECK(out[1].status == Status::kIneligible);
  }
  SECTION("the first profile rejects it, the second scores it: before its scores") {
    auto values = record();
    values[kNationality] = countries({"US"});
    CountingLate late(values);
    decide_record(r, {}, values, out, false, &late);
    CHECK(late.calls == 1);
    REQUIRE(out.size() == 2);
    CHECK(out[0].status == Status::kIneligible);
    CHECK(score_of(out[1]) == "7");
  }
  SECTION("both score it: the phrases are counted in the value typed late") {
    auto values = record();
    CountingLate late(values);
    decide_record(r, {}, values, out, false, &late);
    CHECK(late.calls == 2);  // once per profile; only the first types
    REQUIRE(out.size() == 2);
    CHECK(score_of(out[0]) == "3");  // one phrase found, 3 each
    CHECK(score_of(out[1]) == "7");
  }
}
