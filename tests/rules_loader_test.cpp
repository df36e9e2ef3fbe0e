// Loading and checking rules files (SPEC 3, 3.5). Positions in the expected
// messages are counted by hand from the documents written inline; a comment
// shows the line and how the column was found where it is not obvious.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "shortlist/rules.hpp"
#include "shortlist/time.hpp"
#include "test_support.hpp"

using namespace shortlist;

namespace {

// Every diagnostic of loading `yaml`, formatted, in the order reported.
std::vector<std::string> messages(std::string_view yaml) {
  LoadedRules loaded = load_rules_text(yaml, "rules.yaml");
  std::vector<std::string> out;
  for (const Diagnostic& d : loaded.diagnostics) out.push_back(d.formatted());
  return out;
}

using Lines = std::vector<std::string>;

Instant utc(std::string_view text) { return *parse_timestamp(text, nullptr, "", nullptr); }

// The example of SPEC section 3, verbatim.
constexpr std::string_view kSpecExample = R"(shortlist: 1                       # language version, required
call:
  id: EU-AIO-2024-CA               # required; everything else in `call` is optional
  title: European AI Office, contract agents (first call, 2024)
  deadline: 2024-03-27T12:00       # local time in `timezone`, or with an explicit offset
  timezone: Europe/Brussels        # IANA zone name; default UTC
  reference: https://example.org/call   # optional, free text

fields:                            # canonical name -> where and how to read it
  id:          { column: applicant_id }                       # required: the applicant key
  name:        { column: [full_name, name] }                  # first column present wins
  nationality: { column: nationality, type: country, list: ";" }
  submitted:   { column: submitted_at, type: timestamp }
  profile:     { column: profile }
  degree:      { column: degree, type: ordinal,
                 scale: [secondary, bachelor, master, doctorate],
                 aliases: { High School: secondary, BSc: bachelor, MSc: master, PhD: doctorate } }
  ai_years:    { column: years_ai_experience, type: number, map: { "<1": 0, ">20": 21 } }
  skills:      { column: skills, type: text, list: ";" }
  cv:          { column: cv_summary, type: text }

sets:                              # named lists usable wherever a list is expected
  ai_skills: [machine learning, deep learning, PyTorch, TensorFlow, model evaluation]
  assets:    [model evaluation, red teaming, alignment, bias, disinformation,
              "évaluation de modèles", "apprentissage automatique"]

duplicates: review                 # review (default) | first | last  (section 4.4)

output:
  columns: [name]                  # extra fields copied into the shortlist file

profiles:
  - id: tech-specialist
    title: Technology specialist (FG IV)
    when: { field: profile, equals: tech-specialist }   # which records this profile screens; default all
    require:                       # knock-out criteria: every one must pass
      - id: eu-citizen
        text: Citizen of an EU Member State
        field: nationality
        in: EU
      - id: on-time
        text: Applied by the deadline
        field: submitted
        not_after: call.deadline
      - id: ai-experience
        field: ai_years
        at_least: 1
        on_missing: fail           # fail | pass | review (default review)
      - id: degree
        field: degree
        at_least: bachelor
    score:
      - { id: ai-skills, field: skills, count_in: ai_skills, each: 2, max: 10 }
      - { id: assets,    field: cv, count_phrases: assets, each: 3 }
      - { id: years,     field: ai_years, each: 1, max: 10 }
      - { id: doctorate, field: degree, equals: doctorate, points: 2 }
    shortlist:
      min_score: 8
      top: 100
      include_ties: false          # true: everyone tied with the last place is shortlisted too
      order: [score desc, submitted asc, id asc]    # the default when `submitted` exists
)";

const Profile& only_profile(const LoadedRules& loaded) {
  REQUIRE(loaded.ok());
  REQUIRE(loaded.rules->profiles.size() == 1);
  return loaded.rules->profiles[0];
}

}  // namespace

// ---------------------------------------------------------------------------
// The SPEC example

TEST_CASE("the SPEC example loads without diagnostics", "[rules]") {
  LoadedRules loaded = load_rules_text(kSpecExample, "rules.yaml");
  CHECK(messages(kSpecExample).empty());
  REQUIRE(loaded.ok());
  CHECK(loaded.rules->path == "rules.yaml");
  CHECK(loaded.rules->version == 1);
}

TEST_CASE("the SPEC example's call: deadline is 12:00 Brussels time, 11:00 UTC", "[rules]") {
  LoadedRules loaded = load_rules_text(kSpecExample, "rules.yaml");
  REQUIRE(loaded.ok());
  const Call& call = loaded.rules->call;
  CHECK(call.id == "EU-AIO-2024-CA");
  CHECK(call.title == "European AI Office, contract agents (first call, 2024)");
  CHECK(call.reference == "https://example.org/call");
  CHECK(call.timezone_name == "Europe/Brussels");
  CHECK(call.timezone == find_time_zone("Europe/Brussels"));
  // 27 March 2024 is before the switch to summer time (31 March): CET, UTC+1.
  REQUIRE(call.deadline.has_value());
  CHECK(*call.deadline == utc("2024-03-27T11:00:00Z"));
}

