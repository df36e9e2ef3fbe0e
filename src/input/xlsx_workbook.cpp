#include "input/xlsx_workbook.hpp"

#include <charconv>
#include <map>

#include <fmt/format.h>

#include "input/xml_part.hpp"
#include "shortlist/input.hpp"

namespace shortlist {
namespace {

// More than any spreadsheet makes (Excel allows 64,000 cell formats), and
// few enough that a hostile part cannot fill memory with them.
constexpr std::size_t kMaxSheets = 10'000;
constexpr std::size_t kMaxStyles = 1'000'000;

// A number format's id (numFmtId); -1, which names no format, for anything
// else than a number that fits.
int format_id(const char* text) {
  if (text == nullptr) return 0;
  const std::string_view v(text);
  int id = -1;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), id);
  return ec == std::errc() && end == v.data() + v.size() ? id : -1;
}

std::string folder_of(const std::string& part) {
  const auto slash = part.rfind('/');
  return slash == std::string::npos ? "" : part.substr(0, slash + 1);
}

// A relationship's target, relative to the folder of the part it belongs to
// (or to the package's root when it starts with '/'), as a ZIP entry name.
std::string resolve(const std::string& folder, std::string_view target) {
  std::string joined = !target.empty() && target.front() == '/' ? std::string(target.substr(1))
                                                                 : folder + std::string(target);
  std::vector<std::string> parts;
  std::size_t at = 0;
  while (at <= joined.size()) {
    const auto slash = std::min(joined.find('/', at), joined.size());
    const std::string piece = joined.substr(at, slash - at);
    if (piece == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!piece.empty() && piece != ".") {
      parts.push_back(piece);
    }
    at = slash + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

struct Relationship {
  std::string type;    // its last path segment: "worksheet", "styles"...
  std::string target;  // resolved
};

class RelationshipsHandler : public XmlPart::Handler {
 public:
  explicit RelationshipsHandler(std::string folder) : folder_(std::move(folder)) {}
  void start(std::string_view name, XmlAttributes a) override {
    if (name != "Relationship") return;
    const char* id = a.find("Id");
    const char* type = a.find("Type");
    const char* target = a.find("Target");
    const char* mode = a.find("TargetMode");
    if (id == nullptr || type == nullptr || target == nullptr) return;
    if (mode != nullptr && std::string_view(mode) == "External") return;
    if (by_id.size() >= kMaxSheets * 4) return;
    std::string_view t(type);
    const auto slash = t.rfind('/');
    by_id[id] = Relationship{std::string(t.substr(slash == t.npos ? 0 : slash + 1)),
                             resolve(folder_, target)};
  }
  void end(std::string_view) override {}
  std::map<std::string, Relationship> by_id;

 private:
  std::string folder_;
};

// The relationships of `part` (from its _rels/NAME.rels); none if absent.
std::map<std::string, Relationship> relationships_of(ZipArchive& archive, const std::string& part) {
  const std::string folder = folder_of(part);
  const std::string rels = folder + "_rels/" + part.substr(folder.size()) + ".rels";
  auto index = archive.find(rels);
  if (!index) return {};
  RelationshipsHandler handler(folder);
  XmlPart xml(archive, *index, handler, kMaxWholePart);
  while (xml.parse()) {
  }
  return std::move(handler.by_id);
}

std::uint64_t require_part(ZipArchive& archive, const std::string& part, const char* what) {
  auto index = archive.find(part);
  if (!index) archive.fail(fmt::format("the workbook's {} ({}) is missing from the archive", what, part));
  return *index;
}

// Text inside <t> elements, for shared strings: rich text's runs are joined,
// phonetic guides (<rPh>, furigana) left out.
class StringsHandler : public XmlPart::Handler {
 public:
  explicit StringsHandler(SharedStrings& strings) : strings_(strings) {}
  XmlPart* xml = nullptr;
  void start(std::string_view name, XmlAttributes) override {
    if (name == "si") {
      text_.clear();
    } else if (name == "t") {
      capturing_ = phonetic_ == 0;
    } else if (name == "rPh") {
      ++phonetic_;
    }
  }
  void end(std::string_view name) override {
    if (name == "t") {
      capturing_ = false;
    } else if (name == "rPh") {
      --phonetic_;
    } else if (name == "si") {
      decode_ooxml_escapes(text_);
      strings_.add(text_);
    }
  }
  void text(std::string_view piece) override {
    if (!capturing_) return;
    if (text_.size() + piece.size() > kMaxCellText)
      xml->fail("a shared string longer than 1 MiB (a cell holds at most 32,767 characters)");
    text_ += piece;
  }

 private:
  SharedStrings& strings_;
  std::string text_;
  bool capturing_ = false;
  int phonetic_ = 0;
};

}  // namespace

XlsxWorkbook::XlsxWorkbook(std::string path, int fd, std::size_t strings_budget)
    : archive_(std::move(path), fd), strings_(strings_budget) {
  std::string workbook;
  for (const auto& [id, rel] : relationships_of(archive_, "")) {
    if (rel.type == "officeDocument") workbook = rel.target;
  }
  if (workbook.empty()) {
    archive_.fail(
        "not an XLSX workbook: the archive names no workbook (_rels/.rels); is it an "
        "OpenDocument (.ods) or another kind of ZIP?");
  }
  read_workbook(workbook);
}

void XlsxWorkbook::read_workbook(const std::string& part) {
  struct Handler : XmlPart::Handler {
    bool date1904 = false;
    bool recalculate = false;
    std::vector<std::pair<std::string, std::string>> sheets;  // name, relationship id
    XmlPart* xml = nullptr;
    void start(std::string_view name, XmlAttributes a) override {
      if (name == "workbookPr") {
        const char* v = a.find("date1904");
        date1904 = v != nullptr && (std::string_view(v) == "1" || std::string_view(v) == "true");
      } else if (name == "calcPr") {
        const char* v = a.find("fullCalcOnLoad");
        recalculate = v != nullptr && (std::string_view(v) == "1" || std::string_view(v) == "true");
      } else if (name == "sheet") {
        if (sheets.size() >= kMaxSheets) xml->fail("more than 10,000 sheets");
        const char* n = a.find("name");
        const char* id = a.find("id");
        sheets.emplace_back(n != nullptr ? n : "", id != nullptr ? id : "");
      }
    }
    void end(std::string_view) override {}
  } handler;
  {
    XmlPart xml(archive_, require_part(archive_, part, "workbook part"), handler, kMaxWholePart);
    handler.xml = &xml;
    while (xml.parse()) {
    }
  }
  date1904_ = handler.date1904;
  recalculate_on_open_ = handler.recalculate;
  const auto rels = relationships_of(archive_, part);
  for (const auto& [name, id] : handler.sheets) {
    auto rel = rels.find(id);
    const bool worksheet = rel != rels.end() && rel->second.type == "worksheet";
    sheets_.push_back(Sheet{name, worksheet ? rel->second.target : std::string()});
  }
  // A workbook has one styles part and one shared strings table: only the
  // first relationship to each is followed (in the order of their ids), so
  // that thousands of relationships to one large part cannot have it read
  // thousands of times.
  const auto first_of = [&](std::string_view type) -> const Relationship* {
    for (const auto& [id, rel] : rels)
      if (rel.type == type) return &rel;
    return nullptr;
  };
  if (const Relationship* styles = first_of("styles")) read_styles(styles->target);
  if (const Relationship* strings = first_of("sharedStrings")) read_shared_strings(strings->target);
  strings_.finish();
}

void XlsxWorkbook::read_styles(const std::string& part) {
  struct Handler : XmlPart::Handler {
    std::map<int, NumberShown> formats;  // the workbook's own number formats
    std::vector<int> xf_formats;         // cellXfs: each style's number format
    int depth_in_cell_xfs = 0;
    XmlPart* xml = nullptr;
    void start(std::string_view name, XmlAttributes a) override {
      if (name == "numFmt") {
        const char* id = a.find("numFmtId");
        const char* code = a.find("formatCode");
        if (id != nullptr && code != nullptr) {
          if (formats.size() >= kMaxStyles) xml->fail("more than a million number formats");
          if (const int n = format_id(id); n >= 0) formats[n] = classify_number_format(code);
        }
      } else if (name == "cellXfs") {
        ++depth_in_cell_xfs;
      } else if (name == "xf" && depth_in_cell_xfs > 0) {
        if (xf_formats.size() >= kMaxStyles) xml->fail("more than a million cell styles");
        const char* id = a.find("numFmtId");
        xf_formats.push_back(format_id(id));
      }
    }
    void end(std::string_view name) override {
      if (name == "cellXfs") --depth_in_cell_xfs;
    }
  } handler;
  auto index = archive_.find(part);
  if (!index) return;  // no styles: every number is General
  XmlPart xml(archive_, *index, handler, kMaxWholePart);
  handler.xml = &xml;
  while (xml.parse()) {
  }
  styles_.reserve(handler.xf_formats.size());
  for (int id : handler.xf_formats) {
    auto own = handler.formats.find(id);
    styles_.push_back(own != handler.formats.end() ? own->second : builtin_number_format(id));
  }
}

void XlsxWorkbook::read_shared_strings(const std::string& part) {
  StringsHandler handler(strings_);
  XmlPart xml(archive_, require_part(archive_, part, "shared strings"), handler);
  handler.xml = &xml;
  while (xml.parse()) {
  }
}

const XlsxWorkbook::Sheet& XlsxWorkbook::sheet(const std::string& name) const {
  std::string names;
  for (const Sheet& s : sheets_) {
    if (name.empty() ? !s.part.empty() : s.name == name) {
      if (s.part.empty())
        archive_.fail("the sheet '" + name + "' is a chart or dialog sheet, not a worksheet");
      return s;
    }
    names += (names.empty() ? "'" : ", '") + s.name + "'";
  }
  if (name.empty()) archive_.fail("the workbook has no worksheet");
  archive_.fail("no sheet named '" + name + "' in the workbook (its sheets: " + names + ")");
}

}  // namespace shortlist
