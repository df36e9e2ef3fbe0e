// The XLSX reader (SPEC 1 v1.1) on workbooks written by another tool: the
// ones of tests/data/xlsx/, made by openpyxl or as raw XML by Python's
// zipfile (make_workbooks.py says how). Every expected value is worked out
// from the cell as written, not from what the reader gave.
#include <catch2/catch.hpp>

#include <zlib.h>

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

void put16(std::string& out, unsigned v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& out, unsigned long v) {
  put16(out, static_cast<unsigned>(v & 0xFFFF));
  put16(out, static_cast<unsigned>((v >> 16) & 0xFFFF));
}

using Parts = std::vector<std::pair<std::string, std::string>>;

// A ZIP archive of `parts`, deflated, written here with zlib: a writer of
// its own, not the libzip the reader uses. `general_flags` goes into every
// entry's headers (bit 0: the entry is encrypted).
std::string zip_of(const Parts& parts, unsigned general_flags = 0) {
  std::string out, directory;
  for (const auto& [name, content] : parts) {
    z_stream z{};
    REQUIRE(deflateInit2(&z, 1, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK);
    std::string packed(deflateBound(&z, static_cast<uLong>(content.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(content.data()));
    z.avail_in = static_cast<uInt>(content.size());
    z.next_out = reinterpret_cast<Bytef*>(packed.data());
    z.avail_out = static_cast<uInt>(packed.size());
    REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
    packed.resize(z.total_out);
    deflateEnd(&z);
    const unsigned long crc =
        crc32(0, reinterpret_cast<const Bytef*>(content.data()), static_cast<uInt>(content.size()));
    const unsigned long offset = out.size();
    std::string common;  // from "version needed" to the extra field's length
    put16(common, 20);
    put16(common, general_flags);
    put16(common, 8);  // deflated
    put16(common, 0);
    put16(common, 0x21);  // 1980-01-01
    put32(common, crc);
    put32(common, packed.size());
    put32(common, content.size());
    put16(common, static_cast<unsigned>(name.size()));
    put16(common, 0);
    put32(out, 0x04034b50);
    out += common + name + packed;
    put32(directory, 0x02014b50);
    put16(directory, 20);
    directory += common;
    put16(directory, 0);  // comment
    put16(directory, 0);  // disk
    put16(directory, 0);  // internal attributes
    put32(directory, 0);  // external attributes
    put32(directory, offset);
    directory += name;
  }
  const unsigned long directory_at = out.size();
  out += directory;
  put32(out, 0x06054b50);
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<unsigned>(parts.size()));
  put16(out, static_cast<unsigned>(parts.size()));
  put32(out, directory.size());
  put32(out, directory_at);
  put16(out, 0);
  return out;
}

constexpr const char* kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

// The parts of a one-sheet workbook: `sheet_data` inside <sheetData>, and the
// shared strings and styles parts when given. `sheet_target` is the worksheet
// relationship's target.
Parts workbook_parts(const std::string& sheet_data, const std::string& strings = "",
                     const std::string& styles = "",
                     const std::string& sheet_target = "worksheets/sheet1.xml") {
  const std::string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  std::string rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                     "<Relationship Id=\"rId1\" Type=\"" + rel + "worksheet\" Target=\"" +
                     sheet_target + "\"/>";
  Parts parts = {
      {"_rels/.rels",
       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
       "<Relationship Id=\"rId1\" Type=\"" + rel + "officeDocument\" Target=\"xl/workbook.xml\"/>"
       "</Relationships>"},
      {"xl/workbook.xml", std::string("<workbook xmlns=\"") + kMain +
                              "\" xmlns:r=\"" + rel.substr(0, rel.size() - 1) +
                              "\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/>"
                              "</sheets></workbook>"},
      {"xl/worksheets/sheet1.xml",
       std::string("<worksheet xmlns=\"") + kMain + "\"><sheetData>" + sheet_data +
           "</sheetData></worksheet>"},
  };
  if (!strings.empty()) {
    rels += "<Relationship Id=\"rId2\" Type=\"" + rel + "sharedStrings\" Target=\"sharedStrings.xml\"/>";
    parts.emplace_back("xl/sharedStrings.xml", strings);
  }
  if (!styles.empty()) {
    rels += "<Relationship Id=\"rId3\" Type=\"" + rel + "styles\" Target=\"styles.xml\"/>";
    parts.emplace_back("xl/styles.xml", styles);
  }
  parts.emplace_back("xl/_rels/workbook.xml.rels", rels + "</Relationships>");
  return parts;
}

std::string inline_cell(const std::string& text) {
  return "<c t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
}

// The file descriptors this process has open.
std::size_t open_descriptors() {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator("/proc/self/fd")) ++n;
  return n;
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

TEST_CASE("xlsx: a row of more than 16 MiB of inline text is an invalid record", "[xlsx]") {
  // long-row.xlsx: row 2 holds 17 inline cells of 1,000,000 characters,
  // under a header of 17 columns; the 17th passes 16 MiB (16,777,216 bytes).
  const auto rows = rows_of(options_for(workbook("long-row.xlsx")));
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == "2|invalid@1: row 2 holds more than 16 MiB of text (a record is at most 16 MiB)");
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
  // Read record by record, keeping none: the text is refused, not the test.
  std::string error = "no error";
  try {
    auto reader = shortlist::open_reader(options_for(workbook("text-bomb.xlsx")));
    Record r;
    while (reader->next(r)) {
    }
  } catch (const InputError& e) {
    error = e.formatted();
  }
  CHECK(error.find("refused as a zip bomb: its cells name more than 1077 MB of text, from a "
                   "file of 3294 bytes") != std::string::npos);
}

TEST_CASE("xlsx: a refused workbook leaves no file descriptor open", "[xlsx]") {
  // The reader keeps a copy of the file's descriptor for its hash; a
  // workbook refused while it is opened must close it as well.
  TempDir dir;
  const std::vector<fs::path> inputs = {
      dir.write("empty.xlsx", ""),
      dir.write("csv.xlsx", "id\n1\n"),
      dir.write("no-rows.xlsx", zip_of(workbook_parts(""))),
      dir.write("bad-xml.xlsx", zip_of(workbook_parts("<row>"))),
  };
  const std::size_t before = open_descriptors();
  for (const auto& path : inputs) {
    INFO(path);
    CHECK(error_of(options_for(path)) != "no error");
    CHECK(open_descriptors() == before);
  }
}

TEST_CASE("xlsx: elements nested more than 256 deep are refused", "[xlsx]") {
  // expat keeps every open element: a part of nothing but "<a>" would take
  // memory many times its size.
  TempDir dir;
  std::string deep = "<row r=\"1\">" + inline_cell("id");
  for (int i = 0; i < 300; ++i) deep += "<e>";
  for (int i = 0; i < 300; ++i) deep += "</e>";
  deep += "</row>";
  const auto path = dir.write("deep.xlsx", zip_of(workbook_parts(deep)));
  const std::string error = error_of(options_for(path));
  CHECK(error.rfind(path.string() + ": error: xl/worksheets/sheet1.xml, line 1, column ", 0) == 0);
  CHECK(error.find(": elements nested more than 256 deep") != std::string::npos);
}

TEST_CASE("xlsx: a row inside a row, a cell outside a row or inside a cell are refused", "[xlsx]") {
  // A row inside a row used to end twice, giving its record twice.
  TempDir dir;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"<row r=\"1\">" + inline_cell("id") + "<row r=\"2\">" + inline_cell("a") + "</row></row>",
       "a row inside a row"},
      {inline_cell("id"), "a cell outside a row"},
      {"<row r=\"1\"><c t=\"inlineStr\"><c t=\"inlineStr\"/></c></row>", "a cell inside a cell"},
  };
  for (const auto& [data, message] : cases) {
    INFO(data);
    const auto path = dir.write("bad.xlsx", zip_of(workbook_parts(data)));
    const std::string error = error_of(options_for(path));
    CHECK(error.rfind(path.string() + ": error: xl/worksheets/sheet1.xml, line 1, column ", 0) == 0);
    CHECK(error.size() > message.size());
    CHECK(error.substr(error.size() - message.size()) == message);
  }
}