TEST_CASE("the SPEC example's fields keep columns, types, lists, maps and scales", "[rules]") {
  LoadedRules loaded = load_rules_text(kSpecExample, "rules.yaml");
  REQUIRE(loaded.ok());
  const Rules& r = *loaded.rules;
  REQUIRE(r.fields.size() == 9);
  CHECK(r.id_field == 0);
  CHECK(r.submitted_field == 3);
  CHECK(r.field_index("cv") == 8);
  CHECK(r.field_index("nope") == -1);
  const FieldSpec& id = r.fields[0];
  CHECK(id.name == "id");
  CHECK(id.columns == std::vector<std::string>{"applicant_id"});
  CHECK(id.type == FieldType::kString);
  CHECK_FALSE(id.is_list());
  CHECK(id.pos.line == 10);
  CHECK(id.pos.column == 3);
  CHECK(r.fields[1].columns == std::vector<std::string>{"full_name", "name"});
  CHECK(r.fields[2].type == FieldType::kCountry);
  CHECK(r.fields[2].list_separator == std::optional<std::string>(";"));
  CHECK(r.fields[3].type == FieldType::kTimestamp);
  CHECK(r.fields[4].type == FieldType::kString);
  const FieldSpec& degree = r.fields[5];
  CHECK(degree.type == FieldType::kOrdinal);
  CHECK(degree.scale == std::vector<std::string>{"secondary", "bachelor", "master", "doctorate"});
  using Pairs = std::vector<std::pair<std::string, std::string>>;
  CHECK(degree.aliases == Pairs{{"High School", "secondary"},
                                {"BSc", "bachelor"},
                                {"MSc", "master"},
                                {"PhD", "doctorate"}});
  CHECK(r.fields[6].type == FieldType::kNumber);
  CHECK(r.fields[6].map == Pairs{{"<1", "0"}, {">20", "21"}});
  CHECK(r.fields[7].type == FieldType::kText);
  CHECK(r.fields[7].list_separator == std::optional<std::string>(";"));
  CHECK(r.fields[8].type == FieldType::kText);
  CHECK_FALSE(r.fields[8].is_list());
  CHECK(r.duplicates == DuplicatePolicy::kReview);
  CHECK(r.output_columns == std::vector<int>{1});
}

TEST_CASE("the SPEC example's require rules are converted to the fields' types", "[rules]") {
  LoadedRules loaded = load_rules_text(kSpecExample, "rules.yaml");
  const Profile& p = only_profile(loaded);
  CHECK(p.id == "tech-specialist");
  CHECK(p.title == "Technology specialist (FG IV)");
  REQUIRE(p.when.has_value());
  CHECK(p.when->op == Op::kEquals);
  CHECK(p.when->field == 4);
  CHECK(p.when->operands == std::vector<Scalar>{Scalar(std::string("tech-specialist"))});

  REQUIRE(p.require.size() == 4);
  const RequireRule& citizen = p.require[0];
  CHECK(citizen.id == "eu-citizen");
  CHECK(citizen.text == "Citizen of an EU Member State");
  CHECK(citizen.on_missing == OnMissing::kReview);
  CHECK(citizen.pos.line == 37);
  CHECK(citizen.condition.op == Op::kIn);
  CHECK(citizen.condition.field == 2);
  // `in: EU` on a country field: the 27 Member States as alpha-2 codes.
  const std::vector<Scalar>& eu = citizen.condition.operands;
  CHECK(eu.size() == 27);
  const auto has = [&](const char* code) {
    return std::find(eu.begin(), eu.end(), Scalar(std::string(code))) != eu.end();
  };
  CHECK(has("DE"));
  CHECK(has("GR"));
  CHECK(has("HR"));
  CHECK_FALSE(has("CH"));
  CHECK_FALSE(has("GB"));

  const RequireRule& on_time = p.require[1];
  CHECK(on_time.condition.op == Op::kNotAfter);
  CHECK(on_time.condition.field == 3);
  CHECK(on_time.condition.operands == std::vector<Scalar>{Scalar(utc("2024-03-27T11:00:00Z"))});

  const RequireRule& experience = p.require[2];
  CHECK(experience.on_missing == OnMissing::kFail);
  CHECK(experience.text.empty());
  CHECK(experience.condition.op == Op::kAtLeast);
  CHECK(experience.condition.operands == std::vector<Scalar>{Scalar(Decimal::from_int(1))});

  const RequireRule& degree = p.require[3];
  CHECK(degree.condition.op == Op::kAtLeast);
  CHECK(degree.condition.operands == std::vector<Scalar>{Scalar(Ordinal{1})});  // bachelor
}

TEST_CASE("the SPEC example's score rules have the four kinds", "[rules]") {
  LoadedRules loaded = load_rules_text(kSpecExample, "rules.yaml");
  const Profile& p = only_profile(loaded);
  REQUIRE(p.score.size() == 4);

  const ScoreRule& skills = p.score[0];
  CHECK(skills.id == "ai-skills");
  CHECK(skills.kind == ScoreRule::Kind::kEachItem);
  CHECK(skills.field == 7);
  CHECK(skills.each == Decimal::from_int(2));
  CHECK(skills.max == std::optional<Decimal>(Decimal::from_int(10)));
  REQUIRE(skills.count_in.has_value());
  REQUIRE(skills.count_in->size() == 5);
  // A text field's items are compared normalized.
  CHECK(std::get<Text>((*skills.count_in)[0]).normalized == "machine learning");
  CHECK(std::get<Text>((*skills.count_in)[2]).normalized == "pytorch");

  const ScoreRule& assets = p.score[1];
  CHECK(assets.kind == ScoreRule::Kind::kCountPhrases);
  CHECK(assets.field == 8);
  CHECK(assets.each == Decimal::from_int(3));
  CHECK_FALSE(assets.max.has_value());
  REQUIRE(assets.phrases != nullptr);
  REQUIRE(assets.phrases->size() == 7);
  CHECK(assets.phrases->phrase(5) == "evaluation de modeles");

  const ScoreRule& years = p.score[2];
  CHECK(years.kind == ScoreRule::Kind::kEachNumber);
  CHECK(years.field == 6);
  CHECK(years.each == Decimal::from_int(1));
  CHECK(years.max == std::optional<Decimal>(Decimal::from_int(10)));

  const ScoreRule& doctorate = p.score[3];
  CHECK(doctorate.kind == ScoreRule::Kind::kPoints);
  CHECK(doctorate.points == Decimal::from_int(2));
  CHECK(doctorate.condition.op == Op::kEquals);
  CHECK(doctorate.condition.field == 5);
  CHECK(doctorate.condition.operands == std::vector<Scalar>{Scalar(Ordinal{3})});
}

TEST_CASE("the SPEC example's shortlist settings", "[rules]") {
  LoadedRules loaded = load_rules_text(kSpecExample, "rules.yaml");
  const ShortlistSpec& s = only_profile(loaded).shortlist;
  CHECK(s.min_score == std::optional<Decimal>(Decimal::from_int(8)));
  CHECK(s.top == std::optional<std::int64_t>(100));
  CHECK_FALSE(s.include_ties);
  REQUIRE(s.order.size() == 3);
  CHECK(s.order[0].source == OrderKey::Source::kScore);
  CHECK(s.order[0].descending);
  CHECK(s.order[1].source == OrderKey::Source::kField);
  CHECK(s.order[1].field == 3);
  CHECK_FALSE(s.order[1].descending);
  CHECK(s.order[2].field == 0);
  CHECK_FALSE(s.order[2].descending);
}

