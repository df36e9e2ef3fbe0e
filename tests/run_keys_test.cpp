// The id sort's keys (run/run_keys.hpp): the records of one (profile, id)
// must sort together and apart from every other id, whatever bytes the id
// holds, since the duplicate policy reads each group as it comes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "run/framed_file.hpp"
#include "run/run_keys.hpp"

using namespace std::string_literals;
using shortlist::add_id;
using shortlist::kIdKeyTail;
using shortlist::Status;

namespace {

struct Keyed {
  std::string key;
  std::string id;  // what the test gave, to check the groups against
};

// The key add_id frames for `id`, read back with take_frame.
std::string id_key(int profile, const std::string& id, std::int64_t seq) {
  shortlist::TextBuffer frames;
  add_id(frames, profile, id, seq, Status::kReview, {});
  std::string_view rest = frames.view();
  return std::string(shortlist::take_frame(rest));
}

}  // namespace

TEST_CASE("id keys group the records of one id together, NUL bytes and prefixes included",
          "[run-keys]") {
  // Ids that are prefixes of one another, hold NUL bytes where the key's own
  // terminator has them, or end in 0xFF, each given twice, far apart in input.
  const std::vector<std::string> ids = {"a", "a\0"s, "a\0b"s, "ab", "a\xFF", "", "\0"s, "SYN-0000001"};
  // The second round's sequence numbers are large, so that their first
  // bytes (which follow the id in the key) are not zero: an id whose NUL
  // bytes were not escaped would then sort between another id's records.
  std::vector<Keyed> keyed;
  std::int64_t seq = 0;
  for (const auto& id : ids) keyed.push_back({id_key(0, id, ++seq), id});
  for (const auto& id : ids) keyed.push_back({id_key(0, id, (std::int64_t{1} << 60) + ++seq), id});
  std::sort(keyed.begin(), keyed.end(), [](const Keyed& x, const Keyed& y) { return x.key < y.key; });
  for (std::size_t i = 0; i < keyed.size(); i += 2) {
    INFO("entries " << i << " and " << i + 1);
    // Both records of an id are next to each other, and their groups (the
    // key less its sequence and status) are equal...
    REQUIRE(keyed[i].id == keyed[i + 1].id);
    const std::string group = keyed[i].key.substr(0, keyed[i].key.size() - kIdKeyTail);
    CHECK(group == keyed[i + 1].key.substr(0, keyed[i + 1].key.size() - kIdKeyTail));
    // ...and differ from the next id's group.
    if (i + 2 < keyed.size())
      CHECK(group != keyed[i + 2].key.substr(0, keyed[i + 2].key.size() - kIdKeyTail));
  }
}

TEST_CASE("id keys of one id in two profiles are two groups", "[run-keys]") {
  const std::string first = id_key(0, "A-1", 1);
  const std::string second = id_key(1, "A-1", 2);
  CHECK(first.substr(0, first.size() - kIdKeyTail) != second.substr(0, second.size() - kIdKeyTail));
  CHECK(shortlist::key_profile(first) == 0);
  CHECK(shortlist::key_profile(second) == 1);
}

TEST_CASE("an id's records all go to one part of the id sort, and the parts share the ids",
          "[run-keys]") {
  // Settling reads each part alone: two records of one (profile, id) in two
  // parts would never meet as duplicates.
  for (const std::size_t parts : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{8}}) {
    std::vector<std::size_t> ids_in(parts, 0);
    for (int n = 0; n < 4000; ++n) {
      // Ids of 5 to 16 bytes (so keys that end inside and on an 8-byte
      // word), alike in their first bytes, as the generated ones are.
      const std::string id = "SYN-" + std::to_string(n) + std::string(static_cast<std::size_t>(n % 9), 'x');
      const std::size_t part = shortlist::id_part(id_key(0, id, n), parts);
      REQUIRE(part < parts);
      // Another record of the same id: another sequence number and status.
      shortlist::TextBuffer frames;
      add_id(frames, 0, id, 1'000'000 + n, Status::kEligible, "rank");
      std::string_view rest = frames.view();
      CHECK(shortlist::id_part(shortlist::take_frame(rest), parts) == part);
      ++ids_in[part];
    }
    // Each part gets its share, within a quarter of it.
    for (const std::size_t count : ids_in) CHECK(count * parts * 4 > 4000 * 3);
    // The same id in another profile is another group, free to go elsewhere;
    // none the less in range.
    CHECK(shortlist::id_part(id_key(1, "A-1", 1), parts) < parts);
  }
}
