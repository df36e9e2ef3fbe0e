// Checking `fields` (SPEC 3, 3.1): where each canonical field is read and as
// what type. Each field's definition is checked on its own; a field with an
// error is still added (marked not ok) so that its uses are not also reported
// as unknown fields.
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "rules/compile.hpp"
#include "shortlist/text.hpp"
#include "shortlist/time.hpp"
#include "shortlist/typing.hpp"

namespace shortlist::rules_detail {
namespace {


std::string where(const FieldSpec& f) { return "in field " + quoted(f.name); }

void compile_columns(CompileScope& s, const YamlNode& map, FieldSpec& f) {
  const YamlEntry* column = s.check.required(map, "column", where(f));
  if (column == nullptr) return;
  const YamlNode& value = column->value;
  if (value.is_scalar()) {
    if (auto name = s.check.name(value, "column name")) f.columns.push_back(*name);
    return;
  }
  if (!value.is_sequence()) {
    s.check.error(value.pos, "expected a column name or a list of them");
    return;
  }
  if (value.items.empty()) s.check.error(value.pos, "expected at least one column name");
  for (const YamlNode& item : value.items) {
    if (auto name = s.check.name(item, "column name")) f.columns.push_back(*name);
  }
}

void compile_map(CompileScope& s, const YamlEntry& entry, FieldSpec& f) {
  if (!s.check.expect_map(entry.value)) return;
  for (const YamlEntry& pair : entry.value.entries) {
    if (auto to = s.check.text(pair.value)) f.map.emplace_back(pair.key, *to);
  }
}

void compile_scale(CompileScope& s, const YamlEntry& entry, FieldSpec& f) {
  if (!s.check.expect_list(entry.value)) return;
  if (entry.value.items.empty()) s.check.error(entry.value.pos, "the scale is empty");
  std::unordered_set<std::string> folded;
  for (const YamlNode& item : entry.value.items) {
    auto name = s.check.name(item, "a scale entry");
    if (!name) continue;
    if (!folded.insert(fold_key(*name)).second) {
      s.check.error(item.pos, quoted(*name) + " is on the scale twice");
      continue;
    }
    f.scale.push_back(*name);
  }
}

// Aliases are stored with their target as written on the scale.
void compile_aliases(CompileScope& s, const YamlEntry& entry, FieldSpec& f) {
  if (!s.check.expect_map(entry.value)) return;
  std::unordered_map<std::string, std::size_t> scale;  // folded entry -> position
  for (std::size_t i = 0; i < f.scale.size(); ++i) scale.emplace(fold_key(f.scale[i]), i);
  const auto on_scale = [&](std::string_view name) {
    auto it = scale.find(fold_key(name));
    return it == scale.end() ? nullptr : &f.scale[it->second];
  };
  for (const YamlEntry& alias : entry.value.entries) {
    auto target = s.check.text(alias.value);
    if (!target) continue;
    const std::string* to = on_scale(*target);
    if (to == nullptr) {
      s.check.error(alias.value.pos, "alias target " + quoted(*target) +
                                         " is not on the scale of field " + quoted(f.name) +
                                         s.check.hint(*target, [&] { return f.scale; }));
      continue;
    }
    const std::string* clash = on_scale(alias.key);
    if (clash != nullptr && clash != to) {
      s.check.error(alias.key_pos, "alias " + quoted(alias.key) + " is the scale entry " +
                                       quoted(*clash) + " itself");
      continue;
    }
    f.aliases.emplace_back(alias.key, *to);
  }
}

// The scalar or each item of a list: the form several keys take.
std::vector<const YamlNode*> one_or_list(CompileScope& s, const YamlNode& node,
                                         std::string_view what) {
  std::vector<const YamlNode*> out;
  if (node.is_scalar()) {
    out.push_back(&node);
  } else if (!node.is_sequence()) {
    s.check.error(node.pos, "expected a " + std::string(what) + " or a list of them");
  } else {
    if (node.items.empty()) s.check.error(node.pos, "expected at least one " + std::string(what));
    for (const YamlNode& item : node.items) out.push_back(&item);
  }
  return out;
}

// `format:` one layout or a list of them, each checked now: a layout the
// readers would misread (`%y`) must stop the rules, not every record.
void compile_formats(CompileScope& s, const YamlNode& node, FieldSpec& f) {
  for (const YamlNode* item : one_or_list(s, node, "format")) {
    auto layout = s.check.name(*item, "format");
    if (!layout) continue;
    if (auto problem = check_time_format(*layout, f.type == FieldType::kTimestamp)) {
      s.check.error(item->pos, "format " + quoted(*layout) + ": " + *problem);
      continue;
    }
    f.formats.push_back(*layout);
  }
}

// `suffixes:` words or signs, kept case-folded and longest first, so that
// "years" is tried before "s" would be.
void compile_suffixes(CompileScope& s, const YamlNode& node, FieldSpec& f) {
  if (!s.check.expect_list(node)) return;
  for (const YamlNode& item : node.items) {
    auto text = s.check.name(item, "a suffix");
    if (!text) continue;
    auto folded = fold_case(*text);
    std::string_view trimmed = folded ? std::string_view(*folded) : std::string_view();
    while (!trimmed.empty() && (trimmed.front() == ' ' || trimmed.front() == '\t')) trimmed.remove_prefix(1);
    while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\t')) trimmed.remove_suffix(1);
    if (trimmed.empty() || trimmed.find_first_of("0123456789") != std::string_view::npos) {
      s.check.error(item.pos, "suffix " + quoted(*text) + " must be a word or sign without digits");
      continue;
    }
    f.suffixes.emplace_back(trimmed);
  }
  std::stable_sort(f.suffixes.begin(), f.suffixes.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

// `missing:` cell values that mean missing, kept normalized. A marker that
// holds a digit, or nothing but punctuation, keeps its punctuation: "-1" must
// not stand for "1", nor "-" for "?" or "--", which are doubtful cells (that
// stay unreadable, so a person sees them) rather than declared blanks.
void compile_missing(CompileScope& s, const YamlNode& node, FieldSpec& f) {
  if (!s.check.expect_list(node)) return;
  for (const YamlNode& item : node.items) {
    auto text = s.check.text(item);
    if (!text) continue;
    const auto first = text->find_first_not_of(" \t");
    if (first == std::string::npos) {
      s.check.error(item.pos, "an empty cell is always missing; list the values that stand for it");
      continue;
    }
    std::string key = fold_key(*text);
    if (!key.empty() && text->find_first_of("0123456789") == std::string::npos) {
      f.missing.push_back(std::move(key));
      continue;
    }
    const std::string trimmed = text->substr(first, text->find_last_not_of(" \t") - first + 1);
    f.missing_exact.push_back(fold_case(trimmed).value_or(trimmed));
  }
}

// Whether a field of `type` takes `key` (the key's `only_for` in the vocabulary).
bool takes(const vocabulary::Key& key, FieldType type) {
  return key.only_for.empty() || std::find(key.only_for.begin(), key.only_for.end(),
                                           type_name(type)) != key.only_for.end();
}

// "'format' is only for date and timestamp fields".
std::string only_for_message(const vocabulary::Key& key) {
  std::string types;
  for (std::size_t i = 0; i < key.only_for.size(); ++i) {
    if (i > 0) types += i + 1 == key.only_for.size() ? " and " : ", ";
    types += key.only_for[i];
  }
  return quoted(key.name) + " is only for " + types + " fields";
}

void compile_typed_key(CompileScope& s, const YamlEntry& entry, FieldSpec& f) {
  if (entry.key == "scale") {
    compile_scale(s, entry, f);
  } else if (entry.key == "aliases") {
    compile_aliases(s, entry, f);
  } else if (entry.key == "format") {
    compile_formats(s, entry.value, f);
  } else if (entry.key == "suffixes") {
    compile_suffixes(s, entry.value, f);
  }
}

// The keys that only some types take, in the vocabulary's order (`scale`
// before `aliases`, which name its entries). On another type a key is an
// error, unless the type itself was the error; a required one must be there.
void compile_typed_keys(CompileScope& s, const YamlNode& map, FieldSpec& f, bool type_ok) {
  for (const vocabulary::Key& key : vocabulary::field().keys) {
    if (key.only_for.empty()) continue;
    const YamlEntry* entry = map.find(key.name);
    const bool fits = takes(key, f.type);
    if (entry == nullptr) {
      if (fits && key.required) s.check.required(map, key.name, where(f));
    } else if (type_ok && !fits) {
      s.check.error(entry->key_pos, only_for_message(key));
    } else {
      compile_typed_key(s, *entry, f);
    }
  }
}

// Each `map` replacement must itself read as the field's type, or every record
// that needs it would come out unreadable.
void check_map_values(CompileScope& s, const YamlNode& map, const FieldSpec& f) {
  const YamlEntry* entry = map.find("map");
  if (entry == nullptr) return;
  for (const YamlEntry& pair : entry->value.entries) {
    std::string why;
    if (!read_scalar(f, pair.value.scalar, s.rules.call.timezone, &why)) {
      s.check.error(pair.value.pos, "map value " + quoted(pair.value.scalar) +
                                        " is not a valid " + std::string(type_name(f.type)) +
                                        " for field " + quoted(f.name) + ": " + why);
    }
  }
}

void check_name(CompileScope& s, const YamlEntry& entry) {
  const std::string& name = entry.key;
  if (name.empty()) {
    s.check.error(entry.key_pos, "field name must not be empty");
  } else if (name.find_first_of(" \t") != std::string::npos) {
    // `order` entries are "NAME asc|desc".
    s.check.error(entry.key_pos, "field name " + quoted(name) + " must not contain spaces");
  } else if (name == vocabulary::kReservedFieldName) {
    s.check.error(entry.key_pos, "field name 'score' is reserved for the score in 'order'");
  }
}

void compile_field(CompileScope& s, const YamlEntry& entry, FieldSpec& f) {
  check_name(s, entry);
  const YamlNode& map = entry.value;
  if (!s.check.expect_map(map)) return;
  s.check.check_keys(map, vocabulary::field(), where(f));
  bool type_ok = true;
  if (const YamlEntry* type = map.find("type")) {
    auto index = s.check.choice(type->value, "type", vocabulary::field_types());
    type_ok = index.has_value();
    if (index) f.type = static_cast<FieldType>(*index);
  }
  compile_columns(s, map, f);
  if (const YamlEntry* list = map.find("list")) {
    if (auto separator = s.check.name(list->value, "list separator")) f.list_separator = *separator;
  }
  if (const YamlEntry* replacements = map.find("map")) compile_map(s, *replacements, f);
  if (const YamlEntry* missing = map.find("missing")) compile_missing(s, missing->value, f);
  compile_typed_keys(s, map, f, type_ok);
}

void check_id_field(CompileScope& s, const YamlEntry& fields) {
  Rules& rules = s.rules;
  rules.id_field = s.field_index("id");
  if (rules.id_field < 0) {
    s.check.error(fields.key_pos, "missing required field 'id' in fields");
    return;
  }
  const FieldSpec& id = rules.fields[static_cast<std::size_t>(rules.id_field)];
  if (id.type != FieldType::kString) {
    s.check.error(id.pos, "field 'id' must be of type string, not " +
                              std::string(type_name(id.type)));
  } else if (id.is_list()) {
    s.check.error(id.pos, "field 'id' cannot be a list");
  }
}

}  // namespace

std::string_view type_name(FieldType type) {
  return vocabulary::field_types()[static_cast<std::size_t>(type)].name;
}

void compile_fields(CompileScope& s, const YamlEntry& fields) {
  if (!s.check.expect_map(fields.value)) return;
  for (const YamlEntry& entry : fields.value.entries) {
    s.field_by_name.emplace(entry.key, static_cast<int>(s.rules.fields.size()));
    FieldSpec& f = s.rules.fields.emplace_back();
    f.name = entry.key;
    f.pos = entry.key_pos;
    const std::int64_t errors_before = s.check.error_count();
    compile_field(s, entry, f);
    bool ok = s.check.error_count() == errors_before;
    if (ok) {
      prepare_field(f);
      check_map_values(s, entry.value, f);
      ok = s.check.error_count() == errors_before;
    }
    s.field_ok.push_back(ok);
  }
  check_id_field(s, fields);
  s.rules.submitted_field = s.field_index("submitted");
}

}  // namespace shortlist::rules_detail
