// The report's shares (SPEC 7): percentages with one decimal, rounded half to
// even from the exact fraction.
#include "shortlist/report.hpp"

#include <catch2/catch.hpp>

namespace {

using shortlist::percent_of;

TEST_CASE("shares are percentages with one decimal", "[report]") {
  CHECK(percent_of(48, 48) == "100.0 %");
  CHECK(percent_of(0, 48) == "0.0 %");
  CHECK(percent_of(1, 8) == "12.5 %");   // exactly 12.5
  CHECK(percent_of(1, 3) == "33.3 %");   // 33.33...
  CHECK(percent_of(2, 3) == "66.7 %");   // 66.66...
  CHECK(percent_of(40, 48) == "83.3 %"); // 83.33...
}

TEST_CASE("a share half way between two tenths goes to the even one", "[report]") {
  CHECK(percent_of(1, 16) == "6.2 %");   // 6.25: down to the even 6.2
  CHECK(percent_of(3, 16) == "18.8 %");  // 18.75: up to the even 18.8
  CHECK(percent_of(1, 2000) == "0.0 %"); // 0.05: down to 0.0
  CHECK(percent_of(3, 2000) == "0.2 %"); // 0.15: up to 0.2
}

TEST_CASE("a share of nothing is shown as a dash", "[report]") {
  CHECK(percent_of(0, 0) == "\u2013");
}

}  // namespace
