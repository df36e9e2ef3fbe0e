#pragma once
// Batches of work run on a thread pool and taken back in the order they were
// handed out: what keeps every output independent of the number of threads.
// With one thread the work runs at once on the calling thread. Batches are
// recycled, so their buffers keep their room from one batch to the next.
//
// With n threads the pool has n - 1 of its own (the run's, whose sorts'
// spills are jobs on it too), and the calling thread is the n-th: between
// handing batches out (cutting the input into them, and taking finished
// ones back) it runs queued jobs itself rather than wait.
// n threads on n cores then never outnumber them; a calling thread that only
// waited made n + 1, and on two cores the switching and waking between
// them cost a tenth of the work.
#include <algorithm>
#include <chrono>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <vector>

#include "run/thread_pool.hpp"

namespace shortlist {

template <class Batch>
class OrderedWork {
 public:
  /// `work` runs on a thread of `pool`, or on the calling thread, which
  /// alone runs it without a pool; `done` on the calling thread, in order.
  OrderedWork(ThreadPool* pool, std::function<void(Batch&)> work, std::function<void(Batch&)> done)
      : pool_(pool),
        threads_(pool ? static_cast<int>(pool->size()) + 1 : 1),
        work_(std::move(work)),
        done_(std::move(done)) {}
  /// Waits for the batches still handed out (when what one threw unwinds
  /// the caller): their work refers to this object.
  ~OrderedWork() {
    for (const auto& batch : in_flight_)
      if (batch.valid()) pool_->help_until(batch);
  }
  OrderedWork(const OrderedWork&) = delete;
  OrderedWork& operator=(const OrderedWork&) = delete;

  /// A batch to fill: a recycled one (as its last use left it) or a new one.
  std::unique_ptr<Batch> fresh() {
    if (free_.empty()) return std::make_unique<Batch>();
    auto batch = std::move(free_.back());
    free_.pop_back();
    return batch;
  }
  /// Gives back a batch that needs no work.
  void recycle(std::unique_ptr<Batch> batch) { free_.push_back(std::move(batch)); }

  /// Hands `batch` out; takes finished ones back, in order, as soon as they
  /// are; while more than most_out() are out, works on queued ones or waits.
  void submit(std::unique_ptr<Batch> batch) {
    if (!pool_) {
      work_(*batch);
      done_(*batch);
      recycle(std::move(batch));
      return;
    }
    Batch* raw = batch.release();
    in_flight_.push_back(pool_->submit([this, raw] {
      std::unique_ptr<Batch> owned(raw);
      work_(*owned);
      return owned;
    }));
    while (!in_flight_.empty() && front_ready()) take_front();
    while (in_flight_.size() > most_out()) help_or_take_front();
  }

  /// Takes every batch handed out back, in order.
  void drain() {
    while (!in_flight_.empty()) help_or_take_front();
  }

 private:
  // Batches out at once: two per thread, and four more. The calling thread
  // alone hands batches out, and now and then it is held up: taking a
  // batch back, its sorts touch new memory; cutting, it reads the input
  // from disk. The batches queued are what the pool's threads do meanwhile.
  // With two per thread (about 4 ms of work on two threads) they ran dry
  // and stood idle for milliseconds at a time; with four more, two threads
  // ran 1 to 5 % faster, and peak memory did not move (docs/performance.md).
  // The four are not per thread, since each batch out holds its block and
  // results: at eight threads, a record of a million applicants peaked at
  // 91 to 93 MiB with two per thread, 104 to 119 MiB with four per thread,
  // and 96 to 97 MiB so.
  std::size_t most_out() const { return 2 * static_cast<std::size_t>(threads_) + 4; }

  bool front_ready() const {
    return in_flight_.front().wait_for(std::chrono::seconds(0)) == std::future_status::ready;
  }
  // Runs queued jobs on this thread until the first batch handed out is
  // finished, then takes it back; waits only when none is queued.
  void help_or_take_front() {
    pool_->help_until(in_flight_.front());
    take_front();
  }
  void take_front() {
    // Out of the queue first: if its work threw, get() rethrows, and the
    // destructor must not wait on a future that get() has emptied.
    auto front = std::move(in_flight_.front());
    in_flight_.pop_front();
    auto batch = front.get();  // rethrows what the work threw
    done_(*batch);
    recycle(std::move(batch));
  }

  ThreadPool* pool_;
  int threads_;
  std::function<void(Batch&)> work_, done_;
  std::vector<std::unique_ptr<Batch>> free_;
  std::deque<std::future<std::unique_ptr<Batch>>> in_flight_;
};

}  // namespace shortlist
