// Reading values as their field's type (SPEC 3.1).
//
// One function, read_scalar, converts a piece of text to a typed item. Record
// values and the literals of the rules both go through it, so `equals: Germany`
// and a cell "Deutschland" meet as the same "DE".
#include "shortlist/typing.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <fmt/format.h>

#include "shortlist/country.hpp"
#include "shortlist/json_writer.hpp"
#include "shortlist/text.hpp"
#include "shortlist/text_buffer.hpp"

namespace shortlist {

// Literals appended as string_views: their length is known when compiled.
using namespace std::literals;

namespace {

bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// The boolean vocabulary of SPEC 3.1, as folded keys ("sí" folds to "si").
constexpr std::array<std::string_view, 8> kTrueWords = {"true", "yes", "y", "1",
                                                         "oui", "ja", "si", "sí"};
constexpr std::array<std::string_view, 6> kFalseWords = {"false", "no", "n", "0", "non", "nein"};

// A buffer for folded keys, so that looking a word up allocates nothing once warm.
std::string& key_buffer() {
  thread_local std::string buffer;
  return buffer;
}

std::optional<bool> read_boolean(std::string_view text, std::string* why) {
  const std::string& key = fold_key_into(text, key_buffer());
  for (auto w : kTrueWords)
    if (key == w) return true;
  for (auto w : kFalseWords)
    if (key == w) return false;
  if (why) *why = fmt::format("not a boolean: '{}'", text);
  return std::nullopt;
}

std::optional<Ordinal> read_ordinal(const FieldSpec& field, std::string_view text,
                                    std::string* why) {
  const std::string& key = fold_key_into(text, key_buffer());
  if (!field.ordinal_lookup.empty()) {
    for (const auto& [k, index] : field.ordinal_lookup)
      if (k == key) return Ordinal{index};
  } else {
    // Slow path for a field that was never prepared (tests of read_scalar alone).
    FieldSpec copy = field;
    prepare_field(copy);
    if (!copy.ordinal_lookup.empty()) return read_ordinal(copy, text, why);
  }
  if (why) *why = fmt::format("not on the scale of '{}': '{}'", field.name, text);
  return std::nullopt;
}

}  // namespace

void prepare_field(FieldSpec& field) {
  field.ordinal_lookup.clear();
  for (std::size_t i = 0; i < field.scale.size(); ++i)
    field.ordinal_lookup.emplace_back(fold_key(field.scale[i]), static_cast<std::int32_t>(i));
  for (const auto& [alias, entry] : field.aliases) {
    std::string folded_entry = fold_key(entry);
    for (std::size_t i = 0; i < field.scale.size(); ++i) {
      if (fold_key(field.scale[i]) == folded_entry) {
        field.ordinal_lookup.emplace_back(fold_key(alias), static_cast<std::int32_t>(i));
        break;
      }
    }
  }
}

namespace {

// The `map` replacement of `text`, or `text` itself.
std::string_view mapped(const FieldSpec& field, std::string_view text) {
  for (const auto& [from, to] : field.map)
    if (text == from) return to;
  return text;
}

// What is left of `text` once its trailing `suffixes` are dropped, as often as
// they occur ("5+ years" -> "5"); nullopt when none was dropped. Suffixes are
// found in the case-folded text, but what is left is taken from the text as
// written: folding may change digits ("5²" -> "52"), and a number must never
// be read from anything but what the applicant wrote. A suffix that begins
// with a letter must not follow one, so "years" is not cut from "fiveyears"
// and "an" not from "Jan". Each cut is O(1): a cell of a million "+" is linear.
std::optional<std::string> without_suffixes(const FieldSpec& field, std::string_view text) {
  if (field.suffixes.empty()) return std::nullopt;
  const auto folded = fold_case(text);
  if (!folded) return std::nullopt;
  std::string_view rest = *folded;
  const auto is_letter = [](unsigned char c) { return (c >= 'a' && c <= 'z') || c >= 0x80; };
  bool cut = false;
  for (bool again = true; again;) {
    again = false;
    for (const std::string& suffix : field.suffixes) {
      if (rest.size() <= suffix.size() || !rest.ends_with(suffix)) continue;
      const auto before = static_cast<unsigned char>(rest[rest.size() - suffix.size() - 1]);
      if (is_letter(static_cast<unsigned char>(suffix.front())) && is_letter(before)) continue;
      rest.remove_suffix(suffix.size());
      while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t')) rest.remove_suffix(1);
      if (rest.empty()) return std::nullopt;
      cut = again = true;
      break;
    }
  }
  if (!cut || rest.size() > text.size()) return std::nullopt;
  // The same bytes as written, but for the case of ASCII letters (a `map` key).
  const std::string_view written = text.substr(0, rest.size());
  for (std::size_t i = 0; i < rest.size(); ++i) {
    const char w = written[i];
    const char lowered = w >= 'A' && w <= 'Z' ? static_cast<char>(w - 'A' + 'a') : w;
    if (lowered != rest[i]) return std::nullopt;
  }
  return std::string(written);
}

std::optional<Decimal> read_number(const FieldSpec& field, std::string_view text, std::string* why) {
  std::string whole_why;
  auto d = Decimal::parse(mapped(field, text), &whole_why);
  if (d) return d;
  // With a suffix dropped, what is left explains best why it is no number
  // ("1234567890123 years": too many digits), unless it is plainly not one.
  std::string rest_why;
  if (auto rest = without_suffixes(field, text)) {
    d = Decimal::parse(mapped(field, *rest), &rest_why);
    if (d) return d;
    if (!rest_why.starts_with("too many digits")) rest_why.clear();
  }
  if (why) *why = rest_why.empty() ? whole_why : rest_why;
  return std::nullopt;
}

}  // namespace

namespace {

// Sets `out` to the value `read` holds, if any: in place when `out` already
// holds a value of its type, as it does from the last record.
template <class T>
bool set_read(Scalar& out, const std::optional<T>& read) {
  if (!read) return false;
  if (T* held = std::get_if<T>(&out))
    *held = *read;
  else
    out.template emplace<T>(*read);
  return true;
}

}  // namespace

bool read_scalar_into(const FieldSpec& field, std::string_view text, const date::time_zone* zone,
                      Scalar& out, std::string* why) {
  text = trim(text);
  switch (field.type) {
    case FieldType::kNumber:
      return set_read(out, read_number(field, text, why));
    case FieldType::kString: {
      text = mapped(field, text);
      if (auto* s = std::get_if<std::string>(&out))
        s->assign(text);
      else
        out.emplace<std::string>(text);
      return true;
    }
    case FieldType::kText: {
      text = mapped(field, text);
      Text* t = std::get_if<Text>(&out);
      if (!t) t = &out.emplace<Text>();
      if (!normalize_text_into(text, t->normalized)) {
        if (why) *why = "not valid UTF-8";
        return false;
      }
      t->original.assign(text);
      return true;
    }
    case FieldType::kBoolean:
      return set_read(out, read_boolean(mapped(field, text), why));
    case FieldType::kOrdinal:
      return set_read(out, read_ordinal(field, mapped(field, text), why));
    case FieldType::kDate:
      return set_read(out, parse_date(mapped(field, text), field.formats, why));
    case FieldType::kTimestamp:
      return set_read(out, parse_timestamp(mapped(field, text), zone, field.formats, why));
    case FieldType::kCountry: {
      text = mapped(field, text);
      auto code = resolve_country(text);
      if (!code) {
        if (why) *why = fmt::format("unknown country: '{}'", text);
        return false;
      }
      if (auto* s = std::get_if<std::string>(&out))
        s->assign(*code);
      else
        out.emplace<std::string>(*code);
      return true;
    }
  }
  return false;
}

std::optional<Scalar> read_scalar(const FieldSpec& field, std::string_view text,
                                  const date::time_zone* zone, std::string* why) {
  Scalar out;
  if (!read_scalar_into(field, text, zone, out, why)) return std::nullopt;
  return out;
}

namespace {

// True if `text` is one of the field's `missing:` markers: compared as
// normalized text, or, for a marker that holds a digit or only punctuation,
// case-folded with its punctuation ("-1" must not stand for the cell "1").
bool is_missing_marker_slow(const FieldSpec& field, std::string_view text);

// Most fields have no markers: that is told before any call is made.
inline bool has_missing_markers(const FieldSpec& field) {
  return !(field.missing.empty() && field.missing_exact.empty());
}
inline bool is_missing_marker(const FieldSpec& field, std::string_view text) {
  return has_missing_markers(field) && is_missing_marker_slow(field, text);
}

bool is_missing_marker_slow(const FieldSpec& field, std::string_view text) {
  if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    // ASCII text keeps each of its letters and digits when normalized, and
    // its length when case-folded: most cells are too long to be a marker.
    const auto letters = static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }));
    const bool maybe = std::any_of(field.missing.begin(), field.missing.end(),
                                   [&](const std::string& m) { return m.size() >= letters; }) ||
                       std::any_of(field.missing_exact.begin(), field.missing_exact.end(),
                                   [&](const std::string& m) { return m.size() == text.size(); });
    if (!maybe) return false;
  }
  const auto among = [](const std::vector<std::string>& keys, const std::string& key) {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
  };
  if (!field.missing.empty() && among(field.missing, fold_key(text))) return true;
  if (field.missing_exact.empty()) return false;
  const auto folded = fold_case(text);
  return folded && among(field.missing_exact, *folded);
}

