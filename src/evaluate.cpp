#include "shortlist/evaluate.hpp"

#include <re2/re2.h>

#include <algorithm>

namespace shortlist {
namespace {

// Orders two items of the same comparable kind; nullopt when they are not
// comparable (never happens for literals the loader converted).
std::optional<std::strong_ordering> compare(const Scalar& a, const Scalar& b) {
  if (a.index() != b.index()) return std::nullopt;
  if (auto* x = std::get_if<Decimal>(&a)) return *x <=> std::get<Decimal>(b);
  if (auto* x = std::get_if<Ordinal>(&a)) return *x <=> std::get<Ordinal>(b);
  if (auto* x = std::get_if<Date>(&a)) return *x <=> std::get<Date>(b);
  if (auto* x = std::get_if<Instant>(&a)) return *x <=> std::get<Instant>(b);
  return std::nullopt;
}

bool holds(const std::optional<std::strong_ordering>& c, Op op) {
  if (!c) return false;
  switch (op) {
    case Op::kAtLeast: case Op::kNotBefore: return *c >= 0;
    case Op::kAtMost: case Op::kNotAfter: return *c <= 0;
    case Op::kBefore: return *c < 0;
    case Op::kAfter: return *c > 0;
    default: return false;
  }
}

bool in_list(const Scalar& item, const std::vector<Scalar>& list) {
  return std::any_of(list.begin(), list.end(),
                     [&](const Scalar& s) { return scalar_equal(item, s); });
}

// The positive form of a leaf operator on one item.
bool item_holds(const Condition& c, const Scalar& item) {
  switch (c.op) {
    case Op::kEquals: case Op::kNotEquals:
      return scalar_equal(item, c.operands.front());
    case Op::kIn: case Op::kNotIn:
      return in_list(item, c.operands);
    case Op::kAtLeast: case Op::kAtMost:
    case Op::kBefore: case Op::kAfter: case Op::kNotAfter: case Op::kNotBefore:
      return holds(compare(item, c.operands.front()), c.op);
    case Op::kBetween:
      return holds(compare(item, c.operands[0]), Op::kAtLeast) &&
             holds(compare(item, c.operands[1]), Op::kAtMost);
    case Op::kMatches: {
      if (auto* s = std::get_if<std::string>(&item)) return RE2::PartialMatch(*s, *c.regex);
      if (auto* t = std::get_if<Text>(&item)) return RE2::PartialMatch(t->original, *c.regex);
      return false;
    }
    default:
      return false;
  }
}

Truth from_bool(bool b) { return b ? Truth::kTrue : Truth::kFalse; }

Truth evaluate_phrases(const Condition& c, const TypedValue& v) {
  std::vector<bool> found;
  for (const auto& item : v.items)
    if (auto* t = std::get_if<Text>(&item)) c.phrases->find(t->normalized, found);
  found.resize(c.phrases->size());
  bool any = std::find(found.begin(), found.end(), true) != found.end();
  switch (c.op) {
    case Op::kContainsAny: return from_bool(any);
    case Op::kContainsNone: return from_bool(!any);
    default:  // kContainsAll
      return from_bool(c.phrases->size() > 0 &&
                       std::find(found.begin(), found.end(), false) == found.end());
  }
}

Truth evaluate_leaf(const Condition& c, const std::vector<TypedValue>& values) {
  const TypedValue& v = values[static_cast<std::size_t>(c.field)];
  if (c.op == Op::kPresent)
    return from_bool((v.state != TypedValue::State::kMissing) == c.present);
  if (!v.ok()) return Truth::kUndetermined;
  if (c.op == Op::kContainsAny || c.op == Op::kContainsAll || c.op == Op::kContainsNone)
    return evaluate_phrases(c, v);
  bool any = std::any_of(v.items.begin(), v.items.end(),
                         [&](const Scalar& item) { return item_holds(c, item); });
  bool negative = c.op == Op::kNotEquals || c.op == Op::kNotIn;
  return from_bool(negative ? !any : any);
}

}  // namespace

bool scalar_equal(const Scalar& a, const Scalar& b) {
  if (a.index() != b.index()) return false;
  if (auto* t = std::get_if<Text>(&a)) return t->normalized == std::get<Text>(b).normalized;
  return a == b;
}

Truth evaluate(const Condition& c, const std::vector<TypedValue>& values) {
  switch (c.op) {
    case Op::kAll: {
      // Kleene logic: one false decides; otherwise one undetermined leaves it open.
      Truth result = Truth::kTrue;
      for (const auto& child : c.children) {
        Truth t = evaluate(child, values);
        if (t == Truth::kFalse) return Truth::kFalse;
        if (t == Truth::kUndetermined) result = Truth::kUndetermined;
      }
      return result;
    }
    case Op::kAny: {
      Truth result = Truth::kFalse;
      for (const auto& child : c.children) {
        Truth t = evaluate(child, values);
        if (t == Truth::kTrue) return Truth::kTrue;
        if (t == Truth::kUndetermined) result = Truth::kUndetermined;
      }
      return result;
    }
    case Op::kNot: {
      Truth t = evaluate(c.children.front(), values);
      if (t == Truth::kUndetermined) return t;
      return from_bool(t == Truth::kFalse);
    }
    default:
      return evaluate_leaf(c, values);
  }
}

void condition_fields(const Condition& c, std::vector<int>& fields) {
  if (c.field >= 0 && std::find(fields.begin(), fields.end(), c.field) == fields.end())
    fields.push_back(c.field);
  for (const auto& child : c.children) condition_fields(child, fields);
}

}  // namespace shortlist
