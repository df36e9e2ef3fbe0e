#include <catch2/catch.hpp>

#include "reader_test_support.hpp"
#include "test_support.hpp"

namespace {

using shortlist::ByteSource;
using shortlist::InputError;
using shortlist::InputFormat;
using shortlist::RawValue;
using shortlist::Record;
using shortlist::test::TempDir;
using Strings = std::vector<std::string>;

std::vector<Record> read_json(const std::string& content, InputFormat format = InputFormat::kJson,
                              std::size_t chunk = ByteSource::kDefaultChunkSize) {
  TempDir dir;
  auto path = dir.write(format == InputFormat::kJson ? "in.json" : "in.jsonl", content);
  auto reader = shortlist::test::open_with_chunk(path, format, chunk);
  CHECK(reader->header().empty());
  return shortlist::test::read_all(*reader);
}

std::vector<Record> read_jsonl(const std::string& content, std::size_t chunk = ByteSource::kDefaultChunkSize) {
  return read_json(content, InputFormat::kJsonl, chunk);
}

const RawValue& value(const Record& record, std::string_view name) {
  const RawValue* v = record.find(name);
  INFO("no value named " << name);
  REQUIRE(v != nullptr);
  return *v;
}

}  // namespace

TEST_CASE("JSON: each object of the array is a record, on the line of its brace", "[json]") {
  auto records = read_json("[\n  {\"id\": \"A1\", \"n\": 1},\n  {\"id\": \"A2\",\n   \"n\": 2}\n]\n");
  REQUIRE(records.size() == 2);
  CHECK(records[0].line == 2);
  CHECK_FALSE(records[0].invalid);
  CHECK(records[0].names == Strings{"id", "n"});
  CHECK(records[0].top_level == 2);
  CHECK(value(records[0], "id").text == "A1");
  CHECK(records[1].line == 3);
  CHECK(value(records[1], "n").text == "2");
}

TEST_CASE("JSON: values keep their kind, strings unescaped, numbers exact", "[json]") {
  auto records = read_json(
      R"([{"s":"a\"b\u00e9","i":-42,"u":18446744073709551615,"d":0.1,"e":1.5e3,"t":true,"f":false,)"
      R"("z":null,"l":["x",2,1.25,null,{"k":"v"},[1]],"o":{"k":"v"}}])");
  REQUIRE(records.size() == 1);
  const Record& r = records[0];
  CHECK(value(r, "s").kind == RawValue::Kind::kString);
  CHECK(value(r, "s").text == "a\"b\xC3\xA9");
  CHECK(value(r, "i").kind == RawValue::Kind::kNumber);
  CHECK(value(r, "i").text == "-42");
  CHECK(value(r, "u").text == "18446744073709551615");
  CHECK(value(r, "d").text == "0.1");
  CHECK(value(r, "e").text == "1.5e3");
  CHECK(value(r, "t").kind == RawValue::Kind::kBool);
  CHECK(value(r, "t").text == "true");
  CHECK(value(r, "f").text == "false");
  CHECK(value(r, "z").kind == RawValue::Kind::kNull);
  CHECK(value(r, "l").kind == RawValue::Kind::kList);
  CHECK(value(r, "l").items == Strings{"x", "2", "1.25", "null", R"({"k":"v"})", "[1]"});
  CHECK(value(r, "l").text == R"(["x",2,1.25,null,{"k":"v"},[1]])");
  CHECK(value(r, "o").kind == RawValue::Kind::kObject);
  CHECK(value(r, "o").text == R"({"k":"v"})");
}

TEST_CASE("JSON: numbers keep the literal they were written with", "[json]") {
  // SPEC 1: JSON values "as they are"; SPEC 3.4: never through binary floating
  // point. The `number` type then reads (or refuses) the literal itself.
  auto records = read_json(
      R"([{"a":1e-7,"b":-0.5,"c":1E2,"d":2.50,"e":123456789012,"f":123456789012.123456,"g":-0,)"
      R"("l":[2.50,{"x":1.10}],"o":{"p":0.10,"q":{"r":7.000}}}])");
  REQUIRE(records.size() == 1);
  const Record& r = records[0];
  CHECK(value(r, "a").text == "1e-7");
  CHECK(value(r, "b").text == "-0.5");
  CHECK(value(r, "c").text == "1E2");
  CHECK(value(r, "d").text == "2.50");
  CHECK(value(r, "e").text == "123456789012");
  CHECK(value(r, "f").text == "123456789012.123456");
  CHECK(value(r, "g").text == "-0");
  CHECK(value(r, "l").items == Strings{"2.50", R"({"x":1.10})"});
  CHECK(value(r, "l").text == R"([2.50,{"x":1.10}])");
  CHECK(value(r, "o").text == R"({"p":0.10,"q":{"r":7.000}})");
  CHECK(value(r, "o.p").text == "0.10");
  CHECK(value(r, "o.q.r").text == "7.000");
}