TEST_CASE("load_rules_file reads the file and names it in the rules", "[rules]") {
  test::TempDir dir;
  const auto path = dir.write("rules.yaml", std::string(kSpecExample)).string();
  LoadedRules loaded = load_rules_file(path);
  REQUIRE(loaded.ok());
  CHECK(loaded.diagnostics.empty());
  CHECK(loaded.rules->path == path);
  CHECK(loaded.rules->profiles.size() == 1);
}

// ---------------------------------------------------------------------------
// Defaults and conversions

TEST_CASE("the default order is score desc, submitted asc, id asc", "[rules]") {
  LoadedRules loaded = load_rules_text(R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id }
  submitted: { column: t, type: timestamp }
profiles:
  - id: p
)", "rules.yaml");
  const Profile& p = only_profile(loaded);
  CHECK(loaded.rules->submitted_field == 1);
  CHECK(loaded.rules->call.timezone_name == "UTC");
  CHECK(loaded.rules->call.timezone != nullptr);
  CHECK_FALSE(loaded.rules->call.deadline.has_value());
  CHECK_FALSE(p.when.has_value());
  CHECK(p.require.empty());
  CHECK_FALSE(p.shortlist.min_score.has_value());
  CHECK_FALSE(p.shortlist.top.has_value());
  REQUIRE(p.shortlist.order.size() == 3);
  CHECK(p.shortlist.order[0].source == OrderKey::Source::kScore);
  CHECK(p.shortlist.order[0].descending);
  CHECK(p.shortlist.order[1].field == 1);
  CHECK_FALSE(p.shortlist.order[1].descending);
  CHECK(p.shortlist.order[2].field == 0);
  CHECK_FALSE(p.shortlist.order[2].descending);
}

TEST_CASE("without a submitted field the default order is score desc, id asc", "[rules]") {
  LoadedRules loaded = load_rules_text(R"(shortlist: 1
call: { id: C1 }
fields:
  name: { column: n }
  id: { column: applicant_id }
profiles:
  - id: p
    shortlist: { top: 5 }
)", "rules.yaml");
  const Profile& p = only_profile(loaded);
  CHECK(loaded.rules->submitted_field == -1);
  CHECK(loaded.rules->id_field == 1);
  CHECK(p.shortlist.top == std::optional<std::int64_t>(5));
  REQUIRE(p.shortlist.order.size() == 2);
  CHECK(p.shortlist.order[0].source == OrderKey::Source::kScore);
  CHECK(p.shortlist.order[0].descending);
  CHECK(p.shortlist.order[1].source == OrderKey::Source::kField);
  CHECK(p.shortlist.order[1].field == 1);
}

TEST_CASE("an explicit order is kept as written", "[rules]") {
  LoadedRules loaded = load_rules_text(R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id }
  years: { column: y, type: number }
profiles:
  - id: p
    shortlist: { order: [years desc, "score  asc"], include_ties: true, min_score: 2.5 }
)", "rules.yaml");
  const ShortlistSpec& s = only_profile(loaded).shortlist;
  CHECK(s.include_ties);
  CHECK(s.min_score->to_string() == "2.5");
  REQUIRE(s.order.size() == 2);
  CHECK(s.order[0].source == OrderKey::Source::kField);
  CHECK(s.order[0].field == 1);
  CHECK(s.order[0].descending);
  CHECK(s.order[1].source == OrderKey::Source::kScore);
  CHECK_FALSE(s.order[1].descending);
}

TEST_CASE("country literals are read as alpha-2 codes, from lists and user sets", "[rules]") {
  LoadedRules loaded = load_rules_text(R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id }
  nationality: { column: nat, type: country }
sets:
  nordics: [Sverige, Norway, DNK]
duplicates: last
profiles:
  - id: p
    require:
      - { id: a, field: nationality, in: [Germany, FR] }
      - { id: b, field: nationality, not_in: nordics }
      - { id: c, field: nationality, in: EFTA }
      - { id: d, field: nationality, equals: Deutschland }
)", "rules.yaml");
  const Profile& p = only_profile(loaded);
  CHECK(loaded.rules->duplicates == DuplicatePolicy::kLast);
  REQUIRE(p.require.size() == 4);
  const auto codes = [](std::vector<std::string> list) {
    std::vector<Scalar> out;
    for (auto& code : list) out.emplace_back(code);
    return out;
  };
  CHECK(p.require[0].condition.operands == codes({"DE", "FR"}));
  CHECK(p.require[1].condition.op == Op::kNotIn);
  CHECK(p.require[1].condition.operands == codes({"SE", "NO", "DK"}));
  CHECK(p.require[2].condition.operands == codes({"CH", "IS", "LI", "NO"}));
  CHECK(p.require[3].condition.operands == codes({"DE"}));
}

TEST_CASE("call.deadline on a date field is the deadline's date in the call's zone", "[rules]") {
  // 00:30 on 28 March in Brussels is 23:30 UTC on the 27th: the local date counts.
  LoadedRules loaded = load_rules_text(R"(shortlist: 1
call: { id: C1, deadline: "2024-03-28 00:30", timezone: Europe/Brussels }
fields:
  id: { column: applicant_id }
  day: { column: d, type: date }
profiles:
  - id: p
    require:
      - { id: a, field: day, before: call.deadline }
      - { id: b, field: day, after: 2024-01-31 }
)", "rules.yaml");
  const Profile& p = only_profile(loaded);
  CHECK(*loaded.rules->call.deadline == utc("2024-03-27T23:30:00Z"));
  CHECK(p.require[0].condition.operands ==
        std::vector<Scalar>{Scalar(*parse_date("2024-03-28", "", nullptr))});
  CHECK(p.require[1].condition.op == Op::kAfter);
  CHECK(p.require[1].condition.operands ==
        std::vector<Scalar>{Scalar(*parse_date("2024-01-31", "", nullptr))});
}

