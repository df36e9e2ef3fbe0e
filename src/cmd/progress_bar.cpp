// The progress bar of `screen` (see progress_bar.hpp). A thread of its own
// draws it, from counters the run updates as it reads (RunProgress), so the
// run never waits on the terminal and the bar moves even while a phase
// after reading works. Each redraw is one write(2): a carriage return, the
// text and "erase to the end of the line", so that a shorter line leaves
// nothing of a longer one behind.
#include "progress_bar.hpp"

#include <signal.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

#include "common.hpp"

namespace shortlist::cmd {
namespace {

constexpr std::chrono::milliseconds kTick{100};
constexpr std::size_t kMinBar = 10, kMaxBar = 30;

// How long a run goes before the bar appears. SHORTLIST_PROGRESS_DELAY_MS
// overrides the second, for the tests only (tests/cli_terminal_test.cpp
// sets it to 0, so that a run of a fraction of a second shows the bar);
// it is not documented for users.
std::chrono::milliseconds bar_delay() {
  const char* text = std::getenv("SHORTLIST_PROGRESS_DELAY_MS");
  if (text == nullptr || *text == '\0') return std::chrono::milliseconds(1000);
  char* end = nullptr;
  const long ms = std::strtol(text, &end, 10);
  if (*end != '\0' || ms < 0) return std::chrono::milliseconds(1000);
  return std::chrono::milliseconds(ms);
}

std::size_t terminal_columns() {
  winsize size{};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 80;
}

void write_all(const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(STDERR_FILENO, text.data() + done, text.size() - done);
    if (n <= 0) return;  // a terminal that went away: the bar is not worth an error
    done += static_cast<std::size_t>(n);
  }
}

// "0:42", "12:05", "3:02:10".
std::string clock_time(double seconds) {
  const auto s = static_cast<std::int64_t>(std::max(0.0, seconds) + 0.5);
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

// Megabytes with two decimals below 10 MB, so that a small input does not
// read "0.0 MB"; one above.
std::string megabytes(std::int64_t bytes) {
  const double mb = static_cast<double>(bytes) / 1e6;
  return mb < 10 ? fmt::format("{:.2f}", mb) : fmt::format("{:.1f}", mb);
}

}  // namespace

bool progress_wanted(bool quiet, bool no_progress) {
  if (quiet || no_progress || !stderr_is_terminal()) return false;
  const char* ci = std::getenv("CI");
  return ci == nullptr || *ci == '\0';
}

std::int64_t total_input_bytes(const std::vector<InputOptions>& inputs) {
  std::int64_t total = 0;
  for (const InputOptions& input : inputs) {
    struct stat st {};
    if (input.path == "-" || ::stat(input.path.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
      return -1;
    total += static_cast<std::int64_t>(st.st_size);
  }
  return total;
}

std::string progress_text(std::int64_t records, std::int64_t bytes, std::int64_t total,
                          double seconds, bool read, std::size_t columns) {
  const double rate = seconds > 0 ? static_cast<double>(bytes) / 1e6 / seconds : 0;
  const std::string head = "shortlist: ";
  const std::size_t room = columns > 1 ? columns - 1 : 0;
  std::string info;
  std::string bar;
  if (read) {
    info = fmt::format("{} records read ({} MB); ranking and writing", records, megabytes(bytes));
  } else if (total < 0) {
    info = fmt::format("{} records, {} MB, {:.1f} MB/s", records, megabytes(bytes), rate);
  } else {
    const double fraction =
        total > 0 ? std::min(1.0, static_cast<double>(bytes) / static_cast<double>(total)) : 1.0;
    info = fmt::format("{:3.0f}% {} records, {}/{} MB, {:.1f} MB/s", fraction * 100, records,
                       megabytes(bytes), megabytes(total), rate);
    if (fraction > 0) info += ", " + clock_time(seconds * (1 - fraction) / fraction) + " left";
    // As wide as the line leaves room for, up to kMaxBar; none below kMinBar.
    const std::size_t used = head.size() + 3 + info.size();
    const std::size_t width = room > used ? std::min(kMaxBar, room - used) : 0;
    if (width >= kMinBar) {
      const auto filled = static_cast<std::size_t>(fraction * static_cast<double>(width));
      bar = "[" + std::string(filled, '#') + std::string(width - filled, '-') + "] ";
    }
  }
  std::string line = head + bar + info;
  if (line.size() > room) line.resize(room);
  return line;
}

ProgressBar::ProgressBar(const RunProgress& progress, std::int64_t total_bytes,
                         const StopFlag* stop_flag)
    : progress_(progress),
      total_bytes_(total_bytes),
      stop_flag_(stop_flag),
      start_(std::chrono::steady_clock::now()),
      delay_(bar_delay()),
      thread_([this] { draw_until_stopped(); }) {}

ProgressBar::~ProgressBar() { stop(); }

void ProgressBar::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  clear();
}

void ProgressBar::draw_until_stopped() {
  // Signals go to the InterruptGuard's thread, never to this one.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (stop_flag_ != nullptr && stop_flag_->load(std::memory_order_relaxed) != 0) {
      clear();  // the run is stopping: its message comes next
      return;
    }
    const auto now = std::chrono::steady_clock::now();
    if (now - start_ >= delay_) draw(now);
    wake_.wait_for(lock, kTick, [this] { return stopping_; });
  }
}

void ProgressBar::draw(std::chrono::steady_clock::time_point now) {
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const std::string text = progress_text(progress_.records.load(std::memory_order_relaxed),
                                         progress_.bytes.load(std::memory_order_relaxed),
                                         total_bytes_, seconds,
                                         progress_.read.load(std::memory_order_relaxed),
                                         terminal_columns());
  write_all("\r" + text + "\033[K");
  drawn_ = true;
}

void ProgressBar::clear() {
  if (!drawn_) return;
  write_all("\r\033[K");
  drawn_ = false;
}

}  // namespace shortlist::cmd