// Reads `items` (already split) into `value`, reusing the room its items
// had; the first unreadable item makes the whole value unreadable, so a
// half-read list never decides anything. Empty items and `missing:` markers
// are dropped.
void read_items(const FieldSpec& field, const std::vector<std::string_view>& items,
                const date::time_zone* zone, TypedValue& value) {
  thread_local std::string why;
  std::size_t n = 0;
  for (auto item : items) {
    auto trimmed = trim(item);
    if (trimmed.empty() || is_missing_marker(field, trimmed)) continue;
    why.clear();
    if (n == value.items.size()) value.items.emplace_back();
    if (!read_scalar_into(field, trimmed, zone, value.items[n], &why)) {
      value.state = TypedValue::State::kUnreadable;
      value.items.clear();
      value.reason = field.is_list() ? fmt::format("item '{}': {}", trimmed, why) : why;
      return;
    }
    ++n;
  }
  value.items.resize(n);
  value.state = n == 0 ? TypedValue::State::kMissing : TypedValue::State::kOk;
}

}  // namespace

void read_value_into(const FieldSpec& field, const RawValue& raw, const date::time_zone* zone,
                     TypedValue& value, bool keep_written) {
  value.state = TypedValue::State::kMissing;
  value.is_list = field.is_list();
  value.raw.clear();
  value.reason.clear();
  thread_local std::vector<std::string_view> items;
  items.clear();
  switch (raw.kind) {
    case RawValue::Kind::kAbsent:
    case RawValue::Kind::kNull:
      value.items.clear();
      return;
    case RawValue::Kind::kString:
      if (keep_written) value.raw = raw.text;
      if (has_missing_markers(field) && is_missing_marker_slow(field, trim(raw.text))) {
        value.items.clear();
        return;
      }
      if (field.is_list()) {
        std::string_view rest = raw.text;
        const std::string& sep = *field.list_separator;
        for (;;) {
          auto at = sep.empty() ? std::string_view::npos : rest.find(sep);
          items.push_back(rest.substr(0, at));
          if (at == std::string_view::npos) break;
          rest.remove_prefix(at + sep.size());
        }
      } else {
        items.push_back(raw.text);
      }
      break;
    case RawValue::Kind::kNumber:
    case RawValue::Kind::kBool:
      if (keep_written) value.raw = raw.text;
      items.push_back(raw.text);
      break;
    case RawValue::Kind::kList:
      if (keep_written) value.raw = raw.text;
      if (!field.is_list()) {
        value.raw = raw.text;
        value.state = TypedValue::State::kUnreadable;
        value.items.clear();
        value.reason = "a list where one value was expected";
        return;
      }
      for (const auto& item : raw.items) items.push_back(item);
      break;
    case RawValue::Kind::kUnreadable:
      value.state = TypedValue::State::kUnreadable;
      value.items.clear();
      value.raw = raw.text;
      value.reason = raw.items.empty() ? std::string("unreadable in the input") : raw.items[0];
      return;
    case RawValue::Kind::kObject:
      value.state = TypedValue::State::kUnreadable;
      value.items.clear();
      value.raw = raw.text;
      value.reason = "an object where a value was expected";
      return;
  }
  read_items(field, items, zone, value);
  // An unreadable value always keeps its text: reasons and outputs show it.
  if (!keep_written && value.state == TypedValue::State::kUnreadable) value.raw = raw.text;
}

