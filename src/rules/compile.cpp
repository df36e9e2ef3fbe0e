// Checking a rules file, top down: the language version, `call`, `sets`,
// `fields`, `duplicates`, `output` and `profiles` (SPEC 3). Every section is
// checked even after an error elsewhere, so one run reports every problem
// (SPEC 3.5); the rules are handed out only when there was none.
#include <date/tz.h>

#include <algorithm>
#include <array>
#include <exception>
#include <unordered_set>

#include "rules/compile.hpp"
#include "shortlist/country.hpp"
#include "shortlist/time.hpp"

namespace shortlist::rules_detail {
namespace {

constexpr std::string_view kTop = "at the top level";

void compile_version(CompileScope& s, const YamlNode& root) {
  const YamlEntry* version = s.check.required(root, "shortlist", kTop);
  if (version == nullptr) return;
  auto text = s.check.text(version->value);
  if (text && *text != "1") {
    s.check.error(version->value.pos,
                  "unsupported language version " + quoted(*text) + " (expected 1)");
  }
}

// Every zone the database knows, for suggestions; empty if it cannot be read.
std::vector<std::string> zone_names() {
  std::vector<std::string> names;
  try {
    for (const date::time_zone& zone : date::get_tzdb().zones) names.emplace_back(zone.name());
  } catch (const std::exception&) {
    names.clear();
  }
  return names;
}

// Sets call.timezone from `timezone` (nullptr: UTC); false if it was bad.
bool compile_time_zone(CompileScope& s, const YamlEntry* entry) {
  Call& out = s.rules.call;
  out.timezone = find_time_zone("UTC");
  if (out.timezone == nullptr) {
    s.check.error({}, "cannot read the time zone database");
    return false;
  }
  if (entry == nullptr) return true;
  auto name = s.check.name(entry->value, "timezone");
  if (!name) return false;
  const date::time_zone* zone = find_time_zone(*name);
  if (zone == nullptr) {
    s.check.error(entry->value.pos,
                  "unknown time zone " + quoted(*name) + s.check.hint(*name, zone_names));
    return false;
  }
  out.timezone_name = *name;
  out.timezone = zone;
  return true;
}

void compile_deadline(CompileScope& s, const YamlEntry& entry, bool zone_ok) {
  s.deadline_written = true;
  auto text = s.check.text(entry.value);
  if (!text || !zone_ok) return;  // a bad zone would give a misleading second error
  std::string why;
  auto deadline = parse_timestamp(*text, s.rules.call.timezone, "", &why);
  if (!deadline) {
    s.check.error(entry.value.pos, "invalid deadline " + quoted(*text) + ": " + why);
    return;
  }
  s.rules.call.deadline = *deadline;
}

void compile_call(CompileScope& s, const YamlNode& root) {
  const YamlEntry* entry = s.check.required(root, "call", kTop);
  if (entry == nullptr || !s.check.expect_map(entry->value)) {
    compile_time_zone(s, nullptr);  // every timestamp needs a zone
    return;
  }
  const YamlNode& call = entry->value;
  s.check.check_keys(call, vocabulary::call(), "in call");
  if (const YamlEntry* id = s.check.required(call, "id", "in call")) {
    if (auto name = s.check.name(id->value, "call id")) s.rules.call.id = *name;
  }
  if (const YamlEntry* title = call.find("title")) {
    if (auto text = s.check.text(title->value)) s.rules.call.title = *text;
  }
  if (const YamlEntry* reference = call.find("reference")) {
    if (auto text = s.check.text(reference->value)) s.rules.call.reference = *text;
  }
  const bool zone_ok = compile_time_zone(s, call.find("timezone"));
  if (const YamlEntry* deadline = call.find("deadline")) compile_deadline(s, *deadline, zone_ok);
}

// Records each set; a malformed one is kept with no items so that its uses
// do not also fail as "unknown set".
void compile_sets(CompileScope& s, const YamlNode& root) {
  const YamlEntry* entry = root.find("sets");
  if (entry == nullptr || !s.check.expect_map(entry->value)) return;
  for (const YamlEntry& set : entry->value.entries) {
    s.set_by_name.emplace(set.key, s.sets.size());
    UserSet& out = s.sets.emplace_back(UserSet{set.key, nullptr});
    if (builtin_country_set(set.key)) {
      s.check.error(set.key_pos, "set " + quoted(set.key) + " is built in");
      continue;
    }
    if (set.key.empty()) s.check.error(set.key_pos, "set name must not be empty");
    if (!s.check.expect_list(set.value)) continue;
    if (set.value.items.empty()) {
      s.check.error(set.value.pos, "set " + quoted(set.key) + " is empty");
      continue;
    }
    bool ok = true;
    for (const YamlNode& item : set.value.items) ok = s.check.text(item).has_value() && ok;
    if (ok) out.items = &set.value;
  }
}

void compile_duplicates(CompileScope& s, const YamlNode& root) {
  const YamlEntry* entry = root.find("duplicates");
  if (entry == nullptr) return;
  const auto policies = vocabulary::top().find("duplicates")->choices;
  if (auto index = s.check.choice(entry->value, "duplicates", policies)) {
    // In the order of the choices of `duplicates` in the vocabulary.
    constexpr std::array<DuplicatePolicy, 3> kPolicies = {
        DuplicatePolicy::kReview, DuplicatePolicy::kFirst, DuplicatePolicy::kLast};
    s.rules.duplicates = kPolicies[*index];
  }
}

void compile_output(CompileScope& s, const YamlNode& root) {
  const YamlEntry* entry = root.find("output");
  if (entry == nullptr || !s.check.expect_map(entry->value)) return;
  s.check.check_keys(entry->value, vocabulary::output(), "in output");
  const YamlEntry* columns = entry->value.find("columns");
  if (columns == nullptr || !s.check.expect_list(columns->value)) return;
  std::unordered_set<int> listed;
  for (const YamlNode& item : columns->value.items) {
    const int field = resolve_field(s, item);
    if (field < 0) continue;
    if (!listed.insert(field).second) {
      s.check.error(item.pos, "field " + quoted(item.scalar) + " is listed twice in columns");
      continue;
    }
    s.rules.output_columns.push_back(field);
  }
}

}  // namespace

std::unique_ptr<Rules> compile_rules(const YamlNode& root, const std::string& path,
                                     std::vector<Diagnostic>& diagnostics) {
  RuleChecker check(path, diagnostics);
  if (!root.is_map()) {
    check.error(root.pos, "expected a map of rules at the top level");
    return nullptr;
  }
  auto rules = std::make_unique<Rules>();
  rules->path = path;
  CompileScope scope{check, *rules, {}, {}, {}, {}, false};
  check.check_keys(root, vocabulary::top(), kTop);
  compile_version(scope, root);
  compile_call(scope, root);
  compile_sets(scope, root);
  if (const YamlEntry* fields = check.required(root, "fields", kTop)) {
    compile_fields(scope, *fields);
  }
  compile_duplicates(scope, root);
  compile_output(scope, root);
  if (const YamlEntry* profiles = check.required(root, "profiles", kTop)) {
    compile_profiles(scope, *profiles);
  }
  check.finish();
  if (check.error_count() > 0) return nullptr;
  return rules;
}

}  // namespace shortlist::rules_detail
