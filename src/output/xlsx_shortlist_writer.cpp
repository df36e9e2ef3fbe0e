#include "output/xlsx_shortlist_writer.hpp"

#include <utf8proc.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>

#include "run/spool_entry.hpp"
#include "shortlist/output_error.hpp"
#include "shortlist/shortlist_writer.hpp"

namespace shortlist {
namespace {

constexpr const char* kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr const char* kEllipsis = "\xE2\x80\xA6";     // U+2026
constexpr std::size_t kFixedColumns = 5;               // profile, rank, id, score, status
static_assert(LXW_ROW_MAX == 1048576, "the row limit the message below names");

// Whether `text` is a cell's text as it stands: printable ASCII, tab and LF,
// short enough (the common case, copied no further).
bool plain_cell(std::string_view text) {
  if (text.size() > kXlsxCellMax) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n';
  });
}

}  // namespace

std::string xlsx_cell_text(std::string_view text) {
  if (plain_cell(text)) return std::string(text);
  std::string out;
  std::size_t units = 0;      // UTF-16 units written
  std::size_t fits = 0;       // out's size when units first reached kXlsxCellMax - 1
  const auto* s = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  const auto length = static_cast<utf8proc_ssize_t>(text.size());
  for (utf8proc_ssize_t pos = 0; pos < length;) {
    const auto i = static_cast<std::size_t>(pos);
    if (units <= kXlsxCellMax - 1) fits = out.size();
    if (text[i] == '\r') {  // CRLF or a lone CR: one LF
      out += '\n';
      pos += (i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
      ++units;
      continue;
    }
    if (const std::size_t control = shown_control_length(text, i)) {
      out += kReplacement;
      pos += static_cast<utf8proc_ssize_t>(control);
      ++units;
      continue;
    }
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n = utf8proc_iterate(s + pos, length - pos, &cp);
    if (n <= 0 || cp == 0xFFFE || cp == 0xFFFF) {
      out += kReplacement;
      pos += n <= 0 ? 1 : n;
      ++units;
      continue;
    }
    out.append(text.substr(i, static_cast<std::size_t>(n)));
    pos += n;
    units += cp > 0xFFFF ? 2 : 1;
  }
  if (units > kXlsxCellMax) {
    // `fits` bytes hold at most kXlsxCellMax - 1 units: room for the ellipsis.
    out.resize(fits);
    out += kEllipsis;
  }
  return out;
}

std::optional<double> xlsx_score_number(std::string_view score) {
  // Significant digits: leading and trailing zeros aside, the point skipped.
  std::string digits;
  for (char c : score)
    if (c >= '0' && c <= '9') digits += c;
  const auto first = digits.find_first_not_of('0');
  const std::size_t significant =
      first == std::string::npos ? 0 : digits.find_last_not_of('0') - first + 1;
  if (significant > 15) return std::nullopt;
  double value = 0;
  const char* begin = score.data() + (!score.empty() && score[0] == '+' ? 1 : 0);
  auto [end, error] = std::from_chars(begin, score.data() + score.size(), value);
  if (error != std::errc() || end != score.data() + score.size()) return std::nullopt;
  return value;
}

std::size_t xlsx_text_width(std::string_view text) {
  std::size_t widest = 0, line = 0;
  const auto* s = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  const auto length = static_cast<utf8proc_ssize_t>(text.size());
  for (utf8proc_ssize_t pos = 0; pos < length;) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(s + pos, length - pos, &cp);
    if (n <= 0) {
      n = 1;
      cp = 0xFFFD;
    }
    pos += n;
    if (cp == '\n') {
      line = 0;
      continue;
    }
    line += cp < 0x80 ? 1 : static_cast<std::size_t>(std::max(utf8proc_charwidth(cp), 0));
    widest = std::max(widest, line);
  }
  return widest;
}

XlsxShortlistWriter::XlsxShortlistWriter(std::filesystem::path file, const Rules& rules,
                                         const std::filesystem::path& temp_dir)
    : file_(std::move(file)), rules_(rules), temp_dir_(temp_dir.string()) {
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = temp_dir_.empty() ? nullptr : temp_dir_.data();
  options.use_zip64 = LXW_FALSE;
  workbook_ = workbook_new_opt(file_.c_str(), &options);
  if (!workbook_) throw OutputError("the xlsx shortlist: cannot start a workbook in " + file_.string());
  try {
    lxw_doc_properties properties{};
    properties.created = kXlsxCreated;
    check(workbook_set_properties(workbook_, &properties), "document properties");
    header_ = workbook_add_format(workbook_);
    if (!header_) throw OutputError("the xlsx shortlist: cannot start a workbook in " + file_.string());
    format_set_bold(header_);
  } catch (...) {
    lxw_workbook_free(workbook_);  // no destructor runs for a constructor that throws
    throw;
  }
}