TypedValue read_value(const FieldSpec& field, const RawValue& raw, const date::time_zone* zone) {
  TypedValue value;
  read_value_into(field, raw, zone, value);
  return value;
}

template <class Out>
void append_scalar_json(Out& out, const FieldSpec& field, const Scalar& value) {
  struct Visitor {
    Out& out;
    const FieldSpec& field;
    void operator()(const std::string& s) { append_json_string(out, s); }
    void operator()(const Text& t) { append_json_string(out, t.normalized); }
    // Digits, signs, '.', ':', '-', 'T' and 'Z' need no escaping: written
    // between quotes as they are, with no string made for them.
    void operator()(const Decimal& d) {
      out += '"';
      d.append_to(out);
      out += '"';
    }
    void operator()(bool b) { out += b ? "true"sv : "false"sv; }
    void operator()(Ordinal o) {
      auto i = static_cast<std::size_t>(o.index);
      append_json_string(out, i < field.scale.size() ? std::string_view(field.scale[i]) : std::string_view());
    }
    void operator()(Date d) {
      out += '"';
      append_date(out, d);
      out += '"';
    }
    void operator()(Instant t) {
      out += '"';
      append_instant(out, t);
      out += '"';
    }
  };
  std::visit(Visitor{out, field}, value);
}

