// Batches handed out to a pool and taken back in order (run/ordered_work.hpp):
// what a batch's work throws reaches the caller, in order, with other
// batches still out, whatever the number of threads.
#include <catch2/catch.hpp>

#include <memory>
#include <stdexcept>
#include <vector>

#include "run/ordered_work.hpp"
#include "run/thread_pool.hpp"

using shortlist::OrderedWork;
using shortlist::ThreadPool;

namespace {

// The pools the tests run on: none (the calling thread alone), and 1 and 3
// threads of their own besides the calling one.
constexpr int kOwnThreads[] = {0, 1, 3};

std::unique_ptr<ThreadPool> pool_of(int own_threads) {
  return own_threads > 0 ? std::make_unique<ThreadPool>(own_threads) : nullptr;
}

// Hands out the batches 0, 1, ..., count - 1, then takes every one back.
void hand_out(OrderedWork<int>& work, int count) {
  for (int n = 0; n < count; ++n) {
    auto batch = work.fresh();
    *batch = n;
    work.submit(std::move(batch));
  }
  work.drain();
}

}  // namespace

TEST_CASE("ordered work: batches are taken back in the order they were handed out",
          "[ordered-work]") {
  for (int own_threads : kOwnThreads) {
    INFO(own_threads << " threads of the pool's own");
    const auto pool = pool_of(own_threads);
    std::vector<int> taken;
    OrderedWork<int> work(
        pool.get(), [](int& n) { n *= 10; }, [&taken](int& n) { taken.push_back(n); });
    hand_out(work, 200);
    std::vector<int> want;
    for (int n = 0; n < 200; ++n) want.push_back(10 * n);
    CHECK(taken == want);
  }
}

TEST_CASE("ordered work: a batch that throws stops the caller with its error, later ones still out",
          "[ordered-work]") {
  // Batch 3 throws: the ones before it are taken back, none after it, and
  // the error reaches the caller rather than ending the program while the
  // batches handed out after it are waited for.
  for (int own_threads : kOwnThreads) {
    INFO(own_threads << " threads of the pool's own");
    const auto pool = pool_of(own_threads);
    std::vector<int> taken;
    auto run = [&] {
      OrderedWork<int> work(
          pool.get(),
          [](int& n) {
            if (n == 3) throw std::runtime_error("batch 3 failed");
          },
          [&taken](int& n) { taken.push_back(n); });
      hand_out(work, 50);
    };
    CHECK_THROWS_WITH(run(), "batch 3 failed");
    CHECK(taken == std::vector<int>{0, 1, 2});
  }
}
