// The XLSX reader (SPEC 1 v1.1): one worksheet of a workbook, read as the
// table a spreadsheet shows. Its first row with a value is the header; each
// later row with a value is a record whose source is the sheet's row number.
//
// The sheet is inflated and parsed in a stream, one row at a time (expat
// pauses at the end of each row), so memory does not grow with the rows;
// the shared strings the cells name are held within a budget (see
// xlsx_shared_strings.hpp).
//
// What a cell reads as, for the rules:
// - strings (shared, inline, a formula's text) as they are;
// - numbers as exact decimals, dates as ISO dates and timestamps
//   (xlsx_cell_text.hpp);
// - booleans as TRUE and FALSE, as a spreadsheet shows them;
// - an error (#N/A, #VALUE!), a formula never computed and a date serial
//   that is no day are unreadable, with the reason: the rules send them to
//   review rather than guess;
// - an empty or absent cell is an empty value, as in a CSV export.
//
// A merged header cell names only its first column, as a spreadsheet's
// export to CSV does; an empty header cell leaves its column unnamed (no
// rule can name it). A value right of the header's last column makes its
// record invalid, rather than being dropped unseen.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <map>

#include <fmt/format.h>

#include "input/json_record.hpp"
#include "input/readers.hpp"
#include "input/xlsx_workbook.hpp"
#include "input/xml_part.hpp"
#include "shortlist/output_error.hpp"
#include "shortlist/sha256.hpp"

namespace shortlist {
namespace {

// A row may hold at most this much text: past it, the row is an invalid
// record (as a CSV record over 16 MiB is), and memory stays bounded however
// many long cells a row names.
constexpr std::size_t kMaxRowText = std::size_t{16} << 20;

enum class CellType { kNumber, kShared, kInline, kFormulaText, kBoolean, kError, kIsoDate };

struct Cell {
  int column = 0;
  RawValue::Kind kind = RawValue::Kind::kString;
  std::string text;
  std::string why;      // for kUnreadable
  std::string invalid;  // the record cannot be read at all (a damaged reference)
};

CellType cell_type(const char* t) {
  if (t == nullptr) return CellType::kNumber;
  const std::string_view v(t);
  if (v == "s") return CellType::kShared;
  if (v == "inlineStr") return CellType::kInline;
  if (v == "str") return CellType::kFormulaText;
  if (v == "b") return CellType::kBoolean;
  if (v == "e") return CellType::kError;
  if (v == "d") return CellType::kIsoDate;
  return CellType::kNumber;
}

template <class T>
bool parse_whole(std::string_view text, T& value) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

std::string csv_quoted(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

// Standard input cannot be read at random, and an XLSX archive's directory
// is at its end: it is copied to a file that no name points to.
int spool_standard_input(Sha256* hash, std::int64_t& size) {
  const char* dir = std::getenv("TMPDIR");
  std::string pattern = (dir != nullptr && *dir != '\0' ? std::string(dir) : "/tmp");
  pattern += "/shortlist-stdin-XXXXXX";
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0)
    throw OutputError("cannot create a temporary file for standard input in '" +
                      pattern.substr(0, pattern.rfind('/')) + "': " + std::strerror(errno));
  ::unlink(pattern.c_str());
  std::vector<char> buffer(std::size_t{1} << 20);
  for (;;) {
    const ssize_t n = ::read(0, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      throw InputError("-", 0, 0, std::string("read error: ") + std::strerror(errno));
    }
    if (n == 0) break;
    if (hash) hash->update(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
    for (ssize_t at = 0; at < n;) {
      const ssize_t w = ::write(fd, buffer.data() + at, static_cast<std::size_t>(n - at));
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) {
        ::close(fd);
        throw OutputError(std::string("cannot write standard input to $TMPDIR: ") +
                          std::strerror(errno));
      }
      at += w;
    }
    size += n;
  }
  ::lseek(fd, 0, SEEK_SET);
  return fd;
}

class XlsxReader final : public RecordReader, public XmlPart::Handler {
 public:
  explicit XlsxReader(const InputOptions& options);
  ~XlsxReader() override;
  bool next(Record& record) override;
  const std::vector<std::string>& header() const override { return header_; }
  std::int64_t header_line() const override { return header_row_; }
  std::string sha256() override;
  std::int64_t bytes_read() const override;