TEST_CASE("a deadline with an offset ignores the time zone", "[rules]") {
  LoadedRules loaded = load_rules_text(R"(shortlist: 1
call: { id: C1, deadline: 2024-03-27T12:00+02:00, timezone: Europe/Brussels }
fields: { id: { column: applicant_id } }
profiles: [{ id: p }]
)", "rules.yaml");
  REQUIRE(loaded.ok());
  CHECK(*loaded.rules->call.deadline == utc("2024-03-27T10:00:00Z"));
}

TEST_CASE("combinators, matches, present and between compile", "[rules]") {
  LoadedRules loaded = load_rules_text(R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id }
  email: { column: e }
  years: { column: y, type: number }
profiles:
  - id: p
    when:
      all:
        - { field: email, matches: "@example\\.org$" }
        - not: { field: years, present: false }
        - any: [{ field: years, between: [1, 5] }, { field: years, at_most: 0 }]
)", "rules.yaml");
  const Profile& p = only_profile(loaded);
  REQUIRE(p.when.has_value());
  const Condition& all = *p.when;
  CHECK(all.op == Op::kAll);
  CHECK(all.field == -1);
  CHECK(all.pos.line == 10);
  CHECK(all.pos.column == 7);
  REQUIRE(all.children.size() == 3);
  CHECK(all.children[0].op == Op::kMatches);
  REQUIRE(all.children[0].regex != nullptr);
  const Condition& negation = all.children[1];
  CHECK(negation.op == Op::kNot);
  REQUIRE(negation.children.size() == 1);
  CHECK(negation.children[0].op == Op::kPresent);
  CHECK_FALSE(negation.children[0].present);
  const Condition& any = all.children[2];
  CHECK(any.op == Op::kAny);
  REQUIRE(any.children.size() == 2);
  CHECK(any.children[0].op == Op::kBetween);
  CHECK(any.children[0].operands ==
        std::vector<Scalar>{Scalar(Decimal::from_int(1)), Scalar(Decimal::from_int(5))});
  CHECK(any.children[1].operands == std::vector<Scalar>{Scalar(Decimal::from_int(0))});
}

TEST_CASE("contains_* share one compiled phrase set", "[rules]") {
  LoadedRules loaded = load_rules_text(R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id }
  cv: { column: cv, type: text }
sets:
  bad: [Plagiarism]
profiles:
  - id: p
    require:
      - { id: a, field: cv, contains_all: [Red-Teaming, "Évaluation"] }
      - { id: b, field: cv, contains_none: bad }
)", "rules.yaml");
  const Profile& p = only_profile(loaded);
  const Condition& all = p.require[0].condition;
  CHECK(all.op == Op::kContainsAll);
  REQUIRE(all.phrases != nullptr);
  REQUIRE(all.phrases->size() == 2);
  CHECK(all.phrases->phrase(0) == "red teaming");
  CHECK(all.phrases->phrase(1) == "evaluation");
  CHECK(p.require[1].condition.phrases->phrase(0) == "plagiarism");
}

TEST_CASE("each on a list counts items, only those in count_in when given", "[rules]") {
  LoadedRules loaded = load_rules_text(R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id }
  langs: { column: l, list: "," }
  citizenships: { column: c, type: country, list: ";" }
profiles:
  - id: p
    score:
      - { id: a, field: langs, each: 0.5 }
      - { id: b, field: citizenships, each: 1, count_in: EEA }
      - { id: c, field: langs, each: -1, count_in: [fr, de] }
)", "rules.yaml");
  const Profile& p = only_profile(loaded);
  REQUIRE(p.score.size() == 3);
  CHECK(p.score[0].kind == ScoreRule::Kind::kEachItem);
  CHECK(p.score[0].each.to_string() == "0.5");
  CHECK_FALSE(p.score[0].count_in.has_value());
  CHECK(p.score[1].kind == ScoreRule::Kind::kEachItem);
  CHECK(p.score[1].count_in->size() == 30);  // EU 27 + IS, LI, NO
  CHECK(p.score[2].each == Decimal::from_int(-1));
  CHECK(*p.score[2].count_in ==
        std::vector<Scalar>{Scalar(std::string("fr")), Scalar(std::string("de"))});
}

// ---------------------------------------------------------------------------
// Errors: each with its exact message and position

TEST_CASE("an unknown operator is reported at its key with a suggestion", "[rules]") {
  CHECK(messages(R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id }
  years: { column: years, type: number }
profiles:
  - id: p
    require:
      - id: r
        field: years
        atleast: 3
)") == Lines{"rules.yaml:11:9: error: unknown operator 'atleast' (did you mean 'at_least'?)"});
}

TEST_CASE("several errors are reported in one run, in file order", "[rules]") {
  // Without `fields`, id fields and profiles cannot be checked; each problem is
  // reported once and the run goes on.
  CHECK(messages(R"(shortlist: 1
call: { id: C1, titel: x }
feilds:
  id: { column: applicant_id }
profiles:
  - id: p
    requires: []
    shortlist: { topp: 3 }
)") == Lines{
            "rules.yaml:1:1: error: missing required key 'fields' at the top level",
            // "call: { id: C1, titel: x }": titel at column 17.
            "rules.yaml:2:17: error: unknown key 'titel' in call (did you mean 'title'?)",
            "rules.yaml:3:1: error: unknown key 'feilds' at the top level (did you mean 'fields'?)",
            "rules.yaml:7:5: error: unknown key 'requires' in profile 'p' "
            "(did you mean 'require'?)",
            // "    shortlist: { topp: 3 }": topp at column 18.
            "rules.yaml:8:18: error: unknown key 'topp' in shortlist of profile 'p' "
            "(did you mean 'top'?)",
        });
}

TEST_CASE("misspelt keys in fields and rules get suggestions", "[rules]") {
  CHECK(messages(R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id, typ: string }
profiles:
  - id: p
    require:
      - { id: r, field: id, equals: x, on_mising: fail }
)") == Lines{
            // "  id: { column: applicant_id, typ: string }": typ at column 31.
            "rules.yaml:4:31: error: unknown key 'typ' in field 'id' (did you mean 'type'?)",
            // "      - { id: r, field: id, equals: x, on_mising: fail }": column 40.
            "rules.yaml:8:40: error: unknown key 'on_mising' in rule 'r' "
            "(did you mean 'on_missing'?)",
        });
}

