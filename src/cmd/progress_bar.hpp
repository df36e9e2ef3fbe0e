#pragma once
// The one-line progress bar of `screen` on standard error: records read, MB
// read of the inputs' total, MB/s and the time left, redrawn in place ten
// times a second once the run has lasted a second, and cleared at the end.
// Only on a terminal, never with -q, --no-progress or CI set (SPEC 1:
// progress is shown only on a terminal); nothing the run writes depends on
// it.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "shortlist/input.hpp"
#include "shortlist/interrupted.hpp"
#include "shortlist/screen_run.hpp"

namespace shortlist::cmd {

/// Whether `screen` shows progress: standard error is a terminal, neither
/// -q nor --no-progress was given, and CI is unset or empty (a CI log that
/// keeps every redraw is no terminal, whatever it looks like).
bool progress_wanted(bool quiet, bool no_progress);

/// The inputs' sizes added up, when every one is a regular file; -1 when
/// any is not (standard input, a pipe): the bar then shows no fraction.
std::int64_t total_input_bytes(const std::vector<InputOptions>& inputs);

/// The bar's text, without the '\r' and the clearing around it, within
/// `columns` less one (a line as wide as the terminal wraps on some): the
/// bar as wide as the rest leaves room for, left out below ten, and the
/// rest cut short on a narrow terminal. With `total` < 0 (unknown), no bar,
/// percentage or time left.
std::string progress_text(std::int64_t records, std::int64_t bytes, std::int64_t total,
                          double seconds, bool read, std::size_t columns);

class ProgressBar {
 public:
  /// Starts a thread that draws `progress` every 100 ms once a second has
  /// passed. Make it after the InterruptGuard: the thread takes no signals.
  /// Once `stop_flag` holds a signal, it clears its line and draws no more,
  /// so that the message that the run stopped starts a line of its own.
  ProgressBar(const RunProgress& progress, std::int64_t total_bytes, const StopFlag* stop_flag);
  /// stop().
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  /// Ends the thread and clears the line if one was drawn; what is printed
  /// next starts on a clean line. Calling it again does nothing.
  void stop();

 private:
  void draw_until_stopped();
  void draw(std::chrono::steady_clock::time_point now);
  void clear();

  const RunProgress& progress_;
  const std::int64_t total_bytes_;
  const StopFlag* stop_flag_;
  const std::chrono::steady_clock::time_point start_;
  const std::chrono::milliseconds delay_;
  std::mutex mutex_;  // guards stopping_
  std::condition_variable wake_;
  bool stopping_ = false;
  bool drawn_ = false;  // a line is on the terminal (only the thread touches it until joined)
  std::thread thread_;
};

}  // namespace shortlist::cmd
