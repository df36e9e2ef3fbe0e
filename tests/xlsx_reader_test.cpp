// The XLSX reader (SPEC 1 v1.1) on workbooks written by another tool: the
// ones of tests/data/xlsx/, made by openpyxl or as raw XML by Python's
// zipfile (make_workbooks.py says how). Every expected value is worked out
// from the cell as written, not from what the reader gave.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>

#include "input/xlsx_cell_text.hpp"
#include "input/xlsx_shared_strings.hpp"
#include "shortlist/input.hpp"
#include "shortlist/output_error.hpp"
#include "shortlist/sha256.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using shortlist::InputError;
using shortlist::InputFormat;
using shortlist::InputOptions;
using shortlist::RawValue;
using shortlist::Record;
using shortlist::test::read_file;
using shortlist::test::source_dir;
using shortlist::test::TempDir;

fs::path workbook(const std::string& name) { return source_dir() / "tests/data/xlsx" / name; }

InputOptions options_for(const fs::path& path, const std::string& sheet = "",
                         std::size_t strings_budget = 0) {
  InputOptions o;
  o.path = path.string();
  o.sheet = sheet;
  o.strings_budget = strings_budget;
  return o;
}

// One record as "line|name=value|name=value" for values that are strings,
// "name=!text (why)" for unreadable ones; or "line|invalid: reason".
std::string row_of(const Record& r) {
  std::string out = std::to_string(r.line);
  if (r.invalid) return out + "|invalid@" + std::to_string(r.field) + ": " + r.reason;
  for (std::size_t i = 0; i < r.values.size(); ++i) {
    const RawValue& v = r.values[i];
    out += "|" + r.names[i] + "=";
    if (v.kind == RawValue::Kind::kUnreadable)
      out += "!" + v.text + " (" + (v.items.empty() ? "" : v.items[0]) + ")";
    else
      out += v.text;
  }
  return out;
}

std::vector<std::string> rows_of(const InputOptions& options) {
  auto reader = shortlist::open_reader(options);
  std::vector<std::string> out;
  Record r;
  while (reader->next(r)) out.push_back(row_of(r));
  return out;
}

std::string error_of(const InputOptions& options) {
  try {
    rows_of(options);
  } catch (const InputError& e) {
    return e.formatted();
  }
  return "no error";
}

}  // namespace

TEST_CASE("xlsx: the extension and --input-format name the format", "[xlsx]") {
  CHECK(shortlist::format_from_extension("a.xlsx") == InputFormat::kXlsx);
  CHECK(shortlist::format_from_extension("EXPORT.XLSX") == InputFormat::kXlsx);
  CHECK(shortlist::parse_input_format("xlsx") == InputFormat::kXlsx);
  CHECK_FALSE(shortlist::format_from_extension("a.xls").has_value());
}

TEST_CASE("xlsx: dates of the 1900 system, with its phantom 29 February", "[xlsx]") {
  // Serials count days from 1899-12-31 (serial 1 = 1900-01-01), and 60 is
  // 29 February 1900, which never was; from 61 on, from 1899-12-30.
  const auto rows = rows_of(options_for(workbook("dates-1900.xlsx")));
  REQUIRE(rows.size() == 10);
  CHECK(rows[0] == "2|id=d1|day=2024-03-27|stamp=2024-03-27T11:59:59|clock=12:00:00");
  CHECK(rows[1] == "3|id=d2|day=2000-02-29|stamp=1999-12-31T23:59:59|clock=00:00:01");
  CHECK(rows[2] == "4|id=d3|day=1904-01-02|stamp=2024-03-27T12:00:00|clock=23:59:59");
  // 23:59:59.7: the date is the 27th, the timestamp keeps its milliseconds.
  CHECK(rows[3] == "5|id=late|day=2024-03-27|stamp=2024-03-27T23:59:59.700|clock=");
  CHECK(rows[4] == "6|id=s0|day=!0 (the date serial 0 is no day (day 0 of January 1900))|stamp=|clock=");
  CHECK(rows[5] == "7|id=s1|day=1900-01-01|stamp=|clock=");
  CHECK(rows[6] == "8|id=s59|day=1900-02-28|stamp=|clock=");
  CHECK(rows[7].rfind("9|id=s60|day=!60 (the date serial 60 is 29 February 1900, a day that never was", 0) == 0);
  CHECK(rows[8] == "10|id=s61|day=1900-03-01|stamp=|clock=");
  CHECK(rows[9] == "11|id=minus1|day=!-1 (the date serial -1 is no day)|stamp=|clock=");
}

