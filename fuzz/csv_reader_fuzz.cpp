// Fuzz target: the CSV/TSV reader.
//
// Each input is read twice: in one chunk, and in small chunks (1 to 61 bytes),
// and the two readings must agree record for record: a quote, a CRLF or a
// UTF-8 sequence split across two chunks must read as if it were not. The delimiter (detected, or one of , TAB ; |) and the
// encoding (UTF-8, Latin-1, Windows-1252) are drawn from a hash of the input.
#include <simdjson.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "fuzz_support.hpp"

namespace {

using shortlist::ByteSource;
using shortlist::Encoding;
using shortlist::Record;
using shortlist::fuzz::Reading;

bool valid_utf8(const std::string& text) { return simdjson::validate_utf8(text.data(), text.size()); }

// What a CSV record must be besides what every reader's record must be.
void check_csv_record(const Record& record, std::size_t columns) {
  if (record.invalid) return;
  SHORTLIST_FUZZ_CHECK(record.names.size() == columns);
  for (const auto& value : record.values) {
    SHORTLIST_FUZZ_CHECK(value.kind == shortlist::RawValue::Kind::kString);
    SHORTLIST_FUZZ_CHECK(value.text.find('\0') == std::string::npos);
    SHORTLIST_FUZZ_CHECK(valid_utf8(value.text));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static constexpr std::array<char, 8> kDelimiters = {0, 0, 0, 0, ',', '\t', ';', '|'};
  const std::uint64_t hash = shortlist::fuzz::hash_bytes(data, size);
  const Encoding encoding = shortlist::fuzz::drawn_encoding(hash);
  const char delimiter = kDelimiters[(hash >> 16) % kDelimiters.size()];
  auto& file = shortlist::fuzz::input_file();
  file.assign(data, size);

  std::size_t columns = 0;
  const auto read = [&](std::size_t chunk) {
    return shortlist::fuzz::read_all([&] {
      auto reader = shortlist::make_csv_reader(
          std::make_unique<ByteSource>(file.path(), encoding, chunk), delimiter);
      columns = reader->header().size();
      SHORTLIST_FUZZ_CHECK(columns >= 1);
      for (const auto& name : reader->header()) SHORTLIST_FUZZ_CHECK(valid_utf8(name));
      return reader;
    });
  };
  const Reading whole = read(shortlist::fuzz::kWholeChunk);
  for (const Record& record : whole.records) check_csv_record(record, columns);
  const Reading pieces = read(shortlist::fuzz::small_chunk(hash, size));
  shortlist::fuzz::check_same_reading(whole, pieces);
  return 0;
}
