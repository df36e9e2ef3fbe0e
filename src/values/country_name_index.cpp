#include "values/country_name_index.hpp"

#include <utf8proc.h>

#include <algorithm>

#include "values/country_names.hpp"

namespace shortlist {

bool CountryNameIndex::build_table_usable() {
  return country_index_table::folded_with_utf8proc() == utf8proc_version();
}

CountryNameIndex::CountryNameIndex(bool from_build) {
  if (from_build) {
    text_ = country_index_table::text();
    names_ = country_index_table::names();
    return;
  }
  for (const auto& [key, code] : fold_country_names()) {
    PackedFoldedName& entry = folded_.emplace_back();
    entry.key = {static_cast<std::uint32_t>(folded_text_.size()),
                 static_cast<std::uint32_t>(key.size())};
    entry.alpha2[0] = code.at(0);
    entry.alpha2[1] = code.at(1);
    folded_text_ += key;
  }
  text_ = folded_text_;
  names_ = folded_;
}

std::optional<std::string_view> CountryNameIndex::find(std::string_view key) const {
  const auto it = std::lower_bound(names_.begin(), names_.end(), key,
                                   [this](const PackedFoldedName& entry, std::string_view k) {
                                     return entry.key.in(text_) < k;
                                   });
  if (it == names_.end() || it->key.in(text_) != key) return std::nullopt;
  return std::string_view(it->alpha2, 2);
}

}  // namespace shortlist
