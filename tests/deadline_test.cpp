// The deadline rule around Europe/Brussels' two daylight-saving changes of 2024
// (clocks forward on 31 March at 02:00 CET, back on 27 October at 03:00 CEST),
// through the whole path: rules loaded, values typed, `not_after: call.deadline`
// decided. Expected instants are worked out by hand from the offsets.
#include <catch2/catch.hpp>

#include "shortlist/screening.hpp"
#include "shortlist/typing.hpp"

using namespace shortlist;

namespace {

std::string rules_with_deadline(const std::string& deadline) {
  return "shortlist: 1\n"
         "call: { id: C, deadline: " + deadline + ", timezone: Europe/Brussels }\n"
         "fields:\n"
         "  id: { column: id }\n"
         "  submitted: { column: submitted, type: timestamp }\n"
         "profiles:\n"
         "  - id: p\n"
         "    require:\n"
         "      - { id: on-time, field: submitted, not_after: call.deadline }\n";
}

// The status of one applicant who submitted at `submitted`.
Status status_for(const Rules& rules, const std::string& submitted) {
  std::vector<TypedValue> values(rules.fields.size());
  RawValue id{RawValue::Kind::kString, "A1", {}};
  RawValue when{RawValue::Kind::kString, submitted, {}};
  values[static_cast<std::size_t>(rules.id_field)] =
      read_value(rules.fields[static_cast<std::size_t>(rules.id_field)], id, rules.call.timezone);
  values[static_cast<std::size_t>(rules.submitted_field)] = read_value(
      rules.fields[static_cast<std::size_t>(rules.submitted_field)], when, rules.call.timezone);
  std::vector<ProfileDecision> decisions;
  decide_record(rules, {}, values, decisions);
  REQUIRE(decisions.size() == 1);
  return decisions[0].status;
}

std::unique_ptr<Rules> load(const std::string& deadline) {
  LoadedRules loaded = load_rules_text(rules_with_deadline(deadline), "rules.yaml");
  REQUIRE(loaded.ok());
  return std::move(loaded.rules);
}

}  // namespace

TEST_CASE("a summer deadline against Z submissions a second either side", "[deadline]") {
  // 2024-07-15 12:00 in Brussels is CEST (+02:00): 10:00:00Z.
  auto rules = load("2024-07-15T12:00");
  CHECK(rules->call.deadline == Instant{1'721'037'600LL * 1'000'000'000LL});
  CHECK(status_for(*rules, "2024-07-15T09:59:59Z") == Status::kEligible);
  CHECK(status_for(*rules, "2024-07-15T10:00:00Z") == Status::kEligible);  // inclusive
  CHECK(status_for(*rules, "2024-07-15T10:00:01Z") == Status::kIneligible);
  // An hour's mistake either way would flip these two.
  CHECK(status_for(*rules, "2024-07-15T11:00:00+01:00") == Status::kEligible);
  CHECK(status_for(*rules, "2024-07-15T11:00:01+01:00") == Status::kIneligible);
  CHECK(status_for(*rules, "2024-07-15 12:00:00") == Status::kEligible);
  CHECK(status_for(*rules, "2024-07-15 12:00:01") == Status::kIneligible);
}

TEST_CASE("the call's winter deadline against Z submissions a second either side",
          "[deadline]") {
  // 2024-03-27 12:00 in Brussels is CET (+01:00): 11:00:00Z.
  auto rules = load("2024-03-27T12:00");
  CHECK(status_for(*rules, "2024-03-27T10:59:59Z") == Status::kEligible);
  CHECK(status_for(*rules, "2024-03-27T11:00:00Z") == Status::kEligible);
  CHECK(status_for(*rules, "2024-03-27T11:00:01Z") == Status::kIneligible);
  CHECK(status_for(*rules, "2024-03-27T12:59:59+02:00") == Status::kEligible);
  CHECK(status_for(*rules, "2024-03-27T13:00:01+02:00") == Status::kIneligible);
}

TEST_CASE("a deadline on the day clocks go forward uses summer time", "[deadline]") {
  // 2024-03-31 12:00 is after the 02:00 switch: CEST, 10:00:00Z.
  auto rules = load("2024-03-31T12:00");
  CHECK(status_for(*rules, "2024-03-31T10:00:00Z") == Status::kEligible);
  CHECK(status_for(*rules, "2024-03-31T10:00:01Z") == Status::kIneligible);
  // 01:59 local is still CET (00:59Z), 03:00 local already CEST (01:00Z): both on time.
  CHECK(status_for(*rules, "2024-03-31 01:59") == Status::kEligible);
  CHECK(status_for(*rules, "2024-03-31 03:00") == Status::kEligible);
}

TEST_CASE("a local time in the spring gap or the autumn fold goes to review", "[deadline]") {
  // 02:30 on 31 March does not exist; 02:30 on 27 October happens twice. Either
  // guess could move an applicant across a deadline, so neither is guessed.
  auto rules = load("2024-12-31T12:00");
  CHECK(status_for(*rules, "2024-03-31 02:30") == Status::kReview);
  CHECK(status_for(*rules, "2024-10-27 02:30") == Status::kReview);
  // With an offset the same wall-clock times are exact.
  CHECK(status_for(*rules, "2024-03-31T02:30:00+01:00") == Status::kEligible);
  CHECK(status_for(*rules, "2024-10-27T02:30:00+02:00") == Status::kEligible);
  CHECK(status_for(*rules, "2024-10-27T02:30:00+01:00") == Status::kEligible);
}

TEST_CASE("the reason for a time in the gap names the value and the zone", "[deadline]") {
  auto rules = load("2024-12-31T12:00");
  const FieldSpec& field = rules->fields[static_cast<std::size_t>(rules->submitted_field)];
  RawValue gap{RawValue::Kind::kString, "2024-03-31 02:30", {}};
  TypedValue v = read_value(field, gap, rules->call.timezone);
  CHECK(v.state == TypedValue::State::kUnreadable);
  CHECK(v.reason.find("2024-03-31 02:30") != std::string::npos);
  CHECK(v.reason.find("Europe/Brussels") != std::string::npos);
}

TEST_CASE("a deadline written in the gap is a rules error", "[deadline]") {
  LoadedRules loaded = load_rules_text(rules_with_deadline("2024-03-31T02:30"), "rules.yaml");
  CHECK_FALSE(loaded.ok());
  REQUIRE(loaded.diagnostics.size() >= 1);
  CHECK(loaded.diagnostics[0].formatted().rfind("rules.yaml:2:", 0) == 0);
}
