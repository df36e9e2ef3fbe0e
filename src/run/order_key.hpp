#pragma once
// Ranking keys as bytes (SPEC 4.2).
//
// The external sorter compares keys with memcmp, so each `order` entry is
// encoded so that byte order is the wanted order:
//  - a presence byte first (0 present, 1 missing): missing values sort last
//    whatever the direction;
//  - numbers, positions, dates and instants as integers of as many bytes as
//    each needs, after a byte that orders the lengths (see order_key.cpp);
//    strings as their UTF-8 bytes with 0x00 escaped
//    as 00 FF and ended by 00 00, so a prefix sorts first;
//  - for `desc` the value bytes (not the presence byte) are inverted.
// Text compares by its normalized form; a list by its first item. The record's
// sequence number ends every key, so input order breaks any remaining tie and
// no two keys are ever equal.
#include <cstdint>
#include <string>
#include <vector>

#include "shortlist/decimal.hpp"
#include "shortlist/rules.hpp"
#include "shortlist/value.hpp"

namespace shortlist {

/// Appends the key of one record for `order` to `out`.
void append_order_key(std::string& out, const std::vector<OrderKey>& order, Decimal score,
                      const std::vector<TypedValue>& values, std::int64_t seq);

}  // namespace shortlist
