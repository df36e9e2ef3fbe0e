#pragma once
// A fixed set of worker threads running submitted jobs. Results come back
// through futures, which the caller consumes in submission order: that is what
// keeps every output independent of the number of threads.
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

  /// Runs the job queued first on the calling thread, if any is queued.
  /// False if none was.
  bool run_one() {
    std::function<void()> job;
    {
      std::lock_guard lock(mutex_);
      if (jobs_.empty()) return false;
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    job();
    return true;
  }

  /// Runs queued jobs on the calling thread until `result` is ready, then
  /// waits for it (for the job a thread of the pool is running). Any job
  /// may run here: the caller must hold no lock that a queued job takes.
  template <class T>
  void help_until(const std::future<T>& result) {
    while (result.wait_for(std::chrono::seconds(0)) != std::future_status::ready && run_one()) {
    }
    result.wait();
  }

  /// Queues `job`; its result (or exception) arrives through the future.
  template <class F>
  auto submit(F job) -> std::future<decltype(job())> {
    auto task = std::make_shared<std::packaged_task<decltype(job())()>>(std::move(job));
    auto result = task->get_future();
    {
      std::lock_guard lock(mutex_);
      jobs_.emplace_back([task] { (*task)(); });
    }
    wake_.notify_one();
    return result;
  }

 private:
  void work() {
    for (;;) {
      std::function<void()> job;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
        if (jobs_.empty()) return;
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      job();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> workers_;
  bool stopping_ = false;
};

}  // namespace shortlist
