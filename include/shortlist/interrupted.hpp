#pragma once
// A run stopped on request (Ctrl-C, SIGTERM). The library never handles
// signals: the command layer turns one into a flag, which long-running work
// reads between steps and answers by throwing Interrupted. Unwinding then
// removes what the run had created (scratch files, temporary outputs) before
// the command exits.
#include <atomic>
#include <stdexcept>
#include <string>

namespace shortlist {

/// Set to a signal number to ask a run to stop; 0 while it may go on.
using StopFlag = std::atomic<int>;

class Interrupted : public std::runtime_error {
 public:
  explicit Interrupted(int signal)
      : std::runtime_error("interrupted by signal " + std::to_string(signal)), signal_(signal) {}
  /// The signal that asked for the stop.
  int signal() const { return signal_; }

 private:
  int signal_;
};

/// Throws Interrupted if `flag` (which may be null) asks for a stop.
inline void check_stop(const StopFlag* flag) {
  if (flag == nullptr) return;
  if (const int signal = flag->load(std::memory_order_relaxed); signal != 0) throw Interrupted(signal);
}

}  // namespace shortlist
