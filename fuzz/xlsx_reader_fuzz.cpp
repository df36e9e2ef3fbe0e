// Fuzz target: the XLSX reader.
//
// Two kinds of input:
// - a ZIP archive (it starts with "PK"), read as it is: the archive's
//   directory, the zip-bomb checks, the CRC and the relationships are fuzzed;
// - anything else is the text of the workbook's XML parts, separated by a
//   line "--part--": the sheet, the shared strings, the styles, the workbook
//   and its relationships, in that order (a part not given is a small valid
//   one). A valid archive is built of them in memory with libzip, so that the
//   XML handling is fuzzed past the CRC, which byte-wise mutations of an
//   archive rarely get through.
//
// The shared strings' memory budget (the default, or small enough that they
// go to a file) is drawn from a hash of the input. Checked: no crash, leak
// or hang; only InputError escapes; a record's line is the sheet's row, each
// row read at most once, in order; the header and valid records have names
// and values alike, in UTF-8; an unreadable value says why; and no file
// descriptor is left open, whether the workbook was read or refused.
#include <fcntl.h>
#include <simdjson.h>
#include <unistd.h>
#include <zip.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"
#include "shortlist/output_error.hpp"

namespace {

using shortlist::InputOptions;
using shortlist::RawValue;
using shortlist::Record;

constexpr std::string_view kSeparator = "\n--part--\n";

constexpr std::string_view kSheet =
    R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)"
    R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>b</t></is></c></row>)"
    R"(<row r="2"><c r="A2"><v>1.5</v></c><c r="B2" s="1"><v>45000</v></c></row>)"
    R"(</sheetData></worksheet>)";
constexpr std::string_view kStrings =
    R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
    R"(<si><t>id</t></si><si><r><t>a</t></r><r><t>b</t></r></si></sst>)";
constexpr std::string_view kStyles =
    R"(<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
    R"(<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>)"
    R"(<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>)";
constexpr std::string_view kWorkbook =
    R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
    R"(<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>)";
constexpr std::string_view kWorkbookRels =
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://x/worksheet" Target="worksheets/sheet1.xml"/>)"
    R"(<Relationship Id="rId2" Type="http://x/sharedStrings" Target="sharedStrings.xml"/>)"
    R"(<Relationship Id="rId3" Type="http://x/styles" Target="styles.xml"/></Relationships>)";
constexpr std::string_view kRootRels =
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://x/officeDocument" Target="xl/workbook.xml"/>)"
    R"(</Relationships>)";

struct Part {
  const char* name;
  std::string_view fallback;
};
constexpr std::array<Part, 6> kParts = {{
    {"xl/worksheets/sheet1.xml", kSheet},
    {"xl/sharedStrings.xml", kStrings},
    {"xl/styles.xml", kStyles},
    {"xl/workbook.xml", kWorkbook},
    {"xl/_rels/workbook.xml.rels", kWorkbookRels},
    {"_rels/.rels", kRootRels},
}};

// A ZIP archive of the parts in `text` (see above), deflated, built in memory.
std::string archive_of(std::string_view text) {
  std::vector<std::string_view> given;
  for (;;) {
    const auto at = text.find(kSeparator);
    given.push_back(text.substr(0, at));
    if (at == std::string_view::npos) break;
    text.remove_prefix(at + kSeparator.size());
  }
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  SHORTLIST_FUZZ_CHECK(buffer != nullptr);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  SHORTLIST_FUZZ_CHECK(archive != nullptr);
  zip_source_keep(buffer);  // read back once the archive is closed
  for (std::size_t i = 0; i < kParts.size(); ++i) {
    const std::string_view content = i < given.size() ? given[i] : kParts[i].fallback;
    zip_source_t* part = zip_source_buffer(archive, content.data(), content.size(), 0);
    SHORTLIST_FUZZ_CHECK(part != nullptr);
    SHORTLIST_FUZZ_CHECK(zip_file_add(archive, kParts[i].name, part, ZIP_FL_ENC_UTF_8) >= 0);
  }
  SHORTLIST_FUZZ_CHECK(zip_close(archive) == 0);
  std::string out;
  zip_stat_t st;
  SHORTLIST_FUZZ_CHECK(zip_source_stat(buffer, &st) == 0 && (st.valid & ZIP_STAT_SIZE));
  out.resize(static_cast<std::size_t>(st.size));
  SHORTLIST_FUZZ_CHECK(zip_source_open(buffer) == 0);
  SHORTLIST_FUZZ_CHECK(zip_source_read(buffer, out.data(), out.size()) ==
                       static_cast<zip_int64_t>(out.size()));
  zip_source_close(buffer);
  zip_source_free(buffer);
  zip_error_fini(&error);
  return out;
}

bool valid_utf8(const std::string& text) { return simdjson::validate_utf8(text.data(), text.size()); }

// The lowest free file descriptor: what any descriptor left open would raise.
int lowest_free_descriptor() {
  const int fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  SHORTLIST_FUZZ_CHECK(fd >= 0);
  ::close(fd);
  return fd;
}

void check_record(const Record& record, std::size_t width, std::int64_t& last_line) {
  SHORTLIST_FUZZ_CHECK(record.line > last_line);  // rows in order, each once
  SHORTLIST_FUZZ_CHECK(record.line <= 1'048'576);
  last_line = record.line;
  if (record.invalid) return;
  SHORTLIST_FUZZ_CHECK(record.values.size() == width);
  for (const RawValue& value : record.values) {
    SHORTLIST_FUZZ_CHECK(valid_utf8(value.text));
    if (value.kind == RawValue::Kind::kUnreadable) {
      SHORTLIST_FUZZ_CHECK(value.items.size() == 1 && !value.items[0].empty());
    } else {
      SHORTLIST_FUZZ_CHECK(value.kind == RawValue::Kind::kString);
      SHORTLIST_FUZZ_CHECK(value.items.empty());
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::uint64_t hash = shortlist::fuzz::hash_bytes(data, size);
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto& file = shortlist::fuzz::input_file();
  if (bytes.substr(0, 2) == "PK") {
    file.assign(data, size);
  } else {
    const std::string archive = archive_of(bytes);
    file.assign(reinterpret_cast<const std::uint8_t*>(archive.data()), archive.size());
  }
  const int free_before = lowest_free_descriptor();

  InputOptions options;
  options.path = file.path();
  options.format = shortlist::InputFormat::kXlsx;
  options.strings_budget = hash % 4 == 0 ? 64 : 0;  // now and then, strings in a file
  std::size_t width = 0;
  const auto reading = shortlist::fuzz::read_all([&] {
    auto reader = shortlist::open_reader(options);
    width = reader->header().size();
    SHORTLIST_FUZZ_CHECK(width >= 1 && width <= 16384);
    for (const auto& name : reader->header()) SHORTLIST_FUZZ_CHECK(valid_utf8(name));
    return reader;
  });
  std::int64_t last_line = 0;
  for (const Record& record : reading.records) check_record(record, width, last_line);
  if (reading.failed) SHORTLIST_FUZZ_CHECK(!reading.error.empty());
  SHORTLIST_FUZZ_CHECK(lowest_free_descriptor() == free_before);
  return 0;
}
