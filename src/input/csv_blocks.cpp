// Cutting a CSV input into blocks of whole records.
//
// The reader of csv_reader.cpp reads one record after another; to parse on
// several threads, the text must first be cut where records start, and only
// there. A cut made anywhere else would make a block's reader see a quoted
// field's second half as records of its own.
//
// Finding record starts needs only part of the reader's state machine: outside
// quotes a line end ends a record; a quote opens a quoted field only at the
// start of a field (after the delimiter or a line end, or at the record's
// start: a quote inside an unquoted field is data); inside quotes only a quote
// matters, and the byte after it tells a doubled quote from the field's end.
// This scan looks at two kinds of bytes, quotes and line ends, and runs at
// memory speed.
//
// The one place where the reader does more is a broken record that spans
// lines: a quoted field that ran over a line end and then turns out not to
// be closed properly (the input ends inside it, or text follows its closing
// quote). The reader then takes the record's first line alone and reads the
// lines after it again (csv_reader.cpp explains why). Rather than copy that
// logic, the cutter stops there, and a reader of the whole rest of the input
// reads on one record after another, exactly as it would have. It stops too
// at a record over 8 MiB, which keeps the text held here bounded; the reader
// has its own limit at 16 MiB. The text it is handed ends where the source's
// chunks end, so its limits trip at the same places as on a whole file.
#include "input/csv_blocks.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <cstring>
#include <stdexcept>

#include "input/readers.hpp"

namespace shortlist {
namespace {

constexpr std::size_t kMaxRecord = std::size_t{8} << 20;

// The first quote or line feed in [from, size) of `data`, or size.
std::size_t find_quote_or_newline(const char* data, std::size_t from, std::size_t size) {
  std::size_t i = from;
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i lf = _mm_set1_epi8('\n');
  for (; i + 16 <= size; i += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
    const auto mask = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, lf))));
    if (mask != 0) return i + static_cast<std::size_t>(__builtin_ctz(mask));
  }
#endif
  for (; i < size; ++i)
    if (data[i] == '"' || data[i] == '\n') return i;
  return size;
}

}  // namespace

CsvBlockSplitter::CsvBlockSplitter(CsvRest rest, std::size_t block_size)
    : layout_(std::move(rest.layout)),
      source_(std::move(rest.source)),
      block_size_(std::max<std::size_t>(block_size, 1)),
      pending_(std::move(rest.text)),
      pending_line_(rest.line),
      pending_offset_(rest.offset),
      record_line_(rest.line),
      cut_line_(rest.line),
      line_(rest.line) {
  // A mapped file is cut in place: the text the header's reader held is the
  // last of what the source handed out (checked, not assumed), and each
  // piece read after it follows it in the mapping.
  const std::string_view read = source_->mapped_read();
  if (source_->mapping() != nullptr && source_->encoding() == Encoding::kUtf8 &&
      read.size() >= pending_.size() &&
      read.substr(read.size() - pending_.size()) == pending_) {
    mapping_ = source_->mapping();
    window_ = read.data() + read.size() - pending_.size();
    window_size_ = pending_.size();
    pending_ = std::string();
    source_->keep_mapped(true);
  }
  scan();
}

void CsvBlockSplitter::drop_front(std::size_t n) {
  if (mapping_) {
    window_ += n;
    window_size_ -= n;
  } else {
    pending_.erase(0, n);
  }
}

void CsvBlockSplitter::append(std::string_view piece) {
  if (!mapping_) {
    pending_.append(piece);
    return;
  }
  if (piece.data() != window_ + window_size_)
    throw std::logic_error("a mapped input's piece does not follow the one before");
  window_size_ += piece.size();
}

bool CsvBlockSplitter::next(CsvBlock& block) {
  while (!done_) {
    if (cut_ - base_ >= block_size_) return take_block(block);
    if (eof_ || stopped_) {
      done_ = true;
      return cut_ > base_ && take_block(block);
    }
    // What blocks took goes only now, once per chunk read: moving the rest
    // down after every block would copy the text several times over.
    drop_front(base_);
    scan_ -= base_;
    record_start_ -= base_;
    cut_ -= base_;
    base_ = 0;
    const std::string_view piece = source_->next(line_);
    if (piece.empty()) {
      eof_ = true;
      // The last record may have no line end.
      if (state_ == State::kQuoted && spans_lines_) {
        stopped_ = true;
      } else if (record_start_ < size()) {
        end_record(size());
      }
      continue;
    }
    append(piece);
    scan();
  }
  return false;
}

