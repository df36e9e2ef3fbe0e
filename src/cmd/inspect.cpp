// shortlist inspect: prints records as parsed, or typed with -r, as JSON Lines.
#include <cstdio>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "common.hpp"
#include "exit_code.hpp"
#include "shortlist/field_binding.hpp"
#include "shortlist/json_writer.hpp"
#include "shortlist/typing.hpp"

namespace shortlist::cmd {
namespace {

struct InspectFlags {
  InputFlags input;
  std::string rules;
};

// A raw value as it was: CSV cells and JSON strings as strings, other JSON
// values as their JSON text.
void append_raw(std::string& out, const RawValue& v) {
  switch (v.kind) {
    case RawValue::Kind::kAbsent:
    case RawValue::Kind::kNull: out += "null"; break;
    case RawValue::Kind::kString:
    case RawValue::Kind::kUnreadable: append_json_string(out, v.text); break;
    case RawValue::Kind::kNumber:
    case RawValue::Kind::kBool:
    case RawValue::Kind::kList:
    case RawValue::Kind::kObject: out += v.text; break;
  }
}

void append_untyped(std::string& out, const Record& record) {
  out += ",\"fields\":{";
  for (std::size_t i = 0; i < record.top_level; ++i) {
    if (i) out += ',';
    append_json_string(out, record.names[i]);
    out += ':';
    append_raw(out, record.values[i]);
  }
  out += '}';
}

void append_typed(std::string& out, const Rules& rules, const std::vector<TypedValue>& values) {
  out += ",\"id\":";
  append_value_json(out, rules.fields[static_cast<std::size_t>(rules.id_field)],
                    values[static_cast<std::size_t>(rules.id_field)]);
  out += ",\"fields\":{";
  bool first = true;
  for (std::size_t f = 0; f < rules.fields.size(); ++f) {
    if (values[f].state == TypedValue::State::kUnreadable) continue;
    if (!first) out += ',';
    first = false;
    append_json_string(out, rules.fields[f].name);
    out += ':';
    append_value_json(out, rules.fields[f], values[f]);
  }
  out += '}';
  first = true;
  for (std::size_t f = 0; f < rules.fields.size(); ++f) {
    if (values[f].state != TypedValue::State::kUnreadable) continue;
    out += first ? ",\"unreadable\":{" : ",";
    first = false;
    append_json_string(out, rules.fields[f].name);
    out += ':';
    append_json_string(out, values[f].reason);
  }
  if (!first) out += '}';
}

int run(const InspectFlags& flags) {
  auto inputs = input_options(flags.input);
  if (!inputs) return kExitUsage;
  std::unique_ptr<Rules> rules;
  if (!flags.rules.empty()) {
    rules = load_rules_reporting(flags.rules);
    if (!rules) return kExitRules;
  }
  std::string line;
  std::vector<TypedValue> values;
  Record record;
  try {
    for (auto& input : *inputs) {
      input.hash = false;  // inspect prints no hash
      auto reader = open_reader(input);
      std::unique_ptr<FieldBinding> binding;
      if (rules) {
        binding = std::make_unique<FieldBinding>(*rules, reader->header());
        if (!binding->unbound().empty())
          throw InputError(input.path, reader->header_line(), 1,
                           "no column for field '" +
                               rules->fields[static_cast<std::size_t>(binding->unbound().front())].name + "'");
      }
      std::int64_t records = 0;
      for (; reader->next(record); ++records) {
        line = "{\"source\":";
        append_json_string(line, record_source(input.path, record));
        if (record.invalid) {
          line += ",\"invalid\":";
          append_json_string(line, record.reason);
        } else if (binding) {
          binding->type_record(record, values);
          append_typed(line, *rules, values);
        } else {
          append_untyped(line, record);
        }
        line += "}\n";
        std::fwrite(line.data(), 1, line.size(), stdout);
      }
      require_records(input.path, *reader, records);
    }
  } catch (const InputError& e) {
    std::fflush(stdout);
    return report_input_error(e);
  }
  return std::fflush(stdout) == 0 ? kExitOk : kExitOutput;
}

}  // namespace

void add_inspect(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<InspectFlags>();
  auto* sub = app.add_subcommand("inspect", "Print records as parsed (typed, with -r) as JSON Lines");
  sub->add_option("inputs", flags->input.paths, "Applicant files, or - for standard input")->required();
  sub->add_option("-r,--rules", flags->rules, "Rules file: print the canonical fields, typed");
  add_input_flags(*sub, flags->input);
  sub->footer("Examples:\n  shortlist inspect samples/applicants.csv | head -3\n"
              "  shortlist inspect -r rules/eu-ai-office-2024.yaml samples/applicants.jsonl");
  sub->callback([flags, &exit_code] { exit_code = run(*flags); });
}

}  // namespace shortlist::cmd
