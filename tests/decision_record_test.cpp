// Decision lines drafted when a record is decided and finished when the later
// phases settle it (SPEC 5). The expected lines are written out by hand, key
// by key, in the order SPEC 5 gives.
#include <catch2/catch.hpp>

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
  e.checks_json = R"([{"rule":"eu","outcome":"pass"}])";
  e.points_json = R"([{"rule":"cv","points":"12.5"}])";
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
