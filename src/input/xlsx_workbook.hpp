#pragma once
// An XLSX workbook's structure, read before its sheet: which worksheets it
// has and where, its date system, which cell styles show dates, and its
// shared strings. Parts are found as the package's relationships name them
// (_rels/.rels, then the workbook's own), never by assumed names.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "input/xlsx_cell_text.hpp"
#include "input/xlsx_shared_strings.hpp"
#include "input/zip_archive.hpp"

namespace shortlist {

/// Parts read before the sheet, other than the shared strings (the
/// workbook, relationships, styles), may be at most this large inflated.
inline constexpr std::size_t kMaxWholePart = std::size_t{64} << 20;
/// A cell's text may be at most this long (spreadsheets hold 32,767
/// characters in a cell).
inline constexpr std::size_t kMaxCellText = std::size_t{1} << 20;
/// A row may hold at most this much text in all (as a CSV record).
inline constexpr std::size_t kMaxRowText = std::size_t{16} << 20;

class XlsxWorkbook {
 public:
  struct Sheet {
    std::string name;
    std::string part;  ///< its ZIP entry, "" for a chart or dialog sheet
  };

  /// Reads the structure of the archive on `fd` (taken). Throws InputError.
  XlsxWorkbook(std::string path, int fd, std::size_t strings_budget);

  ZipArchive& archive() { return archive_; }
  const std::vector<Sheet>& sheets() const { return sheets_; }
  /// The sheet named `name`, or the first worksheet when `name` is empty.
  /// Throws InputError naming the sheets there are.
  const Sheet& sheet(const std::string& name) const;
  bool date1904() const { return date1904_; }
  /// Whether the workbook asks to be recalculated when opened
  /// (calcPr/@fullCalcOnLoad): its stored formula results are placeholders.
  bool recalculate_on_open() const { return recalculate_on_open_; }
  /// How the cell style `index` (a cell's `s`) shows numbers.
  NumberShown style(std::size_t index) const {
    return index < styles_.size() ? styles_[index] : NumberShown::kNumber;
  }
  SharedStrings& strings() { return strings_; }

 private:
  void read_workbook(const std::string& part);
  void read_styles(const std::string& part);
  void read_shared_strings(const std::string& part);

  ZipArchive archive_;
  std::vector<Sheet> sheets_;
  bool date1904_ = false;
  bool recalculate_on_open_ = false;
  std::vector<NumberShown> styles_;
  SharedStrings strings_;
};

}  // namespace shortlist