TEST_CASE("xlsx: a row of more than 16 MiB of text is an invalid record", "[xlsx]") {
  // Seventeen cells naming one shared string of 1 MiB (the most a cell may
  // hold): 17 MiB in all. The row is invalid, the next one is read.
  TempDir dir;
  const std::string strings = std::string("<sst xmlns=\"") + kMain + "\"><si><t>" +
                              std::string(std::size_t{1} << 20, 'x') + "</t></si></sst>";
  std::string data = "<row r=\"1\">" + inline_cell("id") + "</row><row r=\"2\">";
  for (int i = 0; i < 17; ++i) data += "<c t=\"s\"><v>0</v></c>";
  data += "</row><row r=\"3\">" + inline_cell("r3") + "</row>";
  const auto path = dir.write("long-row.xlsx", zip_of(workbook_parts(data, strings)));
  const std::vector<std::string> expected = {
      "2|invalid@1: row 2 holds more than 16 MiB of text (a record is at most 16 MiB)",
      "3|id=r3"};
  CHECK(rows_of(options_for(path)) == expected);
}

TEST_CASE("xlsx: the styles, workbook and relationships parts are capped at 64 MiB", "[xlsx]") {
  // A styles part of 65 MiB that is no zip bomb (it deflates about 20 to
  // 1): refused by its size, as behaviour.md says.
  TempDir dir;
  std::string filler(std::size_t{65} << 20, ' ');
  std::uint32_t seed = 12345;
  for (std::size_t i = 0; i < filler.size(); i += 64) {
    seed = seed * 1103515245u + 12345u;
    filler[i] = static_cast<char>('a' + (seed >> 16) % 26);
  }
  const std::string styles = std::string("<styleSheet xmlns=\"") + kMain + "\"><!--" + filler +
                             "--></styleSheet>";
  filler = std::string();
  const auto path = dir.write(
      "big-styles.xlsx",
      zip_of(workbook_parts("<row r=\"1\">" + inline_cell("id") + "</row>", "", styles)));
  CHECK(error_of(options_for(path)) ==
        path.string() + ": error: the part xl/styles.xml is larger than 64 MiB");
}

