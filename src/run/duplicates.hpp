#pragma once
// Which records of one applicant a call keeps (SPEC 4.4). See duplicates.cpp.
#include <cstdint>
#include <functional>
#include <string>

#include "shortlist/rules.hpp"
#include "shortlist/status.hpp"

namespace shortlist {

/// What a duplicate id does to an entry.
enum class DupVerdict : std::uint8_t {
  kReview = 1,     ///< `duplicates: review`: every record of the id goes to a person
  kDuplicate = 2,  ///< `first`/`last`: not screened; another record of the id is
};

/// One entry of a (profile, id) group, as the group's records arrive.
struct DupEntry {
  std::int64_t seq = 0;                 ///< the record's sequence number
  Status status = Status::kEligible;    ///< as the record alone decided it
  /// An eligible entry's place in the ranking (its sort key there), so that
  /// a verdict can take it out; empty for the others.
  std::string rank_key;
};

/// Applies a duplicate policy to the records of each (profile, id), which
/// arrive together and in input order: start_group() at each new group,
/// then add() for each of its records. `verdict` is called once for every
/// entry that gets one, with the entry and its verdict; entries that get
/// none keep the status they had. An entry's verdict comes in its own add()
/// or in the next one of its group, never later (settling relies on it to
/// know when an entry's status is final).
class DuplicateGroups {
 public:
  using Emit = std::function<void(const DupEntry&, DupVerdict)>;
  DuplicateGroups(DuplicatePolicy policy, Emit verdict)
      : policy_(policy), verdict_(std::move(verdict)) {}

  void start_group() { size_ = 0; }
  void add(const DupEntry& entry);

 private:
  DuplicatePolicy policy_;
  Emit verdict_;
  std::int64_t size_ = 0;  ///< entries of the group so far
  DupEntry first_, previous_;
};

}  // namespace shortlist
