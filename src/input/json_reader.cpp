// The JSON-array reader: `[ {...}, {...}, ... ]`, streamed.
//
// The whole array is never held in memory. A small framing scanner walks the
// bytes chunk by chunk and finds where each element of the top-level array
// begins and ends (tracking strings, escapes and bracket depth with counters, not
// recursion, so any nesting is safe); each element's text is then parsed on its
// own by one reused simdjson parser, which does the real validation.
//
// An element is handed out only once the ',' or ']' after it has been seen. If
// anything else follows it, the framing has gone wrong at or before that element
// (a stray brace, say), so the element and everything after it become one
// invalid record, and reading stops: once the framing is lost, where the next
// record would start cannot be known. The same goes for a missing value after
// ',', text after the closing ']' and an array or element still open at the end
// of the input. An input that does not start with '[' is no JSON array at all:
// an input error. An element that is
// framed correctly but is not an object, or that simdjson refuses, is one
// invalid record, and reading goes on.
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>

#include <fmt/format.h>

#include "input/byte_source.hpp"
#include "input/json_record.hpp"
#include "input/readers.hpp"

namespace shortlist {
namespace {

bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The first '"', '\\' or '\n' in [p, end), or end: skips string contents, which
// are most of a JSON text, 16 bytes at a time.
const char* find_string_special(const char* p, const char* end) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i newline = _mm_set1_epi8('\n');
  while (end - p >= 16) {
    __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(x, quote),
                               _mm_or_si128(_mm_cmpeq_epi8(x, backslash), _mm_cmpeq_epi8(x, newline)));
    auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
    if (mask != 0) return p + __builtin_ctz(mask);
    p += 16;
  }
#endif
  while (p < end && *p != '"' && *p != '\\' && *p != '\n') ++p;
  return p;
}

class JsonArrayReader final : public RecordReader {
 public:
  explicit JsonArrayReader(std::unique_ptr<ByteSource> source) : source_(std::move(source)) {}
  bool next(Record& record) override;
  const std::vector<std::string>& header() const override { return no_header_; }
  std::string sha256() override { return source_->sha256(); }
  std::int64_t bytes_read() const override { return source_->bytes_read(); }

 private:
  enum class State : std::uint8_t { kStart, kBeforeValue, kInValue, kAfterValue, kEnd, kDone };

  bool refill();
  bool skip_space();
  void begin_element();
  bool scan_element();
  void keep(const char* from, const char* to);
  bool emit_element(Record& record);
  bool framing_error(Record& record, const std::string& what, bool with_element);
  bool at_eof(Record& record);
  void note_newline(const char* p) {
    ++line_;
    line_start_ = offset_of(p) + 1;
  }
  std::int64_t offset_of(const char* p) const { return chunk_offset_ + (p - chunk_); }
  std::int64_t column_of(const char* p) const { return offset_of(p) - line_start_ + 1; }

  std::unique_ptr<ByteSource> source_;
  JsonObjectReader objects_;
  std::vector<std::string> no_header_;
  State state_ = State::kStart;
  bool after_comma_ = false;

  char none_[1] = {0};
  const char* chunk_ = none_;
  const char* pos_ = none_;
  const char* end_ = none_;
  std::int64_t chunk_offset_ = 0;
  std::int64_t line_ = 1;
  std::int64_t line_start_ = 0;

  // The element being framed; the part in earlier chunks is already in element_.
  std::string element_;
  const char* element_start_ = none_;
  bool element_over_ = false;
  std::int64_t element_line_ = 0;
  std::int64_t element_column_ = 0;
  std::int64_t depth_ = 0;
  bool in_string_ = false;
  bool escape_ = false;
  bool scalar_ = false;  // a number or literal, which ends at a space, ',' or ']'
};

bool JsonArrayReader::next(Record& record) {
  for (;;) {
    if (state_ == State::kDone) return false;
    if (pos_ == end_ && !refill()) return at_eof(record);
    switch (state_) {
      case State::kStart:
        if (!skip_space()) break;
        if (*pos_ != '[') {
          // Not a JSON array at all (another format, binary data): the file is
          // unusable, not a record.
          throw InputError(source_->path(), line_, column_of(pos_),
                           "expected '[' to open a JSON array of objects (one object a line is "
                           "JSON Lines: .jsonl or --input-format jsonl)");
        }
        ++pos_;
        state_ = State::kBeforeValue;
        break;
      case State::kBeforeValue:
        if (!skip_space()) break;
        if (*pos_ == ']') {
          if (after_comma_) return framing_error(record, "expected a value after ','", false);
          ++pos_;
          state_ = State::kEnd;
        } else if (*pos_ == ',') {
          return framing_error(record, "expected a value before ','", false);
        } else {
          begin_element();
          state_ = State::kInValue;
        }
        break;
      case State::kInValue:
        if (scan_element()) state_ = State::kAfterValue;
        break;
      case State::kAfterValue:
        if (!skip_space()) break;
        if (*pos_ == ',' || *pos_ == ']') {
          after_comma_ = *pos_ == ',';
          state_ = after_comma_ ? State::kBeforeValue : State::kEnd;
          ++pos_;
          return emit_element(record);
        }
        return framing_error(record, "expected ',' or ']' after a value", true);
      case State::kEnd:
        if (!skip_space()) break;
        return framing_error(record, "unexpected text after the JSON array", false);
      case State::kDone:
        return false;
    }
  }
}

