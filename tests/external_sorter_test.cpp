// The external sorter: entries come back in key (byte) order with their payloads,
// whether they stayed in memory or were spilled to run files and merged.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <future>
#include <string>
#include <utility>
#include <vector>

#include "run/external_sorter.hpp"
#include "test_support.hpp"

using shortlist::ExternalSorter;
using shortlist::test::TempDir;

namespace {

using Entries = std::vector<std::pair<std::string, std::string>>;

// Reads every entry left in the sorter, copying the views.
Entries drain(ExternalSorter& sorter) {
  Entries out;
  std::string_view key;
  std::string_view payload;
  while (sorter.next(key, payload)) out.emplace_back(std::string(key), std::string(payload));
  return out;
}

// A 4-byte big-endian key: byte order equals numeric order.
std::string key_of(std::uint32_t n) {
  std::string k(4, '\0');
  for (int i = 0; i < 4; ++i)
    k[static_cast<std::size_t>(i)] = static_cast<char>((n >> (8 * (3 - i))) & 0xFF);
  return k;
}

// A payload that names its key and varies in length (0 to 40 bytes).
std::string payload_of(std::uint32_t n) {
  return std::string(n % 41, static_cast<char>('a' + n % 26));
}

// The numbers 0..count-1 in a fixed scrambled order: 7919 is prime and coprime
// with every count used here, so i * 7919 mod count visits each number once.
std::vector<std::uint32_t> scrambled(std::uint32_t count) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < count; ++i)
    out.push_back(static_cast<std::uint32_t>((static_cast<std::uint64_t>(i) * 7919) % count));
  return out;
}

// The entries 0..count-1 in key order, as expected from the sorter.
Entries expected(std::uint32_t count) {
  Entries out;
  for (std::uint32_t n = 0; n < count; ++n) out.emplace_back(key_of(n), payload_of(n));
  return out;
}

std::size_t files_in(const std::filesystem::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++n;
  return n;
}

}  // namespace

TEST_CASE("an empty sorter gives nothing, also after rewind", "[sorter]") {
  TempDir dir;
  ExternalSorter sorter(dir.path(), "empty", 1024);
  sorter.finish();
  CHECK(sorter.runs() == 0);
  CHECK(drain(sorter).empty());
  sorter.rewind();
  CHECK(drain(sorter).empty());
}

TEST_CASE("entries that fit in memory come back sorted with their payloads", "[sorter]") {
  TempDir dir;
  ExternalSorter sorter(dir.path(), "small", 1 << 20);
  sorter.add("pear", "3");
  sorter.add("apple", "1");
  sorter.add("banana", "");
  sorter.add("app", "0");
  sorter.add("zucchini", "payload with spaces");
  sorter.finish();
  CHECK(sorter.runs() == 0);
  CHECK(files_in(dir.path()) == 0);
  CHECK(drain(sorter) == Entries{{"app", "0"},
                                 {"apple", "1"},
                                 {"banana", ""},
                                 {"pear", "3"},
                                 {"zucchini", "payload with spaces"}});
}

TEST_CASE("keys compare as unsigned bytes, NUL bytes included", "[sorter]") {
  using namespace std::string_literals;
  Entries want = {{"\x00"s, "nul"},  {"\x00\x01"s, "nul-one"}, {"\x01"s, "one"},
                  {"\x7F"s, "7f"},   {"\x80"s, "80"},          {"\xFF"s, "ff"},
                  {"\xFF\x00"s, "ff-nul"}};
  for (std::size_t budget : {std::size_t{1} << 20, std::size_t{1}}) {
    INFO("budget " << budget);
    TempDir dir;
    ExternalSorter sorter(dir.path(), "bytes", budget);
    for (std::size_t i = want.size(); i-- > 0;) sorter.add(want[i].first, want[i].second);
    sorter.finish();
    CHECK(drain(sorter) == want);
  }
}

