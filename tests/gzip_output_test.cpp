// The gzip-compressing output stream and AtomicFile's compressed files: the
// text comes back whole, the header is the documented one, and the bytes do
// not depend on how the text was cut into writes or where it was flushed.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <streambuf>

#include "gzip_test_support.hpp"
#include "shortlist/atomic_file.hpp"
#include "shortlist/gzip_output.hpp"
#include "test_support.hpp"

using shortlist::AtomicFile;
using shortlist::GzipOstream;
using shortlist::names_gzip;
using shortlist::without_gz;
using shortlist::test::gunzip;
using shortlist::test::kGzipHeader;
using shortlist::test::read_file;
using shortlist::test::TempDir;

namespace {

// Some 400 kB of lines like a decision record's, with a counter so that
// they do not all repeat: several of the stream's 64 KiB blocks.
std::string sample_text() {
  std::string text;
  for (int i = 0; text.size() < 400000; ++i)
    text += "{\"kind\":\"decision\",\"source\":\"a.csv:" + std::to_string(i + 2) +
            "\",\"id\":\"A" + std::to_string(i * 7919 % 100003) + "\",\"status\":\"" +
            (i % 3 == 0 ? "ineligible" : "shortlisted") + "\"}\n";
  return text;
}

// `text` written through a GzipOstream in pieces of `piece` bytes, flushed
// after each piece when `flush`.
std::string compressed(const std::string& text, std::size_t piece, bool flush) {
  std::ostringstream sink;
  GzipOstream gz(sink);
  for (std::size_t at = 0; at < text.size(); at += piece) {
    gz.write(text.data() + at, static_cast<std::streamsize>(std::min(piece, text.size() - at)));
    if (flush) gz.flush();
  }
  REQUIRE(gz.finish());
  return sink.str();
}

// A sink that refuses every byte.
class Refusing : public std::streambuf {
 protected:
  int_type overflow(int_type) override { return traits_type::eof(); }
};

}  // namespace

TEST_CASE("gzip output: the text comes back whole, under the documented header", "[gzip]") {
  const std::string text = sample_text();
  const std::string bytes = compressed(text, text.size(), false);
  CHECK(bytes.substr(0, 10) == kGzipHeader);
  CHECK(gunzip(bytes) == text);
  CHECK(bytes.size() < text.size() / 3);
}

TEST_CASE("gzip output: the same bytes however the text is cut into writes and flushed",
          "[gzip]") {
  const std::string text = sample_text();
  const std::string whole = compressed(text, text.size(), false);
  CHECK(compressed(text, 1, false) == whole);
  CHECK(compressed(text, 7, true) == whole);
  CHECK(compressed(text, 65535, true) == whole);
  CHECK(compressed(text, 65537, false) == whole);
  // Formatted output and endl (a flush) too.
  std::ostringstream sink;
  GzipOstream gz(sink);
  std::size_t start = 0;
  for (std::size_t end = text.find('\n'); end != std::string::npos; end = text.find('\n', start)) {
    gz << text.substr(start, end - start) << std::endl;
    start = end + 1;
  }
  REQUIRE(gz.finish());
  CHECK(sink.str() == whole);
}

TEST_CASE("gzip output: an empty text is a whole gzip member", "[gzip]") {
  const std::string bytes = compressed("", 1, false);
  CHECK(bytes.substr(0, 10) == kGzipHeader);
  CHECK(gunzip(bytes).empty());
  // Header, the empty final block (2 bytes at level 6: 03 00), CRC-32 0, size 0.
  CHECK(bytes.size() == 10 + 2 + 8);
}

TEST_CASE("gzip output: a sink that fails makes finish() false", "[gzip]") {
  Refusing refusing;
  std::ostream sink(&refusing);
  GzipOstream gz(sink);
  gz << sample_text();
  CHECK_FALSE(gz.finish());
  CHECK(gz.bad());
}

TEST_CASE("gzip output: which names are compressed", "[gzip]") {
  CHECK(names_gzip("s.csv.gz"));
  CHECK(names_gzip("out/d.jsonl.gz"));
  CHECK(names_gzip(".gz"));
  CHECK_FALSE(names_gzip("s.csv"));
  CHECK_FALSE(names_gzip("s.gzip"));
  CHECK(names_gzip("s.csv.GZ"));  // case aside, as for inputs
  CHECK(without_gz("S.CSV.GZ") == "S.CSV");
  CHECK_FALSE(names_gzip("gz"));
  CHECK(without_gz("s.csv.gz") == "s.csv");
  CHECK(without_gz("s.gz") == "s");
  CHECK(without_gz("s.csv") == "s.csv");
}

TEST_CASE("gzip output: an AtomicFile made compressed holds the text gzipped, once committed",
          "[gzip]") {
  TempDir dir;
  const auto target = dir.path() / "d.jsonl.gz";
  const std::string text = sample_text();
  {
    AtomicFile file(target, true, AtomicFile::Compression::kGzip);
    file.stream() << text;
    file.commit();
  }
  const std::string bytes = read_file(target);
  CHECK(bytes.substr(0, 10) == kGzipHeader);
  CHECK(gunzip(bytes) == text);
  // Never committed: nothing.
  {
    AtomicFile file(dir.path() / "other.gz", false, AtomicFile::Compression::kGzip);
    file.stream() << text;
    file.finish();
  }
  CHECK_FALSE(std::filesystem::exists(dir.path() / "other.gz"));
}
