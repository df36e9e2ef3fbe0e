#pragma once
// Turning one JSON text into a Record, shared by the JSON-array and JSON Lines
// readers.
#include <simdjson.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "shortlist/record.hpp"

namespace shortlist {

/// The largest JSON element (array item or line) that is parsed; a longer one
/// is an invalid record. It bounds the memory one record can take.
inline constexpr std::size_t kMaxJsonElement = std::size_t{8} << 20;
/// The longest value text kept; a longer one makes the record invalid (SPEC 4.1).
inline constexpr std::size_t kMaxJsonValue = std::size_t{1} << 20;
/// The most raw text kept for an invalid record.
inline constexpr std::size_t kMaxJsonRaw = std::size_t{64} << 10;

/// Parses JSON texts into Records with one reused simdjson parser.
class JsonObjectReader {
 public:
  JsonObjectReader();
  /// Parses `text` into `record` (names, values, top_level, invalid, reason,
  /// raw; not line or column). Reserves padding at the end of `text` for simdjson.
  void read(std::string& text, Record& record);

 private:
  struct Member {
    std::string_view key;
    simdjson::dom::element value;
  };
  bool build(simdjson::dom::object object, Record& record);
  void collect(simdjson::dom::object object, std::size_t depth);
  void flatten(simdjson::dom::object object, std::size_t depth, Record& record);
  bool emit(std::string_view name, simdjson::dom::element value, Record& record);

  simdjson::dom::parser parser_;
  std::vector<std::vector<Member>> levels_;  // the members of the object at each depth
  std::string path_;                          // dotted path being built
  std::size_t count_ = 0;                     // values emitted so far
  std::size_t total_ = 0;                     // bytes of value text emitted so far
  std::string problem_;
};

/// Makes `record` an invalid one with `reason` and the first 64 KiB of `raw`.
void set_invalid_record(Record& record, std::string reason, std::string_view raw);

/// Appends `element` as minified JSON, numbers as exact decimals. Stops early
/// (returns false) once `out` is longer than `limit`.
bool append_json(std::string& out, simdjson::dom::element element, std::size_t limit);

}  // namespace shortlist
