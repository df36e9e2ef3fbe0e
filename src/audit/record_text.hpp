#pragma once
// The text of a decision record (SPEC 5), line by line, whether it is stored
// plain or gzip-compressed (`screen --decisions NAME.gz`, SPEC 1 v1.1). Every
// command that reads a record (`verify`, `explain`, `report`, `fairness`)
// reads it through this.
//
// Compression is told by the gzip magic number at the start of the file, not
// by its name: a compressed record renamed, or a plain one named `.gz`, reads
// the same. Concatenated gzip members (`cat a.gz b.gz`) read as one text, as
// with `gzip -d`. A damaged or truncated stream, and bytes after the last
// member that are not another member (which gzip would ignore with a
// warning, and zlib's gzread silently), are an error naming the file and the
// line that was being read; the lines before it are read first.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shortlist/explain.hpp"
#include "shortlist/input.hpp"

struct z_stream_s;

namespace shortlist {

class RecordText {
 public:
  /// Opens the record at `path`. Throws InputError (path, line 0, "cannot
  /// open the decision record") when it cannot.
  explicit RecordText(std::string path);
  ~RecordText();
  RecordText(const RecordText&) = delete;
  RecordText& operator=(const RecordText&) = delete;

  /// The next line, without its '\n', as std::getline gives it (a last line
  /// without '\n' counts; an empty text has no line); false at the end.
  /// Throws InputError (path, the line being read, message) when the file
  /// cannot be read or its compressed data is damaged.
  bool next(std::string& line);
  /// The number of the line next() gave last (1-based); 0 before the first.
  std::int64_t number() const { return number_; }
  const std::string& path() const { return path_; }

 private:
  bool fill();
  bool inflate_piece();
  std::size_t read_stored();
  [[noreturn]] void fail(const std::string& message) const;

  std::string path_;
  int fd_ = -1;
  bool started_ = false;     // the first bytes have been read
  bool stored_eof_ = false;  // the file has no more bytes
  bool gzip_ = false;
  bool in_member_ = false;   // inside a gzip member that has not ended
  std::int64_t members_ = 0;
  z_stream_s* zstream_ = nullptr;
  std::vector<char> stored_;    // bytes as read from the file
  std::vector<char> inflated_;  // gunzipped bytes
  std::string_view piece_;      // the text being handed out, line by line
  std::size_t at_ = 0;          // in piece_
  std::int64_t number_ = 0;
  std::string pending_error_;   // damage found after text that is handed out first
};

/// An error of a record's reading as the commands that summarize a record
/// report it: "path:line: message" ("path: message" for line 0).
DecisionRecordError decision_record_error(const InputError& error);

}  // namespace shortlist
