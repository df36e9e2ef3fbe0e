#pragma once
// An index over a JSON text that simdjson has already validated, in which
// numbers keep their literal text.
//
// simdjson's DOM keeps a number's value, not how it was written, so 2.50 would
// come back as 2.5 and 123456789012.123456 as a rounded double. Applicant data
// must reach the exact-decimal `number` type as written, so after simdjson has
// checked a text, this small walker indexes it again: every node points into the
// text (a number's literal, a string's escaped contents). It trusts its input
// and must only be given text simdjson accepted.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace shortlist {

class JsonTree {
 public:
  enum class Kind : std::uint8_t { kObject, kArray, kString, kNumber, kTrue, kFalse, kNull };
  static constexpr std::uint32_t kNone = 0;  ///< node 0 is the root, never a child

  struct Node {
    Kind kind = Kind::kNull;
    std::string_view text;  ///< kNumber: the literal; kString: contents, still escaped
    std::string_view key;   ///< member of an object: its key, still escaped
    std::uint32_t first_child = kNone;
    std::uint32_t next = kNone;  ///< next sibling
  };

  /// Indexes `json` (valid JSON, one value); the root is node 0.
  void parse(std::string_view json);
  const Node& node(std::uint32_t i) const { return nodes_[i]; }

 private:
  std::uint32_t value();
  std::string_view string_body();
  void skip_space();

  std::string_view json_;
  std::size_t pos_ = 0;
  std::vector<Node> nodes_;
};

/// Appends the decoded contents of a valid JSON string (escapes resolved,
/// \uXXXX surrogate pairs joined) as UTF-8.
void append_unescaped(std::string& out, std::string_view escaped);

}  // namespace shortlist