 private:
  void start(std::string_view name, XmlAttributes attributes) override;
  void end(std::string_view name) override;
  void text(std::string_view piece) override;
  void open(const InputOptions& options);
  void finish_cell();
  bool read_row();  // the next row with a value; false at the end
  void read_header();
  std::string cell_name(int column) const {
    return column_letters(column) + std::to_string(row_number_);
  }

  // Closes its descriptor however the reader ends, its constructor's throws
  // included.
  struct OwnedFd {
    int fd = -1;
    OwnedFd() = default;
    OwnedFd(const OwnedFd&) = delete;
    OwnedFd& operator=(const OwnedFd&) = delete;
    ~OwnedFd() {
      if (fd >= 0) ::close(fd);
    }
  };

  std::string path_;
  bool hash_ = true;
  OwnedFd hash_fd_;  // the file again, for its SHA-256 at the end
  std::unique_ptr<Sha256> stdin_hash_;
  std::int64_t file_size_ = 0;
  std::unique_ptr<XlsxWorkbook> workbook_;
  std::unique_ptr<XmlPart> sheet_;
  bool finished_ = false;

  std::vector<std::string> header_;
  std::int64_t header_row_ = 0;

  // The row being read.
  bool in_data_ = false;
  std::int64_t row_number_ = 0;
  std::int64_t last_row_ = 0;
  std::vector<Cell> cells_;  // reused: the first cell_count_ are this row's
  std::size_t cell_count_ = 0;
  int next_column_ = 1;
  bool row_has_value_ = false;
  bool in_row_ = false;
  std::size_t row_text_ = 0;  // bytes of the row's values
  bool row_too_long_ = false;
  // Text the cells have given in all, and how much a workbook of this size
  // may give: shared strings let a small file name the same long text
  // again and again, past what the zip bomb check sees.
  std::uint64_t text_read_ = 0;
  std::uint64_t text_allowed_ = 0;
  // The cell being read.
  bool in_cell_ = false;
  int column_ = 0;
  CellType type_ = CellType::kNumber;
  std::size_t style_ = 0;
  bool has_formula_ = false;
  bool has_value_ = false;
  bool capturing_ = false;
  int phonetic_ = 0;
  std::string value_;
};

// When opening throws, no destructor runs for the reader, but its members
// built so far are destroyed: the copy of the descriptor (OwnedFd) closes.
XlsxReader::XlsxReader(const InputOptions& options) : path_(options.path), hash_(options.hash) {
  open(options);
}

void XlsxReader::open(const InputOptions& options) {
  int fd;
  if (path_ == "-") {
    if (hash_) stdin_hash_ = std::make_unique<Sha256>();
    fd = spool_standard_input(stdin_hash_.get(), file_size_);
  } else {
    fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw InputError(path_, 0, 0, std::string("cannot open: ") + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
      ::close(fd);
      throw InputError(path_, 0, 0, "cannot open: it is a directory");
    }
    file_size_ = static_cast<std::int64_t>(st.st_size);
    if (hash_) hash_fd_.fd = ::dup(fd);
  }
  if (file_size_ == 0) {
    ::close(fd);
    throw InputError(path_, 0, 0, "empty file");
  }
  text_allowed_ = std::uint64_t{1024} * static_cast<std::uint64_t>(file_size_) + (std::uint64_t{1} << 30);
  const std::size_t budget =
      options.strings_budget > 0 ? options.strings_budget : SharedStrings::kDefaultBudget;
  workbook_ = std::make_unique<XlsxWorkbook>(path_, fd, budget);
  const auto& sheet = workbook_->sheet(options.sheet);
  auto index = workbook_->archive().find(sheet.part);
  if (!index) workbook_->archive().fail("the sheet '" + sheet.name + "' (" + sheet.part + ") is missing from the archive");
  sheet_ = std::make_unique<XmlPart>(workbook_->archive(), *index, *this);
  read_header();
}

XlsxReader::~XlsxReader() = default;

void XlsxReader::start(std::string_view name, XmlAttributes a) {
  if (name == "sheetData") {
    in_data_ = true;
    return;
  }
  if (!in_data_) return;
  if (name == "row") {
    if (in_row_) sheet_->fail("a row inside a row");
    std::int64_t r = last_row_ + 1;
    if (const char* given = a.find("r"); given != nullptr && (!parse_whole(given, r) || r < 1))
      sheet_->fail(fmt::format("a row numbered '{}'", given));
    if (r <= last_row_ || r > 1'048'576)
      sheet_->fail(r <= last_row_ ? fmt::format("row {} comes after row {}", r, last_row_)
                                  : fmt::format("row {} is past the last row a sheet has", r));
    row_number_ = last_row_ = r;
    cell_count_ = 0;
    next_column_ = 1;
    row_has_value_ = false;
    in_row_ = true;
    row_text_ = 0;
    row_too_long_ = false;
  } else if (name == "c") {
    if (!in_row_ || in_cell_)
      sheet_->fail(in_row_ ? "a cell inside a cell" : "a cell outside a row");
    in_cell_ = true;
    column_ = next_column_;
    if (const char* ref = a.find("r"); ref != nullptr) {
      column_ = cell_column(ref);
      if (column_ == 0) sheet_->fail(fmt::format("a cell reference '{}' that names no column", ref));
    }
    if (column_ < next_column_ || column_ > 16384)
      sheet_->fail(fmt::format("cells out of order in row {}", row_number_));
    next_column_ = column_ + 1;
    type_ = cell_type(a.find("t"));
    style_ = 0;
    if (const char* s = a.find("s"); s != nullptr && !parse_whole(std::string_view(s), style_))
      style_ = 0;
    has_formula_ = has_value_ = capturing_ = false;
    phonetic_ = 0;
    value_.clear();
  } else if (!in_cell_) {
    return;  // what a row holds besides its cells (extLst)
  } else if (name == "v") {
    has_value_ = capturing_ = true;
  } else if (name == "f") {
    has_formula_ = true;
  } else if (name == "t") {
    if (type_ == CellType::kInline && phonetic_ == 0) has_value_ = capturing_ = true;
  } else if (name == "rPh") {
    ++phonetic_;
  }
}

void XlsxReader::end(std::string_view name) {
  if (name == "sheetData") {
    in_data_ = false;
  } else if (!in_data_) {
    return;
  } else if (name == "v" || name == "t") {
    capturing_ = false;  // also outside a cell, where it was never set
  } else if (name == "rPh") {
    --phonetic_;
  } else if (name == "c") {
    in_cell_ = false;
    finish_cell();
  } else if (name == "row") {
    in_row_ = false;
    if (row_has_value_) sheet_->pause();
  }
}

void XlsxReader::text(std::string_view piece) {
  if (!capturing_) return;
  if (value_.size() + piece.size() > kMaxCellText)
    sheet_->fail("a cell longer than 1 MiB (a cell holds at most 32,767 characters)");
  value_ += piece;
}

void XlsxReader::finish_cell() {
  if (row_too_long_) return;
  if (cell_count_ == cells_.size()) cells_.emplace_back();
  Cell& cell = cells_[cell_count_];
  cell.column = column_;
  cell.kind = RawValue::Kind::kString;
  // A long text's room is not kept for the cells of later rows.
  if (cell.text.capacity() > 4096) cell.text = std::string();
  cell.text.clear();
  cell.why.clear();
  cell.invalid.clear();
  auto unreadable = [&](std::string text, std::string why) {
    cell.kind = RawValue::Kind::kUnreadable;
    cell.text = std::move(text);
    cell.why = std::move(why);
  };
  // A formula's stored value is what the workbook's writer computed, if it
  // computed one: none at all, or a workbook that asks to be recalculated
  // when opened (fullCalcOnLoad, as libraries that cannot compute write a
  // placeholder 0), is no value to decide on.
  if (has_formula_ && (!has_value_ || workbook_->recalculate_on_open())) {
    unreadable(value_, "the cell " + cell_name(column_) +
                           (has_value_ ? " holds a formula whose value the workbook asks to be "
                                         "computed again when opened"
                                       : " holds a formula whose value was never computed") +
                           " (open the workbook in a spreadsheet and save it)");
    type_ = CellType::kError;  // handled: skips the switch below
  }
  switch (type_) {
    case CellType::kShared: {
      std::size_t index = 0;
      if (!has_value_) break;  // no index: an empty cell
      if (!parse_whole(std::string_view(value_), index) || index >= workbook_->strings().size()) {
        cell.invalid = fmt::format("the cell {} names shared string '{}', but the workbook has {}",
                                   cell_name(column_), value_, workbook_->strings().size());
        break;
      }
      cell.text = workbook_->strings().get(index);
      break;
    }
    case CellType::kInline:
    case CellType::kFormulaText:
      decode_ooxml_escapes(value_);
      cell.text = value_;
      break;
    case CellType::kIsoDate:
      cell.text = value_;
      break;
    case CellType::kBoolean:
      if (value_ == "1" || value_ == "0")
        cell.text = value_ == "1" ? "TRUE" : "FALSE";
      else
        unreadable(value_, "not a spreadsheet boolean (0 or 1)");
      break;
    case CellType::kError:
      if (cell.kind == RawValue::Kind::kUnreadable) break;  // the formula's, above
      unreadable(value_, "the spreadsheet shows the error " + value_ + " in the cell " +
                             cell_name(column_));
      break;
    case CellType::kNumber: {
      if (value_.empty()) {
        // <v/>: openpyxl's way of writing a formula it did not compute.
        if (has_formula_)
          unreadable("", "the cell " + cell_name(column_) +
                             " holds a formula whose value was never computed (open the workbook "
                             "in a spreadsheet and save it)");
        break;
      }
      const NumberShown shown = workbook_->style(style_);
      if (shown == NumberShown::kNumber) {
        auto number = spreadsheet_number(value_);
        if (number)
          cell.text = std::move(*number);
        else
          unreadable(value_, "not a number");
        break;
      }
      double serial = 0;
      std::string why;
      std::optional<std::string> date;
      if (parse_whole(std::string_view(value_), serial))
        date = spreadsheet_date(serial, workbook_->date1904(), shown, why);
      else
        why = "not a date serial";
      if (date)
        cell.text = std::move(*date);
      else
        unreadable(value_, why);
      break;
    }
  }
  if (cell.text.empty() && cell.kind == RawValue::Kind::kString && cell.invalid.empty()) return;
  row_has_value_ = true;
  text_read_ += cell.text.size();
  if (text_read_ > text_allowed_) {
    sheet_->fail(fmt::format("refused as a zip bomb: its cells name more than {} MB of text, "
                             "from a file of {} bytes",
                             text_allowed_ / 1000000, file_size_));
  }
  row_text_ += cell.text.size();
  if (row_text_ > kMaxRowText) {
    // The row becomes one invalid cell, and its later cells are passed over.
    Cell& first = cells_[0];
    first.column = cell_count_ > 0 ? first.column : cell.column;
    first.kind = RawValue::Kind::kString;
    first.text = std::string();
    first.why.clear();
    first.invalid = fmt::format("row {} holds more than 16 MiB of text (a record is at most 16 MiB)",
                                row_number_);
    for (std::size_t i = 1; i <= cell_count_; ++i) cells_[i].text = std::string();
    cell_count_ = 1;
    row_too_long_ = true;
    return;
  }
  ++cell_count_;
}

bool XlsxReader::read_row() {
  if (finished_) return false;
  if (sheet_->parse()) return true;
  finished_ = true;
  return false;
}

void XlsxReader::read_header() {
  if (!read_row()) throw InputError(path_, 0, 0, "no records: the sheet is empty");
  header_row_ = row_number_;
  const int width = cells_[cell_count_ - 1].column;
  header_.assign(static_cast<std::size_t>(width), std::string());
  std::map<std::string_view, int> seen;
  for (std::size_t i = 0; i < cell_count_; ++i) {
    const Cell& cell = cells_[i];
    if (!cell.invalid.empty()) throw InputError(path_, row_number_, cell.column, cell.invalid);
    header_[static_cast<std::size_t>(cell.column - 1)] = cell.text;
  }
  for (int c = 1; c <= width; ++c) {
    const std::string& name = header_[static_cast<std::size_t>(c - 1)];
    if (name.empty()) continue;
    auto [at, fresh] = seen.emplace(name, c);
    if (!fresh) {
      throw InputError(path_, row_number_, c,
                       fmt::format("duplicate column name '{}' in the header (cells {} and {})",
                                   name, cell_name(at->second), cell_name(c)));
    }
  }
}

bool XlsxReader::next(Record& record) {
  if (!read_row()) return false;
  const std::size_t width = header_.size();
  record.csv_tag = 0;
  if (record.names != header_) record.names = header_;
  record.values.resize(width);
  for (auto& v : record.values) {
    v.kind = RawValue::Kind::kString;
    v.text.clear();
    v.items.clear();
  }
  record.top_level = width;
  record.line = row_number_;
  record.source_column = 0;
  record.invalid = false;
  record.reason.clear();
  record.field = 0;
  record.column = 0;
  record.raw.clear();
  std::string reason;
  int field = 0;
  for (std::size_t i = 0; i < cell_count_ && reason.empty(); ++i) {
    const Cell& cell = cells_[i];
    field = cell.column;
    if (!cell.invalid.empty())
      reason = cell.invalid;
    else if (static_cast<std::size_t>(cell.column) > width)
      reason = fmt::format("a value in the cell {}, right of the header's last column ({})",
                           cell_name(cell.column), column_letters(static_cast<int>(width)));
  }
  if (!reason.empty()) {
    // The row as CSV, for the rejects file: each cell in its column.
    std::string raw;
    int column = 1;
    for (std::size_t i = 0; i < cell_count_; ++i) {
      for (; column < cells_[i].column; ++column) raw += ',';
      raw += csv_quoted(cells_[i].text);
    }
    set_invalid_record(record, std::move(reason), raw);
    record.field = field;
    return true;
  }
  for (std::size_t i = 0; i < cell_count_; ++i) {
    Cell& cell = cells_[i];
    RawValue& value = record.values[static_cast<std::size_t>(cell.column - 1)];
    value.kind = cell.kind;
    value.text = std::move(cell.text);  // no room kept from row to row
    if (cell.kind == RawValue::Kind::kUnreadable) value.items.push_back(std::move(cell.why));
  }
  return true;
}

std::string XlsxReader::sha256() {
  if (!hash_) return "";
  if (stdin_hash_) return stdin_hash_->hex_digest();
  Sha256 hash;
  std::vector<char> buffer(std::size_t{1} << 20);
  for (off_t at = 0;;) {
    const ssize_t n = ::pread(hash_fd_.fd, buffer.data(), buffer.size(), at);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw InputError(path_, 0, 0, std::string("read error: ") + std::strerror(errno));
    if (n == 0) break;
    hash.update(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
    at += n;
  }
  return hash.hex_digest();
}

// Where the sheet's inflating stands, as a share of the file, for progress.
std::int64_t XlsxReader::bytes_read() const {
  if (finished_) return file_size_;
  const std::uint64_t declared = sheet_->declared_size();
  if (declared == 0) return 0;
  return static_cast<std::int64_t>(static_cast<double>(file_size_) *
                                   static_cast<double>(sheet_->inflated()) /
                                   static_cast<double>(declared));
}

}  // namespace

std::unique_ptr<RecordReader> make_xlsx_reader(const InputOptions& options) {
  return std::make_unique<XlsxReader>(options);
}

}  // namespace shortlist