TEST_CASE("a key of another kind of rule is an unknown key, not an operator", "[rules]") {
  CHECK(messages(R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id }
  years: { column: y, type: number }
profiles:
  - id: p
    when: { id: x, field: years, at_least: 1 }
    require:
      - { id: r, field: years, greater_than: 3 }
    score:
      - { id: s, field: years, each: 1, on_missing: fail }
)") == Lines{
            "rules.yaml:8:13: error: unknown key 'id' in condition",
            // Nothing is close to "greater_than": it stays an unknown operator.
            "rules.yaml:10:32: error: unknown operator 'greater_than'",
            "rules.yaml:12:41: error: unknown key 'on_missing' in score rule 's'",
        });
}

TEST_CASE("an operator that does not fit the field's type is an error", "[rules]") {
  CHECK(messages(R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id }
  skills: { column: skills, type: text }
  born: { column: born, type: date }
profiles:
  - id: p
    require:
      - { id: r, field: skills, at_least: 3 }
      - { id: s, field: born, contains_any: [x] }
      - { id: t, field: born, matches: "^19" }
      - { id: u, field: id, before: 2024-01-01 }
)") == Lines{
            // "      - { id: r, field: skills, at_least: 3 }": at_least at column 33.
            "rules.yaml:10:33: error: operator 'at_least' does not fit field 'skills' of type text",
            "rules.yaml:11:31: error: operator 'contains_any' does not fit field 'born' of type "
            "date",
            "rules.yaml:12:31: error: operator 'matches' does not fit field 'born' of type date",
            "rules.yaml:13:29: error: operator 'before' does not fit field 'id' of type string",
        });
}

TEST_CASE("an unknown field is reported at its name with a suggestion", "[rules]") {
  CHECK(messages(R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id }
  nationality: { column: nat, type: country }
output: { columns: [nationalty] }
profiles:
  - id: p
    when: { field: nationalty, equals: FR }
    score:
      - { id: s, field: nation, each: 1 }
)") == Lines{
            "rules.yaml:6:21: error: unknown field 'nationalty' (did you mean 'nationality'?)",
            // "    when: { field: nationalty, equals: FR }": the name at column 20.
            "rules.yaml:9:20: error: unknown field 'nationalty' (did you mean 'nationality'?)",
            // "nation" is 5 edits from "nationality", more than 6 / 3 allows.
            "rules.yaml:11:25: error: unknown field 'nation'",
        });
}

TEST_CASE("an unknown set is reported with a suggestion", "[rules]") {
  CHECK(messages(R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id }
  nationality: { column: nat, type: country }
  skills: { column: s, type: text }
sets:
  ai_skills: [machine learning]
profiles:
  - id: p
    require:
      - { id: a, field: nationality, in: EUU }
      - { id: b, field: skills, contains_any: ai_skill }
      - { id: c, field: id, in: EU }
)") == Lines{
            // "      - { id: a, field: nationality, in: EUU }": EUU at column 42.
            "rules.yaml:12:42: error: unknown set 'EUU' (did you mean 'EU'?)",
            "rules.yaml:13:47: error: unknown set 'ai_skill' (did you mean 'ai_skills'?)",
            "rules.yaml:14:33: error: set 'EU' is built in for country fields only",
        });
}

TEST_CASE("a user set may not take a built-in set's name", "[rules]") {
  CHECK(messages(R"(shortlist: 1
call: { id: C1 }
fields: { id: { column: applicant_id } }
sets:
  EU: [FR]
  empty: []
  nested: [[a]]
profiles: [{ id: p }]
)") == Lines{
            "rules.yaml:5:3: error: set 'EU' is built in",
            "rules.yaml:6:10: error: set 'empty' is empty",
            "rules.yaml:7:12: error: expected a single value",
        });
}

TEST_CASE("a literal that is not valid for the field's type is an error", "[rules]") {
  CHECK(messages(R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id }
  nationality: { column: nat, type: country }
  years: { column: y, type: number }
  degree: { column: d, type: ordinal, scale: [bachelor, master] }
sets:
  mine: [FR, Germny]
profiles:
  - id: p
    require:
      - { id: a, field: nationality, in: mine }
      - { id: b, field: years, at_least: five }
      - { id: c, field: degree, at_least: phd }
)") == Lines{
            // The set's item is reported where it is written.
            "rules.yaml:9:14: error: 'Germny' is not a valid country for field 'nationality': "
            "unknown country: 'Germny'",
            "rules.yaml:14:42: error: 'five' is not a valid number for field 'years': "
            "not a number: 'five'",
            "rules.yaml:15:43: error: 'phd' is not a valid ordinal for field 'degree': "
            "not on the scale of 'degree': 'phd'",
        });
}

TEST_CASE("an invalid regular expression is reported with RE2's reason", "[rules]") {
  CHECK(messages(R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id }
profiles:
  - id: p
    when: { field: id, matches: "A(0" }
)") == Lines{"rules.yaml:7:33: error: invalid regular expression 'A(0': missing ): A(0"});
}

TEST_CASE("an unknown time zone is an error with a suggestion", "[rules]") {
  CHECK(messages(R"(shortlist: 1
call:
  id: C1
  timezone: Europe/Brusels
  deadline: 2024-03-27T12:00
fields: { id: { column: applicant_id } }
profiles: [{ id: p }]
)") == Lines{"rules.yaml:4:13: error: unknown time zone 'Europe/Brusels' "
             "(did you mean 'Europe/Brussels'?)"});
}

TEST_CASE("a deadline in a daylight-saving gap is refused", "[rules]") {
  // Brussels moved from 02:00 to 03:00 on 31 March 2024.
  const Lines got = messages(R"(shortlist: 1
call: { id: C1, deadline: 2024-03-31T02:30, timezone: Europe/Brussels }
fields: { id: { column: applicant_id } }
profiles: [{ id: p }]
)");
  REQUIRE(got.size() == 1);
  CHECK(got[0].rfind("rules.yaml:2:27: error: invalid deadline '2024-03-31T02:30': ", 0) == 0);
}