TEST_CASE("xlsx: dates of the 1904 system", "[xlsx]") {
  // The same dates written with the 1904 epoch: serial 0 is 1904-01-01 and
  // there is no phantom day, so serial 60 is 1904-03-01 (1904 is a leap year:
  // serial 59 is 29 February).
  const auto rows = rows_of(options_for(workbook("dates-1904.xlsx")));
  REQUIRE(rows.size() == 10);
  CHECK(rows[0] == "2|id=d1|day=2024-03-27|stamp=2024-03-27T11:59:59|clock=12:00:00");
  CHECK(rows[1] == "3|id=d2|day=2000-02-29|stamp=1999-12-31T23:59:59|clock=00:00:01");
  CHECK(rows[2] == "4|id=d3|day=1904-01-02|stamp=2024-03-27T12:00:00|clock=23:59:59");
  CHECK(rows[3] == "5|id=late|day=2024-03-27|stamp=2024-03-27T23:59:59.700|clock=");
  CHECK(rows[4] == "6|id=s0|day=1904-01-01|stamp=|clock=");
  CHECK(rows[5] == "7|id=s1|day=1904-01-02|stamp=|clock=");
  CHECK(rows[6] == "8|id=s59|day=1904-02-29|stamp=|clock=");
  CHECK(rows[7] == "9|id=s60|day=1904-03-01|stamp=|clock=");
  CHECK(rows[8] == "10|id=s61|day=1904-03-02|stamp=|clock=");
  CHECK(rows[9] == "11|id=minus1|day=!-1 (the date serial -1 is no day)|stamp=|clock=");
}

TEST_CASE("xlsx: numbers as exact decimals, from openpyxl", "[xlsx]") {
  // openpyxl writes 16 significant digits and Python's exponents.
  const auto rows = rows_of(options_for(workbook("numbers.xlsx")));
  const std::vector<std::string> expected = {
      "2|id=sum|value=0.3",
      "3|id=big|value=1000000000000000",
      "4|id=int|value=42",
      "5|id=neg|value=-0.5",
      "6|id=tiny|value=0.0000001",
      "7|id=huge|value=250000000000000000000",
      // 123456789012345678 written as 1.234567890123457e+17: 15 digits kept.
      "8|id=long|value=123456789012346000",
      "9|id=third|value=0.333333333333333",
      "10|id=percent|value=0.35",  // shown as 35 %, the number is 0.35
      "11|id=money|value=1234.5",  // shown as 1,234.50 EUR
      "12|id=yes|value=TRUE",
      "13|id=no|value=FALSE",
  };
  CHECK(rows == expected);
}

TEST_CASE("xlsx: numbers as Excel writes them, with 17 digits and exponents", "[xlsx]") {
  const auto rows = rows_of(options_for(workbook("excel-numbers.xlsx")));
  const std::vector<std::string> expected = {
      "2|id=sum|value=0.3",                        // 0.30000000000000004
      "3|id=big|value=1000000000000000",           // 1000000000000000.2: past 15 digits
      "4|id=big-e|value=1000000000000000",         // 1.0000000000000002E+15
      "5|id=e15|value=1000000000000000",           // 1E+15
      "6|id=small|value=0.0000001",                // 1.0000000000000001E-7
      "7|id=minus-zero|value=0",                   // -0
      "8|id=long|value=123456789012345678",        // an integer written whole stays whole
      "9|id=padded|value=7.5",                     // 007.50
      "10|id=bad|value=!abc (not a number)",
  };
  CHECK(rows == expected);
}

