// RecentMemo: a fixed-size cache of answers by text; whatever it keeps or
// evicts, each answer is the one the computation gives.
#include <catch2/catch.hpp>

#include <string>

#include "values/recent_memo.hpp"

using shortlist::RecentMemo;

TEST_CASE("a memo computes each text once while it keeps it", "[memo]") {
  RecentMemo<int> memo;
  int calls = 0;
  const auto length = [&](std::string_view s) {
    ++calls;
    return static_cast<int>(s.size());
  };
  CHECK(memo.get("Deutschland", length) == 11);
  CHECK(memo.get("Deutschland", length) == 11);
  CHECK(calls == 1);
}

TEST_CASE("a memo gives the right answer for more texts than it has slots", "[memo]") {
  RecentMemo<std::string> memo;
  const auto upper = [](std::string_view s) {
    std::string out(s);
    for (char& c : out)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
  };
  // 5,000 texts over 1,024 slots: most slots are reused, and a text whose
  // slot another took is computed again, never answered with the other's.
  for (int round = 0; round < 2; ++round)
    for (int i = 0; i < 5000; ++i) {
      const std::string text = "country-" + std::to_string(i);
      REQUIRE(memo.get(text, upper) == upper(text));
    }
}

TEST_CASE("a memo never keeps a long text", "[memo]") {
  RecentMemo<int> memo;
  int calls = 0;
  const std::string long_text(RecentMemo<int>::kMaxKey + 1, 'x');
  const auto count = [&](std::string_view) { return ++calls; };
  CHECK(memo.get(long_text, count) == 1);
  CHECK(memo.get(long_text, count) == 2);
}
