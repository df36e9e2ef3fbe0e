#pragma once
// Ctrl-C and SIGTERM for the commands that write files or scratch space.
//
// SPEC 1 promises that a run that fails creates or changes no output, and an
// interrupted run is one that failed. The signals are blocked in every thread
// (the guard is made before any other thread starts, and threads inherit the
// mask) and taken by one waiting thread, which sets a flag. The run reads the
// flag between steps and unwinds by throwing Interrupted: its temporary
// outputs and scratch folder go with the objects that made them, and the
// command exits 128 + the signal (130 for SIGINT, 143 for SIGTERM).
//
// A run blocked in a read (standard input from a pipe whose writer stalls)
// never reaches its next step. After a grace period, or at a second signal,
// the waiting thread removes the paths registered with it and exits itself.
// Once outputs are being renamed into place a signal no longer stops the
// command: half of the outputs replaced would be worse than all of them.
#include <atomic>
#include <filesystem>
#include <mutex>
#include <thread>
#include <vector>

#include <signal.h>

#include "shortlist/interrupted.hpp"

namespace shortlist::cmd {

class InterruptGuard {
 public:
  /// Blocks SIGINT and SIGTERM; construct it before any other thread starts.
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  /// The flag to hand to the run (ScreenOptions::stop).
  const StopFlag* flag() const { return &flag_; }
  /// A file or folder to remove if the command must exit without unwinding.
  void remove_on_exit(const std::filesystem::path& path);
  /// Outputs are about to be renamed into place: from now on a signal is
  /// too late to stop the command, which completes.
  void commit_begins();

 private:
  void wait_for_signals();
  void exit_now(int signal);

  StopFlag flag_{0};
  std::atomic<bool> done_{false};
  std::mutex mutex_;  // guards paths_ and committing_
  std::vector<std::filesystem::path> paths_;
  bool committing_ = false;
  sigset_t signals_{};
  sigset_t old_mask_{};
  std::thread waiter_;
};

/// The exit code of a command stopped by `signal`: 128 + the signal.
inline int interrupted_exit_code(int signal) { return 128 + signal; }

}  // namespace shortlist::cmd
