#include "interrupt_guard.hpp"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <ctime>

namespace shortlist::cmd {
namespace {

// How long a run may take to reach its next step after a signal before the
// waiting thread cleans up and exits in its place.
constexpr int kGraceTicks = 50;  // of 100 ms
constexpr timespec kTick{0, 100'000'000};

}  // namespace

InterruptGuard::InterruptGuard() {
  sigemptyset(&signals_);
  sigaddset(&signals_, SIGINT);
  sigaddset(&signals_, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals_, &old_mask_);
  waiter_ = std::thread([this] { wait_for_signals(); });
}

InterruptGuard::~InterruptGuard() {
  done_ = true;
  // Wakes the waiting thread at once: left to its tick, every command would
  // wait up to 100 ms at its end. A signal to that thread alone, which it
  // takes for the wake-up it is since done_ is set (if the thread has
  // already seen done_ and ended, nothing receives it).
  pthread_kill(waiter_.native_handle(), SIGTERM);
  waiter_.join();
  pthread_sigmask(SIG_SETMASK, &old_mask_, nullptr);
}

void InterruptGuard::remove_on_exit(const std::filesystem::path& path) {
  std::lock_guard lock(mutex_);
  paths_.push_back(path);
}

void InterruptGuard::commit_begins() {
  std::lock_guard lock(mutex_);
  committing_ = true;
}

void InterruptGuard::wait_for_signals() {
  while (!done_) {
    const int signal = sigtimedwait(&signals_, nullptr, &kTick);
    if (signal <= 0) continue;  // the tick, or EINTR
    if (done_) return;          // the run has ended: the destructor's wake-up
    flag_.store(signal);
    // The run unwinds at its next step; give it the time to, unless a
    // second signal insists.
    for (int tick = 0; tick < kGraceTicks && !done_; ++tick) {
      if (sigtimedwait(&signals_, nullptr, &kTick) > 0) break;
    }
    if (!done_) exit_now(signal);
    return;
  }
}

void InterruptGuard::exit_now(int signal) {
  std::lock_guard lock(mutex_);
  if (committing_) return;  // too late to stop: the command completes
  for (const auto& path : paths_) {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  static constexpr char kMessage[] = "shortlist: interrupted; no output written\n";
  [[maybe_unused]] const ssize_t n = ::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
  ::_exit(interrupted_exit_code(signal));
}

}  // namespace shortlist::cmd
