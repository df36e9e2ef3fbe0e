#pragma once
// The worksheet names of an XLSX shortlist (SPEC 6 v1.1: one sheet per
// profile, named by its id, cut to 31 characters), made into names Excel
// accepts and that are all distinct. The rule, in docs/behaviour.md:
//
//   1. [ ] : * ? / \ and control characters become '_'; so does a byte that
//      is not UTF-8, and U+FFFE and U+FFFF, which XML cannot hold.
//   2. The name is cut to 31 UTF-16 units (a character past U+FFFF counts
//      two, as in Excel), never inside a character.
//   3. An apostrophe at either end becomes '_' (Excel refuses it there).
//   4. A name that Excel would take for one already given (letter case
//      aside, as Excel compares them) or for its reserved "History" gets
//      " (2)", " (3)"... the first number free, the name cut to leave room.
//
// Names are given in the order asked, which is the profiles' rules order.
#include <string>
#include <string_view>
#include <unordered_set>

namespace shortlist {

/// Excel's longest worksheet name, in UTF-16 units.
constexpr std::size_t kSheetNameMax = 31;

class XlsxSheetNames {
 public:
  XlsxSheetNames();
  /// The name for the sheet of the profile `id`: valid, and distinct from
  /// every name this object gave before.
  std::string add(std::string_view id);

 private:
  std::unordered_set<std::string> taken_;  ///< case-folded
};

}  // namespace shortlist
