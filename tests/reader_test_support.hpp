#pragma once
// Helpers for the reader tests: opening an input with a chosen chunk size and
// reading all its records.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "input/byte_source.hpp"
#include "input/readers.hpp"
#include "shortlist/input.hpp"
#include "shortlist/record.hpp"

namespace shortlist::test {

/// Opens `path` as `format`, reading `chunk` bytes at a time.
inline std::unique_ptr<RecordReader> open_with_chunk(const std::filesystem::path& path, InputFormat format,
                                                     std::size_t chunk, char delimiter = 0,
                                                     Encoding encoding = Encoding::kUtf8) {
  auto source = std::make_unique<ByteSource>(path.string(), encoding, chunk);
  switch (format) {
    case InputFormat::kCsv: return make_csv_reader(std::move(source), delimiter);
    case InputFormat::kTsv: return make_csv_reader(std::move(source), '\t');
    case InputFormat::kJson: return make_json_reader(std::move(source));
    case InputFormat::kJsonl: return make_jsonl_reader(std::move(source));
    case InputFormat::kXlsx: break;  // not a byte stream: open_reader reads it
  }
  return nullptr;
}

/// Every record left in `reader`, copied out of the reused Record.
inline std::vector<Record> read_all(RecordReader& reader) {
  std::vector<Record> records;
  Record record;
  while (reader.next(record)) records.push_back(record);
  return records;
}

/// Every record of `path` read with open_reader (format from the extension).
inline std::vector<Record> read_file_records(const std::filesystem::path& path) {
  InputOptions options;
  options.path = path.string();
  auto reader = open_reader(options);
  return read_all(*reader);
}

/// The text of each value of a record, in order.
inline std::vector<std::string> texts(const Record& record) {
  std::vector<std::string> out;
  for (const auto& v : record.values) out.push_back(v.text);
  return out;
}

}  // namespace shortlist::test
