// The shortlist file (SPEC 6): format names, formats from paths, the formula
// guard of CSV/TSV cells, and the rows as each format writes them.
#include <catch2/catch.hpp>

#include <simdjson.h>

#include <sstream>
#include <string>

#include "run/spool_entry.hpp"
#include "shortlist/shortlist_writer.hpp"

using namespace shortlist;

TEST_CASE("format names parse to their format", "[writer]") {
  CHECK(parse_shortlist_format("csv") == ShortlistFormat::kCsv);
  CHECK(parse_shortlist_format("tsv") == ShortlistFormat::kTsv);
  CHECK(parse_shortlist_format("json") == ShortlistFormat::kJson);
  CHECK(parse_shortlist_format("jsonl") == ShortlistFormat::kJsonl);
  CHECK(parse_shortlist_format("md") == ShortlistFormat::kMarkdown);
  CHECK(parse_shortlist_format("xlsx") == ShortlistFormat::kXlsx);
}

TEST_CASE("other format names are refused", "[writer]") {
  CHECK_FALSE(parse_shortlist_format("").has_value());
  CHECK_FALSE(parse_shortlist_format("xls").has_value());
  CHECK_FALSE(parse_shortlist_format("txt").has_value());
  CHECK_FALSE(parse_shortlist_format("cs").has_value());
  CHECK_FALSE(parse_shortlist_format("csvx").has_value());
}

TEST_CASE("an output path's extension gives its format", "[writer]") {
  CHECK(shortlist_format_from_path("shortlist.csv") == ShortlistFormat::kCsv);
  CHECK(shortlist_format_from_path("out/dir/shortlist.tsv") == ShortlistFormat::kTsv);
  CHECK(shortlist_format_from_path("/tmp/s.json") == ShortlistFormat::kJson);
  CHECK(shortlist_format_from_path("s.jsonl") == ShortlistFormat::kJsonl);
  CHECK(shortlist_format_from_path("s.ndjson") == ShortlistFormat::kJsonl);
  CHECK(shortlist_format_from_path("summary.md") == ShortlistFormat::kMarkdown);
  CHECK(shortlist_format_from_path("my.data.csv") == ShortlistFormat::kCsv);
  CHECK(shortlist_format_from_path("out/shortlist.xlsx") == ShortlistFormat::kXlsx);
}

TEST_CASE("a path without a known extension gives no format", "[writer]") {
  CHECK_FALSE(shortlist_format_from_path("shortlist").has_value());
  CHECK_FALSE(shortlist_format_from_path("shortlist.txt").has_value());
  CHECK_FALSE(shortlist_format_from_path("shortlist.xls").has_value());
  CHECK_FALSE(shortlist_format_from_path("shortlist.xlsx.gz").has_value());
  CHECK_FALSE(shortlist_format_from_path("results.csv/shortlist").has_value());
  CHECK_FALSE(shortlist_format_from_path("shortlistcsv").has_value());
  CHECK_FALSE(shortlist_format_from_path("-").has_value());
}

TEST_CASE("cells a spreadsheet would run as a formula get a leading quote", "[writer]") {
  CHECK(guard_formula("=SUM(A1:A9)") == "'=SUM(A1:A9)");
  CHECK(guard_formula("+33 1 23 45 67 89") == "'+33 1 23 45 67 89");
  CHECK(guard_formula("-2+3") == "'-2+3");
  CHECK(guard_formula("@SUM(1)") == "'@SUM(1)");
  CHECK(guard_formula("\t=1") == "'\t=1");
  CHECK(guard_formula("\r=1") == "'\r=1");
  CHECK(guard_formula("=") == "'=");
}

TEST_CASE("other cells are left as they are", "[writer]") {
  CHECK(guard_formula("").empty());
  CHECK(guard_formula("Jane Doe") == "Jane Doe");
  CHECK(guard_formula("a=b") == "a=b");
  CHECK(guard_formula(" =1") == " =1");
  CHECK(guard_formula("'=1") == "'=1");
  CHECK(guard_formula("\n=1") == "\n=1");
  CHECK(guard_formula("17.5") == "17.5");
}

// ---- the writer ----

namespace {

Rules two_profiles() {
  Rules r;
  FieldSpec id;
  id.name = "id";
  FieldSpec name;
  name.name = "name";
  r.fields = {id, name};
  r.id_field = 0;
  r.output_columns = {1};
  Profile tech;
  tech.id = "tech";
  tech.title = "Technology specialist";
  Profile admin;
  admin.id = "admin";
  r.profiles = {tech, admin};
  return r;
}

ShortlistRow make_row(std::int64_t rank, std::string id, std::string score, Status status,
                      std::optional<std::string> name) {
  ShortlistRow row;
  row.rank = rank;
  row.id = std::move(id);
  row.score = std::move(score);
  row.status = status;
  row.columns = {std::move(name)};
  return row;
}

// Writes tech: rows 1 and 2, admin: one review row without a rank.
std::string write(ShortlistFormat format) {
  Rules rules = two_profiles();
  std::ostringstream out;
  ShortlistWriter w(out, format, rules);
  w.begin();
  w.begin_profile(0);
  w.row(0, make_row(1, "A1", "17.5", Status::kShortlisted, "Doe, Jane"));
  w.row(0, make_row(2, "=A2", "-3", Status::kReserve, std::nullopt));
  w.end_profile(0);
  w.begin_profile(1);
  w.row(1, make_row(0, "B1", "4", Status::kReview, "Say \"hi\""));
  w.end_profile(1);
  w.end();
  return out.str();
}

}  // namespace