TEST_CASE("xlsx: spreadsheet_number and its edges", "[xlsx]") {
  using shortlist::spreadsheet_number;
  CHECK(spreadsheet_number("0.1") == "0.1");
  CHECK(spreadsheet_number("-1.5E-3") == "-0.0015");
  CHECK(spreadsheet_number("+2") == "2");
  CHECK(spreadsheet_number("9.9999999999999995E+22") == "100000000000000000000000");
  CHECK(spreadsheet_number("100") == "100");
  CHECK(spreadsheet_number("1.23456789012345678") == "1.23456789012346");
  CHECK_FALSE(spreadsheet_number("").has_value());
  CHECK_FALSE(spreadsheet_number("1e999").has_value());
  CHECK_FALSE(spreadsheet_number("nan").has_value());
  CHECK_FALSE(spreadsheet_number("1,5").has_value());
}

TEST_CASE("xlsx: which number formats show dates", "[xlsx]") {
  using shortlist::classify_number_format;
  using shortlist::NumberShown;
  CHECK(classify_number_format("yyyy-mm-dd") == NumberShown::kDate);
  CHECK(classify_number_format("d mmm yyyy") == NumberShown::kDate);
  CHECK(classify_number_format("dd/mm/yyyy hh:mm") == NumberShown::kDateTime);
  CHECK(classify_number_format("hh:mm:ss") == NumberShown::kTime);
  CHECK(classify_number_format("mm:ss") == NumberShown::kTime);  // m next to s: minutes
  CHECK(classify_number_format("h:mm AM/PM") == NumberShown::kTime);
  CHECK(classify_number_format("[h]:mm") == NumberShown::kNumber);  // a duration
  CHECK(classify_number_format("0.00%") == NumberShown::kNumber);
  CHECK(classify_number_format("General") == NumberShown::kNumber);
  CHECK(classify_number_format("#,##0 \"days\"") == NumberShown::kNumber);  // quoted text
  CHECK(classify_number_format("0.0\\d") == NumberShown::kNumber);          // escaped d
  CHECK(classify_number_format("[Red][$-409]yyyy-mm-dd") == NumberShown::kDate);
  CHECK(classify_number_format("0.00E+00") == NumberShown::kNumber);
  CHECK(classify_number_format("0;[Red]yyyy") == NumberShown::kNumber);  // first section only
  CHECK(shortlist::builtin_number_format(14) == NumberShown::kDate);
  CHECK(shortlist::builtin_number_format(22) == NumberShown::kDateTime);
  CHECK(shortlist::builtin_number_format(20) == NumberShown::kTime);
  CHECK(shortlist::builtin_number_format(46) == NumberShown::kNumber);
  CHECK(shortlist::builtin_number_format(2) == NumberShown::kNumber);
}

TEST_CASE("xlsx: shared, inline and rich strings, errors and formulas", "[xlsx]") {
  // raw-cells.xlsx: the header mixes a shared string and inline strings;
  // shared string 1 is rich text in two runs ("Red" + " teaming"), 2 has a
  // phonetic guide (left out), 3 has the escapes _x000D_ (a carriage
  // return) and _x005F_ (an escaped underscore).
  const auto rows = rows_of(options_for(workbook("raw-cells.xlsx")));
  const std::vector<std::string> expected = {
      "2|id=r1|text=Red teaming|number=7",
      "3|id=r2|text=東京|number=!#N/A (the spreadsheet shows the error #N/A in the cell C3)",
      "5|id=r3|text=line\rbreak and _x0041_ kept|number=! (the cell C5 holds a formula whose "
      "value was never computed (open the workbook in a spreadsheet and save it))",
      "6|id=r4|text=r4!|number=TRUE",
      // row 7 has only empty styled cells: not a record
      "8|invalid@5: a value in the cell E8, right of the header's last column (C)",
      "9|invalid@2: the cell B9 names shared string '99', but the workbook has 4",
  };
  CHECK(rows == expected);
}

