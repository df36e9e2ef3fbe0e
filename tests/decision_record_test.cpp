// Decision lines drafted when a record is decided and finished when the later
// phases settle it (SPEC 5). The expected lines are written out by hand, key
// by key, in the order SPEC 5 gives.
#include <catch2/catch.hpp>

#include <limits>
#include <string>

#include "audit/decision_record.hpp"
#include "run/spool_entry.hpp"

using namespace shortlist;

namespace {

Rules two_profiles() {
  Rules r;
  r.profiles.resize(2);
  r.profiles[0].id = "tech";
  r.profiles[1].id = "admin";
  return r;
}

// An entry of profile "admin" as its record alone decided it.
SpoolEntry entry(Status status, std::string reason = "") {
  SpoolEntry e;
  e.source = "a.csv:7";
  e.profile = 1;
  e.status = status;
  e.row.id = "A\"1";
  e.row.score = "12.5";
  e.checks_json.assign(R"([{"rule":"eu","outcome":"pass"}])");
  e.points_json.assign(R"([{"rule":"cv","points":"12.5"}])");
  e.reason = std::move(reason);
  return e;
}

const std::string kHead = R"({"kind":"decision","source":"a.csv:7","id":"A\"1","profile":"admin",)";
const std::string kChecks =
    R"("checks":[{"rule":"eu","outcome":"pass"}],"points":[{"rule":"cv","points":"12.5"}])";

std::string finish(const SpoolEntry& e, const Settled& settled) {
  std::string draft;
  const DraftMarks marks = append_decision_draft(draft, two_profiles(), e);
  std::string line;
  append_settled_line(line, draft, marks, e.status, settled);
  return line;
}

}  // namespace

TEST_CASE("a draft nothing settles is the final line as it stands", "[decision-record]") {
  const SpoolEntry e = entry(Status::kReview, "undetermined: eu");
  Settled settled;
  settled.status = Status::kReview;
  CHECK(finish(e, settled) == kHead + R"("status":"review","score":"12.5","rank":null,)" + kChecks +
                                  R"(,"reason":"undetermined: eu"})" + "\n");
}

TEST_CASE("a ranked draft gets its final status and rank", "[decision-record]") {
  Settled settled;
  settled.status = Status::kShortlisted;
  settled.rank = 42;
  CHECK(finish(entry(Status::kEligible), settled) ==
        kHead + R"("status":"shortlisted","score":"12.5","rank":42,)" + kChecks + "}\n");
}

TEST_CASE("duplicates: review keeps the score and checks, and replaces the reason",
          "[decision-record]") {
  Settled settled;
  settled.status = Status::kReview;
  settled.duplicate_id = true;
  CHECK(finish(entry(Status::kReview, "missing-id"), settled) ==
        kHead + R"("status":"review","score":"12.5","rank":null,)" + kChecks +
            R"(,"reason":"duplicate-id"})" + "\n");
  CHECK(finish(entry(Status::kEligible), settled) ==
        kHead + R"("status":"review","score":"12.5","rank":null,)" + kChecks +
            R"(,"reason":"duplicate-id"})" + "\n");
}

TEST_CASE("a dropped duplicate loses its score and checks", "[decision-record]") {
  Settled settled;
  settled.status = Status::kDuplicate;
  settled.duplicate_id = true;
  settled.dropped = true;
  CHECK(finish(entry(Status::kIneligible), settled) ==
        kHead + R"("status":"duplicate","score":null,"rank":null,"checks":[],"points":[],)" +
            R"("reason":"duplicate-id"})" + "\n");
}

TEST_CASE("an invalid record's line names no profile and is never settled", "[decision-record]") {
  SpoolEntry e;
  e.source = "a.csv:9";
  e.status = Status::kInvalid;
  e.reason = "unterminated quote";
  Settled settled;
  settled.status = Status::kInvalid;
  CHECK(finish(e, settled) ==
        R"({"kind":"decision","source":"a.csv:9","status":"invalid","reason":"unterminated quote"})"
        "\n");
}

TEST_CASE("a spooled entry reads back with its draft and row", "[decision-record]") {
  const SpoolEntry e = entry(Status::kEligible);
  std::string bytes;
  e.serialize(bytes, nullptr, true);  // no decision record: a row, no line
  SpooledEntry back = SpooledEntry::read(bytes);
  CHECK(back.profile == 1);
  CHECK(back.status == Status::kEligible);
  CHECK(back.line.empty());
  REQUIRE(back.row.has_value());
  CHECK(ShortlistRow::parse(*back.row).id == std::optional<std::string>("A\"1"));

  const Rules rules = two_profiles();
  bytes.clear();
  e.serialize(bytes, &rules, false);
  back = SpooledEntry::read(bytes);
  CHECK_FALSE(back.row.has_value());
  std::string line;
  append_settled_line(line, back.line, back.marks, back.status, Settled{});
  CHECK(line == kHead + R"("status":"eligible","score":"12.5","rank":null,)" + kChecks + "}\n");
}

TEST_CASE("no settled line is longer than its draft by more than max_settled_growth",
          "[decision-record]") {
  // The most growth, worked out piece by piece: a one-character status
  // cannot be drafted, so the shortest drafted, "review" (6), becoming the
  // longest, "below-cutoff" (12), is +6; `"rank":null` becoming 19 digits is
  // +15; a score of `""` dropped to `null` is +2; `,"reason":"duplicate-id"`
  // where there was no reason is +25. max_settled_growth() may be larger
  // (it allows for a status of one character): never smaller.
  CHECK(max_settled_growth() >= 6 + 15 + 2 + 25);
  const Rules rules = two_profiles();
  for (Status drafted : {Status::kEligible, Status::kIneligible, Status::kReview, Status::kBelowCutoff}) {
    for (const char* score : {"", "0", "12.5"}) {
      for (bool with_reason : {false, true}) {
        SpoolEntry e = entry(drafted, with_reason ? "undetermined: eu" : "");
        e.row.score = std::string(score);
        e.checks_json.assign("[]");
        e.points_json.assign("[]");
        std::string draft;
        const DraftMarks marks = append_decision_draft(draft, rules, e);
        for (Status final_status : kProfileStatuses) {
          for (std::int64_t rank : {std::int64_t{0}, std::int64_t{1}, std::numeric_limits<std::int64_t>::max()}) {
            for (int dup = 0; dup < 3; ++dup) {
              Settled s;
              s.status = final_status;
              s.rank = rank;
              s.duplicate_id = dup > 0;
              s.dropped = dup == 2;
              std::string line;
              append_settled_line(line, draft, marks, drafted, s);
              CHECK(line.size() <= draft.size() + max_settled_growth());
            }
          }
        }
      }
    }
  }
}

TEST_CASE("an entry spooled with room is padded to its line and the room, and reads back the same",
          "[decision-record]") {
  const Rules rules = two_profiles();
  const SpoolEntry e = entry(Status::kEligible);
  std::string plain, padded;
  e.serialize(plain, &rules, true);
  const std::size_t room = plain.size() + 100;  // more than the entry's own bytes give
  e.serialize(padded, &rules, true, room);
  const SpooledEntry a = SpooledEntry::read(plain), b = SpooledEntry::read(padded);
  CHECK(padded.size() == b.line.size() + room);
  CHECK(a.line == b.line);
  REQUIRE(b.row.has_value());
  CHECK(*a.row == *b.row);
  CHECK(a.marks.rank == b.marks.rank);
  // Room the entry's own bytes already give adds nothing.
  std::string unpadded;
  e.serialize(unpadded, &rules, true, 1);
  CHECK(unpadded == plain);
}