TEST_CASE("call.deadline needs a deadline in call", "[rules]") {
  CHECK(messages(R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id }
  submitted: { column: s, type: timestamp }
profiles:
  - id: p
    require:
      - { id: r, field: submitted, not_after: call.deadline }
)") == Lines{"rules.yaml:9:47: error: 'call.deadline' is used but call has no deadline"});
}

TEST_CASE("duplicate profile and rule ids are errors", "[rules]") {
  CHECK(messages(R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id }
  years: { column: y, type: number }
profiles:
  - id: p
    require:
      - { id: r, field: years, at_least: 1 }
      - { id: r, field: years, at_most: 9 }
    score:
      - { id: r, field: years, each: 1 }
  - id: q
  - id: p
)") == Lines{
            "rules.yaml:10:15: error: duplicate rule id 'r' (first at 9:15)",
            "rules.yaml:12:15: error: duplicate rule id 'r' (first at 9:15)",
            "rules.yaml:14:9: error: duplicate profile id 'p' (first at 7:9)",
        });
}

TEST_CASE("required keys and ids must be there", "[rules]") {
  CHECK(messages(R"(call: { title: no id }
fields:
  name: { column: n }
profiles:
  - title: no id
    require:
      - { field: name, equals: x }
)") == Lines{
            "rules.yaml:1:1: error: missing required key 'shortlist' at the top level",
            // A flow map's position is its '{': column 7 of "call: { title: no id }".
            "rules.yaml:1:7: error: missing required key 'id' in call",
            "rules.yaml:2:1: error: missing required field 'id' in fields",
            "rules.yaml:5:5: error: missing required key 'id' in profile",
            "rules.yaml:7:9: error: missing required key 'id' in rule",
        });
}

TEST_CASE("the id field must be a single string", "[rules]") {
  CHECK(messages(R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id, type: number }
profiles: [{ id: p }]
)") == Lines{"rules.yaml:4:3: error: field 'id' must be of type string, not number"});
  CHECK(messages(R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id, list: ";" }
profiles: [{ id: p }]
)") == Lines{"rules.yaml:4:3: error: field 'id' cannot be a list"});
}

TEST_CASE("only language version 1 is read", "[rules]") {
  CHECK(messages(R"(shortlist: 2
call: { id: C1 }
fields: { id: { column: applicant_id } }
profiles: [{ id: p }]
)") == Lines{"rules.yaml:1:12: error: unsupported language version '2' (expected 1)"});
}

TEST_CASE("profiles must be a non-empty list", "[rules]") {
  CHECK(messages(R"(shortlist: 1
call: { id: C1 }
fields: { id: { column: applicant_id } }
profiles: []
)") == Lines{"rules.yaml:4:11: error: expected at least one profile"});
  CHECK(messages(R"(shortlist: 1
call: { id: C1 }
fields: { id: { column: applicant_id } }
profiles: p
)") == Lines{"rules.yaml:4:11: error: expected a list"});
}

TEST_CASE("values of the wrong kind are reported", "[rules]") {
  CHECK(messages(R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id }
  years: { column: y, type: number }
duplicates: frist
profiles:
  - id: p
    require:
      - { id: a, field: years, present: yes, on_missing: maybe }
      - { id: b, field: years, between: [1] }
    score:
      - { id: c, field: years, each: ten }
      - { id: d, field: years, equals: 1, points: 1, max: [2] }
    shortlist: { top: -1, min_score: "1e3" }
)") == Lines{
            "rules.yaml:6:13: error: invalid value 'frist' for 'duplicates': expected review, "
            "first or last (did you mean 'first'?)",
            // "      - { id: a, field: years, present: yes, on_missing: maybe }"
            "rules.yaml:10:41: error: expected true or false",
            "rules.yaml:10:58: error: invalid value 'maybe' for 'on_missing': expected review, "
            "pass or fail",
            "rules.yaml:11:41: error: expected a list of two values [A, B]",
            "rules.yaml:13:38: error: expected a number: 'ten'",
            // "      - { id: d, field: years, equals: 1, points: 1, max: [2] }": '[' at 59.
            "rules.yaml:14:59: error: expected a single value",
            // "    shortlist: { top: -1, min_score: "1e3" }": -1 at 23, the quote at 38.
            "rules.yaml:15:23: error: expected a whole number >= 0: '-1'",
            "rules.yaml:15:38: error: expected a number: '1e3'",
        });
}

TEST_CASE("score rules must have one of the four shapes", "[rules]") {
  CHECK(messages(R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id }
  years: { column: y, type: number }
  cv: { column: cv, type: text }
profiles:
  - id: p
    score:
      - { id: a, field: years, points: 2 }
      - { id: b, field: years, each: 1, count_in: [1] }
      - { id: c, field: id, each: 1 }
      - { id: d, field: years, count_phrases: [x], each: 1 }
      - { id: e, field: years, equals: 1, each: 1, points: 1 }
      - { id: f, field: cv }
)") == Lines{
            "rules.yaml:10:32: error: 'points' needs a condition such as 'equals'",
            "rules.yaml:11:41: error: 'count_in' needs a list field; field 'years' has no 'list' "
            "separator",
            "rules.yaml:12:29: error: 'each' does not fit field 'id' of type string: it needs a "
            "number field, a list field or 'count_phrases'",
            "rules.yaml:13:32: error: 'count_phrases' does not fit field 'years' of type number",
            "rules.yaml:14:43: error: 'each' does not go with a condition (use 'points')",
            "rules.yaml:15:9: error: missing 'each', or a condition with 'points', in score rule "
            "'f'",
        });
}

