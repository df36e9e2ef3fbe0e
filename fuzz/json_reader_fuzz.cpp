// Fuzz target: the JSON-array reader and the JSON Lines reader.
//
// Both readers read every input (the same bytes are a plausible JSON array to
// one and a plausible JSON Lines file to the other), each twice: with the
// whole input in one chunk and in small ones, and the two readings must agree
// record for record. The encoding is drawn from a hash of the input.
#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <memory>

#include "fuzz_support.hpp"

namespace {

using shortlist::ByteSource;
using shortlist::Encoding;
using shortlist::RawValue;
using shortlist::Record;
using shortlist::RecordReader;
using shortlist::fuzz::Reading;

bool valid_utf8(const std::string& text) { return simdjson::validate_utf8(text.data(), text.size()); }

// What a record read from JSON must be besides what every reader's record must be.
void check_json_record(const Record& record) {
  if (record.invalid) {
    SHORTLIST_FUZZ_CHECK(record.names.empty() && record.values.empty());
    return;
  }
  for (const auto& name : record.names) SHORTLIST_FUZZ_CHECK(valid_utf8(name));
  for (const RawValue& value : record.values) {
    SHORTLIST_FUZZ_CHECK(value.kind != RawValue::Kind::kAbsent);
    SHORTLIST_FUZZ_CHECK(valid_utf8(value.text));
    if (value.kind == RawValue::Kind::kNumber) SHORTLIST_FUZZ_CHECK(!value.text.empty());
    if (value.kind == RawValue::Kind::kBool)
      SHORTLIST_FUZZ_CHECK(value.text == "true" || value.text == "false");
    if (value.kind != RawValue::Kind::kList) SHORTLIST_FUZZ_CHECK(value.items.empty());
    for (const auto& item : value.items) SHORTLIST_FUZZ_CHECK(valid_utf8(item));
  }
}

using Factory = std::unique_ptr<RecordReader> (*)(std::unique_ptr<ByteSource>);

// Reads the input with `make` at both chunk sizes and compares the readings.
void read_twice(Factory make, Encoding encoding, std::size_t small_chunk) {
  const auto& path = shortlist::fuzz::input_file().path();
  const auto read = [&](std::size_t chunk) {
    return shortlist::fuzz::read_all(
        [&] { return make(std::make_unique<ByteSource>(path, encoding, chunk)); });
  };
  const Reading whole = read(shortlist::fuzz::kWholeChunk);
  for (const Record& record : whole.records) check_json_record(record);
  shortlist::fuzz::check_same_reading(whole, read(small_chunk));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::uint64_t hash = shortlist::fuzz::hash_bytes(data, size);
  const Encoding encoding = shortlist::fuzz::drawn_encoding(hash);
  const std::size_t chunk = shortlist::fuzz::small_chunk(hash, size);
  shortlist::fuzz::input_file().assign(data, size);
  read_twice(&shortlist::make_json_reader, encoding, chunk);
  read_twice(&shortlist::make_jsonl_reader, encoding, chunk);
  return 0;
}
