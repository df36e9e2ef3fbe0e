// The CSV/TSV reader (RFC 4180, with the relaxations real exports need).
//
// The reader is a byte-level state machine that is fed one chunk of the input at a
// time, so a record may start in one chunk and end in another, and memory stays
// flat however many records the file has: field text is copied straight into the
// caller's Record (whose strings keep their capacity from record to record), and
// the raw text of the record in progress is kept only as far as a rejects line
// needs it (64 KiB). A field is capped at 1 MiB; past that the record is invalid and
// the rest of the field is skipped, not stored.
//
// Line ends are LF and CRLF. A lone CR is data (RFC 4180 knows only CRLF, and
// treating CR as a line end would split fields that legitimately hold one).
// Lines with no bytes at all are skipped; any other line is a record. Physical
// lines are counted by LF, so Record::line is the line an editor shows.
//
// A quote inside an unquoted field is data, as in most readers and in csv-spectrum
// (`37°36'37.8"N` must read as written): only a quote that opens a field quotes it.
//
// Problems inside a record (text after a closing quote, a NUL byte,
// invalid UTF-8, an over-long field, a quote never closed, a wrong number of
// fields) make that record `invalid` with the first problem found, and reading
// goes on with the next line. Columns are 1-based byte offsets in their physical
// line (after any transcoding to UTF-8). A problem in one field names it too,
// 1-based with its header name: `invalid UTF-8 in field 2 ("name") at byte
// column 7`; a wrong number of fields or an over-long line names none.
//
// A stray quote must not swallow the file. When a quoted field has run over a
// line break and its quoting then turns out to be broken (the input ends before
// it closes, text follows its closing quote, or the record passes 16 MiB), only
// the record's first line is taken as the invalid record, and the lines after it
// are read again as records. To read them again the reader keeps the text from
// the record's second line on, but only while such a record is open; it is
// replayed as if it were the next chunk. While the lines that the broken field
// already scanned are read again, a quoted field may not run over their line
// ends (it is `invalid` at its line's end instead): a field that did would
// have closed the broken one, and without this rule a file of lines like
// `a","` would be scanned to its end once per line. A record that passes 16 MiB on one line
// is invalid and skipped to the next line end. The header is capped at
// 100,000 columns, so a hostile header cannot make the reader allocate without
// bound.
//
// Speed: a record that is one line of plain fields is read field by field
// with memchr (read_plain_record); in the state machine, unquoted fields are
// scanned 16 bytes at a time for the delimiter, CR and LF, quoted fields with
// memchr. NUL bytes and UTF-8 are checked once per
// chunk, and only fields that touch a chunk that failed the check are checked
// again one by one.
#include <simdjson.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

#include "input/byte_source.hpp"
#include "input/csv_blocks.hpp"
#include "input/readers.hpp"