bool JsonArrayReader::at_eof(Record& record) {
  switch (state_) {
    case State::kStart:
      throw InputError(source_->path(), 0, 0, "empty file: no JSON array");
    case State::kBeforeValue:
      return framing_error(record, "unterminated JSON array: missing ']'", false);
    case State::kInValue:
      return framing_error(record, "unterminated JSON value", true);
    case State::kAfterValue:
      // The value is complete: hand it out, then report the missing ']'.
      state_ = State::kBeforeValue;
      after_comma_ = false;
      return emit_element(record);
    case State::kEnd:
    case State::kDone:
      break;
  }
  state_ = State::kDone;
  return false;
}

bool JsonArrayReader::refill() {
  if (state_ == State::kInValue) keep(element_start_, end_);
  std::string_view piece = source_->next(line_);
  if (piece.empty()) {
    element_start_ = end_;
    return false;
  }
  chunk_offset_ += end_ - chunk_;
  chunk_ = piece.data();
  pos_ = chunk_;
  end_ = chunk_ + piece.size();
  element_start_ = chunk_;
  return true;
}

// Skips JSON whitespace; true if a non-space byte is at pos_.
bool JsonArrayReader::skip_space() {
  for (; pos_ < end_; ++pos_) {
    if (*pos_ == '\n') {
      note_newline(pos_);
    } else if (!is_json_space(*pos_)) {
      return true;
    }
  }
  return false;
}

void JsonArrayReader::begin_element() {
  element_.clear();
  element_over_ = false;
  element_start_ = pos_;
  element_line_ = line_;
  element_column_ = column_of(pos_);
  depth_ = 0;
  in_string_ = false;
  escape_ = false;
  scalar_ = *pos_ != '{' && *pos_ != '[' && *pos_ != '"';
}

// Advances through the element; true once it has ended (pos_ just past it).
bool JsonArrayReader::scan_element() {
  const char* p = pos_;
  bool done = false;
  if (scalar_) {
    while (p < end_ && !is_json_space(*p) && *p != ',' && *p != ']') ++p;
    done = p < end_;  // the byte that ends it is not part of it
  } else {
    for (; p < end_ && !done; ++p) {
      if (in_string_ && !escape_) {
        p = find_string_special(p, end_);
        if (p == end_) break;
      }
      char c = *p;
      if (c == '\n') note_newline(p);
      if (in_string_) {
        if (escape_) {
          escape_ = false;
        } else if (c == '\\') {
          escape_ = true;
        } else if (c == '"') {
          in_string_ = false;
          done = depth_ == 0;  // a string on its own
        }
      } else if (c == '"') {
        in_string_ = true;
      } else if (c == '{' || c == '[') {
        ++depth_;
      } else if (c == '}' || c == ']') {
        done = --depth_ == 0;
      }
    }
  }
  pos_ = p;
  if (!done) return false;
  keep(element_start_, p);
  return true;
}

void JsonArrayReader::keep(const char* from, const char* to) {
  auto n = static_cast<std::size_t>(to - from);
  if (n == 0 || element_over_) return;
  if (element_.size() + n > kMaxJsonElement) {
    element_over_ = true;
    n = kMaxJsonRaw - std::min(kMaxJsonRaw, element_.size());
    n = std::min(n, static_cast<std::size_t>(to - from));
  }
  element_.append(from, n);
}

bool JsonArrayReader::emit_element(Record& record) {
  if (element_over_) {
    set_invalid_record(record, "value longer than 8 MiB", element_);
  } else {
    objects_.read(element_, record);
  }
  record.line = element_line_;
  record.source_column = element_column_;
  if (record.invalid) record.column = element_column_;
  return true;
}

// The rest of the input (from the current element, if `with_element`) becomes
// one invalid record, and reading stops.
bool JsonArrayReader::framing_error(Record& record, const std::string& what, bool with_element) {
  const std::int64_t line = line_;
  const std::int64_t column = column_of(pos_);
  std::string reason = state_ == State::kInValue
                           ? fmt::format("{} starting at line {}, column {}", what, element_line_, element_column_)
                           : fmt::format("{} at line {}, column {}", what, line, column);
  std::string raw = with_element ? element_.substr(0, kMaxJsonRaw) : std::string();
  auto take = [&raw](const char* from, std::size_t n) {
    std::size_t room = kMaxJsonRaw - std::min(kMaxJsonRaw, raw.size());
    raw.append(from, std::min(room, n));
  };
  if (pos_ < end_) take(pos_, static_cast<std::size_t>(end_ - pos_));
  while (raw.size() < kMaxJsonRaw) {
    std::string_view piece = source_->next(line_);
    if (piece.empty()) break;
    take(piece.data(), piece.size());
  }
  set_invalid_record(record, std::move(reason), raw);
  record.line = with_element ? element_line_ : line;
  record.column = with_element ? element_column_ : column;
  record.source_column = record.column;
  state_ = State::kDone;
  return true;
}

}  // namespace

std::unique_ptr<RecordReader> make_json_reader(std::unique_ptr<ByteSource> source) {
  return std::make_unique<JsonArrayReader>(std::move(source));
}

}  // namespace shortlist
