// The adverse-impact table written out (SPEC 7): CSV, JSON and Markdown, with
// rates as decimals of 4 fraction digits rounded from their exact values.
#include <string>

#include "shortlist/fairness.hpp"
#include "shortlist/json_writer.hpp"
#include "shortlist/shortlist_writer.hpp"

namespace shortlist {
namespace {

std::string int128_text(__int128 v) {
  if (v == 0) return "0";
  std::string digits;
  for (; v > 0; v /= 10) digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
  return digits;
}

std::string yes_no(bool v) { return v ? "true" : "false"; }

const char* const kColumns[] = {"profile",        "by",           "group",   "applicants",
                                "shortlisted",    "selection_rate", "impact_ratio", "adverse",
                                "scoring_rate",   "small"};

}  // namespace

std::string format_fraction(const Fraction& f) {
  if (!f.present()) return "";
  // num/den to 4 fraction digits: the quotient of 10,000 num by den, and the
  // remainder that decides the last digit, half to even.
  const __int128 scaled = f.num * 10000;
  __int128 q = scaled / f.den;
  const __int128 twice_rest = (scaled % f.den) * 2;
  if (twice_rest > f.den || (twice_rest == f.den && q % 2 == 1)) ++q;
  std::string fraction = int128_text(q % 10000);
  return int128_text(q / 10000) + "." + std::string(4 - fraction.size(), '0') + fraction;
}

std::string fairness_csv(const std::vector<FairnessRow>& rows) {
  std::string out;
  for (const char* column : kColumns) out += std::string(out.empty() ? "" : ",") + column;
  out += '\n';
  for (const FairnessRow& r : rows) {
    append_delimited_cell(out, guard_formula(r.profile), ',');
    out += ',';
    append_delimited_cell(out, guard_formula(r.by), ',');
    out += ',';
    append_delimited_cell(out, guard_formula(r.group), ',');
    out += ',' + std::to_string(r.applicants) + ',' + std::to_string(r.shortlisted) + ',' +
           format_fraction(r.selection_rate) + ',' + format_fraction(r.impact_ratio) + ',' +
           yes_no(r.adverse) + ',' + format_fraction(r.scoring_rate) + ',' + yes_no(r.small) + '\n';
  }
  return out;
}

std::string fairness_json(const std::vector<FairnessRow>& rows) {
  auto number = [](const Fraction& f) { return f.present() ? format_fraction(f) : std::string("null"); };
  std::string out = "[";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const FairnessRow& r = rows[i];
    out += i == 0 ? "\n  {" : ",\n  {";
    out += "\"profile\":";
    append_json_string(out, r.profile);
    out += ",\"by\":";
    append_json_string(out, r.by);
    out += ",\"group\":";
    append_json_string(out, r.group);
    out += ",\"applicants\":" + std::to_string(r.applicants) +
           ",\"shortlisted\":" + std::to_string(r.shortlisted) +
           ",\"selection_rate\":" + number(r.selection_rate) +
           ",\"impact_ratio\":" + number(r.impact_ratio) + ",\"adverse\":" + yes_no(r.adverse) +
           ",\"scoring_rate\":" + number(r.scoring_rate) + ",\"small\":" + yes_no(r.small) + "}";
  }
  out += rows.empty() ? "]\n" : "\n]\n";
  return out;
}

std::string fairness_markdown(const std::vector<FairnessRow>& rows) {
  auto shown = [](const Fraction& f) { return f.present() ? format_fraction(f) : std::string("\u2013"); };
  std::string out;
  const std::string* profile = nullptr;
  for (const FairnessRow& r : rows) {
    if (profile == nullptr || *profile != r.profile) {
      out += (profile == nullptr ? "" : "\n");
      out += "## Profile `" + markdown_cell(r.profile) + "`\n\n";
      out += "| by | group | applicants | shortlisted | selection rate | impact ratio | adverse | "
             "scoring rate | small |\n";
      out += "| --- | --- | ---: | ---: | ---: | ---: | --- | ---: | --- |\n";
      profile = &r.profile;
    }
    out += "| " + markdown_cell(r.by) + " | " + markdown_cell(r.group) + " | " +
           std::to_string(r.applicants) + " | " + std::to_string(r.shortlisted) + " | " +
           shown(r.selection_rate) + " | " + shown(r.impact_ratio) + " | " +
           (r.adverse ? "**yes**" : "no") + " | " + shown(r.scoring_rate) + " | " +
           (r.small ? "yes" : "no") + " |\n";
  }
  return out;
}

}  // namespace shortlist