TEST_CASE("xlsx: number format ids and style indices out of range name no format", "[xlsx]") {
  // numFmtId 99999999999 does not fit an int: it names no format, so its
  // cells read as General numbers (it once wrapped around, as atoi does, to
  // name the date format given the same id). A style index past any there
  // is, or too large to read, is style 0. Format 164, a date, is read.
  TempDir dir;
  const std::string styles =
      std::string("<styleSheet xmlns=\"") + kMain +
      "\"><numFmts><numFmt numFmtId=\"99999999999\" formatCode=\"yyyy-mm-dd\"/>"
      "<numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/></numFmts>"
      "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"99999999999\"/><xf numFmtId=\"164\"/>"
      "</cellXfs></styleSheet>";
  const std::string data =
      "<row r=\"1\">" + inline_cell("id") + inline_cell("a") + inline_cell("b") +
      inline_cell("c") + "</row><row r=\"2\">" + inline_cell("r2") +
      "<c s=\"1\"><v>45000</v></c><c s=\"99999999999999999999999\"><v>45000</v></c>"
      "<c s=\"2\"><v>45000</v></c></row>";
  const auto path = dir.write("formats.xlsx", zip_of(workbook_parts(data, "", styles)));
  CHECK(rows_of(options_for(path)) ==
        std::vector<std::string>{"2|id=r2|a=45000|b=45000|c=2023-03-15"});
}