TEST_CASE("JSON: escaped keys and strings are decoded, surrogate pairs joined", "[json]") {
  auto records = read_json(R"([{"k\u00e9y":"a\\b\/c\ud83d\ude00\n","q":"say \"hi\""}])");
  REQUIRE(records.size() == 1);
  // U+00E9 is C3 A9 and U+1F600 is F0 9F 98 80 in UTF-8.
  CHECK(value(records[0], "k\xC3\xA9y").text == "a\\b/c\xF0\x9F\x98\x80\n");
  CHECK(value(records[0], "q").text == "say \"hi\"");
}

TEST_CASE("JSON: nested objects add dotted paths after the top-level keys", "[json]") {
  auto records = read_json(
      R"([{"id":"A","education":{"degree":"MSc","school":{"name":"KU","country":"BE"}},"x":1}])");
  REQUIRE(records.size() == 1);
  const Record& r = records[0];
  CHECK(r.names == Strings{"id", "education", "x", "education.degree", "education.school",
                           "education.school.name", "education.school.country"});
  CHECK(r.top_level == 3);
  CHECK(value(r, "education").text == R"({"degree":"MSc","school":{"name":"KU","country":"BE"}})");
  CHECK(value(r, "education.degree").text == "MSc");
  CHECK(value(r, "education.school").kind == RawValue::Kind::kObject);
  CHECK(value(r, "education.school.name").text == "KU");
}

TEST_CASE("JSON: a duplicate key keeps its first place and its last value", "[json]") {
  auto records = read_json(R"([{"a":1,"b":2,"a":3}])");
  REQUIRE(records.size() == 1);
  CHECK(records[0].names == Strings{"a", "b"});
  CHECK(value(records[0], "a").text == "3");
}

TEST_CASE("JSON: duplicate keys merge the same in an object of many keys", "[json]") {
  // k0..k99, then k5 and k70 again (one before and one after the 32nd key,
  // where the search changes from linear to indexed), then k100.
  std::string object = "{";
  for (int i = 0; i < 100; ++i) object += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  object += "\"k5\":\"five\",\"k70\":\"seventy\",\"k100\":100}";
  auto records = read_jsonl(object);
  REQUIRE(records.size() == 1);
  REQUIRE(records[0].names.size() == 101);
  CHECK(records[0].names[5] == "k5");
  CHECK(records[0].names[70] == "k70");
  CHECK(records[0].names[100] == "k100");
  CHECK(value(records[0], "k5").text == "five");
  CHECK(value(records[0], "k70").text == "seventy");
  CHECK(value(records[0], "k99").text == "99");
}

