// shortlist --version: the program's version, then each library's, so that a
// bug report says what a result was computed with. A library that reports its
// version at run time (utf8proc, OpenSSL, zlib, libzip, expat, libxlsxwriter,
// the tz database) is shown as
// it runs, with the version of its headers when that differs; the others are
// compiled in (header macros, or pkg-config's and CMake's versions passed by
// CMakeLists.txt as SHORTLIST_*_VERSION).
#include "version.hpp"

#include <CLI/Version.hpp>
#include <date/tz.h>
#include <expat.h>
#include <fmt/core.h>
#include <openssl/crypto.h>
#include <openssl/opensslv.h>
#include <simdjson.h>
#include <utf8proc.h>
#include <xlsxwriter.h>
#include <zip.h>
#include <zlib.h>

#include <exception>
#include <fstream>
#include <string_view>

#ifndef SHORTLIST_YAML_CPP_VERSION
#define SHORTLIST_YAML_CPP_VERSION "unknown"
#endif
#ifndef SHORTLIST_RE2_VERSION
#define SHORTLIST_RE2_VERSION "unknown"
#endif
#ifndef SHORTLIST_ISO_CODES_VERSION
#define SHORTLIST_ISO_CODES_VERSION "unknown"
#endif
#define SHORTLIST_STRINGIFY2(x) #x
#define SHORTLIST_STRINGIFY(x) SHORTLIST_STRINGIFY2(x)

namespace shortlist::cmd {
namespace {

std::string line(const std::string& name, const std::string& running,
                 const std::string& built = "") {
  std::string out = name + " " + running;
  if (!built.empty() && built != running) out += " (built with " + built + ")";
  return out + "\n";
}

// The tz database's release ("2024a"). The date library reads it from
// +VERSION in the zoneinfo folder, which Debian's tzdata does not ship; its
// tzdata.zi begins "# version 2024a" instead, so that is read when the
// library says "unknown". Loading the database is for --version and rules
// with a time zone only.
std::string tz_version() {
  std::string version;
  try {
    version = date::get_tzdb().version;
  } catch (const std::exception&) {
    return "not found";
  }
  if (version != "unknown") return version;
  // The folder the date library loads the database from on Linux.
  std::ifstream zi("/usr/share/zoneinfo/tzdata.zi");
  std::string first_line;
  constexpr std::string_view kPrefix = "# version ";
  if (std::getline(zi, first_line) && first_line.rfind(kPrefix, 0) == 0 &&
      first_line.size() > kPrefix.size())
    return first_line.substr(kPrefix.size());
  return version;
}

}  // namespace

std::string version_text() {
  std::string out = "shortlist " SHORTLIST_VERSION "\n";
  out += line("CLI11", CLI11_VERSION);
  out += line("fmt", std::to_string(FMT_VERSION / 10000) + "." +
                         std::to_string(FMT_VERSION / 100 % 100) + "." +
                         std::to_string(FMT_VERSION % 100));
  out += line("yaml-cpp", SHORTLIST_YAML_CPP_VERSION);
  out += line("simdjson", SHORTLIST_STRINGIFY(SIMDJSON_VERSION));
  out += line("RE2", SHORTLIST_RE2_VERSION);
  out += line("utf8proc", utf8proc_version(),
              std::to_string(UTF8PROC_VERSION_MAJOR) + "." +
                  std::to_string(UTF8PROC_VERSION_MINOR) + "." +
                  std::to_string(UTF8PROC_VERSION_PATCH));
  out += line("OpenSSL", OpenSSL_version(OPENSSL_VERSION_STRING), OPENSSL_VERSION_STR);
  out += line("zlib", zlibVersion(), ZLIB_VERSION);
  out += line("libzip", zip_libzip_version(), LIBZIP_VERSION);
  // "expat_2.5.0"
  std::string expat = XML_ExpatVersion();
  if (expat.rfind("expat_", 0) == 0) expat.erase(0, 6);
  out += line("expat", expat,
              std::to_string(XML_MAJOR_VERSION) + "." + std::to_string(XML_MINOR_VERSION) + "." +
                  std::to_string(XML_MICRO_VERSION));
  out += line("libxlsxwriter", lxw_version(), LXW_VERSION);
  out += line("tz database", tz_version());
  out += line("iso-codes", SHORTLIST_ISO_CODES_VERSION);
  // CLI11 ends the text with a line break of its own.
  out.pop_back();
  return out;
}

}  // namespace shortlist::cmd
