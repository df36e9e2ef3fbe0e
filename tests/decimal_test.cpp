#include "shortlist/decimal.hpp"

#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <string>

namespace Catch {
template <>
struct StringMaker<shortlist::Decimal> {
  static std::string convert(shortlist::Decimal d) { return d.to_string(); }
};
}  // namespace Catch

namespace {

using shortlist::Decimal;

constexpr __int128 kE6 = 1'000'000;
constexpr __int128 kE12 = 1'000'000'000'000;
constexpr __int128 kE18 = kE6 * kE12;

// Parses text that the test expects to be readable.
Decimal dec(std::string_view text) {
  std::string why;
  auto d = Decimal::parse(text, &why);
  INFO(std::string(text) << " -> " << why);
  REQUIRE(d.has_value());
  return *d;
}

// The reason `text` is refused; fails the test if it is accepted.
std::string refusal(std::string_view text) {
  std::string why;
  auto d = Decimal::parse(text, &why);
  INFO(std::string(text));
  REQUIRE_FALSE(d.has_value());
  return why;
}

}  // namespace

TEST_CASE("integers parse to whole units", "[decimal]") {
  CHECK(dec("20").raw() == 20 * kE12);
  CHECK(dec("0").raw() == 0);
  CHECK(dec("+3").raw() == 3 * kE12);
  CHECK(dec("-42").raw() == -42 * kE12);
  CHECK(dec("007").raw() == 7 * kE12);
}

