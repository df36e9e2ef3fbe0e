// What counted in a score rule, worked out from a record read again (see
// explain_evidence.hpp). It follows screening's counting: a list item counts
// once by its distinct key, only when it is in `count_in` if that is given;
// a phrase counts once however often it is found.
#include "audit/explain_evidence.hpp"
#include "audit/plain_words.hpp"

#include <algorithm>
#include <set>

#include "shortlist/evaluate.hpp"

namespace shortlist {
using plain::in_quotes;
namespace {

// An item as the applicant wrote it.
std::string item_text(const Scalar& item) {
  if (const auto* t = std::get_if<Text>(&item)) return t->original;
  if (const auto* s = std::get_if<std::string>(&item)) return *s;
  if (const auto* d = std::get_if<Decimal>(&item)) return d->to_string();
  return distinct_key(item);
}

void collect_phrases(const Condition& c, const std::vector<TypedValue>& values,
                     std::vector<std::string>& out, std::set<std::string>& seen) {
  for (const auto& child : c.children) collect_phrases(child, values, out, seen);
  if (!c.phrases || c.field < 0) return;
  const TypedValue& v = values[static_cast<std::size_t>(c.field)];
  if (!v.ok()) return;
  std::vector<bool> found;
  for (const auto& item : v.items)
    if (const auto* t = std::get_if<Text>(&item)) c.phrases->find(t->normalized, found);
  for (std::size_t i = 0; i < found.size(); ++i)
    if (found[i] && seen.insert(c.phrases->phrase(i)).second) out.push_back(c.phrases->phrase(i));
}

// "3 × 2 = 6", then ", at most 10" when `max` cut it.
std::string calculation(Decimal count, const ScoreRule& rule) {
  std::string out = count.to_string() + " × " + rule.each.to_string();
  const auto product = rule.each.times(count);
  if (!product) return out;
  out += " = " + product->to_string();
  if (rule.max && *rule.max < *product) out += ", at most " + rule.max->to_string();
  return out;
}

bool has_phrases(const Condition& c) {
  if (c.phrases) return true;
  return std::any_of(c.children.begin(), c.children.end(), has_phrases);
}

}  // namespace

std::vector<std::string> phrases_found(const Condition& condition,
                                       const std::vector<TypedValue>& values) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  collect_phrases(condition, values, out, seen);
  return out;
}

void add_score_evidence(PointsExplanation& p, const ScoreRule& rule,
                        const std::vector<TypedValue>& values) {
  if (rule.kind == ScoreRule::Kind::kPoints) {
    // Only a rule on phrases has something to show beyond its points.
    p.evidence = has_phrases(rule.condition);
    if (p.evidence) p.counted = phrases_found(rule.condition, values);
    return;
  }
  p.evidence = true;
  const TypedValue& v = values[static_cast<std::size_t>(rule.field)];
  if (!v.ok()) return;
  switch (rule.kind) {
    case ScoreRule::Kind::kEachNumber:
      p.calculation = calculation(std::get<Decimal>(v.items.front()), rule);
      return;
    case ScoreRule::Kind::kEachItem: {
      std::vector<std::pair<std::string, std::string>> kept;  // key, as written
      for (const Scalar& item : v.items) {
        const std::string key = distinct_key(item);
        const std::string written = item_text(item);
        if (rule.count_in && !rule.count_in_keys.contains(key)) {
          p.not_counted.push_back({written, "not in the rule's list"});
          continue;
        }
        auto same = std::find_if(kept.begin(), kept.end(),
                                 [&](const auto& k) { return k.first == key; });
        if (same != kept.end()) {
          p.not_counted.push_back({written, "the same as " + in_quotes(same->second)});
          continue;
        }
        kept.emplace_back(key, written);
        p.counted.push_back(written);
      }
      p.calculation = calculation(Decimal::from_int(static_cast<std::int64_t>(p.counted.size())), rule);
      return;
    }
    case ScoreRule::Kind::kCountPhrases: {
      std::vector<bool> found;
      for (const auto& item : v.items)
        if (const auto* t = std::get_if<Text>(&item)) rule.phrases->find(t->normalized, found);
      for (std::size_t i = 0; i < found.size(); ++i)
        if (found[i]) p.counted.push_back(rule.phrases->phrase(i));
      p.calculation = calculation(Decimal::from_int(static_cast<std::int64_t>(p.counted.size())), rule);
      return;
    }
    case ScoreRule::Kind::kPoints:
      return;
  }
}

}  // namespace shortlist
