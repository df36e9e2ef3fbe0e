#pragma once
// The shortlist file (SPEC 6) in CSV, TSV, JSON, JSON Lines or Markdown; XLSX
// has a writer of its own (src/output/xlsx_shortlist_writer.hpp).
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "shortlist/rules.hpp"
#include "shortlist/status.hpp"

namespace shortlist {

struct ShortlistRow;

enum class ShortlistFormat { kCsv, kTsv, kJson, kJsonl, kMarkdown, kXlsx };

/// Parses "csv", "tsv", "json", "jsonl", "md", "xlsx".
std::optional<ShortlistFormat> parse_shortlist_format(std::string_view name);
/// The format an output path's extension names; nullopt if none.
std::optional<ShortlistFormat> shortlist_format_from_path(std::string_view path);

/// The length in bytes of the control character that starts at `s[i]` and
/// that a cell shows as U+FFFD (SPEC 6 v1.1): 1 for a C0 control other than
/// tab and line breaks, or DEL; 2 for a C1 control (U+0080 to U+009F, in
/// UTF-8 C2 80 to C2 9F); 0 for anything else.
constexpr std::size_t shown_control_length(std::string_view s, std::size_t i) {
  const auto u = static_cast<unsigned char>(s[i]);
  if ((u < 0x20 && u != '\t' && u != '\n' && u != '\r') || u == 0x7F) return 1;
  if (u == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
      static_cast<unsigned char>(s[i + 1]) <= 0x9F)
    return 2;
  return 0;
}

/// Appends a CSV/TSV cell, in double quotes (doubled inside) when it holds a
/// quote, a line break or the delimiter (RFC 4180); control characters shown
/// as U+FFFD.
void append_delimited_cell(std::string& out, std::string_view cell, char delimiter);
/// A Markdown table cell: pipes, backticks, HTML and line breaks cannot break
/// out of the cell or run in a browser that renders the table; control
/// characters shown as U+FFFD.
std::string markdown_cell(std::string_view s);

/// Prefixes a CSV/TSV text cell that a spreadsheet would run as a formula
/// (one beginning with =, +, -, @, tab or carriage return) with a quote.
std::string guard_formula(std::string_view cell);

/// Writes rows grouped by profile, in any format but kXlsx: begin(), then for
/// each profile in rules order
/// begin_profile(), row()..., end_profile(); then end().
class ShortlistWriter {
 public:
  ShortlistWriter(std::ostream& out, ShortlistFormat format, const Rules& rules);
  void begin();
  void begin_profile(int profile);
  void row(int profile, const ShortlistRow& row);
  void end_profile(int profile);
  void end();

 private:
  void delimited_row(const std::vector<std::string>& cells, const std::vector<bool>& is_text);
  std::vector<std::string> column_names() const;

  std::ostream& out_;
  ShortlistFormat format_;
  const Rules& rules_;
  bool first_row_ = true;
  std::string buffer_;
};

}  // namespace shortlist
