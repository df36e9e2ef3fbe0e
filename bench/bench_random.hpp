#pragma once
// The benchmarks' random numbers: splitmix64, small, fast and the same on every
// machine, so that generated inputs are comparable from run to run.
#include <array>
#include <cstddef>
#include <cstdint>

namespace shortlist::bench {

struct Random {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  template <class T, std::size_t N>
  const T& pick(const std::array<T, N>& a) { return a[below(N)]; }
};

}  // namespace shortlist::bench
