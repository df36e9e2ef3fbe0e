#pragma once
// A workbook's shared strings: the table that most cells name by index.
// Its size grows with the workbook (a column of unique names or CVs puts
// every row's text in it), so that reading stays within bounded memory the
// table is held in memory only up to a budget; past it, it is written to an
// unlinked file under $TMPDIR and read back by index: a window of the
// strings that follow the one asked for is read at once (a sheet names most
// of its strings in the order the table has them, since a workbook adds
// each string when it first meets it), and a small cache keeps the ones
// that repeat (countries, degrees, "yes").
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace shortlist {

class SharedStrings {
 public:
  /// Memory the table may take before it goes to a file.
  static constexpr std::size_t kDefaultBudget = std::size_t{16} << 20;

  explicit SharedStrings(std::size_t budget = kDefaultBudget);
  ~SharedStrings();
  SharedStrings(const SharedStrings&) = delete;
  SharedStrings& operator=(const SharedStrings&) = delete;

  /// Appends the next string, while the table is read. Throws OutputError
  /// when the temporary file cannot be written.
  void add(std::string_view text);
  /// Called once every string is added.
  void finish();
  std::size_t size() const { return count_; }
  /// Whether the table went to a file (for tests).
  bool spilled() const { return text_fd_ >= 0; }
  /// The string at `index` < size(); the view lasts until the next call.
  std::string_view get(std::size_t index);

 private:
  void spill();
  void flush();
  void read_window(std::size_t first);

  std::size_t budget_;
  std::size_t count_ = 0;
  // In memory: every string back to back, and where each one ends.
  std::string text_;
  std::vector<std::uint64_t> ends_;
  // In files: the same two, written through text_ and ends_ as buffers.
  int text_fd_ = -1;
  int ends_fd_ = -1;
  std::uint64_t text_written_ = 0;
  std::uint64_t ends_written_ = 0;  // entries
  std::uint64_t text_total_ = 0;
  // The window: strings first_ to first_ + window_ends_.size() - 1, their
  // text from byte window_begin_ of the file.
  std::size_t window_first_ = 0;
  std::uint64_t window_begin_ = 0;
  std::vector<std::uint64_t> window_ends_;
  std::string window_text_;
  struct Slot {
    std::size_t index = static_cast<std::size_t>(-1);
    std::string text;
  };
  std::vector<Slot> cache_;
};

}  // namespace shortlist
