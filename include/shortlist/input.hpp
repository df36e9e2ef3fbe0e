#pragma once
// Opening inputs: files or standard input, plain or gzip-compressed, in CSV, TSV,
// JSON (an array of objects) or JSON Lines; or an XLSX workbook's sheet. Readers stream: memory does not grow
// with the number of records.
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "shortlist/record.hpp"

namespace shortlist {

enum class InputFormat { kCsv, kTsv, kJson, kJsonl, kXlsx };
enum class Encoding { kUtf8, kLatin1, kWindows1252 };

/// A problem that stops reading an input (exit code 4). `line`/`column` are
/// 1-based, 0 when not known.
class InputError : public std::runtime_error {
 public:
  InputError(std::string path, std::int64_t line, std::int64_t column, const std::string& message);
  const std::string& path() const { return path_; }
  std::int64_t line() const { return line_; }
  std::int64_t column() const { return column_; }
  /// "path:line:col: error: message" (line and column left out when 0).
  std::string formatted() const;

 private:
  std::string path_;
  std::int64_t line_;
  std::int64_t column_;
};

/// How to open one input.
struct InputOptions {
  std::string path;                    ///< file path, or "-" for standard input
  std::optional<InputFormat> format;   ///< from --input-format; else the extension
  char delimiter = 0;                  ///< CSV delimiter; 0 = detect from the header line
  Encoding encoding = Encoding::kUtf8;
  std::size_t chunk_size = 0;          ///< bytes read at a time; 0 = the default (tests make it tiny)
  /// Whether the input's SHA-256 is computed: off for a run no output of
  /// which records it (sha256() then gives ""), since hashing costs as much
  /// as a third of a second per 500 MB.
  bool hash = true;
  /// XLSX: the worksheet to read (--sheet); empty = the first.
  std::string sheet;
  /// XLSX: memory the shared strings may take before they go to a file; 0 =
  /// the default (tests make it tiny).
  std::size_t strings_budget = 0;
};

/// The format a path's extension names (.csv .tsv .json .jsonl .ndjson, each
/// optionally followed by .gz, and .xlsx); nullopt if none.
std::optional<InputFormat> format_from_extension(std::string_view path);
/// Parses "csv", "tsv", "json", "jsonl", "xlsx".
std::optional<InputFormat> parse_input_format(std::string_view name);

class CsvBlockSplitter;

/// Streams the records of one input.
class RecordReader {
 public:
  virtual ~RecordReader() = default;
  /// Reads the next record into `record`; false at the end of the input. A
  /// record that cannot be read comes back with `invalid` set, and reading goes
  /// on with the next one. Throws InputError when the input itself is unusable.
  virtual bool next(Record& record) = 0;
  /// The column names of a CSV/TSV header; empty for JSON inputs.
  virtual const std::vector<std::string>& header() const = 0;
  /// The line of the header (1), or for a workbook the row: its first
  /// non-empty one. Where an error about the columns points.
  virtual std::int64_t header_line() const { return 1; }
  /// Lower-case hex SHA-256 of every byte of the input as stored (compressed
  /// bytes for .gz). Valid once next() has returned false; reads any rest.
  virtual std::string sha256() = 0;
  /// Bytes read so far, as stored.
  virtual std::int64_t bytes_read() const = 0;
  /// For a CSV or TSV input whose header has just been read: a splitter that
  /// takes over the rest of the input and cuts it into blocks of about
  /// `block_size` bytes, for threads to parse. After it, this reader reads
  /// nothing more but its header(). nullptr for the other formats.
  virtual std::unique_ptr<CsvBlockSplitter> split(std::size_t block_size);
};

/// Opens an input. Throws InputError if it cannot be opened or its format is unknown.
std::unique_ptr<RecordReader> open_reader(const InputOptions& options);

/// Throws InputError if `reader`, read to its end, gave no records: an empty
/// file, a header alone or `[]` is a broken export, not a call without applicants.
void require_records(const std::string& path, const RecordReader& reader, std::int64_t records);
/// The same, for a reader whose source another reader took over (split()):
/// `bytes_read` is what that one read.
void require_records(const std::string& path, const RecordReader& reader, std::int64_t records,
                     std::int64_t bytes_read);

}  // namespace shortlist