std::unique_ptr<RecordReader> CsvBlockSplitter::rest_reader() {
  if (!stopped_ || !source_) return nullptr;
  if (mapping_) {
    pending_.assign(window_ + base_, window_size_ - base_);
    // The rest reader copies what it reads: the source gives pages back again.
    source_->keep_mapped(false);
  } else {
    pending_.erase(0, base_);
  }
  CsvRest rest{layout_, std::move(source_), std::move(pending_), pending_line_, pending_offset_, {}};
  return make_csv_rest_reader(std::move(rest));
}

bool CsvBlockSplitter::take_block(CsvBlock& block) {
  block.line = pending_line_;
  block.offset = pending_offset_;
  block.records = cut_records_;
  pending_line_ = cut_line_;
  pending_offset_ += static_cast<std::int64_t>(cut_ - base_);
  cut_records_ = 0;
  if (mapping_) {
    block.mapped = std::string_view(window_ + base_, cut_ - base_);
    base_ = cut_;
    return true;
  }
  block.mapped = {};
  if (base_ == 0 && 2 * (pending_.size() - cut_) < cut_) {
    // The block is most of the text held: hand the text over and keep only
    // what follows the cut, rather than copy the block out of it. The text
    // given back in exchange (the one a block read before was cut into) is
    // given the room the held text had, once: from then on every buffer
    // going round has it, and reading allocates nothing.
    const std::size_t room = pending_.capacity();
    block.text.swap(pending_);
    pending_.clear();
    pending_.reserve(room);
    pending_.assign(block.text, cut_);
    block.text.resize(cut_);
    scan_ -= cut_;
    record_start_ -= cut_;
    cut_ = 0;
    return true;
  }
  block.text.assign(pending_, base_, cut_ - base_);
  base_ = cut_;
  return true;
}

// A record ends at `newline` (a line feed, or the end of the input).
void CsvBlockSplitter::end_record(std::size_t newline) {
  // Lines with no bytes (or a lone CR before the LF) are no records.
  const std::size_t length = newline - record_start_;
  const bool empty = length == 0 || (length == 1 && data()[record_start_] == '\r');
  if (!empty) ++cut_records_;
  cut_ = std::min(newline + 1, size());
  cut_line_ = line_;
  record_start_ = cut_;
  record_line_ = line_;
  spans_lines_ = false;
  state_ = State::kOutside;
}

void CsvBlockSplitter::scan() {
  const char* data = this->data();
  const std::size_t size = this->size();
  const char delimiter = layout_.delimiter;
  std::size_t i = scan_;
  while (i < size) {
    switch (state_) {
      case State::kOutside: {
        const std::size_t j = find_quote_or_newline(data, i, size);
        if (j == size) {
          i = size;
          break;
        }
        if (data[j] == '\n') {
          ++line_;
          end_record(j);
        } else if (j == record_start_ || data[j - 1] == delimiter || data[j - 1] == '\n') {
          state_ = State::kQuoted;
        }
        i = j + 1;
        break;
      }
      case State::kQuoted: {
        const auto* quote = static_cast<const char*>(std::memchr(data + i, '"', size - i));
        const std::size_t j = quote != nullptr ? static_cast<std::size_t>(quote - data) : size;
        for (const char* p = data + i;;) {
          p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(data + j - p)));
          if (p == nullptr) break;
          ++line_;
          spans_lines_ = true;
          ++p;
        }
        i = j;
        if (quote != nullptr) {
          ++i;
          state_ = State::kAfterQuote;
        }
        break;
      }
      case State::kAfterQuote: {
        const char c = data[i];
        if (c == '"') {
          state_ = State::kQuoted;
          ++i;
        } else if (c == delimiter) {
          state_ = State::kOutside;
          ++i;
        } else if (c == '\n') {
          ++line_;
          end_record(i);
          ++i;
        } else if (c == '\r') {
          state_ = State::kAfterQuoteCr;
          ++i;
        } else if (spans_lines_) {
          stopped_ = true;  // text after the closing quote of a field over several lines
        } else {
          state_ = State::kOutside;  // the reader reads on as unquoted text: so does the scan
        }
        break;
      }
      case State::kAfterQuoteCr:
        if (data[i] == '\n') {
          ++line_;
          end_record(i);
          ++i;
        } else if (spans_lines_) {
          stopped_ = true;  // a lone CR after the closing quote of a field over several lines
        } else {
          state_ = State::kOutside;
        }
        break;
    }
    if (stopped_) break;
  }
  scan_ = i;
  if (!stopped_ && size - record_start_ > kMaxRecord) stopped_ = true;
}

std::unique_ptr<RecordReader> make_block_reader(const CsvLayout& layout, const CsvBlock& block) {
  return make_csv_rest_reader(
      CsvRest{layout, nullptr, {}, block.line, block.offset, block.bytes()});
}

}  // namespace shortlist
