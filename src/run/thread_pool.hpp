#pragma once
// A fixed set of worker threads running submitted jobs. Results come back
// through futures, which the caller consumes in submission order: that is what
// keeps every output independent of the number of threads.
//
// Jobs are of two kinds. Work (a batch of records to decide) is short and
// comes in a steady stream from one thread, which hands it out and, while it
// waits for the oldest batch, runs queued batches itself. Background jobs
// (a sort's spill: sorting a buffer and writing it out) are long: the pool's
// threads take them first, and a thread helping while it waits for work
// leaves them alone. Were the thread that hands out the work to take a spill,
// it would hand out nothing for its length, and once the few batches queued
// were done the pool's threads would stand idle: on two cores, 25 to 60 ms
// of a one-second run.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace shortlist {

class ThreadPool {
 public:
  explicit ThreadPool(int threads) {
    for (int i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
  }
  ~ThreadPool() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (auto& w : workers_) w.join();
  }
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  /// Its own threads, not counting those that help through run_one().
  std::size_t size() const { return workers_.size(); }

  /// Runs a queued job on the calling thread, if any is queued: the work
  /// queued first, or, with `background` and no work queued, the background
  /// job queued first. False if none was run.
  bool run_one(bool background = true) {
    std::function<void()> job;
    {
      std::lock_guard lock(mutex_);
      if (!take(jobs_, job) && !(background && take(background_, job))) return false;
    }
    job();
    return true;
  }

  /// Runs queued work on the calling thread until `result` is ready, then
  /// waits for it (for the job a thread of the pool is running). With
  /// `background`, background jobs too: what waits for one of them (a sort
  /// that needs the buffer being spilled) runs it if it is still queued.
  /// The caller must hold no lock that a queued job takes.
  template <class T>
  void help_until(const std::future<T>& result, bool background = false) {
    while (result.wait_for(std::chrono::seconds(0)) != std::future_status::ready &&
           run_one(background)) {
    }
    result.wait();
  }

  /// Queues `job` as work; its result (or exception) arrives through the future.
  template <class F>
  auto submit(F job) -> std::future<decltype(job())> {
    return queue(jobs_, std::move(job));
  }

  /// Queues `job` as a background job, which the pool's threads take before
  /// work.
  template <class F>
  auto submit_background(F job) -> std::future<decltype(job())> {
    return queue(background_, std::move(job));
  }

 private:
  using Queue = std::deque<std::function<void()>>;

  template <class F>
  auto queue(Queue& to, F job) -> std::future<decltype(job())> {
    auto task = std::make_shared<std::packaged_task<decltype(job())()>>(std::move(job));
    auto result = task->get_future();
    {
      std::lock_guard lock(mutex_);
      to.emplace_back([task] { (*task)(); });
    }
    wake_.notify_one();
    return result;
  }

  // Moves the first job of `from` into `job`; false if `from` is empty.
  static bool take(Queue& from, std::function<void()>& job) {
    if (from.empty()) return false;
    job = std::move(from.front());
    from.pop_front();
    return true;
  }

  void work() {
    for (;;) {
      std::function<void()> job;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [this] { return stopping_ || !jobs_.empty() || !background_.empty(); });
        if (!take(background_, job) && !take(jobs_, job)) return;
      }
      job();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  Queue jobs_, background_;
  std::vector<std::thread> workers_;
  bool stopping_ = false;
};

}  // namespace shortlist
