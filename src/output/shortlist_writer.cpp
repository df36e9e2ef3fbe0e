#include "shortlist/shortlist_writer.hpp"

#include "run/spool_entry.hpp"
#include "shortlist/json_writer.hpp"

namespace shortlist {
namespace {

// Case aside, as for inputs: Windows tools name files SHORTLIST.CSV.
bool ends_with(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  const std::string_view tail = s.substr(s.size() - suffix.size());
  for (std::size_t i = 0; i < tail.size(); ++i) {
    const char c = tail[i] >= 'A' && tail[i] <= 'Z' ? static_cast<char>(tail[i] - 'A' + 'a') : tail[i];
    if (c != suffix[i]) return false;
  }
  return true;
}

}  // namespace

std::optional<ShortlistFormat> parse_shortlist_format(std::string_view name) {
  if (name == "csv") return ShortlistFormat::kCsv;
  if (name == "tsv") return ShortlistFormat::kTsv;
  if (name == "json") return ShortlistFormat::kJson;
  if (name == "jsonl") return ShortlistFormat::kJsonl;
  if (name == "md") return ShortlistFormat::kMarkdown;
  if (name == "xlsx") return ShortlistFormat::kXlsx;
  return std::nullopt;
}

std::optional<ShortlistFormat> shortlist_format_from_path(std::string_view path) {
  if (ends_with(path, ".csv")) return ShortlistFormat::kCsv;
  if (ends_with(path, ".tsv")) return ShortlistFormat::kTsv;
  if (ends_with(path, ".json")) return ShortlistFormat::kJson;
  if (ends_with(path, ".jsonl") || ends_with(path, ".ndjson")) return ShortlistFormat::kJsonl;
  if (ends_with(path, ".md")) return ShortlistFormat::kMarkdown;
  if (ends_with(path, ".xlsx")) return ShortlistFormat::kXlsx;
  return std::nullopt;
}

std::string markdown_cell(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (const std::size_t control = shown_control_length(s, i)) {
      out += "\uFFFD";
      i += control - 1;
      continue;
    }
    switch (const char c = s[i]) {
      case '|': out += "\\|"; break;
      case '`': out += "\\`"; break;
      case '\\': out += "\\\\"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '\r': break;
      case '\n': out += "<br>"; break;
      default: out += c;
    }
  }
  return out;
}

void append_delimited_cell(std::string& out, std::string_view cell, char delimiter) {
  bool quote = false, plain = true;
  for (std::size_t i = 0; i < cell.size(); ++i) {
    const char c = cell[i];
    quote = quote || c == '"' || c == '\r' || c == '\n' || c == delimiter;
    plain = plain && shown_control_length(cell, i) == 0;
  }
  if (!quote && plain) {
    out += cell;
    return;
  }
  if (quote) out += '"';
  for (std::size_t i = 0; i < cell.size(); ++i) {
    if (const std::size_t control = shown_control_length(cell, i)) {
      out += "\uFFFD";
      i += control - 1;
      continue;
    }
    if (cell[i] == '"') out += '"';
    out += cell[i];
  }
  if (quote) out += '"';
}

std::string guard_formula(std::string_view cell) {
  if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' ||
                        cell[0] == '\t' || cell[0] == '\r'))
    return "'" + std::string(cell);
  return std::string(cell);
}

ShortlistWriter::ShortlistWriter(std::ostream& out, ShortlistFormat format, const Rules& rules)
    : out_(out), format_(format), rules_(rules) {}

std::vector<std::string> ShortlistWriter::column_names() const {
  std::vector<std::string> names = {"profile", "rank", "id", "score", "status"};
  for (int f : rules_.output_columns) names.push_back(rules_.fields[static_cast<std::size_t>(f)].name);
  return names;
}