TEST_CASE("xlsx: shared strings past their memory budget go to a file", "[xlsx]") {
  // The same workbook with a budget of one byte: every string is read back
  // from the temporary file, and reads the same.
  CHECK(rows_of(options_for(workbook("raw-cells.xlsx"), "", 1)) ==
        rows_of(options_for(workbook("raw-cells.xlsx"))));

  shortlist::SharedStrings strings(64);
  std::vector<std::string> added;
  for (int i = 0; i < 10000; ++i) {
    added.push_back(i % 7 == 0 ? std::string() : "string number " + std::to_string(i * 7919));
    strings.add(added.back());
  }
  strings.finish();
  REQUIRE(strings.spilled());
  REQUIRE(strings.size() == added.size());
  // Out of order, and again, through the cache.
  for (std::size_t i = 0; i < added.size(); i += 97) CHECK(std::string(strings.get(i)) == added[i]);
  for (std::size_t i = added.size(); i-- > 0;) {
    if (std::string(strings.get(i)) != added[i]) FAIL("string " << i << " differs");
  }
}

TEST_CASE("xlsx: a merged header cell names its first column", "[xlsx]") {
  // B1:C1 merged under "Name": B is Name, C is unnamed, as a CSV export
  // of the sheet would have it.
  const auto rows = rows_of(options_for(workbook("merged-header.xlsx")));
  const std::vector<std::string> expected = {"2|id=m1|Name=Ada|=Lovelace|years=7",
                                             "3|id=m2|Name=Alan|=Turing|years=3"};
  CHECK(rows == expected);
}

TEST_CASE("xlsx: --sheet, and a header below and right of A1", "[xlsx]") {
  // The first sheet, Cover, holds one cell: a header without records.
  {
    auto reader = shortlist::open_reader(options_for(workbook("strings.xlsx")));
    CHECK(reader->header() == std::vector<std::string>{"Applications exported 2024-03-28"});
    Record r;
    CHECK_FALSE(reader->next(r));
  }
  // Applicants: the header is B3:D3, row 5 is empty, a text that looks like
  // a formula is text, spaces and a line break are kept.
  const auto rows = rows_of(options_for(workbook("strings.xlsx"), "Applicants"));
  const std::vector<std::string> expected = {"4|=|id=s1|name=Zoë Martin|note==1+1",
                                             "6|=|id=s2|name=  Łukasz\nNowak |note=Zoë Martin"};
  CHECK(rows == expected);
  CHECK(error_of(options_for(workbook("strings.xlsx"), "applicants")) ==
        workbook("strings.xlsx").string() +
            ": error: no sheet named 'applicants' in the workbook (its sheets: 'Cover', "
            "'Applicants')");
}

TEST_CASE("xlsx: the input's hash is of the file's bytes", "[xlsx]") {
  auto reader = shortlist::open_reader(options_for(workbook("numbers.xlsx")));
  Record r;
  while (reader->next(r)) {
  }
  CHECK(reader->sha256() == shortlist::sha256_hex(read_file(workbook("numbers.xlsx"))));
  CHECK(reader->bytes_read() ==
        static_cast<std::int64_t>(fs::file_size(workbook("numbers.xlsx"))));
}