TEST_CASE("CSV: header, rows in order, quoting and the formula guard", "[writer]") {
  // The score is a number, not text: "-3" is not guarded. The id "=A2" is.
  CHECK(write(ShortlistFormat::kCsv) ==
        "profile,rank,id,score,status,name\n"
        "tech,1,A1,17.5,shortlisted,\"Doe, Jane\"\n"
        "tech,2,'=A2,-3,reserve,\n"
        "admin,,B1,4,review,\"Say \"\"hi\"\"\"\n");
}

TEST_CASE("TSV: the same with tabs", "[writer]") {
  CHECK(write(ShortlistFormat::kTsv) ==
        "profile\trank\tid\tscore\tstatus\tname\n"
        "tech\t1\tA1\t17.5\tshortlisted\tDoe, Jane\n"
        "tech\t2\t'=A2\t-3\treserve\t\n"
        "admin\t\tB1\t4\treview\t\"Say \"\"hi\"\"\"\n");
}

TEST_CASE("JSON Lines: one object a line with the same keys", "[writer]") {
  CHECK(write(ShortlistFormat::kJsonl) ==
        R"({"profile":"tech","rank":1,"id":"A1","score":"17.5","status":"shortlisted","name":"Doe, Jane"})"
        "\n"
        R"({"profile":"tech","rank":2,"id":"=A2","score":"-3","status":"reserve","name":null})"
        "\n"
        R"({"profile":"admin","rank":null,"id":"B1","score":"4","status":"review","name":"Say \"hi\""})"
        "\n");
}

TEST_CASE("JSON: an array of the same objects", "[writer]") {
  std::string text = write(ShortlistFormat::kJson);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  REQUIRE(parser.parse(text).get(doc) == simdjson::SUCCESS);
  simdjson::dom::array rows;
  REQUIRE(doc.get_array().get(rows) == simdjson::SUCCESS);
  REQUIRE(rows.size() == 3);
  simdjson::dom::object first = rows.at(0).get_object();
  CHECK(std::string_view(first["profile"].get_string()) == "tech");
  CHECK(std::int64_t(first["rank"].get_int64()) == 1);
  CHECK(std::string_view(first["id"].get_string()) == "A1");
  CHECK(std::string_view(first["score"].get_string()) == "17.5");
  CHECK(std::string_view(first["status"].get_string()) == "shortlisted");
  CHECK(std::string_view(first["name"].get_string()) == "Doe, Jane");
  simdjson::dom::object second = rows.at(1).get_object();
  CHECK(second["name"].is_null());
  simdjson::dom::object third = rows.at(2).get_object();
  CHECK(std::string_view(third["profile"].get_string()) == "admin");
  CHECK(third["rank"].is_null());
  CHECK(std::string_view(third["name"].get_string()) == "Say \"hi\"");
}

TEST_CASE("JSON: no rows is an empty array", "[writer]") {
  Rules rules = two_profiles();
  std::ostringstream out;
  ShortlistWriter w(out, ShortlistFormat::kJson, rules);
  w.begin();
  w.end();
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  std::string text = out.str();
  REQUIRE(parser.parse(text).get(doc) == simdjson::SUCCESS);
  simdjson::dom::array rows;
  REQUIRE(doc.get_array().get(rows) == simdjson::SUCCESS);
  CHECK(rows.size() == 0);
}

TEST_CASE("Markdown: a table per profile, and applicant text cannot break the table", "[writer]") {
  Rules rules = two_profiles();
  std::ostringstream out;
  ShortlistWriter w(out, ShortlistFormat::kMarkdown, rules);
  w.begin();
  w.begin_profile(0);
  w.row(0, make_row(1, "A|1", "2", Status::kShortlisted, "<script>x</script>\nnext"));
  w.end_profile(0);
  w.begin_profile(1);
  w.end_profile(1);
  w.end();
  std::string md = out.str();
  CHECK_THAT(md, Catch::Matchers::Contains("tech"));
  CHECK_THAT(md, Catch::Matchers::Contains("admin"));
  CHECK_THAT(md, Catch::Matchers::Contains("A\\|1"));
  CHECK_THAT(md, Catch::Matchers::Contains("&lt;script&gt;"));
  CHECK(md.find("<script>") == std::string::npos);
  CHECK(md.find("\nnext") == std::string::npos);
  // Two tables: each has a header separator line.
  std::size_t tables = 0;
  for (std::size_t at = md.find("| ---"); at != std::string::npos; at = md.find("| ---", at + 1))
    if (at == 0 || md[at - 1] == '\n') ++tables;
  CHECK(tables == 2);
}
