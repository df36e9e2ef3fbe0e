#pragma once
// The shortlist as an XLSX workbook (SPEC 6 v1.1), written with
// libxlsxwriter: one worksheet per profile, the header row frozen and
// filtered, ranks and scores as numbers, every other value as a string.
//
// Memory: the workbook is in libxlsxwriter's constant-memory mode, which
// keeps the row being written and sends the rows before it to a temporary
// file (in `temp_dir`); rows come grouped by profile and in order, which is
// the one order that mode accepts. Column widths are worked out as rows
// pass, from every row, and set when the sheet ends: libxlsxwriter writes a
// sheet's column widths only when it assembles the file.
//
// Reproducible bytes: the document's creation time is fixed (kXlsxCreated)
// and libxlsxwriter dates every zip entry 1980-01-01 00:00, as Excel does,
// so the same rows give the same file whatever the clock.
#include <cstdint>
#include <ctime>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "output/xlsx_sheet_names.hpp"
#include "shortlist/rules.hpp"

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace shortlist {

struct ShortlistRow;

/// The creation time every workbook states: 1980-01-01T00:00:00Z, the zip
/// entries' date. The clock never reaches the file.
constexpr std::time_t kXlsxCreated = 315532800;
/// Excel's longest cell text, in UTF-16 units.
constexpr std::size_t kXlsxCellMax = 32767;
/// The widest column, in characters: longer text is cut on screen, not in
/// the cell.
constexpr std::size_t kXlsxColumnMax = 60;

/// A text as an XLSX cell holds it: control characters other than tab and
/// line breaks shown as U+FFFD (SPEC 6 v1.1), as are bytes that are not
/// UTF-8 and U+FFFE and U+FFFF (which XML cannot hold); a CRLF or a lone CR
/// written as LF, Excel's line break in a cell; past kXlsxCellMax UTF-16
/// units, cut to one less and ended with U+2026.
std::string xlsx_cell_text(std::string_view text);

/// The score as a number cell holds it, when a double holds it so that it
/// reads back equal: at most 15 significant digits, Excel's precision.
/// nullopt for a longer one, which is written as text, exact.
std::optional<double> xlsx_score_number(std::string_view score);

/// The width in characters of a cell's text: its longest line, a wide
/// (East Asian) character counting two.
std::size_t xlsx_text_width(std::string_view text);

/// Writes rows like ShortlistWriter: begin(), then for each profile in rules
/// order begin_profile(), row()..., end_profile(); then end(), which writes
/// the file. Destroyed before end(), it writes nothing.
class XlsxShortlistWriter {
 public:
  /// `file` is written by end(); temporary files go to `temp_dir`. Throws
  /// OutputError.
  XlsxShortlistWriter(std::filesystem::path file, const Rules& rules,
                      const std::filesystem::path& temp_dir);
  ~XlsxShortlistWriter();
  XlsxShortlistWriter(const XlsxShortlistWriter&) = delete;
  XlsxShortlistWriter& operator=(const XlsxShortlistWriter&) = delete;

  void begin() {}
  void begin_profile(int profile);
  void row(int profile, const ShortlistRow& row);
  void end_profile(int profile);
  /// Assembles and writes the workbook. Throws OutputError.
  void end();

 private:
  void text_cell(std::size_t column, std::string_view text, lxw_format* format = nullptr);
  void number_cell(std::size_t column, double value, std::string_view shown);
  void check(int error, const char* what) const;

  std::filesystem::path file_;
  const Rules& rules_;
  std::string temp_dir_;  // libxlsxwriter keeps a pointer to it
  lxw_workbook* workbook_ = nullptr;
  lxw_worksheet* sheet_ = nullptr;
  lxw_format* header_ = nullptr;
  XlsxSheetNames names_;
  std::string sheet_name_;
  std::uint32_t row_ = 0;               // the row being written, 0 the header
  std::vector<std::size_t> widths_;     // per column, the widest text so far
};

}  // namespace shortlist
