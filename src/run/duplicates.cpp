// Duplicate ids (SPEC 4.4, per profile since v1.1).
//
// An export often holds one applicant twice: a resubmission after a fix, a
// double click, two exports merged. The rules say what then happens, for each
// profile on its own (a person may apply for two profiles once each):
//
// - `review` (the default): every record of the id goes to a person, with the
//   reason `duplicate-id`. Which record is the real one is a judgement about
//   a person's application, and a guess could reject a qualified applicant
//   for a typo in a resubmission. The first record, which looked fine until
//   the second arrived, is taken back too: the verdict for it is emitted
//   when the second record shows that there is a group at all.
// - `first`: the first record in input order is screened; the later ones are
//   `duplicate`, not screened, so they can neither rank nor fail.
// - `last`: the last record is screened, the earlier ones are `duplicate`:
//   each record's verdict is emitted when the next one arrives, so the last
//   never gets one.
//
// Input order is the order of the inputs on the command line, then of their
// records: it is what an auditor can see in the files, and it does not depend
// on threads. The groups come from an external sort (run/screen_run.cpp), so
// memory does not grow with the number of ids, and this class holds only the
// group in progress.
#include "run/duplicates.hpp"

namespace shortlist {

void DuplicateGroups::add(const DupEntry& entry) {
  ++size_;
  if (size_ == 1) first_ = entry;
  switch (policy_) {
    case DuplicatePolicy::kReview:
      if (size_ == 2) verdict_(first_, DupVerdict::kReview);
      if (size_ >= 2) verdict_(entry, DupVerdict::kReview);
      break;
    case DuplicatePolicy::kFirst:
      if (size_ >= 2) verdict_(entry, DupVerdict::kDuplicate);
      break;
    case DuplicatePolicy::kLast:
      if (size_ >= 2) verdict_(previous_, DupVerdict::kDuplicate);
      break;
  }
  previous_ = entry;
}

}  // namespace shortlist
