// TextBuffer (shortlist/text_buffer.hpp): text built in small appends keeps
// every byte across growth, keeps its room when cleared, and the writers
// compiled for it write the same bytes as into a std::string.
#include <catch2/catch.hpp>

#include <limits>
#include <string>
#include <utility>

#include "shortlist/decimal.hpp"
#include "shortlist/json_writer.hpp"
#include "shortlist/text_buffer.hpp"
#include "shortlist/time.hpp"

using shortlist::TextBuffer;
using namespace std::string_literals;
using namespace std::string_view_literals;

TEST_CASE("text appended in pieces comes back whole, across many growths", "[text_buffer]") {
  TextBuffer buffer;
  std::string expected;
  CHECK(buffer.empty());
  CHECK(buffer.view().empty());
  for (int i = 0; i < 5000; ++i) {
    // A literal, a char, a run of one byte and a string of varying length.
    buffer += "{\"rule\":"sv;
    expected += "{\"rule\":";
    buffer += static_cast<char>('a' + i % 26);
    expected += static_cast<char>('a' + i % 26);
    buffer.append(static_cast<std::size_t>(i % 7), '0');
    expected.append(static_cast<std::size_t>(i % 7), '0');
    const std::string piece(static_cast<std::size_t>(i % 300), 'x');
    buffer.append(piece.data(), piece.size());
    expected += piece;
    buffer.push_back('\n');
    expected += '\n';
  }
  CHECK(buffer.size() == expected.size());
  CHECK(buffer.view() == expected);
  CHECK(std::string_view(buffer) == expected);
}

TEST_CASE("a cleared buffer keeps its room and writes from the start again", "[text_buffer]") {
  TextBuffer buffer;
  buffer.append(std::string(10'000, 'a'));
  const char* room = buffer.data();
  buffer.clear();
  CHECK(buffer.empty());
  buffer += "again"sv;
  CHECK(buffer.view() == "again");
  CHECK(buffer.data() == room);  // no new allocation for less than it held
}

TEST_CASE("a buffer's own text appended to it comes out twice, also when it must grow",
          "[text_buffer]") {
  TextBuffer buffer;
  buffer += "ab"sv;
  std::string expected = "ab";
  // Each doubling fills the room, so that some appends must grow the
  // buffer while reading from it.
  for (int i = 0; i < 12; ++i) {
    buffer.append(buffer.data(), buffer.size());
    expected += expected;
  }
  CHECK(buffer.view() == expected);
}

TEST_CASE("bytes set in place stand, and appends go on after them", "[text_buffer]") {
  // As append_framed does: room for a length first, filled in afterwards.
  TextBuffer buffer;
  buffer.append(4, '\0');
  buffer += "body"sv;
  buffer[0] = '4';
  CHECK(buffer.view() == "4\0\0\0body"sv);
  buffer += "more"sv;
  CHECK(buffer.view() == "4\0\0\0bodymore"sv);
}

TEST_CASE("the JSON and value writers write the same bytes into a TextBuffer as into a string",
          "[text_buffer]") {
  const auto both = [](auto write) {
    std::string s;
    TextBuffer t;
    write(s);
    write(t);
    return std::pair{s, std::string(t.view())};
  };
  // Escapes, a control character, valid and invalid UTF-8, a long plain run.
  for (const std::string& text :
       {""s, "plain"s, "say \"hi\"\\ now\n\t\x01"s, "Éire, München"s, "bad \xC3 byte"s,
        std::string(100, 'p') + "\"" + std::string(40, 'q')}) {
    INFO(text);
    const auto [s, t] = both([&](auto& out) { shortlist::append_json_string(out, text); });
    CHECK(t == s);
  }
  for (std::int64_t n : {std::int64_t{0}, std::int64_t{-7}, std::int64_t{134985},
                         std::numeric_limits<std::int64_t>::min()}) {
    const auto [s, t] = both([&](auto& out) { shortlist::append_integer(out, n); });
    CHECK(t == s);
    CHECK(t == std::to_string(n));
  }
  for (const char* text : {"0", "-0.5", "17.25", "20", "123456.000001"}) {
    INFO(text);
    const auto d = shortlist::Decimal::parse(text);
    REQUIRE(d);
    const auto [s, t] = both([&](auto& out) { d->append_to(out); });
    CHECK(t == s);
    CHECK(t == text);  // each text is already the shortest exact one
  }
  // 2024-03-27T11:00:00Z and 2024-03-27, worked out by hand: 19,809 days
  // after 1970-01-01, then 11 hours.
  const shortlist::Instant instant{(std::int64_t{19'809} * 86'400 + 11 * 3'600) * 1'000'000'000};
  const auto [si, ti] = both([&](auto& out) { shortlist::append_instant(out, instant); });
  CHECK(ti == si);
  CHECK(ti == "2024-03-27T11:00:00Z");
  const auto [sd, td] = both([&](auto& out) { shortlist::append_date(out, shortlist::Date{19'809}); });
  CHECK(td == sd);
  CHECK(td == "2024-03-27");
}
