// Values and requirements in people's words (see plain_words.hpp). Nothing
// here decides anything: it only words what the decision record and the rules
// already say, so that an applicant reads "Romania" and "12:00:01 Brussels
// time" where the record holds "RO" and "11:00:01Z".
#include "audit/plain_words.hpp"

#include <array>

#include "shortlist/country.hpp"

namespace shortlist::plain {
namespace {

constexpr std::array<const char*, 12> kMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

// "27 March 2024" from "2024-03-27"; the text itself if it is not such a date.
std::string day_words(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::string(iso);
  const int month = (iso[5] - '0') * 10 + (iso[6] - '0');
  if (month < 1 || month > 12) return std::string(iso);
  std::string_view d = iso.substr(8, 2);
  if (d.front() == '0') d.remove_prefix(1);
  return std::string(d) + " " + kMonths[static_cast<std::size_t>(month - 1)] + " " +
         std::string(iso.substr(0, 4));
}

// "Brussels time" for Europe/Brussels, "New York time" for America/New_York.
std::string zone_words(const std::string& name) {
  std::string city = name.substr(name.rfind('/') + 1);
  for (char& c : city)
    if (c == '_') c = ' ';
  return city + " time";
}

std::string country_words(std::string_view code) {
  const auto name = country_name(code);
  return name ? std::string(*name) + " (" + std::string(code) + ")" : std::string(code);
}

// One JSON item of a recorded value, by the field's type.
std::string item_words(const FieldSpec& field, simdjson::dom::element item, const Call& call) {
  std::string_view s;
  bool b = false;
  if (!item.get_bool().get(b)) return b ? "yes" : "no";
  if (item.get_string().get(s)) return std::string(simdjson::minify(item));
  switch (field.type) {
    case FieldType::kCountry: return country_words(s);
    case FieldType::kTimestamp: {
      std::string why;
      if (auto t = parse_timestamp(s, nullptr, std::string_view(), &why)) return instant(*t, call);
      return in_quotes(s);
    }
    case FieldType::kDate: return day_words(s);
    case FieldType::kNumber:
    case FieldType::kOrdinal: return std::string(s);
    default: return in_quotes(s);
  }
}

std::string operand_words(const Condition& c, std::size_t i, const Rules& rules) {
  const FieldSpec& field = rules.fields[static_cast<std::size_t>(c.field)];
  const Scalar& operand = c.operands[i];
  std::string out = scalar(field, operand, rules.call);
  if (const Instant* t = std::get_if<Instant>(&operand);
      t && rules.call.deadline && *t == *rules.call.deadline)
    out += ", the call's deadline";
  return out;
}

}  // namespace

std::string in_quotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string instant(Instant t, const Call& call) {
  // "2024-03-27T12:00:01+01:00", or "...Z" in UTC; a fraction only when non-zero.
  const std::string iso = call.timezone ? format_instant_in(t, call.timezone) : format_instant(t);
  const std::size_t tee = iso.find('T');
  if (tee == std::string::npos) return iso;
  std::size_t zone_at = iso.find_first_of("Z+-", tee);
  if (zone_at == std::string::npos) zone_at = iso.size();
  std::string clock = iso.substr(tee + 1, zone_at - tee - 1);
  if (clock.size() == 5) clock += ":00";
  const std::string offset = iso.substr(zone_at);
  std::string out = day_words(iso.substr(0, tee)) + " at " + clock;
  if (offset == "Z" || offset == "+00:00") {
    if (call.timezone_name == "UTC" || call.timezone_name == "Etc/UTC") return out + " UTC";
    return out + " " + zone_words(call.timezone_name) + " (UTC)";
  }
  return out + " " + zone_words(call.timezone_name) + " (UTC" + offset + ")";
}

std::string day(Date d) { return day_words(format_date(d)); }

std::string recorded_value(const FieldSpec& field, simdjson::dom::element value, const Call& call) {
  if (value.is_null()) return {};
  simdjson::dom::array items;
  if (value.get_array().get(items)) return item_words(field, value, call);
  std::string out;
  for (auto item : items) out += (out.empty() ? "" : ", ") + item_words(field, item, call);
  return out;
}

std::string scalar(const FieldSpec& field, const Scalar& item, const Call& call) {
  struct Words {
    const FieldSpec& field;
    const Call& call;
    std::string operator()(const std::string& s) const {
      return field.type == FieldType::kCountry ? country_words(s) : in_quotes(s);
    }
    std::string operator()(const Text& t) const { return in_quotes(t.original); }
    std::string operator()(const Decimal& d) const { return d.to_string(); }
    std::string operator()(bool b) const { return b ? "yes" : "no"; }
    std::string operator()(Ordinal o) const {
      const auto i = static_cast<std::size_t>(o.index);
      return i < field.scale.size() ? field.scale[i] : std::to_string(o.index);
    }
    std::string operator()(Date d) const { return day(d); }
    std::string operator()(Instant t) const { return instant(t, call); }
  };
  return std::visit(Words{field, call}, item);
}

std::string requirement(const Condition& c, const Rules& rules) {
  if (c.field < 0 || c.operands.empty()) return {};
  const char* words = nullptr;
  const FieldType type = rules.fields[static_cast<std::size_t>(c.field)].type;
  const bool time = type == FieldType::kDate || type == FieldType::kTimestamp;
  switch (c.op) {
    case Op::kAtLeast: words = time ? "no earlier than " : "at least "; break;
    case Op::kAtMost: words = time ? "no later than " : "at most "; break;
    case Op::kBefore: words = "before "; break;
    case Op::kAfter: words = "after "; break;
    case Op::kNotAfter: words = "no later than "; break;
    case Op::kNotBefore: words = "no earlier than "; break;
    case Op::kBetween:
      if (c.operands.size() != 2) return {};
      return "between " + operand_words(c, 0, rules) + " and " + operand_words(c, 1, rules);
    case Op::kEquals:
      if (c.operands.size() != 1) return {};
      words = "";
      break;
    default: return {};
  }
  return words + operand_words(c, 0, rules);
}

}  // namespace shortlist::plain