TEST_CASE("xlsx: row numbers and cell references at their edges", "[xlsx]") {
  TempDir dir;
  const auto error_for = [&](const std::string& data) {
    return error_of(options_for(dir.write("edge.xlsx", zip_of(workbook_parts(data)))));
  };
  // Past the last row of a sheet (1,048,576), and past any integer.
  CHECK(error_for("<row r=\"99999999999\">" + inline_cell("id") + "</row>")
            .find(": row 99999999999 is past the last row a sheet has") != std::string::npos);
  CHECK(error_for("<row r=\"99999999999999999999\">" + inline_cell("id") + "</row>")
            .find(": a row numbered '99999999999999999999'") != std::string::npos);
  CHECK(error_for("<row r=\"0\">" + inline_cell("id") + "</row>")
            .find(": a row numbered '0'") != std::string::npos);
  // A column past XFD, or none.
  CHECK(error_for("<row><c r=\"XFE1\"/></row>")
            .find(": a cell reference 'XFE1' that names no column") != std::string::npos);
  CHECK(error_for("<row><c r=\"1\"/></row>")
            .find(": a cell reference '1' that names no column") != std::string::npos);
  // The digits of a cell's reference are not read: the row's number counts.
  const auto path = dir.write(
      "refs.xlsx",
      zip_of(workbook_parts("<row r=\"1\"><c r=\"A0\" t=\"inlineStr\"><is><t>id</t></is></c>"
                            "<c r=\"B99999999999\" t=\"inlineStr\"><is><t>x</t></is></c></row>"
                            "<row r=\"2\">" + inline_cell("r2") + inline_cell("y") + "</row>")));
  CHECK(rows_of(options_for(path)) == std::vector<std::string>{"2|id=r2|x=y"});
}

TEST_CASE("xlsx: encrypted workbooks are refused, saying so", "[xlsx]") {
  TempDir dir;
  // Entries marked encrypted in the archive (general purpose flag bit 0).
  const auto zipped = dir.write(
      "zip-crypto.xlsx",
      zip_of(workbook_parts("<row r=\"1\">" + inline_cell("id") + "</row>"), 1));
  CHECK(error_of(options_for(zipped)) ==
        zipped.string() +
            ": error: the part _rels/.rels is encrypted: encrypted workbooks are not read");
  // What Excel saves with a password to open: an OLE compound file.
  std::string compound = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
  compound += std::string(504, '\0');
  const auto ole = dir.write("password.xlsx", compound);
  CHECK(error_of(options_for(ole)) ==
        ole.string() +
            ": error: not a readable XLSX workbook: it is a workbook saved with a password "
            "(encrypted workbooks are not read: save it without one) or an old .xls");
}

TEST_CASE("xlsx: shared strings named but not there", "[xlsx]") {
  TempDir dir;
  // No shared strings part: a cell naming one is an invalid record, and in
  // the header an input error at its cell.
  const auto none = dir.write(
      "none.xlsx", zip_of(workbook_parts("<row r=\"1\">" + inline_cell("id") +
                                         "</row><row r=\"2\"><c t=\"s\"><v>0</v></c></row>")));
  CHECK(rows_of(options_for(none)) ==
        std::vector<std::string>{
            "2|invalid@1: the cell A2 names shared string '0', but the workbook has 0"});
  const auto header = dir.write(
      "header.xlsx", zip_of(workbook_parts("<row r=\"1\"><c t=\"s\"><v>4000000000</v></c></row>")));
  CHECK(error_of(options_for(header)) ==
        header.string() +
            ":1:1: error: the cell A1 names shared string '4000000000', but the workbook has 0");
  // A relationship to a shared strings part the archive does not have.
  Parts parts = workbook_parts("<row r=\"1\">" + inline_cell("id") + "</row>", "<sst/>");
  std::erase_if(parts, [](const auto& p) { return p.first == "xl/sharedStrings.xml"; });
  const auto missing = dir.write("missing.xlsx", zip_of(parts));
  CHECK(error_of(options_for(missing)) ==
        missing.string() +
            ": error: the workbook's shared strings (xl/sharedStrings.xml) is missing from the "
            "archive");
}