void ShortlistWriter::delimited_row(const std::vector<std::string>& cells,
                                    const std::vector<bool>& is_text) {
  char delimiter = format_ == ShortlistFormat::kTsv ? '\t' : ',';
  buffer_.clear();
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) buffer_ += delimiter;
    append_delimited_cell(buffer_, is_text[i] ? guard_formula(cells[i]) : cells[i], delimiter);
  }
  buffer_ += '\n';
  out_ << buffer_;
}

void ShortlistWriter::begin() {
  first_row_ = true;
  if (format_ == ShortlistFormat::kCsv || format_ == ShortlistFormat::kTsv) {
    auto names = column_names();
    delimited_row(names, std::vector<bool>(names.size(), true));
  } else if (format_ == ShortlistFormat::kJson) {
    out_ << '[';
  }
}

void ShortlistWriter::begin_profile(int profile) {
  if (format_ != ShortlistFormat::kMarkdown) return;
  const Profile& p = rules_.profiles[static_cast<std::size_t>(profile)];
  out_ << (profile ? "\n" : "") << "## " << markdown_cell(p.id);
  if (!p.title.empty()) out_ << ": " << markdown_cell(p.title);
  out_ << "\n\n| rank | id | score | status |";
  for (int f : rules_.output_columns)
    out_ << ' ' << markdown_cell(rules_.fields[static_cast<std::size_t>(f)].name) << " |";
  out_ << "\n| ---: | --- | ---: | --- |";
  for (std::size_t i = 0; i < rules_.output_columns.size(); ++i) out_ << " --- |";
  out_ << '\n';
}

void ShortlistWriter::row(int profile, const ShortlistRow& row) {
  const std::string& profile_id = rules_.profiles[static_cast<std::size_t>(profile)].id;
  std::string rank = row.rank ? std::to_string(row.rank) : "";
  if (format_ == ShortlistFormat::kCsv || format_ == ShortlistFormat::kTsv) {
    std::vector<std::string> cells = {profile_id, rank, row.id.value_or(""),
                                      row.score.value_or(""), std::string(status_name(row.status))};
    std::vector<bool> is_text = {true, false, true, false, true};
    for (const auto& c : row.columns) {
      cells.push_back(c.value_or(""));
      is_text.push_back(true);
    }
    delimited_row(cells, is_text);
    return;
  }
  if (format_ == ShortlistFormat::kMarkdown) {
    out_ << "| " << rank << " | " << markdown_cell(row.id.value_or("")) << " | "
         << row.score.value_or("") << " | " << status_name(row.status) << " |";
    for (const auto& c : row.columns) out_ << ' ' << markdown_cell(c.value_or("")) << " |";
    out_ << '\n';
    return;
  }
  buffer_.clear();
  if (format_ == ShortlistFormat::kJson) buffer_ += first_row_ ? "\n" : ",\n";
  first_row_ = false;
  auto optional_string = [&](const std::optional<std::string>& s) {
    if (s)
      append_json_string(buffer_, *s);
    else
      buffer_ += "null";
  };
  buffer_ += "{\"profile\":";
  append_json_string(buffer_, profile_id);
  buffer_ += ",\"rank\":";
  buffer_ += row.rank ? rank : "null";
  buffer_ += ",\"id\":";
  optional_string(row.id);
  buffer_ += ",\"score\":";
  optional_string(row.score);
  buffer_ += ",\"status\":\"";
  buffer_ += status_name(row.status);
  buffer_ += '"';
  for (std::size_t i = 0; i < row.columns.size() && i < rules_.output_columns.size(); ++i) {
    buffer_ += ',';
    append_json_string(buffer_,
                       rules_.fields[static_cast<std::size_t>(rules_.output_columns[i])].name);
    buffer_ += ':';
    optional_string(row.columns[i]);
  }
  buffer_ += '}';
  if (format_ == ShortlistFormat::kJsonl) buffer_ += '\n';
  out_ << buffer_;
}

void ShortlistWriter::end_profile(int) {}

void ShortlistWriter::end() {
  if (format_ == ShortlistFormat::kJson) out_ << (first_row_ ? "]\n" : "\n]\n");
}

}  // namespace shortlist
