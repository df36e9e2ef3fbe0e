// Comparing two decision records in one pass. Both are written in the same
// order: the run line, decisions by input, line and profile, the summary. So a
// merge on that key pairs the decisions while reading each file once, holding
// two lines at a time. Every line is parsed as JSON and compared member by
// member as minified JSON, so that spacing or member order never count.
// Either record may be gzip-compressed: they are compared by their text
// (record_text.hpp).
#include "shortlist/verify.hpp"

#include <simdjson.h>

#include <charconv>
#include <optional>
#include <tuple>

#include "audit/record_text.hpp"

namespace shortlist {
namespace {

struct Field {
  std::string name;
  std::string json;  // minified
  std::string text;  // a string's decoded text; else the JSON
};
using Fields = std::vector<Field>;

const Field* find(const Fields& fields, std::string_view name) {
  for (const auto& f : fields)
    if (f.name == name) return &f;
  return nullptr;
}

Field field_of(std::string name, simdjson::dom::element value) {
  Field f{std::move(name), simdjson::minify(value), {}};
  std::string_view s;
  f.text = value.get(s) ? f.json : std::string(s);
  return f;
}

// Objects become dotted names ("rules.sha256"); with `deep`, the items of
// "inputs" become "inputs[0].path" and so on, so that each is compared alone.
void add_members(simdjson::dom::object object, const std::string& prefix, bool deep,
                 Fields& out) {
  for (auto member : object) {
    std::string name = prefix + std::string(member.key);
    simdjson::dom::object inner;
    simdjson::dom::array items;
    if (deep && !member.value.get(inner)) {
      add_members(inner, name + ".", deep, out);
    } else if (deep && name == "inputs" && !member.value.get(items)) {
      std::size_t i = 0;
      for (auto item : items) {
        std::string item_name = name + "[" + std::to_string(i++) + "]";
        if (!item.get(inner))
          add_members(inner, item_name + ".", deep, out);
        else
          out.push_back(field_of(item_name, item));
      }
    } else {
      out.push_back(field_of(name, member.value));
    }
  }
}

enum class LineKind { kEnd, kRun, kDecision, kSummary, kMalformed };

struct Line {
  LineKind kind = LineKind::kEnd;
  std::int64_t number = 0;  // in its file
  Fields fields;
  // A decision's place: input, line in that input, profile (-1 for none).
  std::tuple<std::int64_t, std::int64_t, std::int64_t, std::int64_t> key;  // input, line, column, profile
  std::string source;
};

// Reads the lines of one record, parsed.
class LineReader {
 public:
  LineReader(RecordText& in, simdjson::dom::parser& parser) : in_(in), parser_(parser) {}

  Line next() {
    Line line;
    if (!in_.next(text_)) return line;
    line.number = in_.number();
    line.kind = LineKind::kMalformed;
    text_.reserve(text_.size() + simdjson::SIMDJSON_PADDING);
    simdjson::dom::object object;
    if (parser_.parse(text_.data(), text_.size(), false).get(object)) return line;
    std::string_view kind;
    if (object["kind"].get(kind)) return line;
    if (kind == "run") {
      add_members(object, "", true, line.fields);
      line.kind = LineKind::kRun;
      remember_run(line.fields);
    } else if (kind == "summary") {
      add_members(object, "", true, line.fields);
      line.kind = LineKind::kSummary;
    } else if (kind == "decision") {
      add_members(object, "", false, line.fields);
      if (set_key(line)) line.kind = LineKind::kDecision;
    }
    return line;
  }

 private:
  void remember_run(const Fields& fields) {
    for (std::size_t i = 0;; ++i) {
      const Field* path = find(fields, "inputs[" + std::to_string(i) + "].path");
      if (!path) break;
      paths_.push_back(path->text);
    }
    if (const Field* p = find(fields, "profiles")) {
      simdjson::dom::array ids;
      simdjson::padded_string padded(p->json);
      if (!parser_.parse(padded).get(ids))
        for (auto id : ids) {
          std::string_view s;
          profiles_.emplace_back(id.get(s) ? std::string_view() : s);
        }
    }
  }

