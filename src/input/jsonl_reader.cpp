// The JSON Lines reader: one JSON object a line.
//
// Lines end with LF (a CR before it is dropped, for files written on Windows);
// blank lines are skipped. Each other line is parsed on its own, so a bad line
// is one invalid record and reading goes on with the next. simdjson's
// parse_many could batch lines, but it stops at the first malformed one, and a
// batch of screening inputs must survive bad lines.
#include <algorithm>
#include <cstring>

#include "input/byte_source.hpp"
#include "input/json_record.hpp"
#include "input/readers.hpp"

namespace shortlist {
namespace {

bool is_blank(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

class JsonLinesReader final : public RecordReader {
 public:
  explicit JsonLinesReader(std::unique_ptr<ByteSource> source) : source_(std::move(source)) {}
  bool next(Record& record) override;
  const std::vector<std::string>& header() const override { return no_header_; }
  std::string sha256() override { return source_->sha256(); }
  std::int64_t bytes_read() const override { return source_->bytes_read(); }

 private:
  bool read_line();
  void keep(const char* from, std::size_t n);

  std::unique_ptr<ByteSource> source_;
  JsonObjectReader objects_;
  std::vector<std::string> no_header_;
  std::string_view chunk_;
  std::size_t pos_ = 0;
  std::int64_t next_line_ = 1;
  // The line being read: its number, text (capped) and length in bytes.
  std::int64_t line_number_ = 0;
  std::string line_;
  std::size_t line_length_ = 0;
};

bool JsonLinesReader::next(Record& record) {
  for (;;) {
    if (!read_line()) return false;
    if (is_blank(line_)) continue;
    if (line_length_ > kMaxJsonElement) {
      set_invalid_record(record, "line longer than 8 MiB", line_);
    } else {
      objects_.read(line_, record);
    }
    record.line = line_number_;
    record.source_column = 0;
    if (record.invalid) {
      record.column = 0;
      record.field = 0;
    }
    return true;
  }
}

// The next line, without its line end; false at the end of the input.
bool JsonLinesReader::read_line() {
  line_.clear();
  line_length_ = 0;
  line_number_ = next_line_;
  for (;;) {
    if (pos_ == chunk_.size()) {
      chunk_ = source_->next(next_line_);
      pos_ = 0;
      if (chunk_.empty()) return line_length_ > 0;
    }
    auto* start = chunk_.data() + pos_;
    auto* nl = static_cast<const char*>(std::memchr(start, '\n', chunk_.size() - pos_));
    std::size_t n = nl != nullptr ? static_cast<std::size_t>(nl - start) : chunk_.size() - pos_;
    keep(start, n);
    pos_ += n;
    if (nl != nullptr) {
      ++pos_;
      ++next_line_;
      if (!line_.empty() && line_.back() == '\r') line_.pop_back();
      return true;
    }
  }
}

void JsonLinesReader::keep(const char* from, std::size_t n) {
  line_length_ += n;
  // An over-long line is invalid anyway: keep only what a rejects line shows.
  std::size_t cap = line_length_ > kMaxJsonElement ? kMaxJsonRaw : kMaxJsonElement;
  std::size_t room = cap - std::min(cap, line_.size());
  line_.append(from, std::min(n, room));
}

}  // namespace

std::unique_ptr<RecordReader> make_jsonl_reader(std::unique_ptr<ByteSource> source) {
  return std::make_unique<JsonLinesReader>(std::move(source));
}

}  // namespace shortlist