namespace shortlist {
namespace {

constexpr std::size_t kMaxField = std::size_t{1} << 20;
constexpr std::int64_t kMaxRecord = std::int64_t{16} << 20;
constexpr std::size_t kMaxColumns = 100'000;
constexpr std::size_t kMaxRaw = std::size_t{64} << 10;
// How much of the first line is looked at to guess the delimiter.
constexpr std::size_t kMaxDetect = std::size_t{1} << 20;

// The first of the delimiter, '\r' or '\n' in [p, end), or end.
const char* find_special(const char* p, const char* end, char delim) {
#if defined(__SSE2__)
  const __m128i d = _mm_set1_epi8(delim);
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i lf = _mm_set1_epi8('\n');
  while (end - p >= 16) {
    __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(x, d),
                               _mm_or_si128(_mm_cmpeq_epi8(x, cr), _mm_cmpeq_epi8(x, lf)));
    auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
    if (mask != 0) return p + __builtin_ctz(mask);
    p += 16;
  }
#endif
  for (; p < end; ++p) {
    char c = *p;
    if (c == delim || c == '\r' || c == '\n') return p;
  }
  return end;
}

// Index of the first byte that does not begin a well-formed UTF-8 sequence
// (overlong forms, surrogates and code points past U+10FFFF included); npos if none.
std::size_t first_invalid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto b = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (b < 0x80) {
      ++i;
      continue;
    } else if (b >= 0xC2 && b <= 0xDF) {
      len = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3;
      if (b == 0xE0) lo = 0xA0;
      if (b == 0xED) hi = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4;
      if (b == 0xF0) lo = 0x90;
      if (b == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    if (i + len > s.size()) return i;
    for (std::size_t k = 1; k < len; ++k) {
      auto c = static_cast<unsigned char>(s[i + k]);
      if (c < (k == 1 ? lo : 0x80) || c > (k == 1 ? hi : 0xBF)) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

// A header name as a reason quotes it: whole up to 64 bytes, else its first
// 60 bytes (cut at a character's start) and "...".
std::string shown_name(std::string_view name) {
  constexpr std::size_t kShown = 64, kCut = 60;
  if (name.size() <= kShown) return std::string(name);
  std::size_t n = kCut;
  while (n > 0 && (static_cast<unsigned char>(name[n]) & 0xC0) == 0x80) --n;
  return std::string(name.substr(0, n)) + "...";
}

// Why a quoted field that runs over a line end is broken when text follows
// the quote that closes it (at line, column).
std::string after_quote_reason(std::int64_t line, std::int64_t column) {
  return fmt::format("text after the closing quote (line {}, byte column {}) of the quoted field that opens",
                     line, column);
}

// Picks the delimiter that occurs most often outside quotes; ties go to the
// earlier of , ; tab | (so a header without any is read as one comma-separated column).
char most_frequent_delimiter(const std::array<std::int64_t, 4>& counts) {
  static constexpr std::array<char, 4> kCandidates = {',', ';', '\t', '|'};
  std::size_t best = 0;
  for (std::size_t i = 1; i < counts.size(); ++i) {
    if (counts[i] > counts[best]) best = i;
  }
  return kCandidates[best];
}

// A number no other reader of this process has: Record::csv_tag.
std::uint64_t next_tag() {
  static std::atomic<std::uint64_t> last{0};
  return ++last;
}

class CsvReader final : public RecordReader {
 public:
  CsvReader(std::unique_ptr<ByteSource> source, char delimiter);
  explicit CsvReader(CsvRest rest);
  bool next(Record& record) override;
  const std::vector<std::string>& header() const override { return header_; }
  std::string sha256() override { return source_ ? source_->sha256() : std::string(); }
  std::int64_t bytes_read() const override { return source_ ? source_->bytes_read() : 0; }
  std::unique_ptr<CsvBlockSplitter> split(std::size_t block_size) override;

 private:
  enum class State : std::uint8_t { kRecordStart, kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted, kCr, kSkipLine };

  char detect_delimiter();
  void read_header();
  void check_header_names(const std::vector<RawValue>& fields);
  bool read_record();
  bool read_plain_record();
  bool step_unquoted();
  bool step_cr();
  bool step_quote_in_quoted();
  bool step_quoted();
  bool step_skip_line();
  bool too_long();
  bool broken_quoting(std::string what, std::int64_t line, std::int64_t column, bool in_field);
  void replay_from_second_line();
  void keep_for_replay(const char* end);
  bool refill();
  bool finish_at_eof();
  void begin_record();
  void start_field();
  void append(const char* p, std::size_t n);
  void end_field();
  bool end_line(const char* newline);
  bool is_empty_line() const;
  void check_field();
  void problem(std::int64_t line, std::int64_t column, std::string what);
  void field_problem(std::int64_t line, std::int64_t column, std::string what);
  void note_newlines(const char* from, const char* to);
  void spill_raw(const char* from, const char* to);
  void fill_invalid(Record& record) const;
  std::int64_t offset_of(const char* p) const { return chunk_offset_ + (p - chunk_); }
  std::int64_t column_of(const char* p) const { return offset_of(p) - line_start_ + 1; }

  std::unique_ptr<ByteSource> source_;
  std::uint64_t tag_ = next_tag();  // tells the Records this reader has set up
  char delim_ = ',';
  bool check_utf8_ = true;
  std::vector<std::string> header_;

  // The text being scanned: the bytes read ahead to detect the delimiter, then
  // the source's chunks, with text to be read again (see the top) served in
  // between. chunk_offset_ is the offset of chunk_[0] in the text.
  std::string serving_;          // text served before the source's next chunk
  std::string_view borrowed_;    // served instead of serving_ when not null (a block's text)
  bool serving_pending_ = false;
  std::int64_t serving_offset_ = 0;
  std::int64_t source_offset_ = 0;  // offset of the source's next chunk
  char none_[1] = {0};
  const char* chunk_ = none_;
  const char* pos_ = none_;
  const char* end_ = none_;
  std::int64_t chunk_offset_ = 0;
  bool chunk_clean_ = true;  // no NUL, and valid UTF-8 when that is checked

  std::int64_t line_ = 1;
  std::int64_t line_start_ = 0;  // text offset where line_ starts

  // The record in progress.
  State state_ = State::kRecordStart;
  std::vector<RawValue>* values_ = nullptr;
  bool growable_ = false;   // reading the header: add a value per field
  bool skip_empty_ = true;  // empty lines are not records (but the header line is)
  bool in_record_ = false;
  std::int64_t record_line_ = 0;
  std::int64_t record_offset_ = 0;
  // Set once a quoted field of the record crosses a line end: from then on the
  // text from the record's second line is kept in replay_, in case it must be
  // read again.
  bool keeping_ = false;
  std::int64_t second_line_ = 0;  // text offset where the record's second line starts
  std::string replay_;
  // How far the scans of broken quoted fields have gone. Before it, a quoted
  // field may not run over a line end: that text is known to hold no good one.
  std::int64_t reread_until_ = 0;
  const char* record_start_ = none_;  // in the current chunk; earlier bytes are in raw_
  const char* record_end_ = none_;
  std::string raw_;
  std::size_t fields_ = 0;
  std::string scratch_;  // fields beyond the header's count
  std::string* field_ = &scratch_;
  bool field_quoted_ = false;
  bool field_dirty_ = false;  // touched a chunk that failed the NUL/UTF-8 check
  bool field_over_ = false;
  std::int64_t field_line_ = 0;
  std::int64_t field_column_ = 0;
  std::int64_t cr_column_ = 0;
  bool cr_after_quote_ = false;
  std::vector<std::int64_t> header_lines_;
  std::vector<std::int64_t> header_columns_;

  // The first problem of the record in progress.
  bool bad_ = false;
  std::string what_;
  std::int64_t bad_line_ = 0;
  std::int64_t bad_column_ = 0;
  std::size_t bad_field_ = 0;  // 1-based; 0: no single field is at fault
};

CsvReader::CsvReader(std::unique_ptr<ByteSource> source, char delimiter)
    : source_(std::move(source)), check_utf8_(source_->encoding() == Encoding::kUtf8) {
  delim_ = delimiter != 0 ? delimiter : detect_delimiter();
  read_header();
}

// Reads on from where another reader of the same input stopped, at a record's
// start: `rest.text` first, then what is left of the source, if any.
CsvReader::CsvReader(CsvRest rest)
    : source_(std::move(rest.source)),
      tag_(rest.layout.tag),
      delim_(rest.layout.delimiter),
      check_utf8_(rest.layout.check_utf8),
      header_(std::move(rest.layout.header)) {
  serving_ = std::move(rest.text);
  borrowed_ = rest.borrowed;
  serving_pending_ = true;
  serving_offset_ = rest.offset;
  source_offset_ = rest.offset + static_cast<std::int64_t>(
                                     borrowed_.data() != nullptr ? borrowed_.size() : serving_.size());
  line_ = rest.line;
  line_start_ = rest.offset;
}

std::unique_ptr<CsvBlockSplitter> CsvReader::split(std::size_t block_size) {
  // Only at a record's start, with nothing held to be read again: where the
  // header has just ended.
  if (!source_ || state_ != State::kRecordStart || serving_pending_ || keeping_) return nullptr;
  CsvRest rest{CsvLayout{source_->path(), delim_, header_, check_utf8_, tag_}, std::move(source_),
               std::string(pos_, end_), line_, offset_of(pos_), {}};
  chunk_ = pos_ = end_ = record_start_ = none_;
  return std::make_unique<CsvBlockSplitter>(std::move(rest), block_size);
}

// Reads ahead to the end of the first line (outside quotes) and counts the
// candidate delimiters in it. The bytes read stay in read_ahead_ to be parsed.
char CsvReader::detect_delimiter() {
  std::array<std::int64_t, 4> counts{};
  bool quoted = false;
  std::size_t scanned = 0;
  while (scanned < kMaxDetect) {
    std::string_view piece = source_->next(1);
    if (piece.empty()) break;
    serving_.append(piece);
    for (; scanned < serving_.size(); ++scanned) {
      char c = serving_[scanned];
      if (c == '"') quoted = !quoted;
      if (quoted) continue;
      if (c == '\n') break;
      if (c == ',') ++counts[0];
      if (c == ';') ++counts[1];
      if (c == '\t') ++counts[2];
      if (c == '|') ++counts[3];
    }
    if (scanned < serving_.size()) break;
  }
  serving_pending_ = true;
  serving_offset_ = 0;
  source_offset_ = static_cast<std::int64_t>(serving_.size());
  return most_frequent_delimiter(counts);
}

void CsvReader::read_header() {
  std::vector<RawValue> fields;
  values_ = &fields;
  growable_ = true;
  skip_empty_ = false;
  if (!read_record()) throw InputError(source_->path(), 0, 0, "empty file: no header line");
  if (bad_) throw InputError(source_->path(), bad_line_, bad_column_, what_ + " in the header");
  check_header_names(fields);
  for (auto& f : fields) header_.push_back(std::move(f.text));
  growable_ = false;
  skip_empty_ = true;
  values_ = nullptr;
}

void CsvReader::check_header_names(const std::vector<RawValue>& fields) {
  if (fields.size() == 1 && fields[0].text.empty()) {
    throw InputError(source_->path(), 1, 1, "the header line is empty");
  }
  std::unordered_map<std::string_view, std::size_t> seen;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const std::string& name = fields[i].text;
    if (name.empty()) {
      throw InputError(source_->path(), header_lines_[i], header_columns_[i],
                       fmt::format("empty column name in the header (field {})", i + 1));
    }
    auto [it, fresh] = seen.emplace(name, i);
    if (!fresh) {
      throw InputError(source_->path(), header_lines_[i], header_columns_[i],
                       fmt::format("duplicate column name '{}' in the header (fields {} and {})",
                                   name, it->second + 1, i + 1));
    }
  }
}

bool CsvReader::next(Record& record) {
  const std::size_t columns = header_.size();
  if (record.csv_tag != tag_ || record.names.size() != columns || record.values.size() != columns) {
    // A Record this reader has not filled: set it up once. After that, each
    // record costs its own fields, not the header's width.
    record.names = header_;
    record.values.resize(columns);
    for (auto& v : record.values) {
      v.kind = RawValue::Kind::kString;
      v.items.clear();
    }
    record.csv_tag = tag_;
    record.csv_filled = columns;
  }
  record.top_level = columns;
  // Fields are cleared as they are read; those the last record had beyond
  // this one's are cleared after it (below).
  record.invalid = false;
  record.reason.clear();
  record.field = 0;
  record.column = 0;
  record.raw.clear();
  values_ = &record.values;
  bool got = read_record();
  values_ = nullptr;
  const std::size_t filled = got ? std::min(fields_, columns) : 0;
  for (std::size_t i = filled; i < record.csv_filled; ++i) record.values[i].text.clear();
  record.csv_filled = filled;
  if (!got) return false;
  record.line = record_line_;
  record.source_column = 0;
  if (!bad_ && fields_ != columns) {
    problem(record_line_, 0, fmt::format("{} field{}, expected {}", fields_, fields_ == 1 ? "" : "s", columns));
  }
  if (bad_) fill_invalid(record);
  return true;
}

// Runs the state machine to the end of the next record; false at the end of the input.
bool CsvReader::read_record() {
  for (;;) {
    if (pos_ == end_) {
      if (in_record_ && state_ != State::kSkipLine && offset_of(end_) - record_offset_ > kMaxRecord &&
          too_long())
        return true;
      if (!refill()) return finish_at_eof();
    }
    switch (state_) {
      case State::kRecordStart:
        if (read_plain_record()) return true;
        begin_record();
        [[fallthrough]];
      case State::kFieldStart:
        start_field();
        if (*pos_ == '"') {
          field_quoted_ = true;
          ++pos_;
          state_ = State::kQuoted;
        } else {
          state_ = State::kUnquoted;
        }
        break;
      case State::kUnquoted:
        if (step_unquoted()) return true;
        break;
      case State::kQuoted:
        if (step_quoted()) return true;
        break;
      case State::kQuoteInQuoted:
        if (step_quote_in_quoted()) return true;
        break;
      case State::kCr:
        if (step_cr()) return true;
        break;
      case State::kSkipLine:
        if (step_skip_line()) return true;
        break;
    }
  }
}

// Most records of an export are one line with the header's number of fields,
// each unquoted or quoted without a quote inside, in a chunk that passed the
// NUL and UTF-8 check. Such a record is read here field by field with
// memchr, not byte by byte through the state machine (a pass of SSE2
// compares over the line that found every delimiter, quote and line end at
// once ran 4 % more instructions). Anything else (an empty line, a doubled
// quote, text after a closing quote, a quoted line end, a wrong field count,
// a record that goes on in the next chunk) returns false having changed
// nothing that matters, and the state machine reads the record from its
// start, with all its rules. True when a record was read.
bool CsvReader::read_plain_record() {
  if (growable_ || !chunk_clean_ || keeping_) return false;
  const auto* nl = static_cast<const char*>(std::memchr(pos_, '\n', static_cast<std::size_t>(end_ - pos_)));
  if (nl == nullptr || nl - pos_ > kMaxRecord) return false;
  const char* const stop = nl > pos_ && nl[-1] == '\r' ? nl - 1 : nl;  // CRLF or LF
  if (stop == pos_) return false;  // an empty line
  std::vector<RawValue>& values = *values_;
  const std::size_t columns = values.size();
  std::size_t n = 0;
  // Fields are copied as they are found. Giving up clears those copied, so
  // that every field past the last record's stays empty, as next() expects.
  const auto give_up = [&] {
    for (std::size_t i = 0; i < n; ++i) values[i].text.clear();
    return false;
  };
  for (const char* p = pos_;; ++p) {  // at a field's start
    if (n == columns) return give_up();
    const char* end;
    const char* next;  // the delimiter after the field, or stop
    if (p != stop && *p == '"') {
      end = static_cast<const char*>(std::memchr(p + 1, '"', static_cast<std::size_t>(stop - p - 1)));
      if (end == nullptr) return give_up();
      next = end + 1;
      if (next != stop && *next != delim_) return give_up();
      ++p;
    } else {
      end = static_cast<const char*>(std::memchr(p, delim_, static_cast<std::size_t>(stop - p)));
      if (end == nullptr) end = stop;
      next = end;
    }
    if (static_cast<std::size_t>(end - p) > kMaxField) return give_up();
    values[n++].text.assign(p, static_cast<std::size_t>(end - p));
    p = next;
    if (p == stop) break;
  }
  if (n != columns) return give_up();
  in_record_ = false;
  record_line_ = line_;
  record_offset_ = offset_of(pos_);
  record_start_ = pos_;
  record_end_ = nl;
  raw_.clear();
  fields_ = n;
  bad_ = false;
  ++line_;
  line_start_ = offset_of(nl) + 1;
  pos_ = nl + 1;
  return true;
}

// Returns true when a record ends.
bool CsvReader::step_unquoted() {
  const char* stop = find_special(pos_, end_, delim_);
  append(pos_, static_cast<std::size_t>(stop - pos_));
  pos_ = stop;
  if (stop == end_) return false;
  char c = *pos_++;
  if (c == delim_) {
    end_field();
    state_ = State::kFieldStart;
  } else if (c == '\n') {
    return end_line(stop);
  } else {
    cr_after_quote_ = false;
    state_ = State::kCr;
  }
  return false;
}

// True when the record ends: a quoted field ran over a line end that a broken
// quoted field before it has already scanned (see the top).
bool CsvReader::step_quoted() {
  auto* quote = static_cast<const char*>(std::memchr(pos_, '"', static_cast<std::size_t>(end_ - pos_)));
  const char* stop = quote != nullptr ? quote : end_;
  if (offset_of(pos_) < reread_until_) {
    auto* nl = static_cast<const char*>(std::memchr(pos_, '\n', static_cast<std::size_t>(stop - pos_)));
    if (nl != nullptr && offset_of(nl) < reread_until_) {
      field_problem(field_line_, field_column_, "unterminated quoted field");
      pos_ = nl + 1;
      return end_line(nl);
    }
  }
  note_newlines(pos_, stop);
  append(pos_, static_cast<std::size_t>(stop - pos_));
  pos_ = stop;
  if (quote != nullptr) {
    ++pos_;
    state_ = State::kQuoteInQuoted;
  }
  return false;
}

// After a quote inside a quoted field: a doubled quote, or the end of the field.
bool CsvReader::step_quote_in_quoted() {
  const char* at = pos_;
  char c = *pos_++;
  if (c == '"') {
    append(at, 1);
    state_ = State::kQuoted;
  } else if (c == delim_) {
    end_field();
    state_ = State::kFieldStart;
  } else if (c == '\n') {
    return end_line(at);
  } else if (c == '\r') {
    cr_after_quote_ = true;
    cr_column_ = column_of(at);
    state_ = State::kCr;
  } else {
    if (keeping_)
      return broken_quoting(after_quote_reason(line_, column_of(at)), field_line_, field_column_, true);
    field_problem(line_, column_of(at), "text after a closing quote");
    --pos_;
    state_ = State::kUnquoted;
  }
  return false;
}

// After a CR outside quotes: CRLF ends the line; a lone CR is data.
bool CsvReader::step_cr() {
  if (*pos_ == '\n') {
    const char* at = pos_++;
    return end_line(at);
  }
  if (cr_after_quote_) {
    if (keeping_)
      return broken_quoting(after_quote_reason(line_, cr_column_), field_line_, field_column_, true);
    field_problem(line_, cr_column_, "text after a closing quote");
  }
  append("\r", 1);
  state_ = State::kUnquoted;
  return false;
}

// Skips the rest of a line over 16 MiB; true when its line end is reached.
bool CsvReader::step_skip_line() {
  auto* nl = static_cast<const char*>(std::memchr(pos_, '\n', static_cast<std::size_t>(end_ - pos_)));
  if (nl == nullptr) {
    pos_ = end_;
    return false;
  }
  pos_ = nl + 1;
  return end_line(nl);
}

// The record in progress has passed 16 MiB. True if it ends here (its later
// lines are to be read again); false if the rest of its line is to be skipped.
bool CsvReader::too_long() {
  if (keeping_) return broken_quoting("record longer than 16 MiB", 0, 0, false);
  problem(line_, 0, "line longer than 16 MiB");
  state_ = State::kSkipLine;
  return false;
}

// The quoting of a record that spans lines is broken: the record is its first
// line, invalid for `what` at (line, column) (in the field in progress when
// `in_field`), and the text after that line is read again. Always true: the
// record ends here.
bool CsvReader::broken_quoting(std::string what, std::int64_t line, std::int64_t column, bool in_field) {
  reread_until_ = std::max(reread_until_, offset_of(pos_));
  bad_ = false;  // this problem, not an earlier one, says where the record ends
  if (in_field)
    field_problem(line, column, std::move(what));
  else
    problem(line, column, std::move(what));
  // The raw text is the first line: what raw_ holds, and the current chunk's
  // part of the line if it ends in this chunk.
  const std::int64_t first_line_end = second_line_ - 1;
  if (first_line_end >= chunk_offset_) spill_raw(record_start_, chunk_ + (first_line_end - chunk_offset_));
  std::size_t first_line = static_cast<std::size_t>(first_line_end - record_offset_);
  if (raw_.size() > first_line) raw_.resize(first_line);  // fill_invalid drops a CR before the LF
  record_start_ = record_end_ = end_;  // the raw text is complete in raw_
  replay_from_second_line();
  state_ = State::kRecordStart;
  in_record_ = false;
  return true;
}

void CsvReader::replay_from_second_line() {
  keeping_ = false;
  line_ = record_line_ + 1;
  line_start_ = second_line_;
  if (second_line_ >= chunk_offset_ && chunk_ != none_) {
    // The second line is in this chunk: read on from there.
    pos_ = chunk_ + (second_line_ - chunk_offset_);
    return;
  }
  keep_for_replay(end_);
  serving_.swap(replay_);
  replay_.clear();
  serving_pending_ = true;
  serving_offset_ = second_line_;
  pos_ = end_;  // the next read serves the kept text
}

// Adds the current chunk's text from the record's second line up to `end` to
// what is kept for reading again.
void CsvReader::keep_for_replay(const char* end) {
  std::int64_t from = std::max(chunk_offset_, second_line_);
  const char* p = chunk_ + (from - chunk_offset_);
  if (p < end) replay_.append(p, static_cast<std::size_t>(end - p));
}

bool CsvReader::refill() {
  if (in_record_) {
    spill_raw(record_start_, end_);
    if (keeping_) keep_for_replay(end_);
  }
  chunk_ = pos_ = end_ = record_start_ = none_;
  std::string_view piece;
  if (serving_pending_) {
    serving_pending_ = false;
    // Borrowed text is served once; text kept to be read again later is
    // always the reader's own.
    piece = borrowed_.data() != nullptr ? std::exchange(borrowed_, {}) : std::string_view(serving_);
    chunk_offset_ = serving_offset_;
  } else {
    if (serving_.capacity() > 0) std::string().swap(serving_);  // parsed; no longer needed
    if (!source_) return false;  // a block's reader: the block was all
    piece = source_->next(line_);
    chunk_offset_ = source_offset_;
    source_offset_ += static_cast<std::int64_t>(piece.size());
  }
  if (piece.empty()) return false;
  chunk_ = piece.data();
  pos_ = chunk_;
  end_ = chunk_ + piece.size();
  record_start_ = chunk_;
  chunk_clean_ = std::memchr(chunk_, 0, piece.size()) == nullptr &&
                 (!check_utf8_ || simdjson::validate_utf8(chunk_, piece.size()));
  if (!chunk_clean_) field_dirty_ = true;
  return true;
}

bool CsvReader::finish_at_eof() {
  if (state_ == State::kRecordStart) return false;
  if (state_ == State::kFieldStart) start_field();  // `a,` at the very end: an empty last field
  if (state_ == State::kQuoted && keeping_)
    return broken_quoting("unterminated quoted field", field_line_, field_column_, true);
  if (state_ == State::kQuoted) field_problem(field_line_, field_column_, "unterminated quoted field");
  record_end_ = end_;
  end_field();
  state_ = State::kRecordStart;
  in_record_ = false;
  if (skip_empty_ && is_empty_line()) return false;
  return true;
}

void CsvReader::begin_record() {
  in_record_ = true;
  record_line_ = line_;
  record_offset_ = offset_of(pos_);
  record_start_ = pos_;
  keeping_ = false;
  if (replay_.capacity() > kMaxRaw) std::string().swap(replay_);
  replay_.clear();
  raw_.clear();
  fields_ = 0;
  bad_ = false;
}

void CsvReader::start_field() {
  if (fields_ < values_->size()) {
    field_ = &(*values_)[fields_].text;
  } else if (growable_) {
    if (values_->size() == kMaxColumns)
      throw InputError(source_->path(), line_, column_of(pos_), "more than 100,000 columns in the header");
    field_ = &values_->emplace_back().text;
  } else {
    field_ = &scratch_;
  }
  field_->clear();
  field_quoted_ = false;
  field_dirty_ = !chunk_clean_;
  field_over_ = false;
  field_line_ = line_;
  field_column_ = column_of(pos_);
  if (growable_) {
    header_lines_.push_back(field_line_);
    header_columns_.push_back(field_column_);
  }
}

void CsvReader::append(const char* p, std::size_t n) {
  if (field_over_ || n == 0) return;
  if (field_->size() + n > kMaxField) {
    field_over_ = true;
    field_problem(field_line_, field_column_, "field longer than 1 MiB");
    return;
  }
  field_->append(p, n);
}

void CsvReader::end_field() {
  if (field_dirty_ && !field_over_ && field_ != &scratch_) check_field();
  ++fields_;
}

// `newline` points at the LF that ends a line. True if it ends a record, false
// if the line was empty and skipped.
bool CsvReader::end_line(const char* newline) {
  record_end_ = newline;
  ++line_;
  line_start_ = offset_of(newline) + 1;
  end_field();
  state_ = State::kRecordStart;
  in_record_ = false;
  return !(skip_empty_ && is_empty_line());
}

bool CsvReader::is_empty_line() const {
  return fields_ == 1 && !field_quoted_ && field_->empty() && !bad_;
}

// A NUL byte or invalid UTF-8 in the field just ended; its position is worked
// out from the field's text, which is what the raw bytes were minus the quoting:
// each byte of the text is one of the line's, but for a doubled quote (two)
// and a line end in a quoted field (the next line starts at byte 1).
void CsvReader::check_field() {
  std::string_view text = *field_;
  auto* nul = static_cast<const char*>(std::memchr(text.data(), 0, text.size()));
  std::size_t nul_at = nul != nullptr ? static_cast<std::size_t>(nul - text.data()) : std::string_view::npos;
  std::size_t utf8_at = std::string_view::npos;
  if (check_utf8_ && !simdjson::validate_utf8(text.data(), text.size())) utf8_at = first_invalid_utf8(text);
  std::size_t at = std::min(nul_at, utf8_at);
  if (at == std::string_view::npos) return;
  std::int64_t line = field_line_;
  std::int64_t column = field_column_ + (field_quoted_ ? 1 : 0);
  for (std::size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      column += field_quoted_ && text[i] == '"' ? 2 : 1;
    }
  }
  field_problem(line, column, at == nul_at ? "NUL byte" : "invalid UTF-8");
}

void CsvReader::problem(std::int64_t line, std::int64_t column, std::string what) {
  if (bad_) return;
  bad_ = true;
  what_ = std::move(what);
  bad_line_ = line;
  bad_column_ = column;
  bad_field_ = 0;
}

// A problem in the field in progress (the record's fields_ + 1-th).
void CsvReader::field_problem(std::int64_t line, std::int64_t column, std::string what) {
  if (bad_) return;
  problem(line, column, std::move(what));
  bad_field_ = fields_ + 1;
}

void CsvReader::note_newlines(const char* from, const char* to) {
  for (;;) {
    auto* nl = static_cast<const char*>(std::memchr(from, '\n', static_cast<std::size_t>(to - from)));
    if (nl == nullptr) return;
    ++line_;
    line_start_ = offset_of(nl) + 1;
    if (!keeping_) {
      keeping_ = true;
      second_line_ = line_start_;
    }
    from = nl + 1;
  }
}

void CsvReader::spill_raw(const char* from, const char* to) {
  std::size_t room = kMaxRaw - std::min(kMaxRaw, raw_.size());
  std::size_t n = std::min(room, static_cast<std::size_t>(to - from));
  if (n > 0) raw_.append(from, n);
}

// The reason says where: `invalid UTF-8 in field 2 ("name") at byte column 7`,
// or `at line 4, byte column 2` when the problem is on a later line of the
// record (the rejects' `column` is then left out: it would not be in the line
// the source names).
void CsvReader::fill_invalid(Record& record) const {
  record.invalid = true;
  record.reason = what_;
  record.field = static_cast<std::int64_t>(bad_field_);
  record.column = 0;
  if (bad_field_ > 0) {
    record.reason += fmt::format(" in field {}", bad_field_);
    if (bad_field_ <= header_.size()) record.reason += " (\"" + shown_name(header_[bad_field_ - 1]) + "\")";
  }
  if (bad_column_ > 0 && bad_line_ == record_line_) {
    record.reason += fmt::format(" at byte column {}", bad_column_);
    record.column = bad_column_;
  } else if (bad_column_ > 0) {
    record.reason += fmt::format(" at line {}, byte column {}", bad_line_, bad_column_);
  }
  record.raw = raw_;
  std::size_t room = kMaxRaw - std::min(kMaxRaw, record.raw.size());
  std::size_t n = std::min(room, static_cast<std::size_t>(record_end_ - record_start_));
  if (n > 0) record.raw.append(record_start_, n);
  if (!record.raw.empty() && record.raw.back() == '\r') record.raw.pop_back();
}

}  // namespace

std::unique_ptr<RecordReader> make_csv_reader(std::unique_ptr<ByteSource> source, char delimiter) {
  return std::make_unique<CsvReader>(std::move(source), delimiter);
}

std::unique_ptr<RecordReader> make_csv_rest_reader(CsvRest rest) {
  return std::make_unique<CsvReader>(std::move(rest));
}

}  // namespace shortlist