  // The number after the last colon of `s`, which is cut off; nullopt if none.
  static std::optional<std::int64_t> take_number(std::string_view& s) {
    auto colon = s.rfind(':');
    if (colon == std::string_view::npos) return std::nullopt;
    std::int64_t number = 0;
    const char* end = s.data() + s.size();
    auto [ptr, ec] = std::from_chars(s.data() + colon + 1, end, number);
    if (ec != std::errc() || ptr != end) return std::nullopt;
    s = s.substr(0, colon);
    return number;
  }

  // "path:line" or "path:line:column" (JSON arrays) and the profile, as
  // positions in this record's run line.
  bool set_key(Line& line) {
    const Field* source = find(line.fields, "source");
    if (!source || source->json.front() != '"') return false;
    line.source = source->text;
    std::string_view path = line.source;
    auto number = take_number(path);
    if (!number) return false;
    std::int64_t column = 0;
    auto input = input_index(path);
    if (input < 0) {
      // "path:line:column": what was taken is the column.
      auto line_number = take_number(path);
      input = line_number ? input_index(path) : -1;
      if (input < 0) return false;
      column = *number;
      number = line_number;
    }
    std::int64_t profile = -1;
    const Field* id = find(line.fields, "profile");
    if (id && id->json != "null") {
      for (std::size_t i = 0; i < profiles_.size(); ++i)
        if (profiles_[i] == id->text) profile = static_cast<std::int64_t>(i);
      if (profile < 0) profile = static_cast<std::int64_t>(profiles_.size());
    }
    line.key = {input, *number, column, profile};
    return true;
  }

  // Searches from the last input found, since decisions come input by input
  // and the same path may be given twice.
  std::int64_t input_index(std::string_view path) {
    for (std::size_t i = cursor_; i < paths_.size(); ++i)
      if (paths_[i] == path) return static_cast<std::int64_t>(cursor_ = i);
    for (std::size_t i = 0; i < cursor_ && i < paths_.size(); ++i)
      if (paths_[i] == path) return static_cast<std::int64_t>(i);
    return -1;
  }

  RecordText& in_;
  simdjson::dom::parser& parser_;
  std::string text_;
  std::vector<std::string> paths_;
  std::vector<std::string> profiles_;
  std::size_t cursor_ = 0;
};

class Comparer {
 public:
  Comparer(RecordText& recorded, RecordText& recomputed, std::size_t keep)
      : recorded_(recorded, parser_), recomputed_(recomputed, parser_), keep_(keep) {}

  VerifyResult run() {
    Line a = recorded_.next();
    Line b = recomputed_.next();
    if (a.kind == LineKind::kRun) {
      compare_run(a.fields, b.fields);
      a = recorded_.next();
    } else {
      add({VerifyDifference::Kind::kMalformed, "line 1", "not a run line", {}, {}});
      if (a.kind == LineKind::kMalformed) a = recorded_.next();
    }
    b = recomputed_.next();
    while (true) {
      if (a.kind == LineKind::kMalformed) {
        add_malformed(a);
        a = recorded_.next();
      } else if (b.kind == LineKind::kMalformed || b.kind == LineKind::kRun) {
        b = recomputed_.next();  // cannot happen: the fresh run writes it
      } else if (a.kind == LineKind::kRun) {
        add_malformed(a);
        a = recorded_.next();
      } else if (a.kind == LineKind::kDecision && b.kind == LineKind::kDecision) {
        if (a.key == b.key) {
          compare_decision(a, b);
          a = recorded_.next();
          b = recomputed_.next();
        } else if (a.key < b.key) {
          add_extra(a);
          a = recorded_.next();
        } else {
          add_missing(b);
          b = recomputed_.next();
        }
      } else if (a.kind == LineKind::kDecision) {
        add_extra(a);
        a = recorded_.next();
      } else if (b.kind == LineKind::kDecision) {
        add_missing(b);
        b = recomputed_.next();
      } else {
        break;  // both at their summary or end
      }
    }
    finish(a, b);
    return std::move(result_);
  }