TEST_CASE("JSON: an object of more than 100,000 values is invalid", "[json]") {
  auto object = [](int keys) {
    std::string text = "{";
    for (int i = 0; i < keys; ++i) text += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":1";
    return text + "}";
  };
  auto records = read_jsonl(object(100'000) + "\n" + object(100'001) + "\n{\"a\":1}\n");
  REQUIRE(records.size() == 3);
  CHECK_FALSE(records[0].invalid);
  CHECK(records[0].names.size() == 100'000);
  CHECK(records[1].invalid);
  CHECK(records[1].reason == "object holds more than 100,000 values");
  CHECK_FALSE(records[2].invalid);
  CHECK(records[2].names == Strings{"a"});
}

TEST_CASE("JSON: an element that is not an object is invalid, and reading goes on", "[json]") {
  auto records = read_json("[{\"a\":1},\n 5,\n [1, 2],\n {\"a\":4}]");
  REQUIRE(records.size() == 4);
  CHECK(records[1].invalid);
  CHECK(records[1].line == 2);
  CHECK(records[1].column == 2);
  CHECK(records[1].reason == "not a JSON object but a number");
  CHECK(records[1].raw == "5");
  CHECK(records[2].reason == "not a JSON object but an array");
  CHECK(records[2].raw == "[1, 2]");
  CHECK_FALSE(records[3].invalid);
  CHECK(records[3].line == 4);
}

TEST_CASE("JSON: an element simdjson refuses is invalid, with its raw text", "[json]") {
  auto records = read_json("[{\"a\": tru},\n{\"a\": \"ok\"}]");
  REQUIRE(records.size() == 2);
  CHECK(records[0].invalid);
  CHECK(records[0].reason.rfind("invalid JSON: ", 0) == 0);
  CHECK(records[0].raw == "{\"a\": tru}");
  CHECK(records[0].line == 1);
  CHECK_FALSE(records[1].invalid);
  CHECK(records[1].line == 2);
}

TEST_CASE("JSON: strings may hold brackets, escaped quotes and commas", "[json]") {
  auto records = read_json("[{\"a\":\"]}\\\"{,\"},\n{\"b\":\"\\\\\"}]");
  REQUIRE(records.size() == 2);
  CHECK(value(records[0], "a").text == "]}\"{,");
  CHECK(value(records[1], "b").text == "\\");
  CHECK(records[1].line == 2);
}

TEST_CASE("JSON: an empty array has no records, and an empty file is an input error", "[json]") {
  CHECK(read_json(" [ ] \n").empty());
  CHECK_THROWS_AS(read_json(""), InputError);
  CHECK_THROWS_WITH(read_json(" \n "), "empty file: no JSON array");
}

TEST_CASE("JSON: an input that is no JSON array is an input error at its first byte", "[json]") {
  try {
    read_json("\n  {\"a\":1}\n");
    FAIL("no InputError");
  } catch (const InputError& e) {
    CHECK(e.line() == 2);
    CHECK(e.column() == 3);
    CHECK(std::string(e.what()).rfind("expected '[' to open a JSON array of objects", 0) == 0);
  }
}

TEST_CASE("JSON: when the framing breaks, the rest is one invalid record", "[json]") {
  SECTION("garbage after an element takes the element with it") {
    auto records = read_json("[{\"a\":1},\n{\"a\":2}}, {\"b\":3}]");
    REQUIRE(records.size() == 2);
    CHECK_FALSE(records[0].invalid);
    CHECK(records[1].invalid);
    CHECK(records[1].line == 2);
    CHECK(records[1].reason == "expected ',' or ']' after a value at line 2, column 8");
    CHECK(records[1].raw == "{\"a\":2}}, {\"b\":3}]");
  }
  SECTION("a value missing after a comma") {
    auto records = read_json("[{\"a\":1},]");
    REQUIRE(records.size() == 2);
    CHECK(records[1].reason == "expected a value after ',' at line 1, column 10");
  }
  SECTION("an array never closed") {
    auto records = read_json("[{\"a\":1},\n");
    REQUIRE(records.size() == 2);
    CHECK_FALSE(records[0].invalid);
    CHECK(records[1].reason == "unterminated JSON array: missing ']' at line 2, column 1");
    CHECK(records[1].line == 2);
  }
  SECTION("the last element complete but the array not closed") {
    auto records = read_json("[{\"a\":1}");
    REQUIRE(records.size() == 2);
    CHECK_FALSE(records[0].invalid);
    CHECK(records[1].invalid);
  }
  SECTION("an element still open at the end") {
    auto records = read_json("[{\"a\":1},\n {\"b\": [1,\n2");
    REQUIRE(records.size() == 2);
    CHECK(records[1].line == 2);
    CHECK(records[1].column == 2);
    CHECK(records[1].reason == "unterminated JSON value starting at line 2, column 2");
    CHECK(records[1].raw == "{\"b\": [1,\n2");
  }
  SECTION("text after the array") {
    auto records = read_json("[{\"a\":1}]\nx");
    REQUIRE(records.size() == 2);
    CHECK(records[1].reason == "unexpected text after the JSON array at line 2, column 1");
    CHECK(records[1].raw == "x");
  }
}

TEST_CASE("JSON: records read the same whatever the chunk size", "[json]") {
  const std::string content = "\xEF\xBB\xBF[\n{\"a\":\"x\\\"]\",\"b\":{\"c\":[1,2]}},\n 7 ,\n{\"a\":\"y\"}\n]\n";
  for (std::size_t chunk = 1; chunk <= content.size() + 1; ++chunk) {
    INFO("chunk size " << chunk);
    auto records = read_json(content, InputFormat::kJson, chunk);
    REQUIRE(records.size() == 3);
    CHECK(records[0].line == 2);
    CHECK(value(records[0], "a").text == "x\"]");
    CHECK(value(records[0], "b.c").items == Strings{"1", "2"});
    CHECK(records[1].invalid);
    CHECK(records[1].line == 3);
    CHECK(records[2].line == 4);
    CHECK(value(records[2], "a").text == "y");
  }
}

TEST_CASE("JSON: a value over 1 MiB makes the record invalid", "[json]") {
  const std::string big(std::size_t{1} << 20, 'x');
  auto records = read_json("[{\"big\":\"" + big + "x\"},{\"ok\":\"" + big + "\"}]");
  REQUIRE(records.size() == 2);
  CHECK(records[0].invalid);
  CHECK(records[0].reason == "value of 'big' longer than 1 MiB");
  CHECK(records[0].raw.size() == std::size_t{64} << 10);
  CHECK_FALSE(records[1].invalid);
}

TEST_CASE("JSON: numbers of any magnitude keep their literal", "[json]") {
  // JSON allows any magnitude; simdjson refuses what a double cannot hold, so
  // these come through as literals for the `number` type to judge.
  const std::string digits400(400, '7');
  auto records = read_json("[{\"big\":123456789012345678901234567890,\"huge\":1e400,\"tiny\":-1E-400,"
                           "\"long\":" + digits400 + ".5,\"s\":\"1e400 \\\" -5\"}]");
  REQUIRE(records.size() == 1);
  REQUIRE_FALSE(records[0].invalid);
  CHECK(value(records[0], "big").kind == RawValue::Kind::kNumber);
  CHECK(value(records[0], "big").text == "123456789012345678901234567890");
  CHECK(value(records[0], "huge").text == "1e400");
  CHECK(value(records[0], "tiny").text == "-1E-400");
  CHECK(value(records[0], "long").text == digits400 + ".5");
  CHECK(value(records[0], "s").kind == RawValue::Kind::kString);
  CHECK(value(records[0], "s").text == "1e400 \" -5");
}

TEST_CASE("JSON: a malformed number is still invalid JSON", "[json]") {
  for (const char* bad : {"01", "1.", "-", "1e", "+1", ".5", "1e400.5", "0x10", "1e400x"}) {
    INFO(bad);
    auto records = read_jsonl(std::string("{\"n\":") + bad + "}");
    REQUIRE(records.size() == 1);
    CHECK(records[0].invalid);
    CHECK(records[0].reason.rfind("invalid JSON: ", 0) == 0);
  }
}

TEST_CASE("JSON Lines: one object a line, blank lines skipped, CRLF accepted", "[json]") {
  auto records = read_jsonl("{\"a\":1}\r\n\r\n  \n{\"a\":2}\n{\"a\":3}");
  REQUIRE(records.size() == 3);
  CHECK(records[0].line == 1);
  CHECK(value(records[0], "a").text == "1");
  CHECK(records[1].line == 4);
  CHECK(records[2].line == 5);
  CHECK(value(records[2], "a").text == "3");
}

TEST_CASE("JSON Lines: a line that is not an object is invalid, with its text", "[json]") {
  auto records = read_jsonl("{\"a\":1}\n[1,2]\n{bad\n{\"a\":4}\n");
  REQUIRE(records.size() == 4);
  CHECK(records[1].invalid);
  CHECK(records[1].line == 2);
  CHECK(records[1].reason == "not a JSON object but an array");
  CHECK(records[1].raw == "[1,2]");
  CHECK(records[2].invalid);
  CHECK(records[2].reason.rfind("invalid JSON: ", 0) == 0);
  CHECK(records[2].raw == "{bad");
  CHECK_FALSE(records[3].invalid);
  CHECK(records[3].line == 4);
}

TEST_CASE("JSON Lines: records read the same whatever the chunk size", "[json]") {
  const std::string content = "{\"a\":{\"b\":\"x\"}}\r\n\n{\"a\":2}";
  for (std::size_t chunk = 1; chunk <= content.size(); ++chunk) {
    INFO("chunk size " << chunk);
    auto records = read_jsonl(content, chunk);
    REQUIRE(records.size() == 2);
    CHECK(value(records[0], "a.b").text == "x");
    CHECK(records[1].line == 3);
    CHECK(value(records[1], "a").text == "2");
  }
}

TEST_CASE("JSON Lines: .jsonl and .ndjson files open as JSON Lines", "[json]") {
  TempDir dir;
  auto a = shortlist::test::read_file_records(dir.write("a.ndjson", "{\"k\":\"v\"}\n"));
  auto b = shortlist::test::read_file_records(dir.write("b.jsonl", "{\"k\":\"w\"}\n"));
  REQUIRE(a.size() == 1);
  REQUIRE(b.size() == 1);
  CHECK(value(a[0], "k").text == "v");
  CHECK(value(b[0], "k").text == "w");
}