TEST_CASE("xlsx: relationships out of the archive, to themselves, to a folder", "[xlsx]") {
  TempDir dir;
  const std::string row = "<row r=\"1\">" + inline_cell("id") + "</row>";
  // "..": no further up than the archive's root.
  const auto outside =
      dir.write("outside.xlsx", zip_of(workbook_parts(row, "", "", "../../../../etc/passwd")));
  CHECK(error_of(options_for(outside)) ==
        outside.string() + ": error: the sheet 'S' (etc/passwd) is missing from the archive");
  // The workbook part as its own sheet: it has no rows.
  const auto self = dir.write("self.xlsx", zip_of(workbook_parts(row, "", "", "workbook.xml")));
  CHECK(error_of(options_for(self)) == self.string() + ": error: no records: the sheet is empty");
  // A folder: its name loses its last '/', as any empty segment, so it names
  // no part, even when the archive has an entry for the folder.
  Parts parts = workbook_parts(row, "", "", "worksheets/");
  parts.emplace_back("xl/worksheets/", "");
  const auto folder = dir.write("folder.xlsx", zip_of(parts));
  CHECK(error_of(options_for(folder)) ==
        folder.string() + ": error: the sheet 'S' (xl/worksheets) is missing from the archive");
  // An empty sheet part is no XML.
  parts = workbook_parts(row);
  for (auto& [name, content] : parts)
    if (name == "xl/worksheets/sheet1.xml") content.clear();
  const auto empty = dir.write("empty.xlsx", zip_of(parts));
  const std::string error = error_of(options_for(empty));
  INFO(error);
  CHECK(error.rfind(empty.string() + ": error: xl/worksheets/sheet1.xml, line 1, column ", 0) == 0);
  CHECK(error.find(": not well-formed XML (no element found)") != std::string::npos);
}

TEST_CASE("xlsx: a tag or comment longer than 16 MiB is refused", "[xlsx]") {
  // expat keeps a piece of XML whole until it ends: a comment of 17 MiB of
  // spaces (no zip bomb below 64 MiB) would be held in memory whole.
  TempDir dir;
  const std::string data = "<row r=\"1\">" + inline_cell("id") + "</row><!--" +
                           std::string(std::size_t{17} << 20, ' ') + "-->";
  const auto path = dir.write("comment.xlsx", zip_of(workbook_parts(data)));
  const std::string error = error_of(options_for(path));
  INFO(error);
  CHECK(error.rfind(path.string() + ": error: xl/worksheets/sheet1.xml, line 1, column ", 0) == 0);
  CHECK(error.find(": a tag, comment or other piece of XML longer than 16 MiB") !=
        std::string::npos);
}

TEST_CASE("xlsx: only the first relationship to the shared strings is followed", "[xlsx]") {
  // Two relationships to one table of one string: it is read once, so a
  // cell naming string 1 names one the workbook does not have (read twice,
  // the table would have two). Thousands of such relationships would
  // otherwise read a large table thousands of times.
  TempDir dir;
  Parts parts = workbook_parts(
      "<row r=\"1\">" + inline_cell("id") + "</row><row r=\"2\"><c t=\"s\"><v>1</v></c></row>",
      std::string("<sst xmlns=\"") + kMain + "\"><si><t>id</t></si></sst>");
  for (auto& [name, content] : parts) {
    if (name != "xl/_rels/workbook.xml.rels") continue;
    const std::string again =
        "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
        "relationships/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>";
    content.replace(content.find("</Relationships>"), std::string("</Relationships>").size(), again);
  }
  const auto path = dir.write("twice.xlsx", zip_of(parts));
  CHECK(rows_of(options_for(path)) ==
        std::vector<std::string>{
            "2|invalid@1: the cell A2 names shared string '1', but the workbook has 1"});
}

TEST_CASE("xlsx: _xHHHH_ escapes decode to UTF-8, surrogate pairs joined", "[xlsx]") {
  std::string text = "caf_x00E9_ _xD83D__xDE00_ lone _xD800_ _x005F_x0041_ _x00zz_";
  shortlist::decode_ooxml_escapes(text);
  // é is C3 A9; U+1F600 is F0 9F 98 80; a lone surrogate is U+FFFD (EF BF BD).
  CHECK(text == "caf\xC3\xA9 \xF0\x9F\x98\x80 lone \xEF\xBF\xBD _x0041_ _x00zz_");
}