 private:
  void add(VerifyDifference d) {
    ++result_.total;
    using Kind = VerifyDifference::Kind;
    if (d.kind == Kind::kHash) result_.changed_files.push_back(d.subject);
    if (d.kind == Kind::kMalformed) ++result_.malformed;
    if (d.subject == "run" && d.kind == Kind::kField) ++result_.run_fields;
    if (d.subject == "summary") ++result_.summary_fields;
    if (result_.differences.size() < keep_) result_.differences.push_back(std::move(d));
  }

  void add_malformed(const Line& line) {
    add({VerifyDifference::Kind::kMalformed, "line " + std::to_string(line.number),
         line.kind == LineKind::kRun ? "a second run line" : "not a line of a decision record",
         {}, {}});
  }

  static std::string subject(const Line& line) {
    auto text = [&](const char* name) {
      const Field* f = find(line.fields, name);
      return !f || f->json == "null" ? std::string("-") : f->text;
    };
    return line.source + " (" + text("id") + ", " + text("profile") + ")";
  }

  void add_extra(const Line& line) {
    ++result_.extra;
    add({VerifyDifference::Kind::kExtra, subject(line), {}, {}, {}});
  }

  void add_missing(const Line& line) {
    ++result_.missing;
    add({VerifyDifference::Kind::kMissing, subject(line), {}, {}, {}});
  }

  void compare_decision(const Line& a, const Line& b) {
    ++result_.compared;
    static constexpr const char* kFields[] = {"id",     "profile", "status", "score",
                                              "rank",   "reason",  "checks", "points"};
    bool differs = false;
    for (const char* name : kFields) {
      const Field* x = find(a.fields, name);
      const Field* y = find(b.fields, name);
      std::string xs = x ? x->json : std::string(), ys = y ? y->json : std::string();
      if (xs == ys) continue;
      differs = true;
      add({VerifyDifference::Kind::kField, subject(a), name, xs, ys});
    }
    if (differs) ++result_.differ;
  }

  void compare_run(const Fields& a, const Fields& b) {
    std::size_t na = count_inputs(a), nb = count_inputs(b);
    result_.inputs = static_cast<std::int64_t>(nb);
    if (na != nb)
      add({VerifyDifference::Kind::kField, "run", "number of inputs", std::to_string(na),
           std::to_string(nb)});
    for (const auto& f : a) {
      if (f.name == "kind" || f.name == "rules.path" || beyond(f.name, std::min(na, nb)))
        continue;
      const Field* g = find(b, f.name);
      if (g && g->json == f.json) continue;
      if (f.name.ends_with(".path") && g) {
        result_.notes.push_back("input " + std::to_string(input_index(f.name) + 1) +
                                " was recorded as '" + f.text + "', now '" + g->text + "'");
      } else if (f.name.ends_with("sha256") && g) {
        std::string path_name = f.name.substr(0, f.name.size() - 6) + "path";
        const Field* path = find(b, path_name);
        add({VerifyDifference::Kind::kHash, path ? path->text : f.name, "sha256", f.text,
             g->text});
      } else {
        add({VerifyDifference::Kind::kField, "run", f.name, f.json, g ? g->json : ""});
      }
    }
    for (const auto& g : b)
      if (!find(a, g.name) && !beyond(g.name, std::min(na, nb)))
        add({VerifyDifference::Kind::kField, "run", g.name, {}, g.json});
  }

  static std::size_t count_inputs(const Fields& fields) {
    std::size_t n = 0;
    while (find(fields, "inputs[" + std::to_string(n) + "].path")) ++n;
    return n;
  }

  // The N of "inputs[N].field".
  static std::size_t input_index(const std::string& name) {
    std::size_t index = 0;
    std::from_chars(name.data() + 7, name.data() + name.size(), index);
    return index;
  }

  // True for a field of an input that only one record has.
  static bool beyond(const std::string& name, std::size_t inputs) {
    return name.starts_with("inputs[") && input_index(name) >= inputs;
  }

