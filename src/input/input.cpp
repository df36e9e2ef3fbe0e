#include "shortlist/input.hpp"

#include <algorithm>
#include <cctype>

#include "input/byte_source.hpp"
#include "input/csv_blocks.hpp"
#include "input/readers.hpp"

namespace shortlist {
namespace {

constexpr std::string_view kKnownExtensions =
    ".csv, .tsv, .json, .jsonl, .ndjson (each optionally followed by .gz) or .xlsx";

bool iends_with(std::string_view text, std::string_view suffix) {
  if (text.size() < suffix.size()) return false;
  auto tail = text.substr(text.size() - suffix.size());
  return std::equal(tail.begin(), tail.end(), suffix.begin(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == b;
  });
}

}  // namespace

InputError::InputError(std::string path, std::int64_t line, std::int64_t column,
                       const std::string& message)
    : std::runtime_error(message), path_(std::move(path)), line_(line), column_(column) {}

std::string InputError::formatted() const {
  std::string out = path_;
  if (line_ > 0) {
    out += ':' + std::to_string(line_);
    if (column_ > 0) out += ':' + std::to_string(column_);
  }
  return out + ": error: " + what();
}

std::unique_ptr<CsvBlockSplitter> RecordReader::split(std::size_t) { return nullptr; }

void require_records(const std::string& path, const RecordReader& reader, std::int64_t records) {
  require_records(path, reader, records, reader.bytes_read());
}

void require_records(const std::string& path, const RecordReader& reader, std::int64_t records,
                     std::int64_t bytes_read) {
  if (records > 0) return;
  if (bytes_read == 0) throw InputError(path, 0, 0, "empty file");
  throw InputError(path, 0, 0, reader.header().empty() ? "no records" : "no records after the header");
}

// Case-insensitive, since exports from Windows tools are often named DATA.CSV.
std::optional<InputFormat> format_from_extension(std::string_view path) {
  if (iends_with(path, ".xlsx")) return InputFormat::kXlsx;
  if (iends_with(path, ".gz")) path.remove_suffix(3);
  if (iends_with(path, ".csv")) return InputFormat::kCsv;
  if (iends_with(path, ".tsv")) return InputFormat::kTsv;
  if (iends_with(path, ".json")) return InputFormat::kJson;
  if (iends_with(path, ".jsonl") || iends_with(path, ".ndjson")) return InputFormat::kJsonl;
  return std::nullopt;
}

std::optional<InputFormat> parse_input_format(std::string_view name) {
  if (name == "csv") return InputFormat::kCsv;
  if (name == "tsv") return InputFormat::kTsv;
  if (name == "json") return InputFormat::kJson;
  if (name == "jsonl") return InputFormat::kJsonl;
  if (name == "xlsx") return InputFormat::kXlsx;
  return std::nullopt;
}

std::unique_ptr<RecordReader> open_reader(const InputOptions& options) {
  std::optional<InputFormat> format = options.format;
  if (!format) {
    if (options.path == "-") {
      throw InputError(options.path, 0, 0,
                       "cannot tell the format of standard input: use --input-format");
    }
    format = format_from_extension(options.path);
    if (!format) {
      throw InputError(options.path, 0, 0,
                       "cannot tell the input format from the file name: expected " +
                           std::string(kKnownExtensions) + ", or use --input-format");
    }
  }
  char delimiter = options.delimiter;
  if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
    throw InputError(options.path, 0, 0, "a quote or line break cannot be the delimiter");
  }
  if (*format == InputFormat::kXlsx) return make_xlsx_reader(options);
  auto source = std::make_unique<ByteSource>(
      options.path, options.encoding,
      options.chunk_size > 0 ? options.chunk_size : ByteSource::kDefaultChunkSize, options.hash);
  switch (*format) {
    case InputFormat::kCsv:
      return make_csv_reader(std::move(source), delimiter);
    case InputFormat::kTsv:
      return make_csv_reader(std::move(source), delimiter != 0 ? delimiter : '\t');
    case InputFormat::kJson:
      return make_json_reader(std::move(source));
    case InputFormat::kJsonl:
      return make_jsonl_reader(std::move(source));
    case InputFormat::kXlsx:
      break;
  }
  throw InputError(options.path, 0, 0, "unknown input format");
}

}  // namespace shortlist