TEST_CASE("xlsx: broken and hostile workbooks are input errors naming the file", "[xlsx]") {
  TempDir dir;
  const std::string good = read_file(workbook("numbers.xlsx"));
  SECTION("a truncated archive") {
    for (std::size_t keep : {good.size() / 2, good.size() - 10, std::size_t{30}}) {
      INFO("kept " << keep << " of " << good.size() << " bytes");
      const auto cut = dir.write("cut.xlsx", good.substr(0, keep));
      const std::string error = error_of(options_for(cut));
      CHECK(error.rfind(cut.string() + ": error: not a readable XLSX workbook: ", 0) == 0);
    }
  }
  SECTION("a part whose data is damaged") {
    // Flip bytes inside the sheet's compressed data: the archive's
    // directory is intact, the inflating or its CRC check fails.
    std::string bad = good;
    const auto at = bad.find("xl/worksheets/sheet1.xml");
    REQUIRE(at != std::string::npos);
    for (std::size_t i = at + 40; i < at + 80; ++i) bad[i] = static_cast<char>(bad[i] ^ 0x5A);
    const auto path = dir.write("damaged.xlsx", bad);
    const std::string error = error_of(options_for(path));
    CHECK(error.rfind(path.string() + ": error: ", 0) == 0);
    CHECK(error != "no error");
  }
  SECTION("a CSV file named .xlsx") {
    const auto path = dir.write("export.xlsx", "id,name\n1,Ada\n");
    CHECK(error_of(options_for(path)) ==
          path.string() +
              ": error: not a readable XLSX workbook: Not a zip archive (is it an .xls, or a CSV "
              "file named .xlsx?)");
  }
  SECTION("an empty file") {
    const auto path = dir.write("empty.xlsx", "");
    CHECK(error_of(options_for(path)) == path.string() + ": error: empty file");
  }
  SECTION("a zip bomb") {
    CHECK(error_of(options_for(workbook("zip-bomb.xlsx"))).find(
              "refused as a zip bomb: the part xl/worksheets/sheet1.xml would inflate") !=
          std::string::npos);
  }
  SECTION("a DOCTYPE (entities could expand without end)") {
    CHECK(error_of(options_for(workbook("doctype.xlsx"))) ==
          workbook("doctype.xlsx").string() +
              ": error: xl/worksheets/sheet1.xml, line 1, column 36: a DOCTYPE, which no "
              "workbook part has");
  }
  SECTION("rows numbered backwards") {
    CHECK(error_of(options_for(workbook("rows-backwards.xlsx"))).find("row 1 comes after row 2") !=
          std::string::npos);
  }
}

TEST_CASE("xlsx: a row of more than 16 MiB of text is an invalid record", "[xlsx]") {
  // long-row.xlsx: row 2 holds 17 cells of 1,000,000 characters, under a
  // header of 17 columns; the 17th passes 16 MiB (16,777,216 bytes).
  const auto rows = rows_of(options_for(workbook("long-row.xlsx")));
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == "2|invalid@17: row 2 holds more than 16 MiB of text");
  CHECK(rows[1].rfind("3|id=after|c2=|", 0) == 0);
}

TEST_CASE("xlsx: formula results that were never computed are unreadable", "[xlsx]") {
  // libxlsxwriter and XlsxWriter store 0 for every formula and ask for a
  // recalculation on opening (calcPr fullCalcOnLoad): that 0 is no value.
  CHECK(rows_of(options_for(workbook("recalculate-on-open.xlsx"))) ==
        std::vector<std::string>{
            "2|id=f1|n=!0 (the cell B2 holds a formula whose value the workbook asks to be "
            "computed again when opened (open the workbook in a spreadsheet and save it))",
            "3|id=f2|n=7"});
  // A formula's text without a stored value is unreadable; an empty stored
  // text ="" is an empty value; a shared-string cell without an index is
  // empty; a computed formula (3*2 stored as 6) reads its value.
  CHECK(rows_of(options_for(workbook("formula-cells.xlsx"))) ==
        std::vector<std::string>{
            "2|id=g1|n=! (the cell B2 holds a formula whose value was never computed (open the "
            "workbook in a spreadsheet and save it))",
            "3|id=g2|n=", "4|id=g3|n=", "5|id=g4|n=6"});
}

TEST_CASE("xlsx: cells that name one long shared string again and again are refused",
          "[xlsx]") {
  // text-bomb.xlsx, 3,294 bytes: 79 rows of 16 cells naming one string of
  // 1,000,000 characters, 1.26 GB of text; a file may give at most 1,024
  // times its size and 1 GiB.
  const std::string error = error_of(options_for(workbook("text-bomb.xlsx")));
  CHECK(error.find("refused as a zip bomb: its cells name more than 1077 MB of text, from a "
                   "file of 3294 bytes") != std::string::npos);
}