  void finish(Line& a, Line& b) {
    if (a.kind == LineKind::kSummary && b.kind == LineKind::kSummary) {
      for (const auto& f : a.fields) {
        const Field* g = find(b.fields, f.name);
        if (f.name == "kind" || (g && g->json == f.json)) continue;
        add({VerifyDifference::Kind::kField, "summary", f.name, f.json, g ? g->json : ""});
      }
      for (const auto& g : b.fields)
        if (!find(a.fields, g.name))
          add({VerifyDifference::Kind::kField, "summary", g.name, {}, g.json});
    } else if (b.kind == LineKind::kSummary) {
      add({VerifyDifference::Kind::kMissing, "summary", {}, {}, {}});
    } else if (a.kind == LineKind::kSummary) {
      add({VerifyDifference::Kind::kExtra, "summary", {}, {}, {}});
    }
    if (a.kind != LineKind::kEnd)
      for (a = recorded_.next(); a.kind != LineKind::kEnd; a = recorded_.next())
        add({VerifyDifference::Kind::kMalformed, "line " + std::to_string(a.number),
             "after the summary line", {}, {}});
  }

  simdjson::dom::parser parser_;
  LineReader recorded_;
  LineReader recomputed_;
  std::size_t keep_;
  VerifyResult result_;
};

// Long values (a decision's checks) are cut, on a UTF-8 character boundary.
std::string shorten(const std::string& value) {
  constexpr std::size_t kMax = 200;
  if (value.empty()) return "absent";
  if (value.size() <= kMax) return value;
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
  return value.substr(0, cut) + "...";
}

std::optional<Encoding> parse_encoding(std::string_view name) {
  if (name == "utf-8") return Encoding::kUtf8;
  if (name == "latin1") return Encoding::kLatin1;
  if (name == "windows-1252") return Encoding::kWindows1252;
  return std::nullopt;
}

RecordedInput recorded_input(simdjson::dom::object in) {
  RecordedInput out;
  std::string_view s;
  if (!in["path"].get(s)) out.path = s;
  if (!in["sha256"].get(s)) out.sha256 = s;
  if (!in["format"].get(s)) out.format = parse_input_format(s);
  if (!in["encoding"].get(s)) out.encoding = parse_encoding(s);
  if (!in["delimiter"].get(s) && s.size() == 1) out.delimiter = s[0];
  if (!in["sheet"].get(s)) out.sheet = s;
  return out;
}

}  // namespace

RecordedRun read_recorded_run(const std::string& path) {
  RecordText in(path);
  std::string line;
  if (!in.next(line)) throw InputError(path, 0, 0, "the decision record is empty");
  simdjson::dom::parser parser;
  simdjson::padded_string padded(line);
  simdjson::dom::object run;
  std::string_view kind, sha;
  simdjson::dom::array inputs, profiles;
  if (parser.parse(padded).get(run) || run["kind"].get(kind) || kind != "run" ||
      run.at_pointer("/rules/sha256").get(sha) || run["inputs"].get(inputs) ||
      run["profiles"].get(profiles))
    throw InputError(path, 1, 0, "the first line is not the run line of a decision record");
  RecordedRun out;
  out.rules_sha256 = sha;
  std::string_view rules_path;
  if (!run.at_pointer("/rules/path").get(rules_path)) out.rules_path = rules_path;
  for (auto item : inputs) {
    simdjson::dom::object object;
    if (!item.get(object)) out.inputs.push_back(recorded_input(object));
  }
  for (auto item : profiles) {
    std::string_view id;
    if (!item.get(id)) out.profiles.emplace_back(id);
  }
  return out;
}

std::string describe(const VerifyDifference& d) {
  using Kind = VerifyDifference::Kind;
  switch (d.kind) {
    case Kind::kHash:
      return d.subject + ": sha256 differs from the run's (recorded " + d.recorded + ", now " +
             d.recomputed + ")";
    case Kind::kMissing:
      return d.subject + ": recomputed, but missing from the decision record";
    case Kind::kExtra:
      return d.subject + ": in the decision record, but not recomputed";
    case Kind::kMalformed:
      return d.subject + ": " + d.field;
    case Kind::kField:
      break;
  }
  return d.subject + ": " + d.field + ": recorded " + shorten(d.recorded) + ", recomputed " +
         shorten(d.recomputed);
}

VerifyResult compare_decision_records(const std::string& recorded, const std::string& recomputed,
                                      std::size_t keep) {
  RecordText recorded_text(recorded);
  RecordText recomputed_text(recomputed);
  return Comparer(recorded_text, recomputed_text, keep).run();
}

}  // namespace shortlist
