// The tables of the rules language's vocabulary (vocabulary.hpp). Inner
// mappings come first: a key refers to the mapping of its value.
#include "rules/vocabulary.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "shortlist/diagnostic.hpp"

namespace shortlist::rules_detail::vocabulary {
namespace {

using V = Value;

// Other spellings, for suggestions only.
constexpr std::array<std::string_view, 2> kAlsoString = {"str", "varchar"};
constexpr std::array<std::string_view, 7> kAlsoNumber = {"int",   "integer", "float", "double",
                                                         "decimal", "numeric", "num"};
constexpr std::array<std::string_view, 2> kAlsoBoolean = {"bool", "flag"};
constexpr std::array<std::string_view, 3> kAlsoOrdinal = {"enum", "level", "rank"};
constexpr std::array<std::string_view, 3> kAlsoTimestamp = {"datetime", "time", "instant"};
constexpr std::array<std::string_view, 1> kAlsoCountry = {"nationality"};

// In the order of FieldType.
constexpr std::array<Term, 8> kFieldTypes = {{
    {"string", "any text, trimmed; compared exactly (the default)", kAlsoString},
    {"text", "free text, normalized for phrase matching (case, accents, punctuation)"},
    {"number", "an exact decimal number", kAlsoNumber},
    {"boolean", "true/false, yes/no, y/n, 1/0, oui/non, ja/nein, si/no", kAlsoBoolean},
    {"ordinal", "a position on the field's `scale`", kAlsoOrdinal},
    {"date", "a calendar date: YYYY-MM-DD, or `format`"},
    {"timestamp", "an instant; without an offset, local time in call.timezone", kAlsoTimestamp},
    {"country", "an ISO 3166-1 code or a country's name, read as the alpha-2 code",
     kAlsoCountry},
}};

constexpr std::array<Term, 3> kDuplicatePolicies = {{
    {"review", "every record of a duplicated id goes to review (the default)"},
    {"first", "the first record of an id is screened, later ones are duplicates"},
    {"last", "the last record of an id is screened, earlier ones are duplicates"},
}};

// In the order of the loader's OnMissing table.
constexpr std::array<Term, 3> kRequirePolicies = {{
    {"review", "a person decides (the default)"},
    {"pass", "the rule passes"},
    {"fail", "the rule fails: the applicant is ineligible, unseen by a person"},
}};

constexpr std::array<Term, 2> kScorePolicies = {{
    {"zero", "the rule gives no points"},
    {"review", "the record goes to review"},
}};

constexpr std::array<Term, 2> kDirections = {{
    {"asc", "lowest first"},
    {"desc", "highest first"},
}};

constexpr std::array<std::string_view, 3> kBuiltinSets = {"EU", "EEA", "EFTA"};

constexpr std::array<std::string_view, 1> kOrdinal = {"ordinal"};
constexpr std::array<std::string_view, 2> kDateTypes = {"date", "timestamp"};
constexpr std::array<std::string_view, 1> kNumber = {"number"};

constexpr std::array<Key, 5> kCallKeys = {{
    {"id", V::kName, "the call's identifier, written into every decision", true},
    {"title", V::kText, "the call's title, for reports"},
    {"deadline", V::kText,
     "the deadline: local time in `timezone` (2024-03-27T12:00), or with an offset; "
     "conditions name it as `call.deadline`"},
    {"timezone", V::kName, "IANA time zone name (Europe/Brussels); default UTC"},
    {"reference", V::kText, "free text, such as the address of the call"},
}};
constexpr Mapping kCall{"call", "The call: its id, title, deadline and time zone.", kCallKeys};

constexpr std::array<Key, 9> kFieldKeys = {{
    {"column", V::kNameOrNames,
     "the column (or dotted JSON path) to read; with a list, the first one present", true},
    {"type", V::kChoice, "how the value is read; default string", false, kFieldTypes},
    {"list", V::kName, "separator that splits a cell into a list of items"},
    {"map", V::kScalarMap, "replacements applied before reading: { FROM: TO }"},
    {"scale", V::kScale, "ordinal fields: the entries, lowest first", true, {}, nullptr, kOrdinal},
    {"aliases", V::kScalarMap, "ordinal fields: other names of scale entries: { NAME: ENTRY }",
     false, {}, nullptr, kOrdinal},
    {"format", V::kNameOrNames,
     "date and timestamp fields: strftime-style layouts tried in order (ISO 8601 always)",
     false, {}, nullptr, kDateTypes},
    {"suffixes", V::kNames, "number fields: trailing words or signs dropped (years, \"+\")",
     false, {}, nullptr, kNumber},
    {"missing", V::kTexts, "cell values that mean missing (N/A, \"-\")"},
}};
constexpr Mapping kField{"field", "Where a canonical field is read and as what type.",
                         kFieldKeys};

constexpr std::array<Key, 1> kOutputKeys = {{
    {"columns", V::kNames, "fields copied into the shortlist file"},
}};
constexpr Mapping kOutput{"output", "What the shortlist file shows.", kOutputKeys};

constexpr Mapping kCondition{
    "condition",
    "One operator on one `field` ({ field: F, equals: V }), or all/any/not of conditions.",
    {},
    true};

constexpr std::array<Key, 4> kRequireKeys = {{
    {"id", V::kName, "the rule's id, unique within its profile", true},
    {"text", V::kText, "what the rule checks, in words, for explanations"},
    {"on_missing", V::kChoice, "when the value is missing: review (default), pass or fail",
     false, kRequirePolicies},
    {"on_unreadable", V::kChoice,
     "when the value cannot be read: review (default), pass or fail", false, kRequirePolicies},
}};
constexpr Mapping kRequire{"require rule",
                           "A knock-out criterion: `id`, and one condition that must hold.",
                           kRequireKeys, true};

constexpr std::array<Key, 9> kScoreKeys = {{
    {"id", V::kName, "the rule's id, unique within its profile", true},
    {"text", V::kText, "what the rule rewards, in words, for explanations"},
    {"points", V::kDecimal, "points given when the rule's condition holds"},
    {"each", V::kDecimal,
     "points per unit: of a number field, per distinct item of a list field, or per "
     "distinct phrase of `count_phrases`"},
    {"max", V::kDecimal, "cap on the rule's points"},
    {"count_in", V::kListOrSet, "list fields with `each`: count only items in this list or set"},
    {"count_phrases", V::kListOrSet,
     "text fields with `each`: the phrases (list or set) whose distinct matches are counted"},
    {"on_missing", V::kChoice, "when the value is missing: zero (default) or review", false,
     kScorePolicies},
    {"on_unreadable", V::kChoice, "when the value cannot be read: review (default) or zero",
     false, kScorePolicies},
}};
constexpr Mapping kScore{"score rule",
                         "Points: a condition with `points`, or `field` with `each`.",
                         kScoreKeys, true};

constexpr std::array<Key, 4> kShortlistKeys = {{
    {"min_score", V::kDecimal, "lowest score that may be shortlisted"},
    {"top", V::kCount, "how many are shortlisted; the rest who qualify are in reserve"},
    {"include_ties", V::kBoolean, "true: everyone tied with the last place is shortlisted too"},
    {"order", V::kOrder,
     "ranking keys, \"score\" or a field then asc or desc; default "
     "[score desc, submitted asc, id asc]"},
}};
constexpr Mapping kShortlist{"shortlist", "How the profile's shortlist is cut and ordered.",
                             kShortlistKeys};

constexpr std::array<Key, 6> kProfileKeys = {{
    {"id", V::kName, "the profile's id, unique in the file", true},
    {"title", V::kText, "the profile's title, for reports"},
    {"when", V::kCondition, "which records this profile screens; default all"},
    {"require", V::kRules, "knock-out criteria: every one must pass", false, {}, &kRequire},
    {"score", V::kRules, "score rules, whose points add up to the score", false, {}, &kScore},
    {"shortlist", V::kMapping, "how the shortlist is cut and ordered", false, {}, &kShortlist},
}};
constexpr Mapping kProfile{"profile", "One profile: which records, knock-outs, scores, shortlist.",
                           kProfileKeys};

constexpr std::array<Key, 7> kTopKeys = {{
    {"shortlist", V::kVersion, "language version; must be 1", true},
    {"call", V::kMapping, "the call", true, {}, &kCall},
    {"fields", V::kFields, "canonical field name -> where and how to read it; must define `id`",
     true, {}, &kField},
    {"sets", V::kSets, "named lists usable wherever a list is expected"},
    {"duplicates", V::kChoice, "what to do with records sharing an id; default review", false,
     kDuplicatePolicies},
    {"output", V::kMapping, "extra columns of the shortlist file", false, {}, &kOutput},
    {"profiles", V::kProfiles, "the profiles, each screened on its own", true, {}, &kProfile},
}};
constexpr Mapping kTop{"rules file",
                       "A shortlist rules file: how to read applicants' exports and how to "
                       "decide on them.",
                       kTopKeys};

constexpr std::array<std::string_view, 5> kAlsoEquals = {"eq", "is", "=", "==", "equal_to"};
constexpr std::array<std::string_view, 3> kAlsoNotEquals = {"ne", "neq", "!="};
constexpr std::array<std::string_view, 2> kAlsoIn = {"one_of", "any_of"};
constexpr std::array<std::string_view, 2> kAlsoNotIn = {"none_of", "not_one_of"};
constexpr std::array<std::string_view, 5> kAlsoAtLeast = {"gte", "ge", ">=", "minimum",
                                                          "greater_or_equal"};
constexpr std::array<std::string_view, 4> kAlsoAtMost = {"lte", "le", "<=", "maximum"};
constexpr std::array<std::string_view, 1> kAlsoContainsAny = {"contains"};
constexpr std::array<std::string_view, 3> kAlsoMatches = {"regex", "match", "pattern"};
constexpr std::array<std::string_view, 2> kAlsoPresent = {"exists", "has_value"};
constexpr std::array<std::string_view, 1> kAlsoAll = {"and"};
constexpr std::array<std::string_view, 1> kAlsoAny = {"or"};

// In the order of Op.
constexpr std::array<Operator, 19> kOperators = {{
    {{"equals", "the value equals V (read as the field's type)", kAlsoEquals}, V::kText},
    {{"not_equals", "the value does not equal V", kAlsoNotEquals}, V::kText},
    {{"in", "the value (any item of a list field) is in the list or set", kAlsoIn},
     V::kListOrSet},
    {{"not_in", "the value (no item of a list field) is in the list or set", kAlsoNotIn},
     V::kListOrSet},
    {{"at_least", "value >= V (number, ordinal, date, timestamp)", kAlsoAtLeast}, V::kText},
    {{"at_most", "value <= V (number, ordinal, date, timestamp)", kAlsoAtMost}, V::kText},
    {{"between", "A <= value <= B, written [A, B]"}, V::kPair},
    {{"before", "date, timestamp: before T, a literal or call.deadline"}, V::kText},
    {{"after", "date, timestamp: after T, a literal or call.deadline"}, V::kText},
    {{"not_after", "date, timestamp: at or before T, a literal or call.deadline"}, V::kText},
    {{"not_before", "date, timestamp: at or after T, a literal or call.deadline"}, V::kText},
    {{"contains_any", "text: at least one of the phrases occurs", kAlsoContainsAny},
     V::kListOrSet},
    {{"contains_all", "text: every phrase occurs"}, V::kListOrSet},
    {{"contains_none", "text: none of the phrases occurs"}, V::kListOrSet},
    {{"matches", "string, text: RE2 regular expression, unanchored search", kAlsoMatches},
     V::kText},
    {{"present", "true: the value is not missing; false: it is", kAlsoPresent}, V::kBoolean},
    {{"all", "every condition of the list holds", kAlsoAll}, V::kConditions},
    {{"any", "at least one condition of the list holds", kAlsoAny}, V::kConditions},
    {{"not", "the condition does not hold"}, V::kCondition},
}};

bool same_ignoring_case(std::string_view a, std::string_view b) {
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) {
           return lower(x) == lower(y);
         });
}

}  // namespace

