#pragma once
// A problem writing an output or a temporary file (exit code 5).
#include <stdexcept>
#include <string>

namespace shortlist {

/// Thrown when an output cannot be created or written; the message names the file.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace shortlist
