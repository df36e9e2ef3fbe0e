#pragma once
// The readers behind open_reader, one per format. They take an opened ByteSource
// so that tests can give them a small chunk size.
#include <memory>

#include "input/byte_source.hpp"
#include "shortlist/input.hpp"

namespace shortlist {

struct CsvRest;

/// CSV or TSV with `delimiter` (0 = detect from the header line). Reads the
/// header at once: throws InputError if it is missing or unusable.
std::unique_ptr<RecordReader> make_csv_reader(std::unique_ptr<ByteSource> source, char delimiter);
/// A CSV/TSV reader that starts where `rest` stands, after the header (see
/// csv_blocks.hpp): of the rest of an input, or of one block when rest.source
/// is null.
std::unique_ptr<RecordReader> make_csv_rest_reader(CsvRest rest);
/// A JSON array of objects.
std::unique_ptr<RecordReader> make_json_reader(std::unique_ptr<ByteSource> source);
/// JSON Lines: one object a line.
std::unique_ptr<RecordReader> make_jsonl_reader(std::unique_ptr<ByteSource> source);
/// A worksheet of an XLSX workbook (xlsx_reader.cpp); reads the header at once.
std::unique_ptr<RecordReader> make_xlsx_reader(const InputOptions& options);

}  // namespace shortlist
