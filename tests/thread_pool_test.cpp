// The run's thread pool (run/thread_pool.hpp): its threads take background
// jobs (a sort's spills) before work; a thread helping while it waits for
// work runs queued work but leaves background jobs to the pool, unless what
// it waits for is one of them.
#include <catch2/catch.hpp>

#include <atomic>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "run/thread_pool.hpp"

using shortlist::ThreadPool;

namespace {

// Holds the pool's only thread with a job until release() is called.
class Hold {
 public:
  explicit Hold(ThreadPool& pool) : released_(release_.get_future().share()) {
    std::promise<void> holding;
    auto started = holding.get_future();
    done_ = pool.submit([&holding, released = released_] {
      holding.set_value();
      released.wait();
    });
    started.wait();
  }
  void release() {
    release_.set_value();
    done_.get();
  }

 private:
  std::promise<void> release_;
  std::shared_future<void> released_;
  std::future<void> done_;
};

// Names of the jobs run, in the order they ran, with the thread of each.
struct Log {
  std::mutex mutex;
  std::vector<std::string> names;
  std::vector<std::thread::id> threads;
  void add(const std::string& name) {
    std::lock_guard lock(mutex);
    names.push_back(name);
    threads.push_back(std::this_thread::get_id());
  }
};

}  // namespace

TEST_CASE("thread pool: its threads take background jobs before work", "[pool]") {
  ThreadPool pool(1);
  Log log;
  Hold hold(pool);
  auto w1 = pool.submit([&] { log.add("work 1"); });
  auto b1 = pool.submit_background([&] { log.add("background 1"); });
  auto w2 = pool.submit([&] { log.add("work 2"); });
  auto b2 = pool.submit_background([&] { log.add("background 2"); });
  hold.release();
  w1.get();
  b1.get();
  w2.get();
  b2.get();
  CHECK(log.names == std::vector<std::string>{"background 1", "background 2", "work 1", "work 2"});
}

TEST_CASE("thread pool: a thread waiting for work runs queued work and leaves background jobs",
          "[pool]") {
  // The pool's thread is held: the caller, waiting for the second batch of
  // work, runs both batches itself, and the spill queued between them is
  // still queued when the wait ends, for the pool's thread to take.
  ThreadPool pool(1);
  Log log;
  Hold hold(pool);
  auto w1 = pool.submit([&] { log.add("work 1"); });
  auto b = pool.submit_background([&] { log.add("background"); });
  auto w2 = pool.submit([&] { log.add("work 2"); });
  pool.help_until(w2);
  CHECK(log.names == std::vector<std::string>{"work 1", "work 2"});
  CHECK(log.threads == std::vector<std::thread::id>(2, std::this_thread::get_id()));
  CHECK(b.wait_for(std::chrono::seconds(0)) == std::future_status::timeout);
  hold.release();
  b.get();
  REQUIRE(log.names.size() == 3);
  CHECK(log.names[2] == "background");
  CHECK(log.threads[2] != std::this_thread::get_id());
}

TEST_CASE("thread pool: a thread waiting for a background job runs it while it is queued",
          "[pool]") {
  // A sort that needs the buffer being spilled waits for the spill: with the
  // pool's thread held, it runs the spill itself rather than wait for ever,
  // work queued before it too.
  ThreadPool pool(1);
  Log log;
  Hold hold(pool);
  auto w = pool.submit([&] { log.add("work"); });
  auto b = pool.submit_background([&] { log.add("background"); });
  pool.help_until(b, true);
  b.get();
  CHECK(log.names == std::vector<std::string>{"work", "background"});
  CHECK(log.threads == std::vector<std::thread::id>(2, std::this_thread::get_id()));
  hold.release();
  w.get();
}

TEST_CASE("thread pool: jobs still queued when it is dropped are run", "[pool]") {
  std::atomic<int> ran{0};
  {
    ThreadPool pool(2);
    for (int i = 0; i < 50; ++i) {
      pool.submit([&] { ran.fetch_add(1); });
      pool.submit_background([&] { ran.fetch_add(10); });
    }
  }
  CHECK(ran.load() == 550);
}