TEST_CASE("many keys sharing long prefixes, NULs and 0xFF bytes sort as bytes", "[sorter]") {
  // Many entries, with keys alike for their first 16 bytes (the prefix the
  // sorter compares first) and beyond, shorter keys that are
  // prefixes of others, and keys that differ only by trailing NUL bytes
  // (which the 16-byte prefixes pad with). The expected order comes from
  // comparing std::string, byte by byte.
  std::uint64_t state = 12345;
  auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state >> 33);
  };
  const std::string alphabet("\x00\x01AZaz\x7F\x80\xFF", 9);
  std::vector<std::string> keys;
  for (int i = 0; i < 20000; ++i) {
    std::string key;
    switch (next() % 4) {
      case 0: key = "SYN-000"; break;
      case 1: key = std::string(18, 'x'); break;  // longer than the prefix
      case 2: key = std::string(16, '\0'); break;
      default: break;
    }
    for (std::uint32_t n = next() % 24; n > 0; --n) key += alphabet[next() % alphabet.size()];
    keys.push_back(key);
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  Entries want;
  for (std::size_t i = 0; i < keys.size(); ++i) want.emplace_back(keys[i], std::to_string(i));
  for (std::size_t budget : {std::size_t{64} << 20, std::size_t{64} << 10}) {
    INFO("budget " << budget);
    TempDir dir;
    ExternalSorter sorter(dir.path(), "prefixes", budget);
    std::vector<std::size_t> order(want.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[next() % i]);
    for (std::size_t i : order) sorter.add(want[i].first, want[i].second);
    sorter.finish();
    CHECK((budget > (1 << 20) ? sorter.runs() == 0 : sorter.runs() > 1));
    CHECK(drain(sorter) == want);
  }
}

TEST_CASE("large spills of keys alike in their first bytes sort as bytes", "[sorter]") {
  // Runs of thousands of entries whose keys share their first bytes (a
  // byte of two values, then "ID-" and zeros, as a profile and an id do),
  // then differ in every byte value, some only past the first 16 bytes,
  // some only in trailing NULs, some shorter than 16 bytes. The expected
  // order comes from comparing std::string, byte by byte.
  std::uint64_t state = 987654321;
  auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state >> 33);
  };
  std::vector<std::string> keys;
  for (int i = 0; i < 60000; ++i) {
    std::string key(1, static_cast<char>(next() % 2));
    key += "ID-0000";
    const std::uint32_t shape = next() % 5;
    const std::uint32_t length = shape == 0 ? next() % 8 : shape == 1 ? 8 + next() % 12 : 8 + next() % 4;
    for (std::uint32_t n = 0; n < length; ++n)
      key += static_cast<char>(shape == 2 ? '0' + next() % 10 : next() % 256);
    if (shape == 3) key.append(next() % 3, '\0');
    keys.push_back(key);
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  Entries want;
  for (std::size_t i = 0; i < keys.size(); ++i) want.emplace_back(keys[i], std::to_string(i));
  std::vector<std::size_t> order(want.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[next() % i]);
  shortlist::ThreadPool pool(1);
  for (shortlist::ThreadPool* background : {static_cast<shortlist::ThreadPool*>(nullptr), &pool}) {
    INFO((background ? "in the background" : "in place"));
    TempDir dir;
    ExternalSorter sorter(dir.path(), "alike", std::size_t{1} << 20, background);
    for (std::size_t i : order) sorter.add(want[i].first, want[i].second);
    sorter.finish();
    CHECK(sorter.runs() > 1);
    CHECK(drain(sorter) == want);
  }
}

TEST_CASE("entries added in order, or all but one, come back in order", "[sorter]") {
  // A sort given its entries in order leaves them so; one entry out of
  // place, first or last, still has them all put in order.
  constexpr std::uint32_t kCount = 20000;
  for (int shape = 0; shape < 3; ++shape) {
    INFO("shape " << shape);
    std::vector<std::uint32_t> order;
    for (std::uint32_t n = 0; n < kCount; ++n) order.push_back(n);
    if (shape == 1) std::rotate(order.begin(), order.begin() + 1, order.end());  // 0 comes last
    if (shape == 2) std::rotate(order.rbegin(), order.rbegin() + 1, order.rend());  // the largest first
    for (std::size_t budget : {std::size_t{64} << 20, std::size_t{32} << 10}) {
      INFO("budget " << budget);
      TempDir dir;
      ExternalSorter sorter(dir.path(), "in-order", budget);
      for (std::uint32_t n : order) sorter.add(key_of(n), payload_of(n));
      sorter.finish();
      CHECK((budget > (1 << 20) ? sorter.runs() == 0 : sorter.runs() > 1));
      CHECK(drain(sorter) == expected(kCount));
    }
  }
}

TEST_CASE("entries past the memory budget are spilled to runs and merged", "[sorter]") {
  TempDir dir;
  constexpr std::uint32_t kCount = 5000;
  ExternalSorter sorter(dir.path(), "spill", 1024);
  for (std::uint32_t n : scrambled(kCount)) sorter.add(key_of(n), payload_of(n));
  sorter.finish();
  // 5000 entries of 4 to 44 bytes plus their bookkeeping are far over 1 KiB.
  CHECK(sorter.runs() > 1);
  Entries got = drain(sorter);
  REQUIRE(got.size() == kCount);
  CHECK(got == expected(kCount));
}