template <class Out>
void append_value_json(Out& out, const FieldSpec& field, const TypedValue& value) {
  if (value.state != TypedValue::State::kOk) {
    out += "null"sv;
    return;
  }
  if (!value.is_list) {
    append_scalar_json(out, field, value.items.front());
    return;
  }
  out += '[';
  for (std::size_t i = 0; i < value.items.size(); ++i) {
    if (i) out += ',';
    append_scalar_json(out, field, value.items[i]);
  }
  out += ']';
}

template void append_scalar_json(std::string&, const FieldSpec&, const Scalar&);
template void append_scalar_json(TextBuffer&, const FieldSpec&, const Scalar&);
template void append_value_json(std::string&, const FieldSpec&, const TypedValue&);
template void append_value_json(TextBuffer&, const FieldSpec&, const TypedValue&);

namespace {

std::string scalar_text(const FieldSpec& field, const Scalar& value) {
  struct Visitor {
    const FieldSpec& field;
    std::string operator()(const std::string& s) { return s; }
    std::string operator()(const Text& t) { return t.original; }
    std::string operator()(const Decimal& d) { return d.to_string(); }
    std::string operator()(bool b) { return b ? "true" : "false"; }
    std::string operator()(Ordinal o) {
      auto i = static_cast<std::size_t>(o.index);
      return i < field.scale.size() ? field.scale[i] : std::string();
    }
    std::string operator()(Date d) { return format_date(d); }
    std::string operator()(Instant t) { return format_instant(t); }
  };
  return std::visit(Visitor{field}, value);
}

}  // namespace

std::string value_text(const FieldSpec& field, const TypedValue& value) {
  if (value.state == TypedValue::State::kUnreadable) return value.raw;
  std::string out;
  for (std::size_t i = 0; i < value.items.size(); ++i) {
    if (i) out += field.list_separator.value_or(";");
    out += scalar_text(field, value.items[i]);
  }
  return out;
}

}  // namespace shortlist
