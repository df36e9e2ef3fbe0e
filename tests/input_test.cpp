#include <catch2/catch.hpp>
#include <fcntl.h>
#include <openssl/evp.h>
#include <unistd.h>
#include <zlib.h>

#include <array>

#include "reader_test_support.hpp"
#include "test_support.hpp"

namespace {

using shortlist::Encoding;
using shortlist::InputError;
using shortlist::InputFormat;
using shortlist::InputOptions;
using shortlist::Record;
using shortlist::test::TempDir;
using shortlist::test::texts;
using Strings = std::vector<std::string>;

// gzip-compresses `data` with zlib (windowBits 15 + 16 writes a gzip header).
std::string gzip(const std::string& data) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// SHA-256 of `data` in one call, independent of the reader's chunked hashing.
std::string sha256_hex(const std::string& data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int n = 0;
  EVP_Digest(data.data(), data.size(), md.data(), &n, EVP_sha256(), nullptr);
  std::string hex;
  for (unsigned int i = 0; i < n; ++i) {
    static constexpr char kHex[] = "0123456789abcdef";
    hex += kHex[md[i] >> 4];
    hex += kHex[md[i] & 15];
  }
  return hex;
}

std::unique_ptr<shortlist::RecordReader> open_path(const std::filesystem::path& path) {
  InputOptions options;
  options.path = path.string();
  return shortlist::open_reader(options);
}

InputError open_error(const InputOptions& options) {
  try {
    auto reader = shortlist::open_reader(options);
    shortlist::test::read_all(*reader);
  } catch (const InputError& e) {
    return e;
  }
  FAIL("no InputError for " << options.path);
  return InputError("", 0, 0, "");
}

}  // namespace

TEST_CASE("the format comes from the extension, .gz allowed", "[input]") {
  using shortlist::format_from_extension;
  CHECK(format_from_extension("a.csv") == InputFormat::kCsv);
  CHECK(format_from_extension("dir.v2/A.CSV") == InputFormat::kCsv);
  CHECK(format_from_extension("a.tsv.gz") == InputFormat::kTsv);
  CHECK(format_from_extension("a.json") == InputFormat::kJson);
  CHECK(format_from_extension("a.jsonl.gz") == InputFormat::kJsonl);
  CHECK(format_from_extension("a.ndjson") == InputFormat::kJsonl);
  CHECK(format_from_extension("a.txt") == std::nullopt);
  CHECK(format_from_extension("a.gz") == std::nullopt);
  CHECK(format_from_extension("a.csv.bak") == std::nullopt);
  CHECK(format_from_extension("-") == std::nullopt);
}

TEST_CASE("the names of --input-format are parsed", "[input]") {
  using shortlist::parse_input_format;
  CHECK(parse_input_format("csv") == InputFormat::kCsv);
  CHECK(parse_input_format("tsv") == InputFormat::kTsv);
  CHECK(parse_input_format("json") == InputFormat::kJson);
  CHECK(parse_input_format("jsonl") == InputFormat::kJsonl);
  CHECK(parse_input_format("ndjson") == std::nullopt);
  CHECK(parse_input_format("CSV") == std::nullopt);
}

TEST_CASE("InputError formats as path:line:col: error: message", "[input]") {
  CHECK(InputError("a.csv", 3, 7, "bad").formatted() == "a.csv:3:7: error: bad");
  CHECK(InputError("a.csv", 3, 0, "bad").formatted() == "a.csv:3: error: bad");
  CHECK(InputError("a.csv", 0, 0, "bad").formatted() == "a.csv: error: bad");
  InputError e("a.csv", 3, 7, "bad");
  CHECK(e.path() == "a.csv");
  CHECK(e.line() == 3);
  CHECK(e.column() == 7);
  CHECK(std::string(e.what()) == "bad");
}

