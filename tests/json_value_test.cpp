// JsonValue: small documents printed indented, members in the order set.
#include <catch2/catch.hpp>

#include "output/json_value.hpp"

using shortlist::JsonValue;

TEST_CASE("a JSON document prints indented, arrays of scalars on one line", "[json]") {
  JsonValue doc;
  doc.set("b", JsonValue::string("x\"y"))
      .set("a", JsonValue::array().push(JsonValue::number(1)).push(JsonValue::boolean(false)))
      .set("o", JsonValue().set("list", JsonValue::array().push(JsonValue())))
      .set("e", JsonValue::array());
  doc.set("b", JsonValue::number(-2));  // replaced in place
  CHECK(doc.dump() ==
        "{\n"
        "  \"b\": -2,\n"
        "  \"a\": [1, false],\n"
        "  \"o\": {\n"
        "    \"list\": [\n"
        "      {}\n"
        "    ]\n"
        "  },\n"
        "  \"e\": []\n"
        "}\n");
}

TEST_CASE("JSON strings are escaped", "[json]") {
  CHECK(JsonValue::string("a\\b\n").dump() == "\"a\\\\b\\n\"\n");
}

TEST_CASE("find and empty", "[json]") {
  JsonValue doc;
  CHECK(doc.empty());
  doc.set("k", JsonValue::string("v"));
  CHECK_FALSE(doc.empty());
  REQUIRE(doc.find("k") != nullptr);
  CHECK(doc.find("k")->dump() == "\"v\"\n");
  CHECK(doc.find("missing") == nullptr);
}
