#pragma once
// Countries (SPEC 3.1 `country`): codes and names to ISO 3166-1 alpha-2.
#include <optional>
#include <span>
#include <string_view>

namespace shortlist {

/// Resolves an ISO 3166-1 alpha-2 or alpha-3 code, `EL` (Greece), `UK` (United
/// Kingdom), or a country's name in English or any of the EU's 24 official
/// languages (any case, accents and punctuation runs ignored) to its alpha-2
/// code, e.g. "Deutschland" -> "DE". nullopt if unknown.
std::optional<std::string_view> resolve_country(std::string_view text);

/// A territory with its own ISO code that belongs to an EU or EEA state.
struct Territory {
  std::string_view code;   ///< "RE"
  std::string_view state;  ///< "FR"
};

/// Every such territory (SPEC 3.1 v1.1), by code.
std::span<const Territory> territories();

/// The state a territory with its own code belongs to ("RE" -> "FR", "AX" ->
/// "FI", "CW" -> "NL"), for the territories of EU and EEA states; nullopt for
/// any other code.
std::optional<std::string_view> territory_state(std::string_view code);

/// The English name people use for the country with alpha-2 code `code`
/// ("RO" -> "Romania", "BO" -> "Bolivia"), from iso-codes; nullopt if unknown.
std::optional<std::string_view> country_name(std::string_view code);

/// The built-in sets `EU` (27 Member States), `EEA` (EU + IS, LI, NO) and `EFTA`
/// (IS, LI, NO, CH) as sorted alpha-2 codes; nullopt for any other name.
std::optional<std::span<const std::string_view>> builtin_country_set(std::string_view name);

}  // namespace shortlist