TEST_CASE("open_reader refuses what it cannot open or tell the format of", "[input]") {
  TempDir dir;
  InputOptions options;
  SECTION("a missing file, with the system's reason") {
    options.path = (dir.path() / "missing.csv").string();
    auto e = open_error(options);
    CHECK(std::string(e.what()) == "cannot open: No such file or directory");
    CHECK(e.path() == options.path);
  }
  SECTION("a directory") {
    options.path = (dir.path() / "d.csv").string();
    std::filesystem::create_directory(options.path);
    CHECK(std::string(open_error(options).what()) == "cannot open: it is a directory");
  }
  SECTION("an unknown extension, naming the known ones") {
    options.path = dir.write("data.txt", "a\n1\n").string();
    auto e = open_error(options);
    CHECK(e.formatted() == options.path +
                               ": error: cannot tell the input format from the file name: expected .csv, "
                               ".tsv, .json, .jsonl, .ndjson (each optionally followed by .gz) or "
                               ".xlsx, or use --input-format");
  }
  SECTION("standard input without a format") {
    options.path = "-";
    CHECK(std::string(open_error(options).what()) ==
          "cannot tell the format of standard input: use --input-format");
  }
  SECTION("a format given overrides the extension") {
    options.path = dir.write("data.txt", "a\n1\n").string();
    options.format = InputFormat::kCsv;
    auto reader = shortlist::open_reader(options);
    CHECK(reader->header() == Strings{"a"});
  }
}

TEST_CASE("'-' reads standard input", "[input]") {
  TempDir dir;
  auto path = dir.write("stdin.jsonl", "{\"a\":\"b\"}\n");
  int saved = dup(STDIN_FILENO);
  int fd = open(path.c_str(), O_RDONLY);
  REQUIRE(fd >= 0);
  dup2(fd, STDIN_FILENO);
  close(fd);
  InputOptions options;
  options.path = "-";
  options.format = InputFormat::kJsonl;
  std::vector<Record> records;
  std::string hash;
  {
    auto reader = shortlist::open_reader(options);
    records = shortlist::test::read_all(*reader);
    hash = reader->sha256();
  }
  dup2(saved, STDIN_FILENO);
  close(saved);
  REQUIRE(records.size() == 1);
  CHECK(records[0].find("a")->text == "b");
  CHECK(hash == sha256_hex("{\"a\":\"b\"}\n"));
}

TEST_CASE("sha256 is the hash of the file's bytes", "[input]") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  TempDir dir;
  auto reader = open_path(dir.write("abc.csv", "abc"));
  CHECK(shortlist::test::read_all(*reader).empty());
  CHECK(reader->sha256() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(reader->bytes_read() == 3);
}

TEST_CASE("an input read without hashing gives no sha256 and still counts its bytes", "[input]") {
  TempDir dir;
  InputOptions options;
  options.path = dir.write("abc.csv", "id\n1\n");
  options.hash = false;
  auto reader = open_reader(options);
  CHECK(shortlist::test::read_all(*reader).size() == 1);
  CHECK(reader->sha256().empty());
  CHECK(reader->bytes_read() == 5);
}

TEST_CASE("sha256 covers the whole file even when reading stopped early", "[input]") {
  TempDir dir;
  std::string content = "[{\"a\":1}] trailing text ";
  for (int i = 0; i < 20000; ++i) content += "more text after the array ";
  auto path = dir.write("early.json", content);
  auto reader = shortlist::test::open_with_chunk(path, InputFormat::kJson, 4096);
  auto records = shortlist::test::read_all(*reader);
  REQUIRE(records.size() == 2);
  CHECK(records[1].raw.size() == std::size_t{64} << 10);  // reading stopped with the raw text full
  CHECK(reader->bytes_read() < static_cast<std::int64_t>(content.size()));
  CHECK(reader->sha256() == sha256_hex(content));
  CHECK(reader->bytes_read() == static_cast<std::int64_t>(content.size()));
}

TEST_CASE("a .gz input is gunzipped, and hashed as stored", "[input]") {
  TempDir dir;
  const std::string plain = "id,name\n1,Ann\n2,\"B\nob\"\n";
  const std::string packed = gzip(plain);
  auto reader = open_path(dir.write("in.csv.gz", packed));
  auto records = shortlist::test::read_all(*reader);
  REQUIRE(records.size() == 2);
  CHECK(texts(records[0]) == Strings{"1", "Ann"});
  CHECK(records[1].line == 3);
  CHECK(texts(records[1]) == Strings{"2", "B\nob"});
  CHECK(reader->sha256() == sha256_hex(packed));
  CHECK(reader->bytes_read() == static_cast<std::int64_t>(packed.size()));
}

