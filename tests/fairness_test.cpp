// Exact rates of the adverse-impact table (SPEC 7): rounding to 4 digits half
// to even from the exact fraction, and the four-fifths comparison.
#include "shortlist/fairness.hpp"

#include <catch2/catch.hpp>

namespace {

using shortlist::format_fraction;
using shortlist::Fraction;

TEST_CASE("rates are printed with 4 fraction digits", "[fairness]") {
  CHECK(format_fraction({3, 4}) == "0.7500");
  CHECK(format_fraction({60, 60}) == "1.0000");
  CHECK(format_fraction({0, 7}) == "0.0000");
  CHECK(format_fraction({19, 10}) == "1.9000");
  CHECK(format_fraction({1, 3}) == "0.3333");  // 0.33333...
  CHECK(format_fraction({2, 3}) == "0.6667");  // 0.66666...
  CHECK(format_fraction({}) == "");            // absent
}

TEST_CASE("a rate exactly half way between two 4-digit values goes to the even one", "[fairness]") {
  CHECK(format_fraction({1, 20000}) == "0.0000");  // 0.00005: 0 is even
  CHECK(format_fraction({3, 20000}) == "0.0002");  // 0.00015: up to 2
  CHECK(format_fraction({5, 20000}) == "0.0002");  // 0.00025: down to 2
  CHECK(format_fraction({199999, 200000}) == "1.0000");  // 0.999995: up to 1.0000
  // Just past half way goes up whatever the parity.
  CHECK(format_fraction({10001, 200000000}) == "0.0001");  // 0.000050005
}

TEST_CASE("the four-fifths comparison is exact", "[fairness]") {
  // 48/60 is exactly 0.8: not below 4/5. 45/60 = 0.75 is.
  CHECK_FALSE(Fraction{48, 60}.below(4, 5));
  CHECK(Fraction{45, 60}.below(4, 5));
  // Ratios of rates multiply counts: 2/3 / (5/6) = 12/15 = 0.8 exactly.
  CHECK_FALSE(Fraction{2 * 6, 3 * 5}.below(4, 5));
  // 0.79999... never rounds up into acceptance.
  CHECK(Fraction{799999999, 1000000000}.below(4, 5));
}

}  // namespace