TEST_CASE("a point or a comma separates the fraction", "[decimal]") {
  CHECK(dec("17.5").raw() == 17 * kE12 + 500'000'000'000);
  CHECK(dec("5,5").raw() == 5 * kE12 + 500'000'000'000);
  CHECK(dec("5,5") == dec("5.5"));
  CHECK(dec("-0.5").raw() == -500'000'000'000);
  CHECK(dec("0.000001").raw() == 1'000'000);
  CHECK(dec("+0,25").raw() == 250'000'000'000);
}

TEST_CASE("surrounding ASCII whitespace is ignored", "[decimal]") {
  CHECK(dec("  12.25\t\r\n").raw() == 12 * kE12 + 250'000'000'000);
  CHECK(dec("\v-1\f").raw() == -kE12);
}

TEST_CASE("anything else is not a number and the reason quotes the trimmed input", "[decimal]") {
  CHECK(refusal("five") == "not a number: 'five'");
  CHECK(refusal("  five ") == "not a number: 'five'");
  CHECK(refusal("1e3") == "not a number: '1e3'");
  CHECK(refusal("") == "not a number: ''");
  CHECK(refusal("   ") == "not a number: ''");
  CHECK(refusal("1.") == "not a number: '1.'");
  CHECK(refusal(".5") == "not a number: '.5'");
  CHECK(refusal("1,000.5") == "not a number: '1,000.5'");
  CHECK(refusal("0x10") == "not a number: '0x10'");
  CHECK(refusal(" + 1") == "not a number: '+ 1'");
  CHECK(refusal("1 000") == "not a number: '1 000'");
  CHECK(refusal("--1") == "not a number: '--1'");
  CHECK(refusal("+") == "not a number: '+'");
  CHECK(refusal("-") == "not a number: '-'");
  CHECK(refusal("1..2") == "not a number: '1..2'");
  CHECK(refusal("1.2.3") == "not a number: '1.2.3'");
  CHECK(refusal("12%") == "not a number: '12%'");
  CHECK(refusal("\xd9\xa1") == "not a number: '\xd9\xa1'");  // ARABIC-INDIC DIGIT ONE
  CHECK(refusal(std::string_view("1\0", 2)) == std::string("not a number: '1\0'", 18));
}

TEST_CASE("a refusal without a reason pointer still returns nullopt", "[decimal]") {
  CHECK_FALSE(Decimal::parse("five").has_value());
  CHECK_FALSE(Decimal::parse("1234567890123").has_value());
}

TEST_CASE("numbers with too many digits are unreadable, never rounded", "[decimal]") {
  CHECK(refusal("1234567890123") == "too many digits: '1234567890123'");
  CHECK(refusal(" -1234567890123456 ") == "too many digits: '-1234567890123456'");
  CHECK(refusal("0.1234567") == "too many digits: '0.1234567'");
  CHECK(refusal("1,0000001") == "too many digits: '1,0000001'");
  // The limits themselves are readable.
  CHECK(dec("999999999999").raw() == 999'999'999'999 * kE12);
  CHECK(dec("0.123456").raw() == 123'456'000'000);
}

TEST_CASE("leading and trailing zeros do not count as digits", "[decimal]") {
  CHECK(dec("0000000000000000001").raw() == kE12);
  CHECK(dec("0.1234560000000").raw() == 123'456'000'000);
  CHECK(dec("000000000000000.000000000000000").raw() == 0);
}

TEST_CASE("to_string gives the shortest exact text", "[decimal]") {
  CHECK(dec("20").to_string() == "20");
  CHECK(dec("17.50").to_string() == "17.5");
  CHECK(dec("-0.5").to_string() == "-0.5");
  CHECK(dec("+3").to_string() == "3");
  CHECK(dec("007").to_string() == "7");
  CHECK(dec("5,5").to_string() == "5.5");
  CHECK(dec("100.05").to_string() == "100.05");
  CHECK(Decimal::from_raw(1).to_string() == "0.000000000001");
  CHECK(Decimal::from_raw(-1).to_string() == "-0.000000000001");
  CHECK(Decimal::from_raw(10 * kE12 + 10).to_string() == "10.00000000001");
}

TEST_CASE("to_string is exact on both sides of 2^64 units", "[decimal]") {
  // Raw values that fit in 64 bits are printed with 64-bit arithmetic, the
  // others with 128-bit: 2^64 = 18446744073709551616 units of 10^-12.
  const auto two64 = static_cast<__int128>(1) << 64;
  CHECK(Decimal::from_raw(two64 - 1).to_string() == "18446744.073709551615");
  CHECK(Decimal::from_raw(two64).to_string() == "18446744.073709551616");
  CHECK(Decimal::from_raw(two64 + 384).to_string() == "18446744.073709552");
  CHECK(Decimal::from_raw(-two64).to_string() == "-18446744.073709551616");
  CHECK(Decimal::from_raw(-(two64 - 1)).to_string() == "-18446744.073709551615");
}

TEST_CASE("zero is never printed with a sign", "[decimal]") {
  CHECK(dec("-0").to_string() == "0");
  CHECK(dec("-0.000").to_string() == "0");
  CHECK(dec("+0,0").to_string() == "0");
  CHECK(Decimal().to_string() == "0");
  CHECK(dec("-0") == Decimal());
}

TEST_CASE("parse and to_string round-trip", "[decimal]") {
  for (const char* text : {"0", "1", "-1", "17.5", "-0.5", "0.000001", "999999999999.999999",
                           "-999999999999.999999", "123456.654321", "10.1", "100"}) {
    const Decimal d = dec(text);
    CHECK(d.to_string() == text);
    CHECK(dec(d.to_string()) == d);
  }
}

TEST_CASE("fraction_digits counts significant fraction digits", "[decimal]") {
  CHECK(dec("20").fraction_digits() == 0);
  CHECK(dec("17.5").fraction_digits() == 1);
  CHECK(dec("-0.25").fraction_digits() == 2);
  CHECK(dec("3.1000").fraction_digits() == 1);
  CHECK(dec("0.000001").fraction_digits() == 6);
  CHECK(Decimal::from_raw(-1).fraction_digits() == 12);
}

TEST_CASE("from_int gives whole units, including the int64 extremes", "[decimal]") {
  CHECK(Decimal::from_int(-7).to_string() == "-7");
  CHECK(Decimal::from_int(0) == Decimal());
  CHECK(Decimal::from_int(std::numeric_limits<std::int64_t>::max()).to_string() ==
        "9223372036854775807");
  CHECK(Decimal::from_int(std::numeric_limits<std::int64_t>::min()).to_string() ==
        "-9223372036854775808");
}

TEST_CASE("times gives the exact product", "[decimal]") {
  CHECK(dec("2").times(dec("7.5")) == dec("15"));
  CHECK(dec("0.000001").times(dec("0.000001")) == Decimal::from_raw(1));
  CHECK(dec("0.000001").times(dec("0.000001"))->to_string() == "0.000000000001");
  CHECK(dec("-3").times(dec("0.5")) == dec("-1.5"));
  CHECK(dec("-2").times(dec("-2.5")) == dec("5"));
  CHECK(dec("0").times(dec("-123.45")) == Decimal());
  CHECK(dec("1.1").times(dec("1.1")) == dec("1.21"));
  CHECK(dec("0.333333").times(dec("3")) == dec("0.999999"));
  CHECK(dec("123.456").times(dec("0.001"))->to_string() == "0.123456");
}

TEST_CASE("the largest parsed operands multiply exactly", "[decimal]") {
  // (10^12 - 10^-6)^2 = 10^24 - 2 * 10^6 + 10^-12 = (10^18 - 2) * 10^6 + 10^-12,
  // i.e. raw 10^36 - 2 * 10^18 + 1.
  const Decimal big = dec("999999999999.999999");
  auto product = big.times(big);
  REQUIRE(product.has_value());
  CHECK(product->raw() == kE18 * kE18 - 2 * kE18 + 1);
  CHECK(product->to_string() == "999999999999999998000000.000000000001");
  auto negative = big.times(-big);
  REQUIRE(negative.has_value());
  CHECK(negative->raw() == -(kE18 * kE18 - 2 * kE18 + 1));
}

TEST_CASE("times refuses operands with more than six fraction digits", "[decimal]") {
  CHECK_FALSE(Decimal::from_raw(1).times(Decimal::from_int(1)).has_value());
  CHECK_FALSE(Decimal::from_int(1).times(Decimal::from_raw(1'000'001)).has_value());
}

TEST_CASE("times returns nullopt on overflow", "[decimal]") {
  // 10^24 x 1000 = 10^27, raw 10^39, beyond the 1.7 x 10^38 that 128 bits hold.
  const Decimal huge = Decimal::from_raw(kE18 * kE18);
  CHECK_FALSE(huge.times(Decimal::from_int(1000)).has_value());
  CHECK_FALSE(huge.times(Decimal::from_int(-1000)).has_value());
  CHECK(huge.times(Decimal::from_int(100)).has_value());  // raw 10^38 still fits
}

TEST_CASE("decimals compare by value", "[decimal]") {
  CHECK(dec("1.5") < dec("1.500001"));
  CHECK(dec("-2") < dec("-1.5"));
  CHECK(dec("10") > dec("9.999999"));
  CHECK(dec("2.50") == dec("2,5"));
  CHECK(dec("-0.5") != dec("0.5"));
  CHECK(dec("0.1") <= dec("0.10"));
  CHECK(dec("0.1") >= dec("0,1"));
}

TEST_CASE("sums and differences are exact", "[decimal]") {
  CHECK(dec("0.1") + dec("0.2") == dec("0.3"));
  CHECK((dec("0.1") + dec("0.2")).to_string() == "0.3");
  CHECK(dec("1") - dec("1.5") == dec("-0.5"));
  CHECK(-dec("1.5") == dec("-1.5"));
  Decimal total;
  for (int i = 0; i < 10; ++i) total += dec("0.1");
  CHECK(total == dec("1"));
  const Decimal millionth = dec("0.000001");
  Decimal micro;
  for (int i = 0; i < 1'000'000; ++i) micro += millionth;
  CHECK(micro.to_string() == "1");
}