const Key* Mapping::find(std::string_view name) const {
  for (const Key& key : keys) {
    if (key.name == name) return &key;
  }
  return nullptr;
}

const Mapping& top() { return kTop; }
const Mapping& call() { return kCall; }
const Mapping& field() { return kField; }
const Mapping& output() { return kOutput; }
const Mapping& profile() { return kProfile; }
const Mapping& require_rule() { return kRequire; }
const Mapping& score_rule() { return kScore; }
const Mapping& shortlist() { return kShortlist; }
const Mapping& condition() { return kCondition; }
std::span<const Operator> operators() { return kOperators; }
std::span<const Term> field_types() { return kFieldTypes; }
std::span<const Term> directions() { return kDirections; }
std::span<const std::string_view> builtin_sets() { return kBuiltinSets; }

std::string_view suggestion(std::string_view word, std::span<const Term> terms) {
  for (const Term& term : terms) {
    if (same_ignoring_case(word, term.name)) return term.name;
    for (std::string_view other : term.also) {
      if (same_ignoring_case(word, other)) return term.name;
    }
  }
  std::vector<std::string> names;
  for (const Term& term : terms) names.emplace_back(term.name);
  const std::string best = suggest(std::string(word), names);
  for (const Term& term : terms) {
    if (term.name == best) return term.name;
  }
  return {};
}

}  // namespace shortlist::rules_detail::vocabulary
