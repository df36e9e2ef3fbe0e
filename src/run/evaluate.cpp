// Evaluating conditions in three-valued logic (SPEC 3.2).
//
// Each item of a value is judged true, false or undetermined; a list combines
// its items like `any` (or, for the negative operators, like `not any`); and
// all/any/not combine conditions in Kleene logic. Undetermined has three
// causes: a missing value, an unreadable one, and a value that was read but
// proves nothing either way. The cause travels up with the result (a Doubt),
// and only from parts that stayed undetermined, because the caller applies a
// rule's on_missing or on_unreadable to it: a reason must never come from a
// value that did not decide the outcome.
#include "shortlist/evaluate.hpp"

#include <re2/re2.h>
#include <fmt/format.h>

#include <algorithm>

#include "shortlist/text.hpp"

namespace shortlist {
namespace {

Truth from_bool(bool b) { return b ? Truth::kTrue : Truth::kFalse; }

Truth negate(Truth t) {
  if (t == Truth::kUndetermined) return t;
  return from_bool(t == Truth::kFalse);
}

// Kleene and: one false decides; otherwise one undetermined leaves it open.
Truth both(Truth a, Truth b) {
  if (a == Truth::kFalse || b == Truth::kFalse) return Truth::kFalse;
  if (a == Truth::kUndetermined || b == Truth::kUndetermined) return Truth::kUndetermined;
  return Truth::kTrue;
}

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

// Whether `item OP operand` holds, given how they compare.
bool holds(std::strong_ordering c, Op op) {
  switch (op) {
    case Op::kAtLeast: case Op::kNotBefore: return c >= 0;
    case Op::kAtMost: case Op::kNotAfter: return c <= 0;
    case Op::kBefore: return c < 0;
    case Op::kAfter: return c > 0;
    default: return false;
  }
}

// Keeps in `into` the stronger of two causes: unproven, then unreadable, then
// missing; the first on a tie.
void keep_stronger(Doubt& into, Doubt&& other) {
  if (static_cast<int>(other.kind) > static_cast<int>(into.kind)) into = std::move(other);
}

// A date against an instant: the date is its whole day in the call's zone. The
// comparison is decided when it comes out the same at the day's first and last
// moments; otherwise the day straddles the instant and a date alone cannot say.
Truth compare_day(Date date, const InstantDay& instant, Op op, std::string& doubt) {
  std::strong_ordering first = date <=> instant.day;
  std::strong_ordering last = first;
  if (date == instant.day) {
    first = instant.at_day_start ? std::strong_ordering::equal : std::strong_ordering::less;
    last = std::strong_ordering::greater;
  }
  const bool at_first = holds(first, op);
  if (at_first == holds(last, op)) return from_bool(at_first);
  doubt = fmt::format("{} includes {}: a date alone does not tell which side of it",
                      format_date(date), instant.text);
  return Truth::kUndetermined;
}

// `item OP operands[k]` for the ordering operators.
Truth compare_item(const Condition& c, const Scalar& item, std::size_t k, Op op,
                   std::string& doubt) {
  const Scalar& operand = c.operands[k];
  if (const Date* d = std::get_if<Date>(&item); d && std::holds_alternative<Instant>(operand))
    return compare_day(*d, c.instant_days[k], op, doubt);
  const auto order = compare(item, operand);
  return from_bool(order && holds(*order, op));
}

// Whether `item` is among the operands. A country that is a territory of a
// listed state is undetermined: its people usually hold that state's
// nationality, but the value does not prove it.
Truth member(const Condition& c, const Scalar& item, std::string& doubt) {
  const auto* code = std::get_if<std::string>(&item);
  if (!c.packed_strings.empty()) {
    // Short codes, a number each: a longer string is none of them, nor a
    // territory of theirs.
    std::uint64_t packed = 0;
    if (code == nullptr || !pack_short_string(*code, packed)) return Truth::kFalse;
    if (std::binary_search(c.packed_strings.begin(), c.packed_strings.end(), packed)) return Truth::kTrue;
    const auto t = std::lower_bound(c.packed_territories.begin(), c.packed_territories.end(),
                                    std::pair<std::uint64_t, std::uint32_t>{packed, 0});
    if (t == c.packed_territories.end() || t->first != packed) return Truth::kFalse;
    const auto& [territory, state] = c.territories[t->second];
    doubt = fmt::format("{}: territory of {}", territory, state);
    return Truth::kUndetermined;
  }
  if (!c.sorted_strings.empty()) {
    // Every operand is a string: only a string can equal one.
    if (code != nullptr && std::binary_search(c.sorted_strings.begin(), c.sorted_strings.end(), *code))
      return Truth::kTrue;
  } else {
    const auto equal = [&](const Scalar& s) { return scalar_equal(item, s); };
    if (std::any_of(c.operands.begin(), c.operands.end(), equal)) return Truth::kTrue;
  }
  if (c.territories.empty() || code == nullptr) return Truth::kFalse;
  const auto by_code = [](const auto& t, const std::string& wanted) { return t.first < wanted; };
  const auto t = std::lower_bound(c.territories.begin(), c.territories.end(), *code, by_code);
  if (t == c.territories.end() || t->first != *code) return Truth::kFalse;
  doubt = fmt::format("{}: territory of {}", t->first, t->second);
  return Truth::kUndetermined;
}

// The positive form of a leaf operator on one item.
Truth item_truth(const Condition& c, const Scalar& item, std::string& doubt) {
  switch (c.op) {
    case Op::kEquals: case Op::kNotEquals:
    case Op::kIn: case Op::kNotIn:
      return member(c, item, doubt);
    case Op::kAtLeast: case Op::kAtMost:
    case Op::kBefore: case Op::kAfter: case Op::kNotAfter: case Op::kNotBefore:
      return compare_item(c, item, 0, c.op, doubt);
    case Op::kBetween:
      return both(compare_item(c, item, 0, Op::kAtLeast, doubt),
                  compare_item(c, item, 1, Op::kAtMost, doubt));
    case Op::kMatches: {
      if (auto* s = std::get_if<std::string>(&item)) return from_bool(RE2::PartialMatch(*s, *c.regex));
      if (auto* t = std::get_if<Text>(&item))
        return from_bool(RE2::PartialMatch(t->original, *c.regex));
      return Truth::kFalse;
    }
    default:
      return Truth::kFalse;
  }
}

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

Truth evaluate_leaf(const Condition& c, const std::vector<TypedValue>& values, Doubt& doubt) {
  const TypedValue& v = values[static_cast<std::size_t>(c.field)];
  if (c.op == Op::kPresent)
    return from_bool((v.state != TypedValue::State::kMissing) == c.present);
  if (!v.ok()) {
    doubt.kind = v.state == TypedValue::State::kMissing ? Doubt::Kind::kMissing
                                                        : Doubt::Kind::kUnreadable;
    doubt.field = c.field;
    return Truth::kUndetermined;
  }
  if (c.op == Op::kContainsAny || c.op == Op::kContainsAll || c.op == Op::kContainsNone)
    return evaluate_phrases(c, v);
  // Items combine like `any`: one true decides, else one undetermined leaves it open.
  Truth any = Truth::kFalse;
  std::string first_doubt;
  for (const Scalar& item : v.items) {
    std::string item_doubt;
    const Truth t = item_truth(c, item, item_doubt);
    if (t == Truth::kTrue) {
      any = t;
      break;
    }
    if (t == Truth::kUndetermined && any == Truth::kFalse) {
      any = t;
      first_doubt = std::move(item_doubt);
    }
  }
  if (any == Truth::kUndetermined) {
    doubt.kind = Doubt::Kind::kUnproven;
    doubt.reason = std::move(first_doubt);
  }
  const bool negative = c.op == Op::kNotEquals || c.op == Op::kNotIn;
  return negative ? negate(any) : any;
}

Truth evaluate_into(const Condition& c, const std::vector<TypedValue>& values, Doubt& doubt) {
  switch (c.op) {
    case Op::kAll:
    case Op::kAny: {
      const Truth decisive = c.op == Op::kAll ? Truth::kFalse : Truth::kTrue;
      Truth result = c.op == Op::kAll ? Truth::kTrue : Truth::kFalse;
      Doubt open;
      for (const auto& child : c.children) {
        Doubt child_doubt;
        const Truth t = evaluate_into(child, values, child_doubt);
        if (t == decisive) return t;
        if (t == Truth::kUndetermined) {
          keep_stronger(open, std::move(child_doubt));
          result = Truth::kUndetermined;
        }
      }
      if (result == Truth::kUndetermined) doubt = std::move(open);
      return result;
    }
    case Op::kNot:
      return negate(evaluate_into(c.children.front(), values, doubt));
    default:
      return evaluate_leaf(c, values, doubt);
  }
}

}  // namespace

bool scalar_equal(const Scalar& a, const Scalar& b) {
  if (a.index() != b.index()) return false;
  if (auto* s = std::get_if<std::string>(&a)) {
    // Codes and short strings, compared against long lists (`in: EU`): most
    // differ in their size or first byte.
    const std::string& t = std::get<std::string>(b);
    return s->size() == t.size() && (s->empty() || (*s)[0] == t[0]) && *s == t;
  }
  if (auto* t = std::get_if<Text>(&a)) return t->normalized == std::get<Text>(b).normalized;
  return a == b;
}

Truth evaluate(const Condition& c, const std::vector<TypedValue>& values, Doubt* doubt) {
  Doubt found;
  const Truth t = evaluate_into(c, values, found);
  if (t == Truth::kUndetermined && doubt != nullptr) *doubt = std::move(found);
  return t;
}

void condition_fields(const Condition& c, std::vector<int>& fields) {
  if (c.field >= 0 && std::find(fields.begin(), fields.end(), c.field) == fields.end())
    fields.push_back(c.field);
  for (const auto& child : c.children) condition_fields(child, fields);
}

std::string distinct_key(const Scalar& item) {
  struct Visitor {
    std::string operator()(const std::string& s) { return compact_key(fold_key(s)); }
    std::string operator()(const Text& t) { return compact_key(t.normalized); }
    std::string operator()(const Decimal& d) { return d.to_string(); }
    std::string operator()(bool b) { return b ? "true" : "false"; }
    std::string operator()(Ordinal o) { return std::to_string(o.index); }
    std::string operator()(Date d) { return std::to_string(d.days); }
    std::string operator()(Instant t) { return std::to_string(t.ns); }
  };
  return std::visit(Visitor{}, item);
}

}  // namespace shortlist
