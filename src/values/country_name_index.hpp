#pragma once
// The index resolve_country searches for names (country.cpp): each folded
// name to its alpha-2 code, either the table folded at build time
// (country_index_table.hpp) or the names folded now (country_names.hpp).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "values/country_index_table.hpp"

namespace shortlist {

class CountryNameIndex {
 public:
  /// True when the build's table may be used: it was folded with the
  /// utf8proc loaded now, so folding now would give the same keys.
  static bool build_table_usable();
  /// The build's table with `from_build`, else the names folded now.
  explicit CountryNameIndex(bool from_build);
  CountryNameIndex(const CountryNameIndex&) = delete;  // text_ and names_ may refer to folded_
  CountryNameIndex& operator=(const CountryNameIndex&) = delete;

  bool from_build() const { return folded_.empty(); }
  /// The alpha-2 code of the folded name `key`, a view of static or of this
  /// index's storage; nullopt if no country has that name.
  std::optional<std::string_view> find(std::string_view key) const;

 private:
  using PackedFoldedName = country_index_table::PackedFoldedName;
  std::string_view text_;
  std::span<const PackedFoldedName> names_;
  std::string folded_text_;  // the names folded here, when not the build's
  std::vector<PackedFoldedName> folded_;
};

}  // namespace shortlist