TEST_CASE("gzip data is recognized by its magic number under any name", "[input]") {
  TempDir dir;
  auto records = shortlist::test::read_file_records(dir.write("in.jsonl", gzip("{\"a\":1}\n")));
  REQUIRE(records.size() == 1);
  CHECK(records[0].find("a")->text == "1");
}

TEST_CASE("concatenated gzip members are read one after the other", "[input]") {
  TempDir dir;
  auto path = dir.write("in.csv.gz", gzip("a,b\n1,2\n") + gzip("3,4\n"));
  auto records = shortlist::test::read_file_records(path);
  REQUIRE(records.size() == 2);
  CHECK(texts(records[1]) == Strings{"3", "4"});
  CHECK(records[1].line == 3);
}

TEST_CASE("gzip records read the same with small chunks", "[input]") {
  TempDir dir;
  auto path = dir.write("in.tsv.gz", gzip("a\tb\n1\t2\n3\t4\n"));
  for (std::size_t chunk = 1; chunk <= 12; ++chunk) {
    INFO("chunk size " << chunk);
    auto reader = shortlist::test::open_with_chunk(path, InputFormat::kTsv, chunk);
    auto records = shortlist::test::read_all(*reader);
    REQUIRE(records.size() == 2);
    CHECK(texts(records[1]) == Strings{"3", "4"});
  }
}

TEST_CASE("truncated or corrupt gzip data is an input error with the line reached", "[input]") {
  TempDir dir;
  std::string plain = "id,n\n";
  for (int i = 0; i < 2000; ++i) plain += std::to_string(i) + "," + std::to_string(i * 7919 % 10007) + "\n";
  const std::string packed = gzip(plain);
  SECTION("truncated") {
    auto path = dir.write("cut.csv.gz", packed.substr(0, packed.size() / 2));
    auto reader = shortlist::test::open_with_chunk(path, InputFormat::kCsv, 256);
    Record record;
    std::int64_t last_line = 1;
    try {
      while (reader->next(record)) {
        CHECK_FALSE(record.invalid);
        last_line = record.line;
      }
      FAIL("no error for truncated gzip data");
    } catch (const InputError& e) {
      CHECK(std::string(e.what()) == "truncated gzip data: unexpected end of file");
      // Every line before the damage was read; the error is on the line after.
      CHECK(last_line > 100);
      CHECK(e.line() == last_line + 1);
    }
  }
  SECTION("a damaged checksum") {
    std::string damaged = packed;
    damaged[damaged.size() - 8] = static_cast<char>(damaged[damaged.size() - 8] ^ 0x55);  // CRC-32 trailer
    InputOptions options;
    options.path = dir.write("crc.csv.gz", damaged).string();
    auto e = open_error(options);
    CHECK(std::string(e.what()) == "corrupt gzip data: incorrect data check");
    CHECK(e.line() == 2002);  // the header and 2000 records were read
  }
  SECTION("a .gz name on data that is not gzip") {
    InputOptions options;
    options.path = dir.write("plain.csv.gz", "a,b\n1,2\n").string();
    CHECK(std::string(open_error(options).what()) == "corrupt gzip data: incorrect header check");
  }
}

TEST_CASE("the encoding option applies through open_reader", "[input]") {
  TempDir dir;
  InputOptions options;
  options.path = dir.write("l1.csv", "name\nM\xFCller\n").string();
  options.encoding = Encoding::kLatin1;
  auto reader = shortlist::open_reader(options);
  auto records = shortlist::test::read_all(*reader);
  REQUIRE(records.size() == 1);
  CHECK(texts(records[0]) == Strings{"M\xC3\xBCller"});
  CHECK(reader->sha256() == sha256_hex("name\nM\xFCller\n"));
}

TEST_CASE("the delimiter option applies through open_reader", "[input]") {
  TempDir dir;
  InputOptions options;
  options.path = dir.write("d.csv", "a|b,c\n1|2,3\n").string();
  options.delimiter = ',';
  auto reader = shortlist::open_reader(options);
  CHECK(reader->header() == Strings{"a|b", "c"});
  options.delimiter = '"';
  CHECK_THROWS_AS(shortlist::open_reader(options), InputError);
}
