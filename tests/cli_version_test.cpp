// End to end: `shortlist --version` names the program's version (CMake's
// project version) and the version of each library it uses, as the library
// itself reports it where it can (the test asks the same libraries, linked
// into the test, independently).
#include <CLI/Version.hpp>
#include <date/tz.h>
#include <fmt/core.h>
#include <openssl/crypto.h>
#include <simdjson.h>
#include <expat.h>
#include <xlsxwriter.h>
#include <zip.h>
#include <zlib.h>
#include <catch2/catch.hpp>

#include <regex>

#include "cli_test_support.hpp"
#include "test_support.hpp"

namespace {

using shortlist::test::RunResult;
using shortlist::test::source_dir;
using shortlist::test::split_lines;

#define VERSION_TEST_STRINGIFY2(x) #x
#define VERSION_TEST_STRINGIFY(x) VERSION_TEST_STRINGIFY2(x)

// The line of `lines` that starts with "NAME "; the test fails if none does.
std::string line_of(const std::vector<std::string>& lines, const std::string& name) {
  for (const auto& line : lines)
    if (line.rfind(name + " ", 0) == 0) return line;
  FAIL("no line for " << name);
  return {};
}

}  // namespace

TEST_CASE("version: --version prints the project version, then each library's",
          "[cli][version]") {
  RunResult r = shortlist::test::run_shortlist("--version", source_dir());
  INFO("stdout: " << r.out << "\nstderr: " << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  auto lines = split_lines(r.out);
  REQUIRE(!lines.empty());
  CHECK(lines[0] == "shortlist " SHORTLIST_VERSION);
  CHECK(std::regex_match(lines[0], std::regex("shortlist [0-9]+\\.[0-9]+\\.[0-9]+")));

  // Header versions, compiled in.
  CHECK(line_of(lines, "CLI11") == "CLI11 " CLI11_VERSION);
  CHECK(line_of(lines, "fmt") == "fmt " + std::to_string(FMT_VERSION / 10000) + "." +
                                     std::to_string(FMT_VERSION / 100 % 100) + "." +
                                     std::to_string(FMT_VERSION % 100));
  CHECK(line_of(lines, "simdjson") == "simdjson " VERSION_TEST_STRINGIFY(SIMDJSON_VERSION));
  // Versions as the libraries report them at run time (the same shared
  // libraries the binary loads), followed by the headers' only if they differ.
  CHECK(line_of(lines, "zlib").rfind(std::string("zlib ") + zlibVersion(), 0) == 0);
  CHECK(line_of(lines, "libzip").rfind(std::string("libzip ") + zip_libzip_version(), 0) == 0);
  CHECK(line_of(lines, "expat").rfind(std::string("expat ") + (XML_ExpatVersion() + 6), 0) == 0);
  CHECK(line_of(lines, "libxlsxwriter").rfind(std::string("libxlsxwriter ") + lxw_version(), 0) ==
        0);
  CHECK(line_of(lines, "OpenSSL")
            .rfind(std::string("OpenSSL ") + OpenSSL_version(OPENSSL_VERSION_STRING), 0) == 0);
  // The tz database's release: as the date library reads it, or where it
  // cannot (Debian ships no +VERSION file), as the first line of the
  // system's tzdata.zi says ("# version 2024a").
  std::string tz = date::get_tzdb().version;
  if (tz == "unknown") {
    std::string first = split_lines(shortlist::test::read_file("/usr/share/zoneinfo/tzdata.zi"))
                            .at(0);
    REQUIRE(first.rfind("# version ", 0) == 0);
    tz = first.substr(10);
  }
  CHECK(std::regex_match(tz, std::regex("[0-9]{4}[a-z]+")));
  CHECK(line_of(lines, "tz database") == "tz database " + tz);
  // Versions CMake found (pkg-config, the CMake package): a dotted number or
  // a release date, never empty.
  const std::regex version_like(R"(\S+ [0-9]+(\.[0-9]+)*( \(built with [0-9.]+\))?)");
  for (const char* name : {"yaml-cpp", "RE2", "utf8proc", "iso-codes"}) {
    INFO(name);
    CHECK(std::regex_match(line_of(lines, name), version_like));
  }
}