TEST_CASE("entries longer than a run's read-ahead are merged whole", "[sorter]") {
  // Runs are read back 64 KiB at a time; an entry of several times that (a
  // hostile id, say) must come back whole, and the entries after it too.
  TempDir dir;
  ExternalSorter sorter(dir.path(), "long", 1024);
  Entries want;
  for (std::uint32_t n = 0; n < 40; ++n) {
    std::string payload = payload_of(n);
    if (n % 7 == 3) payload.assign(200'000 + n, static_cast<char>('a' + n % 26));
    want.emplace_back(key_of(n), payload);
  }
  for (std::uint32_t n : scrambled(40)) sorter.add(want[n].first, want[n].second);
  sorter.finish();
  CHECK(sorter.runs() > 1);
  CHECK(drain(sorter) == want);
}

TEST_CASE("runs sorted and written in the background merge the same", "[sorter]") {
  // A spill runs as a job on a pool while adding goes on into the other
  // buffers; the merge must not tell the difference, nor lose the entries
  // added while a spill was under way, nor those a rewind replays.
  TempDir dir;
  constexpr std::uint32_t kCount = 20000;
  shortlist::ThreadPool pool(1);
  ExternalSorter sorter(dir.path(), "background", 2048, &pool);
  for (std::uint32_t n : scrambled(kCount)) sorter.add(key_of(n), payload_of(n));
  sorter.finish();
  CHECK(sorter.runs() > 10);
  CHECK(drain(sorter) == expected(kCount));
  sorter.rewind();
  CHECK(drain(sorter) == expected(kCount));
}

TEST_CASE("a sorter dropped while a spill is under way removes its runs", "[sorter]") {
  TempDir dir;
  shortlist::ThreadPool pool(1);
  {
    ExternalSorter sorter(dir.path(), "dropped", 1024, &pool);
    for (std::uint32_t n : scrambled(3000)) sorter.add(key_of(n), payload_of(n));
  }  // no finish(): as when a run is interrupted
  CHECK(std::filesystem::is_empty(dir.path()));
}

TEST_CASE("entries left in memory come out in order however far reading goes", "[sorter]") {
  // They are put in order a chunk at a time as reading reaches them (the
  // first 4096, then as many again as all before): a read that stops
  // anywhere, a rewind, then a read to the end all see key order, alone in
  // memory and merged with spilled runs.
  constexpr std::uint32_t kCount = 50000;
  for (std::size_t budget : {std::size_t{64} << 20, std::size_t{1} << 20}) {
    INFO("budget " << budget);
    TempDir dir;
    ExternalSorter sorter(dir.path(), "lazy", budget);
    for (std::uint32_t n : scrambled(kCount)) sorter.add(key_of(n), payload_of(n));
    sorter.finish();
    CHECK((budget > kCount * 100 ? sorter.runs() == 0 : sorter.runs() > 0));
    const Entries want = expected(kCount);
    for (std::size_t stop : {std::size_t{1}, std::size_t{4096}, std::size_t{4097}, std::size_t{12289}}) {
      Entries part;
      std::string_view key, payload;
      while (part.size() < stop && sorter.next(key, payload))
        part.emplace_back(std::string(key), std::string(payload));
      CHECK(part == Entries(want.begin(), want.begin() + static_cast<std::ptrdiff_t>(stop)));
      sorter.rewind();
    }
    CHECK(drain(sorter) == want);
  }
}

TEST_CASE("hundreds of runs are merged down to at most 64 open at once", "[sorter]") {
  // A budget of 1 KiB spills every few entries: hundreds of runs. They
  // are merged 64 at a time into longer ones until at most 64 are left, so
  // that reading never holds thousands of files open; the order, a rewind
  // and the folder's cleanup are as with few runs.
  constexpr std::uint32_t kCount = 8000;
  for (bool in_background : {false, true}) {
    INFO((in_background ? "spills on a pool" : "spills in place"));
    TempDir dir;
    shortlist::ThreadPool pool(1);
    {
      ExternalSorter sorter(dir.path(), "many", 1024, in_background ? &pool : nullptr);
      for (std::uint32_t n : scrambled(kCount)) sorter.add(key_of(n), payload_of(n));
      sorter.finish();
      CHECK(sorter.runs() <= 64);
      CHECK(sorter.runs() > 1);
      CHECK(files_in(dir.path()) == sorter.runs());
      CHECK(drain(sorter) == expected(kCount));
      sorter.rewind();
      CHECK(drain(sorter) == expected(kCount));
    }
    CHECK(std::filesystem::is_empty(dir.path()));
  }
}

TEST_CASE("a spill that fails on the pool stops the adding thread with its error", "[sorter]") {
  // Run files cannot be created in a folder that is not there: the error
  // of a spill that ran as a job reaches the thread adding entries, at the
  // next spill or at finish(), and nothing waits for ever.
  TempDir dir;
  shortlist::ThreadPool pool(1);
  ExternalSorter sorter(dir.path() / "gone", "failing", 1024, &pool);
  auto fill = [&] {
    for (std::uint32_t n : scrambled(3000)) sorter.add(key_of(n), payload_of(n));
    sorter.finish();
  };
  CHECK_THROWS_WITH(fill(), Catch::Contains("cannot create temporary file"));
}

TEST_CASE("a sorter whose spill waits behind a busy pool runs the spill itself", "[sorter]") {
  // The pool's only thread is held by another job until the sort is done:
  // each spill after the first must wait for the one before, still queued,
  // and the adding thread runs it rather than wait for ever.
  TempDir dir;
  shortlist::ThreadPool pool(1);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> holding;
  auto held = pool.submit([&holding, released] {
    holding.set_value();
    released.wait();
  });
  holding.get_future().wait();
  constexpr std::uint32_t kCount = 3000;
  {
    ExternalSorter sorter(dir.path(), "behind", 2048, &pool);
    for (std::uint32_t n : scrambled(kCount)) sorter.add(key_of(n), payload_of(n));
    sorter.finish();
    CHECK(sorter.runs() > 2);
    CHECK(drain(sorter) == expected(kCount));
  }
  release.set_value();
  held.get();
}

TEST_CASE("a spill in the middle keeps the entries added after it", "[sorter]") {
  TempDir dir;
  // About 100 bytes of budget: the first entries spill, the last ones stay in
  // memory until finish().
  ExternalSorter sorter(dir.path(), "tail", 100);
  std::vector<std::uint32_t> order = {9, 3, 7, 1, 8, 0, 6, 2, 5, 4};
  for (std::uint32_t n : order) sorter.add(key_of(n), payload_of(n));
  sorter.finish();
  CHECK(sorter.runs() >= 1);
  CHECK(drain(sorter) == expected(10));
}

TEST_CASE("rewind replays the same sequence from memory", "[sorter]") {
  TempDir dir;
  ExternalSorter sorter(dir.path(), "mem", 1 << 20);
  for (std::uint32_t n : scrambled(100)) sorter.add(key_of(n), payload_of(n));
  sorter.finish();
  REQUIRE(sorter.runs() == 0);
  Entries first = drain(sorter);
  CHECK(first == expected(100));
  sorter.rewind();
  CHECK(drain(sorter) == first);
}

TEST_CASE("rewind replays the same sequence from runs", "[sorter]") {
  TempDir dir;
  ExternalSorter sorter(dir.path(), "runs", 1024);
  for (std::uint32_t n : scrambled(3000)) sorter.add(key_of(n), payload_of(n));
  sorter.finish();
  REQUIRE(sorter.runs() > 1);
  Entries first = drain(sorter);
  CHECK(first == expected(3000));
  sorter.rewind();
  CHECK(drain(sorter) == first);
}

TEST_CASE("rewind in the middle starts again from the first entry", "[sorter]") {
  TempDir dir;
  ExternalSorter sorter(dir.path(), "partial", 512);
  for (std::uint32_t n : scrambled(500)) sorter.add(key_of(n), payload_of(n));
  sorter.finish();
  std::string_view key;
  std::string_view payload;
  for (int i = 0; i < 123; ++i) REQUIRE(sorter.next(key, payload));
  CHECK(std::string(key) == key_of(122));
  sorter.rewind();
  CHECK(drain(sorter) == expected(500));
}

TEST_CASE("the views of an entry stay valid until the next call", "[sorter]") {
  TempDir dir;
  ExternalSorter sorter(dir.path(), "views", 256);
  for (std::uint32_t n : scrambled(200)) sorter.add(key_of(n), payload_of(n));
  sorter.finish();
  REQUIRE(sorter.runs() > 1);
  std::string_view key;
  std::string_view payload;
  std::uint32_t n = 0;
  while (sorter.next(key, payload)) {
    // Check the views as returned, before anything else touches the sorter.
    CHECK(key == key_of(n));
    CHECK(payload == payload_of(n));
    ++n;
  }
  CHECK(n == 200);
}

TEST_CASE("the run files are removed with the sorter", "[sorter]") {
  TempDir dir;
  {
    ExternalSorter sorter(dir.path(), "cleanup", 128);
    for (std::uint32_t n : scrambled(300)) sorter.add(key_of(n), payload_of(n));
    sorter.finish();
    REQUIRE(sorter.runs() > 1);
    CHECK(files_in(dir.path()) == sorter.runs());
    drain(sorter);
  }
  CHECK(files_in(dir.path()) == 0);
}
