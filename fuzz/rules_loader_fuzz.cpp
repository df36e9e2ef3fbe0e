// Fuzz target: the rules loader, on arbitrary text as a rules file.
//
// Loading must never throw or crash: every problem is a diagnostic. An
// exception that reaches the loader's last-resort handlers ("cannot load
// rules", "cannot parse rules file") is a bug that the handlers would hide, so
// it counts as a finding here. Rules that load are then run once on two
// made-up records (every field missing; every field holding one of a few
// plausible texts) so that what the compiler built is exercised too.
#include <simdjson.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"
#include "shortlist/field_binding.hpp"
#include "shortlist/rules.hpp"
#include "shortlist/screening.hpp"

namespace {

using shortlist::Diagnostic;
using shortlist::Record;
using shortlist::Rules;

constexpr std::string_view kPath = "fuzz.yaml";

bool starts_with(const std::string& text, std::string_view prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

void check_diagnostic(const Diagnostic& d) {
  SHORTLIST_FUZZ_CHECK(d.path == kPath);
  SHORTLIST_FUZZ_CHECK(!d.message.empty());
  SHORTLIST_FUZZ_CHECK(d.pos.line >= 0 && d.pos.column >= 0);
  SHORTLIST_FUZZ_CHECK(!starts_with(d.message, "cannot load rules"));
  SHORTLIST_FUZZ_CHECK(!starts_with(d.message, "cannot parse rules file"));
}

bool valid_json(simdjson::dom::parser& parser, const std::string& text) {
  simdjson::dom::element element;
  return !parser.parse(text).get(element);
}

// A JSON-style record (no header) holding, for each field, its first column
// with one of a few texts; or nothing at all when `empty`.
Record made_up_record(const Rules& rules, bool empty) {
  static constexpr std::array<std::string_view, 6> kTexts = {
      "1", "2024-03-27T12:00", "yes", "FR;DE", "machine learning", ""};
  Record record;
  record.line = 2;
  if (empty) return record;
  for (std::size_t i = 0; i < rules.fields.size(); ++i) {
    const auto& columns = rules.fields[i].columns;
    if (columns.empty()) continue;
    record.names.push_back(columns.front());
    shortlist::RawValue value;
    value.kind = shortlist::RawValue::Kind::kString;
    value.text = kTexts[i % kTexts.size()];
    record.values.push_back(value);
  }
  record.top_level = record.names.size();
  return record;
}

void decide_made_up_records(const Rules& rules) {
  static simdjson::dom::parser parser;
  const std::vector<std::string> no_header;
  const shortlist::FieldBinding binding(rules, no_header);
  std::vector<shortlist::TypedValue> values;
  std::vector<shortlist::ProfileDecision> decisions;
  for (bool empty : {true, false}) {
    binding.type_record(made_up_record(rules, empty), values);
    SHORTLIST_FUZZ_CHECK(values.size() == rules.fields.size());
    shortlist::decide_record(rules, {}, values, decisions);
    SHORTLIST_FUZZ_CHECK(!decisions.empty());
    for (const auto& d : decisions) {
      SHORTLIST_FUZZ_CHECK(d.profile >= -1 &&
                           d.profile < static_cast<int>(rules.profiles.size()));
      SHORTLIST_FUZZ_CHECK(valid_json(parser, std::string(d.checks_json.view())));
      SHORTLIST_FUZZ_CHECK(valid_json(parser, std::string(d.points_json.view())));
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const shortlist::LoadedRules loaded = shortlist::load_rules_text(text, std::string(kPath));
  bool error = false;
  for (const Diagnostic& d : loaded.diagnostics) {
    check_diagnostic(d);
    error = error || d.severity == Diagnostic::Severity::kError;
  }
  SHORTLIST_FUZZ_CHECK(loaded.ok() == !error);
  if (!loaded.ok()) return 0;
  const Rules& rules = *loaded.rules;
  SHORTLIST_FUZZ_CHECK(rules.id_field >= 0 &&
                       rules.id_field < static_cast<int>(rules.fields.size()));
  SHORTLIST_FUZZ_CHECK(rules.call.timezone != nullptr);
  decide_made_up_records(rules);
  return 0;
}