TEST_CASE("conditions need exactly one operator, leaves a field", "[rules]") {
  CHECK(messages(R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id }
profiles:
  - id: p
    require:
      - { id: a, field: id }
      - { id: b, field: id, equals: x, in: [y] }
      - { id: c, equals: x }
      - { id: d, field: id, all: [{ field: id, equals: x }] }
      - { id: e, any: [] }
      - { id: f, not: [{ field: id, equals: x }] }
)") == Lines{
            "rules.yaml:8:9: error: missing operator in rule 'a' (expected one such as "
            "'equals', 'in' or 'all')",
            // "      - { id: b, field: id, equals: x, in: [y] }": in at column 40.
            "rules.yaml:9:40: error: more than one operator in one condition ('equals', 'in'): "
            "combine them with 'all'",
            "rules.yaml:10:18: error: operator 'equals' needs a 'field'",
            "rules.yaml:11:18: error: 'field' does not go with 'all'",
            "rules.yaml:12:23: error: 'any' needs at least one condition",
            "rules.yaml:13:23: error: expected a condition (a map such as { field: F, equals: V })",
        });
}

TEST_CASE("ordinal fields need a scale, and only they take scale and aliases", "[rules]") {
  CHECK(messages(R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id }
  level: { column: l, type: ordinal }
  grade: { column: g, scale: [a, b] }
  degree: { column: d, type: ordinal, scale: [bachelor, master, Master],
            aliases: { MSc: master, PhD: doctorate } }
  born: { column: b, format: "%d/%m/%Y" }
  kind: { column: k, type: numbr }
profiles: [{ id: p }]
)") == Lines{
            "rules.yaml:5:10: error: missing required key 'scale' in field 'level'",
            "rules.yaml:6:23: error: 'scale' is only for ordinal fields",
            "rules.yaml:7:65: error: 'Master' is on the scale twice",
            // "            aliases: { MSc: master, PhD: doctorate } }": doctorate at 42.
            "rules.yaml:8:42: error: alias target 'doctorate' is not on the scale of field "
            "'degree'",
            "rules.yaml:9:22: error: 'format' is only for date and timestamp fields",
            "rules.yaml:10:28: error: invalid value 'numbr' for 'type': expected string, text, "
            "number, boolean, ordinal, date, timestamp or country (did you mean 'number'?)",
        });
}

TEST_CASE("map replacements must read as the field's type", "[rules]") {
  CHECK(messages(R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id }
  years: { column: y, type: number, map: { "<1": zero, "n/a": 0 } }
profiles: [{ id: p }]
)") == Lines{"rules.yaml:5:50: error: map value 'zero' is not a valid number for field 'years': "
             "not a number: 'zero'"});
}

TEST_CASE("an order key needs a known field and a direction", "[rules]") {
  CHECK(messages(R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id }
  submitted: { column: s, type: timestamp }
profiles:
  - id: p
    shortlist:
      order: [score, submited asc, id up]
)") == Lines{
            // "      order: [score, submited asc, id up]"
            "rules.yaml:9:15: error: expected 'score' or a field name then asc or desc: 'score'",
            "rules.yaml:9:22: error: unknown field 'submited' (did you mean 'submitted'?)",
            "rules.yaml:9:36: error: invalid value 'up' for 'order': expected asc or desc",
        });
}

TEST_CASE("a duplicate key is an error", "[rules]") {
  CHECK(messages(R"(shortlist: 1
call: { id: C1 }
call: { id: C2 }
)") == Lines{"rules.yaml:3:1: error: duplicate key 'call' (first at 2:1)"});
}

// ---------------------------------------------------------------------------
// Warnings

TEST_CASE("warnings do not stop the rules from loading", "[rules]") {
  const std::string_view yaml = R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id }
  years: { column: y, type: number }
  cv: { column: cv, type: text }
profiles:
  - id: p
    require:
      - { id: a, field: years, between: [5, 1] }
      - { id: b, field: cv, contains_any: [ok, "--"] }
)";
  LoadedRules loaded = load_rules_text(yaml, "rules.yaml");
  CHECK(loaded.ok());
  CHECK(messages(yaml) == Lines{
                              "rules.yaml:10:41: warning: the bounds of 'between' are reversed, "
                              "so it never holds",
                              "rules.yaml:11:48: warning: phrase '--' has no letters or digits "
                              "and never matches",
                          });
}

// ---------------------------------------------------------------------------
// YAML syntax and limits

TEST_CASE("a YAML syntax error is one diagnostic at the parser's position", "[rules]") {
  LoadedRules loaded = load_rules_text("shortlist: 1\na: b: c\n", "rules.yaml");
  CHECK_FALSE(loaded.ok());
  // The second colon of "a: b: c" is at column 5.
  CHECK(messages("shortlist: 1\na: b: c\n") ==
        Lines{"rules.yaml:2:5: error: invalid YAML: illegal map value"});
}

TEST_CASE("an empty file, a non-map and several documents are refused", "[rules]") {
  CHECK(messages("") == Lines{"rules.yaml:1:1: error: rules file is empty"});
  CHECK(messages("# nothing\n") == Lines{"rules.yaml:1:1: error: rules file is empty"});
  CHECK(messages("- a\n- b\n") ==
        Lines{"rules.yaml:1:1: error: expected a map of rules at the top level"});
  CHECK(messages("shortlist: 1\n---\nshortlist: 1\n") ==
        Lines{"rules.yaml:3:1: error: rules file holds more than one YAML document"});
}

TEST_CASE("invalid UTF-8 is reported where it starts", "[rules]") {
  CHECK(messages("shortlist: 1\ncall: { id: \"\xC3\x28\" }\n") ==
        Lines{"rules.yaml:2:14: error: rules file is not valid UTF-8"});
}

TEST_CASE("billion laughs is refused quickly", "[rules]") {
  // Nine levels of ten aliases each would expand to 10^9 items.
  std::string yaml = "shortlist: 1\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int level = 1; level <= 9; ++level) {
    const std::string previous = "*l" + std::to_string(level - 1);
    yaml += "l" + std::to_string(level) + ": &l" + std::to_string(level) + " [";
    for (int i = 0; i < 10; ++i) yaml += (i ? ", " : "") + previous;
    yaml += "]\n";
  }
  const auto start = std::chrono::steady_clock::now();
  LoadedRules loaded = load_rules_text(yaml, "rules.yaml");
  const auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK_FALSE(loaded.ok());
  REQUIRE(loaded.diagnostics.size() == 1);
  CHECK(loaded.diagnostics[0].message == "document expands past 100000 nodes (aliases?)");
  CHECK(elapsed < std::chrono::seconds(2));
}

