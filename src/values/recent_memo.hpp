#pragma once
// A small cache of recent answers, one per thread, for lookups whose answer
// depends only on a short text and that the same texts repeat in every
// export: a country written as a name ("Deutschland", "Ελλάδα") costs a
// Unicode normalization and a hash lookup each time, and a file of a million
// applicants holds a few hundred distinct ones. Direct-mapped and of a fixed
// size, so memory never grows with the input; a pure memo, so answers do not
// depend on what came before.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace shortlist {

template <class Value>
class RecentMemo {
 public:
  /// Texts longer than this are never kept: each slot's text stays small.
  static constexpr std::size_t kMaxKey = 64;

  /// The answer for `key`: compute(key) the first time, and while its slot
  /// keeps it.
  template <class Compute>
  Value get(std::string_view key, Compute compute) {
    if (key.size() > kMaxKey) return compute(key);
    if (slots_.empty()) slots_.resize(kSlots);
    Slot& slot = slots_[std::hash<std::string_view>{}(key) & (kSlots - 1)];
    if (!slot.used || slot.key != key) {
      slot.value = compute(key);
      slot.key.assign(key);
      slot.used = true;
    }
    return slot.value;
  }

 private:
  static constexpr std::size_t kSlots = 1024;
  struct Slot {
    std::string key;
    Value value{};
    bool used = false;
  };
  std::vector<Slot> slots_;
};

}  // namespace shortlist
