// Checking rules files (SPEC 3.5): each error with its exact message and
// position. Positions are counted by hand from the documents written inline; a
// comment shows the line and how the column was found where it is not obvious.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "rules_test_support.hpp"
#include "shortlist/rules.hpp"

using namespace shortlist;

namespace {

const auto messages = test::rules_messages;
using Lines = std::vector<std::string>;

}  // namespace

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
      - { id: r2, field: years, at_least: 1, count_in: [a] }
    score:
      - { id: s, field: years, each: 1, on_missing: fail }
)") == Lines{
            "rules.yaml:8:13: error: unknown key 'id' in condition",
            // Nothing is close to "greater_than": it stays an unknown operator.
            "rules.yaml:10:32: error: unknown operator 'greater_than'",
            "rules.yaml:11:46: error: unknown key 'count_in' in rule 'r2'",
            // on_missing is a score rule's key too, with other values.
            "rules.yaml:13:53: error: invalid value 'fail' for 'on_missing': expected zero or "
            "review",
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
  langs: { column: l, list: ";" }
profiles:
  - id: p
    shortlist:
      order: [score, submited asc, id up, langs asc]
)") == Lines{
            // "      order: [score, submited asc, id up, langs asc]"
            "rules.yaml:10:15: error: expected 'score' or a field name then asc or desc: 'score'",
            "rules.yaml:10:22: error: unknown field 'submited' (did you mean 'submitted'?)",
            "rules.yaml:10:36: error: invalid value 'up' for 'order': expected asc or desc",
            "rules.yaml:10:43: error: cannot order by 'langs': it is a list field",
        });
}

TEST_CASE("after 100 errors the rest are left out, and that is said last", "[rules]") {
  std::string yaml = R"(shortlist: 1
call: { id: C1 }
fields: { id: { column: applicant_id } }
profiles:
  - id: p
    require:
)";
  for (int i = 0; i < 150; ++i) {  // lines 7 to 156
    const std::string n = std::to_string(i);
    yaml += "      - { id: r" + n + ", field: nope" + n + ", equals: x }\n";
  }
  const Lines got = messages(yaml);
  REQUIRE(got.size() == 101);
  // "      - { id: r0, field: nope0, equals: x }": nope0 at column 26.
  CHECK(got[0] == "rules.yaml:7:26: error: unknown field 'nope0'");
  CHECK(got[99] == "rules.yaml:106:27: error: unknown field 'nope99'");
  CHECK(got[100] == "rules.yaml: error: too many errors: only the first 100 are shown");
}

TEST_CASE("one bad set item used by many rules is reported once", "[rules]") {
  std::string yaml = R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id }
  nationality: { column: n, type: country }
sets:
  mine: [FR, Narnia]
profiles:
  - id: p
    require:
)";
  for (int i = 0; i < 150; ++i) {
    yaml += "      - { id: r" + std::to_string(i) + ", field: nationality, in: mine }\n";
  }
  CHECK(messages(yaml) == Lines{"rules.yaml:7:14: error: 'Narnia' is not a valid country for "
                                "field 'nationality': unknown country: 'Narnia'"});
}

TEST_CASE("a duplicate key is an error", "[rules]") {
  CHECK(messages(R"(shortlist: 1
call: { id: C1 }
call: { id: C2 }
)") == Lines{"rules.yaml:3:1: error: duplicate key 'call' (first at 2:1)"});
}


TEST_CASE("v1.1 field keys: formats, suffixes and missing markers are checked", "[rules]") {
  CHECK(messages(R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id }
  born: { column: b, type: date, format: ["%d/%m/%Y", "%d/%m/%y"] }
  sent: { column: s, type: timestamp, format: "%d/%m/%Y" }
  odd: { column: o, type: date, format: "%d %j %Y" }
  empty: { column: e, type: date, format: [] }
  name: { column: n, suffixes: [years] }
  years: { column: y, type: number, suffixes: [years, "2nd"] }
  cv: { column: c, type: text, missing: [N/A, " "] }
profiles: [{ id: p }]
)") == Lines{
            // "  born: { column: b, type: date, format: ["%d/%m/%Y", "%d/%m/%y"] }":
            // the second layout's quote is at column 55; on the next lines the
            // value of format, the key suffixes, and the bad items.
            "rules.yaml:5:55: error: format '%d/%m/%y': '%y' reads a two-digit year, which is "
            "ambiguous ('85' could be 1985 or 2085): use '%Y', four digits",
            "rules.yaml:6:47: error: format '%d/%m/%Y': a timestamp's format must name the hour "
            "(%H or %I): a date alone cannot be placed against a time such as the deadline (use "
            "a date field)",
            "rules.yaml:7:41: error: format '%d %j %Y': unsupported directive '%j' (supported: %Y "
            "%m %d %e %H %I %M %S %p %b %B %h %a %A %z %F %T %R %%)",
            "rules.yaml:8:43: error: expected at least one format",
            "rules.yaml:9:22: error: 'suffixes' is only for number fields",
            "rules.yaml:10:55: error: suffix '2nd' must be a word or sign without digits",
            "rules.yaml:11:47: error: an empty cell is always missing; list the values that "
            "stand for it",
        });
}