TEST_CASE("an alias of a long scalar repeated is refused by its text size", "[rules]") {
  // 50 references to 200,000 bytes: 10 MB of text, over the 8 MiB budget.
  std::string yaml = "shortlist: 1\na: &a " + std::string(200000, 'x') + "\nb: [";
  for (int i = 0; i < 50; ++i) yaml += i ? ", *a" : "*a";
  yaml += "]\n";
  const Lines got = messages(yaml);
  REQUIRE(got.size() == 1);
  CHECK(got[0].find("error: document expands past 8 MiB of text (aliases?)") != std::string::npos);
}

TEST_CASE("nesting deeper than 64 levels is refused", "[rules]") {
  // The top-level map is level 1 and the n-th '[' (column 3 + n) is level n + 1,
  // so level 65 is the 64th '[', at column 67.
  const std::string yaml = "x: " + std::string(70, '[') + std::string(70, ']') + "\n";
  CHECK(messages(yaml) == Lines{"rules.yaml:1:67: error: document nests deeper than 64 levels"});
}

TEST_CASE("nesting too deep for yaml-cpp's own limit is stopped at level 65", "[rules]") {
  // yaml-cpp gives up at 2000 levels; the limit applies while parsing, long before.
  const std::string yaml = "x: " + std::string(5000, '[') + std::string(5000, ']') + "\n";
  CHECK(messages(yaml) == Lines{"rules.yaml:1:67: error: document nests deeper than 64 levels"});
}

TEST_CASE("deep block nesting is refused too", "[rules]") {
  // "- - - ... x": the n-th "- " opens level n at column 2n - 1; level 65 at 129.
  std::string yaml;
  for (int i = 0; i < 3000; ++i) yaml += "- ";
  yaml += "x\n";
  CHECK(messages(yaml) == Lines{"rules.yaml:1:129: error: document nests deeper than 64 levels"});
}

TEST_CASE("an alias inside its own anchor is refused", "[rules]") {
  // "&a [*a]": the alias at column 5 refers to the list it is in.
  CHECK(messages("&a [*a]\n") ==
        Lines{"rules.yaml:1:5: error: an alias refers to a node that contains it"});
}

TEST_CASE("aliases copy the anchored node", "[rules]") {
  LoadedRules loaded = load_rules_text(R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id }
  years: &number { column: y, type: number }
  months: *number
profiles:
  - id: a
    require: [&senior { id: senior, field: years, at_least: 5 }]
  - id: b
    require: [*senior]
)", "rules.yaml");
  REQUIRE(loaded.ok());
  const Rules& r = *loaded.rules;
  CHECK(r.fields[2].name == "months");
  CHECK(r.fields[2].type == FieldType::kNumber);
  CHECK(r.fields[2].columns == std::vector<std::string>{"y"});
  REQUIRE(r.profiles.size() == 2);
  CHECK(r.profiles[1].require[0].id == "senior");
  CHECK(r.profiles[1].require[0].condition.operands ==
        std::vector<Scalar>{Scalar(Decimal::from_int(5))});
}

TEST_CASE("a stray comma is a syntax error, not an endless loop", "[rules]") {
  // yaml-cpp 0.7 reports it as an empty document forever (its issue #1040).
  CHECK(messages(",\nshortlist: 1\n") ==
        Lines{"rules.yaml:1:1: error: invalid YAML: unexpected ','"});
  CHECK(messages("{shortlist: 1}\n  ,\n") ==
        Lines{"rules.yaml:2:3: error: invalid YAML: unexpected ','"});
}

TEST_CASE("a rules file over 1 MiB is refused without parsing", "[rules]") {
  // A syntax error at the start shows that the text was never parsed.
  const std::string yaml = "a: b: c\n" + std::string(1 << 20, '#');
  CHECK(messages(yaml) == Lines{"rules.yaml: error: rules file is larger than 1 MiB"});
  test::TempDir dir;
  const auto path = dir.write("big.yaml", yaml).string();
  LoadedRules loaded = load_rules_file(path);
  CHECK_FALSE(loaded.ok());
  REQUIRE(loaded.diagnostics.size() == 1);
  CHECK(loaded.diagnostics[0].formatted() == path + ": error: rules file is larger than 1 MiB");
}

TEST_CASE("a rules file that cannot be read is one diagnostic", "[rules]") {
  test::TempDir dir;
  const std::string missing = (dir.path() / "missing.yaml").string();
  LoadedRules loaded = load_rules_file(missing);
  CHECK_FALSE(loaded.ok());
  REQUIRE(loaded.diagnostics.size() == 1);
  CHECK(loaded.diagnostics[0].formatted() ==
        missing + ": error: cannot read rules file: No such file or directory");
  const std::string folder = dir.path().string();
  LoadedRules from_folder = load_rules_file(folder);
  REQUIRE(from_folder.diagnostics.size() == 1);
  CHECK(from_folder.diagnostics[0].formatted() ==
        folder + ": error: cannot read rules file: Is a directory");
}

TEST_CASE("odd documents give diagnostics, never exceptions", "[rules]") {
  const std::vector<std::string> documents = {
      "shortlist: 1\ncall: x\nfields: [a]\nprofiles: {a: 1}\n",
      "shortlist: 1\ncall:\nfields:\nprofiles:\n",
      "shortlist: [1]\ncall: { id: [a] }\nfields: { id: x }\nprofiles: [x, [y], ~]\n",
      "? [a]\n: b\n",
      "&a [*a]\n",
      "shortlist: 1\ncall: { id: c }\nfields: { id: { column: i } }\n"
      "profiles: [{ id: p, when: { all: [{ not: { any: [{ field: id }] } }] } }]\n",
      "\t- x\n",
      "\"unterminated\n",
  };
  for (const std::string& yaml : documents) {
    CAPTURE(yaml);
    LoadedRules loaded;
    REQUIRE_NOTHROW(loaded = load_rules_text(yaml, "rules.yaml"));
    CHECK_FALSE(loaded.ok());
    CHECK_FALSE(loaded.diagnostics.empty());
  }
}
