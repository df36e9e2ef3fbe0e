#pragma once
// Records as read from an input, before any typing.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace shortlist {

/// One value as it stood in the input.
struct RawValue {
  enum class Kind : std::uint8_t {
    kAbsent,  ///< the column or key is not there
    kNull,    ///< JSON null
    kString,  ///< CSV cell or JSON string; `text` holds it (unescaped)
    kNumber,  ///< JSON number; `text` holds its literal
    kBool,    ///< JSON true/false; `text` is "true" or "false"
    kList,    ///< JSON array; `items` holds each element as text, `text` its JSON
    kObject,  ///< JSON object; `text` holds its JSON
    /// A value its input marks as unreadable: a spreadsheet's error cell
    /// (#N/A), a formula never computed, a date serial that is no day.
    /// `text` holds what the cell held, `items[0]` why it cannot be read.
    kUnreadable,
  };
  Kind kind = Kind::kAbsent;
  std::string text;
  std::vector<std::string> items;
};

/// One record of an input. Readers reuse one Record: next() overwrites it.
struct Record {
  std::int64_t line = 0;    ///< 1-based physical line where the record starts
  /// 1-based byte column of a JSON array element's opening brace, which the
  /// source names so that two records on one line stay distinct (SPEC 5
  /// v1.1); 0 for CSV, TSV and JSON Lines, whose records own their lines.
  std::int64_t source_column = 0;
  bool invalid = false;     ///< could not be read; see reason, raw
  std::string reason;       ///< why it is invalid, e.g. "3 fields, expected 4"
  /// 1-based field (CSV/TSV column) at fault in an invalid record; 0 when
  /// no single field is (a wrong number of fields, a line over 16 MiB) and
  /// for JSON, whose problems are in its syntax, not in a field.
  std::int64_t field = 0;
  /// 1-based byte column of the problem in the record's first physical line,
  /// when it is there and known (invalid); else 0.
  std::int64_t column = 0;
  std::string raw;          ///< raw text of an invalid record (capped), for --rejects
  /// Names of the values: the CSV header, or a JSON object's keys in order. For
  /// nested JSON objects the reader also adds dotted paths ("education.degree")
  /// after the top-level keys; `top_level` counts the top-level ones.
  std::vector<std::string> names;
  std::vector<RawValue> values;  ///< parallel to names
  std::size_t top_level = 0;
  /// Which CSV reader's header `names` holds, and how many of `values` its
  /// last record filled (0: unknown). Lets a reader skip copying and clearing
  /// a wide header for every record; anything else that changes `names`
  /// resets it to 0.
  std::uint64_t csv_tag = 0;
  std::size_t csv_filled = 0;

  /// The value named `name` (a column, key or dotted path); nullptr if absent.
  const RawValue* find(std::string_view name) const;
};

/// Where a record starts, as decisions and rejects name it: "a.csv:17", or
/// "a.json:3:5" for an element of a JSON array.
std::string record_source(std::string_view path, const Record& record);
/// The same, from a record's line and source column.
std::string record_source(std::string_view path, std::int64_t line, std::int64_t source_column);
/// The same, appended to `out`.
void append_record_source(std::string& out, std::string_view path, const Record& record);

}  // namespace shortlist
