#pragma once
// Cutting a CSV input into blocks of whole records, so that several threads
// can parse it (see csv_blocks.cpp).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "input/byte_source.hpp"
#include "shortlist/input.hpp"

namespace shortlist {

/// What a block's reader must know of its input: what the header told.
struct CsvLayout {
  std::string path;
  char delimiter = ',';
  std::vector<std::string> header;
  bool check_utf8 = true;   ///< the text is UTF-8 as stored, so it is checked
  std::uint64_t tag = 0;    ///< Record::csv_tag of the input's reader
};

/// Whole records of an input, as text.
struct CsvBlock {
  std::string text;          ///< ends after a line end, but for the input's last block
  /// When not null, the block's text in place in the mapped input, and
  /// `text` is unused (it keeps its room for a block cut into it).
  std::string_view mapped;
  std::int64_t line = 1;     ///< the line text[0] is on
  std::int64_t offset = 0;   ///< the text offset of text[0]
  std::int64_t records = 0;  ///< records in it; empty lines are none

  std::string_view bytes() const { return mapped.data() != nullptr ? mapped : text; }
};

/// Where the text stands when the header has been read: the reader hands
/// over its source and the text it holds beyond the header.
struct CsvRest {
  CsvLayout layout;
  std::unique_ptr<ByteSource> source;
  std::string text;  ///< read from the source, not yet parsed
  std::int64_t line = 1;
  std::int64_t offset = 0;
  /// Read instead of `text` when not null: text the reader does not own
  /// (a block's), which must outlive it.
  std::string_view borrowed;
};

/// Cuts what follows the header into blocks of at least `block_size` bytes:
/// each block is every whole record read when it is cut, so that what is
/// held back for the next one is a record's part.
/// Cuts are made only where the sequential reader would start a record;
/// where it could not be sure of that (a quoted field that runs over a line
/// end and then turns out broken, a record over 8 MiB), it stops cutting
/// and rest_reader() reads on, one record after another, exactly as the
/// reader of a whole file does.
class CsvBlockSplitter {
 public:
  CsvBlockSplitter(CsvRest rest, std::size_t block_size);

  /// The next block into `block`; false at the end of the input or where
  /// cutting stops.
  bool next(CsvBlock& block);
  /// Once next() has returned false: a reader for the records from where
  /// cutting stopped, or nullptr at the end of the input.
  std::unique_ptr<RecordReader> rest_reader();
  const CsvLayout& layout() const { return layout_; }
  /// The input's SHA-256 and bytes read, as RecordReader gives them; the
  /// rest reader gives them once it has the source.
  std::string sha256() { return source_->sha256(); }
  std::int64_t bytes_read() const { return source_->bytes_read(); }
  /// The input's mapping when blocks are cut in place (CsvBlock::mapped),
  /// else nullptr. It lives as long as the splitter or its rest reader; the
  /// caller gives back what the blocks it is done with held.
  MappedFile* mapping() const { return mapping_; }

 private:
  enum class State : std::uint8_t { kOutside, kQuoted, kAfterQuote, kAfterQuoteCr };
  // Scans pending_ from scan_ to its end, or to where cutting must stop:
  // cut_ is then the end of the last whole record read.
  void scan();
  void end_record(std::size_t newline);
  // Takes the whole records from base_ to cut_ as the next block: the text
  // itself when it is most of what is held, else a copy.
  bool take_block(CsvBlock& block);
  // The text held from base_ on: pending_, or a window of the mapping.
  const char* data() const { return mapping_ ? window_ : pending_.data(); }
  std::size_t size() const { return mapping_ ? window_size_ : pending_.size(); }
  void drop_front(std::size_t n);
  void append(std::string_view piece);

  CsvLayout layout_;
  std::unique_ptr<ByteSource> source_;
  std::size_t block_size_;
  std::string pending_;          ///< text from base_ on is not yet in a block
  MappedFile* mapping_ = nullptr;  ///< set when the text is read in place
  const char* window_ = nullptr;   ///< ... then: what pending_ would hold
  std::size_t window_size_ = 0;
  std::size_t base_ = 0;
  std::int64_t pending_line_ = 1;    ///< the line at base_
  std::int64_t pending_offset_ = 0;  ///< the text offset of base_
  std::size_t scan_ = 0;         ///< how far pending_ is scanned
  State state_ = State::kOutside;
  std::size_t record_start_ = 0; ///< where the record in progress starts
  std::int64_t record_line_ = 1;
  bool spans_lines_ = false;     ///< a quoted field of the record ran over a line end
  std::size_t cut_ = 0;          ///< the end of the last whole record scanned
  std::int64_t cut_line_ = 1;    ///< the line at cut_
  std::int64_t cut_records_ = 0; ///< records before cut_
  std::int64_t line_ = 1;        ///< the line at scan_
  bool eof_ = false;
  bool stopped_ = false;         ///< cutting stopped before the end
  bool done_ = false;
};

/// Reads the records of one block, as the input's own reader would. The
/// reader reads the block's text where it is, which must outlive it: the
/// text keeps its room for the next block cut into it.
std::unique_ptr<RecordReader> make_block_reader(const CsvLayout& layout, const CsvBlock& block);

}  // namespace shortlist
