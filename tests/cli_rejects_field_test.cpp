// End to end: the rejects file names the field and the byte column of each
// problem (SPEC 5 v1.1): `field` is the 1-based CSV field at fault, before
// `column`, the 1-based byte column in the record's line; both left out
// where they are not known. Every expected value is worked out below from
// the bytes written.
#include <catch2/catch.hpp>

#include "cli_test_support.hpp"
#include "test_support.hpp"

namespace {

using shortlist::test::read_file;
using shortlist::test::TempDir;
using Strings = std::vector<std::string>;

const std::string kRules = R"(shortlist: 1
call: { id: REJECTS }
fields:
  id:    { column: id }
  name:  { column: name }
  city:  { column: city }
  years: { column: years, type: number }
profiles:
  - id: dev
    require: [{ id: experienced, field: years, at_least: 2 }]
)";

// The rejects file's lines, up to the end of "reason"'s key: what says where.
Strings rejects_heads(const std::string& csv) {
  TempDir dir;
  dir.write("rules.yaml", kRules);
  dir.write("a.csv", csv);
  auto r = shortlist::test::run_shortlist("screen -q -r rules.yaml a.csv -o s.csv --rejects rejects.jsonl",
                                          dir.path());
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  Strings heads;
  for (const std::string& line : shortlist::test::split_lines(read_file(dir.path() / "rejects.jsonl"))) {
    const auto raw = line.find(",\"raw\":");
    heads.push_back(line.substr(0, raw));
  }
  return heads;
}

}  // namespace

TEST_CASE("rejects: field and byte column of each problem in a CSV record", "[cli][rejects]") {
  // Bytes of each line, 1-based:
  // line 3  R2,Zo\xC3\xA9\xFF,Rome,4 — field 2 (name) starts at 4: Z 4, o 5,
  //         é 6-7, 0xFF 8 (the 4th character of the field, the 7th of the line).
  // line 4  R3,Bo,"Ber"lin,5 — field 3 (city) starts at 7 with its quote:
  //         B 8, e 9, r 10, the closing quote 11, then l at 12.
  // line 5  R4,Cy,Paris — 3 fields of 4: no single field, no column.
  // line 6  R5,D\xC3\xA9,Lyon,x\0y — field 4 (years) starts at 13 (R 1, 5 2,
  //         `,` 3, D 4, é 5-6, `,` 7, Lyon 8-11, `,` 12): x 13, NUL 14.
  // line 7  R6,"a""b\xFF",Nice,2 — field 2 opens its quote at 4: a 5, the
  //         doubled quote 6-7, b 8, 0xFF 9.
  // line 8  R7,"x<LF>y\xFF",Nice,2 — field 2 spans lines 8-9; 0xFF is on
  //         line 9 at byte 2: the reason says so, and `column` (of line 8,
  //         which the source names) is left out.
  // line 10 R8,Di,Oslo,"2 — field 4 opens a quote at 12 that nothing closes.
  const std::string csv =
      "id,name,city,years\n"
      "R1,Ann,Oslo,3\n"
      "R2,Zo\xC3\xA9\xFF,Rome,4\n"
      "R3,Bo,\"Ber\"lin,5\n"
      "R4,Cy,Paris\n" +
      std::string("R5,D\xC3\xA9,Lyon,x\0y\n", 16) +
      "R6,\"a\"\"b\xFF\",Nice,2\n"
      "R7,\"x\ny\xFF\",Nice,2\n"
      "R8,Di,Oslo,\"2";
  CHECK(rejects_heads(csv) ==
        Strings{
            R"({"source":"a.csv:3","field":2,"column":8,"reason":"invalid UTF-8 in field 2 (\"name\") at byte column 8")",
            R"({"source":"a.csv:4","field":3,"column":12,"reason":"text after a closing quote in field 3 (\"city\") at byte column 12")",
            R"({"source":"a.csv:5","reason":"3 fields, expected 4")",
            R"({"source":"a.csv:6","field":4,"column":14,"reason":"NUL byte in field 4 (\"years\") at byte column 14")",
            R"({"source":"a.csv:7","field":2,"column":9,"reason":"invalid UTF-8 in field 2 (\"name\") at byte column 9")",
            R"({"source":"a.csv:8","field":2,"reason":"invalid UTF-8 in field 2 (\"name\") at line 9, byte column 2")",
            R"({"source":"a.csv:10","field":4,"column":12,"reason":"unterminated quoted field in field 4 (\"years\") at byte column 12")"});
}

TEST_CASE("rejects: TSV fields are counted by tabs", "[cli][rejects]") {
  // Line 2: A1 1-2, tab 3, field 2 (name) from 4: J 4, o 5, 0xE9 6 (Latin-1
  // é, not UTF-8).
  TempDir dir;
  dir.write("rules.yaml", kRules);
  dir.write("a.tsv", "id\tname\tcity\tyears\nA1\tJo\xE9\tOslo\t3\n");
  auto r = shortlist::test::run_shortlist("screen -q -r rules.yaml a.tsv -o s.csv --rejects rejects.jsonl",
                                          dir.path());
  REQUIRE(r.exit_code == 0);
  const std::string rejects = read_file(dir.path() / "rejects.jsonl");
  CHECK(rejects.rfind(R"({"source":"a.tsv:2","field":2,"column":6,"reason":"invalid UTF-8 in field 2 (\"name\") at byte column 6")",
                      0) == 0);
}

TEST_CASE("rejects: JSON Lines problems name no field", "[cli][rejects]") {
  TempDir dir;
  dir.write("rules.yaml", kRules);
  dir.write("a.jsonl", "{\"id\":\"J1\",\"years\":3}\n[1,2]\n");
  auto r = shortlist::test::run_shortlist("screen -q -r rules.yaml a.jsonl -o s.csv --rejects rejects.jsonl",
                                          dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK(read_file(dir.path() / "rejects.jsonl") ==
        "{\"source\":\"a.jsonl:2\",\"reason\":\"not a JSON object but an array\",\"raw\":\"[1,2]\"}\n");
}
