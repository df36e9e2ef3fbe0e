// JSON string literals: escapes, and always valid UTF-8 whatever the input bytes.
#include <catch2/catch.hpp>

#include <string>

#include "shortlist/json_writer.hpp"

using shortlist::append_json_string;
using namespace std::string_literals;

namespace {

std::string json(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

constexpr const char* kReplacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

}  // namespace

TEST_CASE("plain ASCII is quoted as it is", "[json_writer]") {
  CHECK(json("") == R"("")");
  CHECK(json("A0017") == R"("A0017")");
  CHECK(json("red teaming / bias: 100% {ok} [x] 'single'") ==
        R"("red teaming / bias: 100% {ok} [x] 'single'")");
}

TEST_CASE("quotes and backslashes are escaped", "[json_writer]") {
  CHECK(json(R"(say "hi")") == R"("say \"hi\"")");
  CHECK(json(R"(C:\path\x)") == R"("C:\\path\\x")");
  CHECK(json(R"(\")") == R"("\\\"")");
}

TEST_CASE("control characters are escaped", "[json_writer]") {
  CHECK(json("a\nb") == R"("a\nb")");
  CHECK(json("a\rb") == R"("a\rb")");
  CHECK(json("a\tb") == R"("a\tb")");
  CHECK(json("a\bb") == R"("a\bb")");
  CHECK(json("a\fb") == R"("a\fb")");
  CHECK(json("\x01") == R"("\u0001")");
  CHECK(json("\x1F") == R"("\u001f")");
  CHECK(json("\x0B") == R"("\u000b")");
  CHECK(json("\x1B[31m") == R"("\u001b[31m")");
  CHECK(json("a\0b"s) == R"("a\u0000b")");
}

TEST_CASE("DEL and other printable ASCII need no escape", "[json_writer]") {
  CHECK(json("\x7F") == "\"\x7F\"");
  CHECK(json(" ~") == "\" ~\"");
}

TEST_CASE("valid UTF-8 is kept as it is", "[json_writer]") {
  CHECK(json("évaluation de modèles") == "\"évaluation de modèles\"");
  CHECK(json("\xE2\x82\xAC") == "\"\xE2\x82\xAC\"");                  // U+20AC €
  CHECK(json("\xF0\x9F\x98\x80") == "\"\xF0\x9F\x98\x80\"");          // U+1F600
  CHECK(json("\xED\x9F\xBF") == "\"\xED\x9F\xBF\"");                  // U+D7FF, below the surrogates
  CHECK(json("\xEE\x80\x80") == "\"\xEE\x80\x80\"");                  // U+E000, above them
  CHECK(json("\xF4\x8F\xBF\xBF") == "\"\xF4\x8F\xBF\xBF\"");          // U+10FFFF, the last
  CHECK(json("\xEF\xBF\xBD") == "\"\xEF\xBF\xBD\"");                  // U+FFFD itself
  CHECK(json("\xC2\x80") == "\"\xC2\x80\"");                          // U+0080, the first 2-byte
}

TEST_CASE("a byte that starts no valid sequence becomes U+FFFD", "[json_writer]") {
  CHECK(json("a\xFF" "b") == "\"a"s + kReplacement + "b\"");
  CHECK(json("\x80") == "\""s + kReplacement + "\"");      // a lone continuation byte
  CHECK(json("caf\xE9") == "\"caf"s + kReplacement + "\"");  // Latin-1 é
  CHECK(json("\xF5\x80\x80\x80") ==
        "\""s + kReplacement + kReplacement + kReplacement + kReplacement + "\"");
}

TEST_CASE("overlong encodings become U+FFFD", "[json_writer]") {
  // C0 AF is an overlong '/', E0 80 AF another; neither may pass as '/'.
  CHECK(json("\xC0\xAF") == "\""s + kReplacement + kReplacement + "\"");
  CHECK(json("\xE0\x80\xAF") == "\""s + kReplacement + kReplacement + kReplacement + "\"");
  CHECK(json("\xC1\xBF") == "\""s + kReplacement + kReplacement + "\"");
}

TEST_CASE("encoded surrogates become U+FFFD", "[json_writer]") {
  // ED A0 80 would be U+D800, a lone high surrogate; ED BF BF U+DFFF. ED may only
  // be followed by 80..9F, so each byte is a maximal invalid subpart of its own.
  CHECK(json("\xED\xA0\x80") == "\""s + kReplacement + kReplacement + kReplacement + "\"");
  CHECK(json("x\xED\xBF\xBFy") ==
        "\"x"s + kReplacement + kReplacement + kReplacement + "y\"");
}

TEST_CASE("code points past U+10FFFF become U+FFFD", "[json_writer]") {
  CHECK(json("\xF4\x90\x80\x80") ==
        "\""s + kReplacement + kReplacement + kReplacement + kReplacement + "\"");
}

TEST_CASE("a truncated sequence becomes U+FFFD and keeps what follows", "[json_writer]") {
  // E2 82 is the start of '€' cut short; the quote after it must survive.
  std::string out = json("\xE2\x82\"");
  REQUIRE(out.size() >= 5);
  CHECK(out.substr(out.size() - 3) == "\\\"\"");
  std::string middle = out.substr(1, out.size() - 4);
  CHECK_FALSE(middle.empty());
  for (std::size_t i = 0; i + 3 <= middle.size(); i += 3) CHECK(middle.substr(i, 3) == kReplacement);
  CHECK(middle.size() % 3 == 0);

  std::string end = json("ok\xF0\x9F\x98");
  CHECK(end.substr(0, 3) == "\"ok");
  CHECK(end.back() == '"');
  CHECK(end.find('\xF0') == std::string::npos);
}

TEST_CASE("the literal is appended to what the buffer holds", "[json_writer]") {
  std::string out = R"({"id":)";
  append_json_string(out, "A1");
  out += ',';
  append_json_string(out, "\n");
  CHECK(out == R"({"id":"A1","\n")");
}

TEST_CASE("a byte to escape is found at every place in a long string", "[json_writer]") {
  // Strings longer than one 16-byte block are scanned a block at a time: put
  // each kind of byte at each offset across three blocks, between plain
  // letters, and expect the plain letters around its escape.
  const std::pair<std::string, std::string> kinds[] = {
      {"\"", "\\\""}, {"\\", "\\\\"}, {"\n", "\\n"}, {"\x01", "\\u0001"}, {"\x1f", "\\u001f"},
      {"\x7f", "\x7f"}, {"\xC3\xA9", "\xC3\xA9"}, {"\xFF", "\xEF\xBF\xBD"}, {" ", " "}};
  for (const auto& [raw, escaped] : kinds) {
    for (std::size_t at = 0; at < 48; ++at) {
      const std::string before(at, 'a'), after(47 - at, 'z');
      std::string out;
      shortlist::append_json_string(out, before + raw + after);
      INFO("byte " << static_cast<int>(static_cast<unsigned char>(raw[0])) << " at " << at);
      CHECK(out == "\"" + before + escaped + after + "\"");
    }
  }
}
