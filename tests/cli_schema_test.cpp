// `shortlist schema` (SPEC 1, issue 12): the JSON Schema of the rules
// language. The expected names are SPEC 3's, written out here; the schema's
// checks against real rules files, with a real validator, are in
// tests/schema_test.sh.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "cli_test_support.hpp"

using namespace shortlist::test;

namespace {

using Names = std::vector<std::string>;

Names sorted(Names names) {
  std::sort(names.begin(), names.end());
  return names;
}

// The strings of a JSON array.
Names strings(const Json& value) {
  Names out;
  for (const Json& item : as_array(value)) {
    REQUIRE(item.is_string());
    out.push_back(item.text);
  }
  return out;
}

JsonObject schema() {
  RunResult r = run_shortlist("schema", source_dir());
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  return parse_object(r.out);
}

JsonObject def(const JsonObject& root, const std::string& name) {
  return as_object(as_object(root.at("$defs")).at(name));
}

}  // namespace

TEST_CASE("schema prints a draft 2020-12 schema of the top level of SPEC 3", "[cli][schema]") {
  const JsonObject root = schema();
  CHECK(root.str("$schema") == "https://json-schema.org/draft/2020-12/schema");
  CHECK(!root.str("title").empty());
  CHECK(!root.str("description").empty());
  CHECK(root.at("additionalProperties").text == "false");
  CHECK(sorted(as_object(root.at("properties")).keys()) ==
        sorted({"shortlist", "call", "fields", "sets", "duplicates", "output", "profiles"}));
  CHECK(sorted(strings(root.at("required"))) ==
        sorted({"shortlist", "call", "fields", "profiles"}));
}

TEST_CASE("schema lists the keys, types and operators of SPEC 3 with descriptions",
          "[cli][schema]") {
  const JsonObject root = schema();
  const JsonObject call = def(root, "call");
  CHECK(call.at("additionalProperties").text == "false");
  CHECK(sorted(as_object(call.at("properties")).keys()) ==
        sorted({"id", "title", "deadline", "timezone", "reference"}));
  for (const auto& [key, value] : as_object(call.at("properties")).members) {
    INFO("call." << key);
    CHECK(!as_object(value).str("description").empty());
  }

  const JsonObject field = as_object(def(root, "field").at("properties"));
  CHECK(sorted(field.keys()) == sorted({"column", "type", "list", "map", "scale", "aliases",
                                        "format", "suffixes", "missing"}));
  CHECK(strings(as_object(field.at("type")).at("enum")) ==
        Names{"string", "text", "number", "boolean", "ordinal", "date", "timestamp",
              "country"});

  const Names operators = {"equals",       "not_equals",   "in",           "not_in",
                           "at_least",     "at_most",      "between",      "before",
                           "after",        "not_after",    "not_before",   "contains_any",
                           "contains_all", "contains_none", "matches",     "present",
                           "all",          "any",          "not"};
  Names condition_keys = operators;
  condition_keys.push_back("field");
  CHECK(sorted(as_object(def(root, "condition").at("properties")).keys()) ==
        sorted(condition_keys));

  Names require_keys = condition_keys;
  for (const char* key : {"id", "text", "on_missing", "on_unreadable"}) require_keys.push_back(key);
  const JsonObject require = as_object(def(root, "require_rule").at("properties"));
  CHECK(sorted(require.keys()) == sorted(require_keys));
  CHECK(strings(as_object(require.at("on_missing")).at("enum")) ==
        Names{"review", "pass", "fail"});

  const JsonObject score = as_object(def(root, "score_rule").at("properties"));
  CHECK(strings(as_object(score.at("on_missing")).at("enum")) == Names{"zero", "review"});
  for (const char* key : {"points", "each", "max", "count_in", "count_phrases", "text"}) {
    INFO("score rule key " << key);
    CHECK(score.find(key) != nullptr);
  }
}

TEST_CASE("schema exits 5 when standard output cannot be written", "[cli][schema]") {
  if (!std::filesystem::exists("/dev/full")) {
    WARN("no /dev/full here");
    return;
  }
  TempDir dir;
  const auto err = dir.path() / "stderr";
  // run_shortlist's own redirections then apply to "(exit $?)", which passes
  // the exit code on.
  RunResult r = run_shortlist("schema >/dev/full 2>" + shell_quote(err.string()) + "; (exit $?)",
                              source_dir());
  CHECK(r.exit_code == 5);
  CHECK(read_file(err) == "shortlist: error: standard output: cannot write\n");
}