TEST_CASE("v1.1 rule keys: on_unreadable, and the score rules' own policies", "[rules]") {
  CHECK(messages(R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id }
  years: { column: y, type: number }
profiles:
  - id: p
    require:
      - { id: r, field: years, at_least: 1, on_unreadable: maybe }
    score:
      - { id: s, field: years, each: 1, on_unreadable: fail, on_missing: pass }
)") == Lines{
            "rules.yaml:9:60: error: invalid value 'maybe' for 'on_unreadable': expected review, "
            "pass or fail",
            "rules.yaml:11:56: error: invalid value 'fail' for 'on_unreadable': expected zero or "
            "review",
            "rules.yaml:11:74: error: invalid value 'pass' for 'on_missing': expected zero or "
            "review",
        });
}

TEST_CASE("validate warns of knock-outs that fail on what they could not see", "[rules]") {
  CHECK(messages(R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id }
  years: { column: y, type: number }
profiles:
  - id: p
    require:
      - { id: r, field: years, at_least: 1, on_missing: fail, on_unreadable: fail }
      - { id: q, field: years, at_most: 50, on_missing: pass, on_unreadable: review }
)") == Lines{
            "rules.yaml:9:57: warning: rule 'r': 'on_missing: fail' rejects applicants whose "
            "value is missing, unseen by a person ('review', the default, sends them to one)",
            "rules.yaml:9:78: warning: rule 'r': 'on_unreadable: fail' rejects applicants whose "
            "value cannot be read (a typo, another format), unseen by a person ('review', the "
            "default, sends them to one)",
        });
}

TEST_CASE("validate warns of phrases that normalize alike: they count once", "[rules]") {
  CHECK(messages(R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id }
  cv: { column: c, type: text }
sets:
  assets: [red teaming, bias, Red-Teaming, RED  TEAMING]
profiles:
  - id: p
    score:
      - { id: s, field: cv, count_phrases: assets, each: 3 }
      - { id: t, field: cv, contains_any: assets, points: 1 }
)") == Lines{
            // Reported once although two rules use the set.
            "rules.yaml:7:31: warning: phrase 'Red-Teaming' normalizes like 'red teaming' "
            "(7:12): they count as one phrase",
            "rules.yaml:7:44: warning: phrase 'RED  TEAMING' normalizes like 'red teaming' "
            "(7:12): they count as one phrase",
        });
}

TEST_CASE("a type or operator written as other languages name it gets a suggestion",
          "[rules]") {
  // 'bool', 'int' and 'gte' are too far from 'boolean', 'number' and
  // 'at_least' for the edit distance; the vocabulary lists them as other names.
  CHECK(messages(R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id }
  ok: { column: ok, type: bool }
  years: { column: years, type: INT }
  at: { column: at, type: datetime }
profiles:
  - id: p
    require:
      - { id: r, field: id, gte: 3 }
      - { id: s, field: id, regex: "^A" }
)") == Lines{
            // "  ok: { column: ok, type: bool }": bool at column 27.
            "rules.yaml:5:27: error: invalid value 'bool' for 'type': expected string, text, "
            "number, boolean, ordinal, date, timestamp or country (did you mean 'boolean'?)",
            // "  years: { column: years, type: INT }": INT at column 33.
            "rules.yaml:6:33: error: invalid value 'INT' for 'type': expected string, text, "
            "number, boolean, ordinal, date, timestamp or country (did you mean 'number'?)",
            // "  at: { column: at, type: datetime }": datetime at column 27.
            "rules.yaml:7:27: error: invalid value 'datetime' for 'type': expected string, text, "
            "number, boolean, ordinal, date, timestamp or country (did you mean 'timestamp'?)",
            // "      - { id: r, field: id, gte: 3 }": gte at column 29.
            "rules.yaml:11:29: error: unknown operator 'gte' (did you mean 'at_least'?)",
            "rules.yaml:12:29: error: unknown operator 'regex' (did you mean 'matches'?)",
        });
}

TEST_CASE("choices and keys written in another case get a suggestion", "[rules]") {
  CHECK(messages(R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id }
duplicates: FIRST
profiles:
  - id: p
    require:
      - { ID: r, field: id, equals: x }
)") == Lines{
            "rules.yaml:5:13: error: invalid value 'FIRST' for 'duplicates': expected review, "
            "first or last (did you mean 'first'?)",
            // "      - { ID: r, field: id, equals: x }": the map at 9, ID at 11.
            "rules.yaml:9:9: error: missing required key 'id' in rule",
            "rules.yaml:9:11: error: unknown key 'ID' in rule (did you mean 'id'?)",
        });
}
