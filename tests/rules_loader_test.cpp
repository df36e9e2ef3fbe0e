// Loading rules files (SPEC 3): what the compiled rules hold. The checks of
// bad rules are in rules_errors_test.cpp, YAML syntax and limits in
// rules_yaml_test.cpp.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "rules_test_support.hpp"
#include "shortlist/rules.hpp"
#include "shortlist/time.hpp"
#include "test_support.hpp"

using namespace shortlist;

namespace {

const auto messages = test::rules_messages;
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

TEST_CASE("the SPEC example loads with one warning, about on_missing: fail", "[rules]") {
  LoadedRules loaded = load_rules_text(kSpecExample, "rules.yaml");
  const auto found = messages(kSpecExample);
  REQUIRE(found.size() == 1);
  CHECK(found[0].starts_with("rules.yaml:48:21: warning: rule 'ai-experience': 'on_missing: fail' "
                             "rejects applicants whose value is missing"));
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
  REQUIRE(loaded.diagnostics.size() == 1);  // the on_missing: fail warning
  CHECK(loaded.diagnostics[0].path == path);
  CHECK(loaded.rules->path == path);
  CHECK(loaded.rules->profiles.size() == 1);
}

TEST_CASE("load_rules_file reads a file of exactly 1 MiB whole, and refuses one byte more",
          "[rules]") {
  // The file is read in pieces of 16 KiB: 1,048,576 bytes are 64 of them.
  // Comment lines of 100 bytes come first, then a short last comment to
  // reach the limit exactly, then the rules: they load only if every piece
  // was kept, in order.
  const std::string rules(kSpecExample);
  const std::size_t limit = std::size_t{1} << 20;
  std::string text;
  while (text.size() + 100 + 2 + rules.size() <= limit) text += "#" + std::string(98, 'x') + "\n";
  text += "#" + std::string(limit - text.size() - rules.size() - 2, 'y') + "\n";
  text += rules;
  REQUIRE(text.size() == limit);
  test::TempDir dir;
  LoadedRules whole = load_rules_file(dir.write("whole.yaml", text).string());
  REQUIRE(whole.ok());
  CHECK(whole.rules->profiles.size() == 1);

  LoadedRules over = load_rules_file(dir.write("over.yaml", text + "\n").string());
  CHECK_FALSE(over.ok());
  REQUIRE_FALSE(over.diagnostics.empty());
  CHECK(over.diagnostics[0].message.find("1 MiB") != std::string::npos);
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

TEST_CASE("call.deadline on a date field stays an instant, with its day in the call's zone",
          "[rules]") {
  // 00:30 on 28 March in Brussels is 23:30 UTC on the 27th: the local day, the
  // 28th, is the one that holds it (SPEC 3.2 v1.1).
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
        std::vector<Scalar>{Scalar(utc("2024-03-27T23:30:00Z"))});
  REQUIRE(p.require[0].condition.instant_days.size() == 1);
  const InstantDay& day = p.require[0].condition.instant_days[0];
  CHECK(day.day == *parse_date("2024-03-28", "", nullptr));
  CHECK_FALSE(day.at_day_start);
  CHECK(day.text == "2024-03-28T00:30:00+01:00 (Europe/Brussels)");
  CHECK(p.require[1].condition.op == Op::kAfter);
  CHECK(p.require[1].condition.instant_days.empty());
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


TEST_CASE("a date literal in the rules may be ISO 8601 or in the field's format", "[rules]") {
  const char* yaml = R"(shortlist: 1
call: { id: C }
fields:
  id:   { column: id }
  born: { column: born, type: date, format: "%d/%m/%Y" }
profiles:
  - id: p
    require:
      - { id: iso, field: born, after: 2000-01-31 }
      - { id: local, field: born, before: 31/12/2005 }
)";
  LoadedRules loaded = load_rules_text(yaml, "rules.yaml");
  REQUIRE(loaded.ok());
  const auto& require = loaded.rules->profiles[0].require;
  // 2000-01-31 is day 10987 since 1970-01-01; 2005-12-31 is day 13148.
  CHECK(std::get<Date>(require[0].condition.operands[0]).days == 10987);
  CHECK(std::get<Date>(require[1].condition.operands[0]).days == 13148);
}

TEST_CASE("an instant on the first representable day loads without overflow", "[rules]") {
  // The start of 1677-09-21 lies before the earliest instant (1677-09-21T00:12:43Z):
  // the day is known, its start is not, so the instant cannot be that start.
  LoadedRules loaded = load_rules_text(R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id }
  day: { column: d, type: date }
profiles:
  - id: p
    require:
      - { id: a, field: day, after: "1677-09-21T12:00" }
)", "rules.yaml");
  const Profile& p = only_profile(loaded);
  REQUIRE(p.require[0].condition.instant_days.size() == 1);
  CHECK_FALSE(p.require[0].condition.instant_days[0].at_day_start);
  CHECK(p.require[0].condition.instant_days[0].day == *parse_date("1677-09-21", "", nullptr));
}

TEST_CASE("missing markers are sorted by how they are compared", "[rules]") {
  // Words are compared normalized; a marker with a digit or only punctuation
  // keeps its punctuation (case-folded).
  LoadedRules loaded = load_rules_text(R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id }
  years: { column: y, type: number, missing: [N/A, "Not given", "-", "-1", "TBD 2024"] }
profiles: [{ id: p }]
)", "rules.yaml");
  REQUIRE(loaded.ok());
  const FieldSpec& f = loaded.rules->fields[1];
  CHECK(f.missing == std::vector<std::string>{"n a", "not given"});
  CHECK(f.missing_exact == std::vector<std::string>{"-", "-1", "tbd 2024"});
}

TEST_CASE("a country condition knows the territories of its states, once", "[rules]") {
  LoadedRules loaded = load_rules_text(R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id }
  nat: { column: n, type: country, list: ";" }
profiles:
  - id: p
    require:
      - { id: a, field: nat, in: [FR, DK, RE] }
      - { id: b, field: nat, equals: US }
      - { id: c, field: nat, in: EU }
)", "rules.yaml");
  const Profile& p = only_profile(loaded);
  using Pairs = std::vector<std::pair<std::string, std::string>>;
  // FR's territories but RE, which is listed itself; DK's two.
  CHECK(p.require[0].condition.territories ==
        Pairs{{"BL", "FR"}, {"FO", "DK"}, {"GF", "FR"}, {"GL", "DK"}, {"GP", "FR"}, {"MF", "FR"},
              {"MQ", "FR"}, {"NC", "FR"}, {"PF", "FR"}, {"PM", "FR"}, {"TF", "FR"}, {"WF", "FR"},
              {"YT", "FR"}});
  CHECK(p.require[1].condition.territories.empty());
  // Membership searches the string operands, sorted once here.
  CHECK(p.require[0].condition.sorted_strings == std::vector<std::string>{"DK", "FR", "RE"});
  CHECK(p.require[1].condition.sorted_strings == std::vector<std::string>{"US"});
  CHECK(p.require[2].condition.sorted_strings.size() == 27);
  CHECK(std::is_sorted(p.require[2].condition.sorted_strings.begin(),
                       p.require[2].condition.sorted_strings.end()));
  // Every territory of an EU state; not Svalbard or Bouvet Island (Norway's).
  CHECK(p.require[2].condition.territories.size() == 19);
}
