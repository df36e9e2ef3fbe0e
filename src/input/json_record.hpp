#pragma once
// Turning one JSON text into a Record, shared by the JSON-array and JSON Lines
// readers.
#include <simdjson.h>

#include <cstddef>
#include <string>
#include <unordered_map>
#include <string_view>
#include <vector>

#include "input/json_tree.hpp"
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
    std::string key;  // decoded
    std::uint32_t node = 0;
  };
  bool build(Record& record);
  void collect(std::uint32_t object, std::size_t depth);
  void flatten(std::uint32_t object, std::size_t depth, Record& record);
  bool emit(std::string_view name, std::uint32_t value, Record& record);
  void set_value(RawValue& v, std::uint32_t node);
  void append_item(std::string& out, std::uint32_t node);
  /// Appends a node as minified JSON, numbers as written. Stops early (returns
  /// false) once `out` is longer than `limit`.
  bool append_json(std::string& out, std::uint32_t node, std::size_t limit);

  simdjson::dom::parser parser_;  // validates
  JsonTree tree_;                 // indexes what simdjson accepted
  std::string scratch_;           // a decoded key or string
  std::vector<std::vector<Member>> levels_;  // the members of the object at each depth
  std::unordered_map<std::string, std::size_t> index_;  // key -> member, for objects with many keys
  std::string path_;                          // dotted path being built
  std::size_t count_ = 0;                     // values emitted so far
  std::size_t total_ = 0;                     // bytes of value text emitted so far
  std::string problem_;
};

/// Makes `record` an invalid one with `reason` and the first 64 KiB of `raw`.
void set_invalid_record(Record& record, std::string reason, std::string_view raw);


}  // namespace shortlist