XlsxShortlistWriter::~XlsxShortlistWriter() {
  if (workbook_) lxw_workbook_free(workbook_);
}

void XlsxShortlistWriter::check(int error, const char* what) const {
  if (error == LXW_NO_ERROR) return;
  throw OutputError("the xlsx shortlist: cannot write the " + std::string(what) + " (" +
                    lxw_strerror(static_cast<lxw_error>(error)) + ") in " + file_.string());
}

void XlsxShortlistWriter::begin_profile(int profile) {
  const Profile& p = rules_.profiles[static_cast<std::size_t>(profile)];
  sheet_name_ = names_.add(p.id);
  sheet_ = workbook_add_worksheet(workbook_, sheet_name_.c_str());
  if (!sheet_) throw OutputError("the xlsx shortlist: cannot add the worksheet '" + sheet_name_ + "'");
  row_ = 0;
  widths_.assign(kFixedColumns + rules_.output_columns.size(), 0);
  std::size_t column = 0;
  for (const char* name : {"profile", "rank", "id", "score", "status"})
    text_cell(column++, name, header_);
  for (int f : rules_.output_columns)
    text_cell(column++, rules_.fields[static_cast<std::size_t>(f)].name, header_);
  // The header stays in view, row 2 scrolls: the pane at A2.
  worksheet_freeze_panes(sheet_, 1, 0);
}

void XlsxShortlistWriter::row(int profile, const ShortlistRow& row) {
  if (row_ + 1 >= LXW_ROW_MAX)
    throw OutputError("the xlsx shortlist: the profile '" +
                      rules_.profiles[static_cast<std::size_t>(profile)].id +
                      "' lists more than 1,048,575 rows, the most a worksheet holds under its "
                      "header; write csv instead");
  ++row_;
  text_cell(0, rules_.profiles[static_cast<std::size_t>(profile)].id);
  if (row.rank) number_cell(1, static_cast<double>(row.rank), std::to_string(row.rank));
  if (row.id) text_cell(2, *row.id);
  if (row.score) {
    if (auto number = xlsx_score_number(*row.score))
      number_cell(3, *number, *row.score);
    else
      text_cell(3, *row.score);
  }
  text_cell(4, status_name(row.status));
  for (std::size_t i = 0; i < row.columns.size() && i < rules_.output_columns.size(); ++i)
    if (row.columns[i]) text_cell(kFixedColumns + i, *row.columns[i]);
}

void XlsxShortlistWriter::text_cell(std::size_t column, std::string_view text, lxw_format* format) {
  const std::string cell = xlsx_cell_text(text);
  widths_[column] = std::max(widths_[column], xlsx_text_width(cell));
  // A string cell is text whatever it begins with: `=1+1` is never a formula.
  check(worksheet_write_string(sheet_, row_, static_cast<lxw_col_t>(column), cell.c_str(), format),
        "cell");
}

void XlsxShortlistWriter::number_cell(std::size_t column, double value, std::string_view shown) {
  widths_[column] = std::max(widths_[column], shown.size());
  check(worksheet_write_number(sheet_, row_, static_cast<lxw_col_t>(column), value, nullptr), "cell");
}

void XlsxShortlistWriter::end_profile(int) {
  const auto last = static_cast<lxw_col_t>(widths_.size() - 1);
  check(worksheet_autofilter(sheet_, 0, 0, row_, last), "autofilter");
  // The widest text, at most kXlsxColumnMax, and 2 more for the filter's button.
  for (std::size_t c = 0; c < widths_.size(); ++c) {
    const auto width = static_cast<double>(std::min(widths_[c], kXlsxColumnMax) + 2);
    check(worksheet_set_column(sheet_, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width,
                               nullptr),
          "column width");
  }
  sheet_ = nullptr;
}

void XlsxShortlistWriter::end() {
  lxw_workbook* workbook = workbook_;
  workbook_ = nullptr;  // closed, or freed by the close that failed
  check(workbook_close(workbook), "workbook");  // libxlsxwriter prints its own line too
}

}  // namespace shortlist
