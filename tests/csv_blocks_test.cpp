// CsvBlockSplitter: cuts only where records start, counts the records of each
// block as the reader finds them, and stops cutting (handing the rest to one
// reader) only where a broken record spans lines. The end-to-end test of the
// same inputs is cli_block_edges_test.cpp; this one shows that the blocks are
// really used, not the fallback.
#include <catch2/catch.hpp>

#include <zlib.h>

#include "input/csv_blocks.hpp"
#include "shortlist/input.hpp"
#include "test_support.hpp"

namespace {

using shortlist::CsvBlock;
using shortlist::test::TempDir;

struct Cut {
  std::vector<CsvBlock> blocks;  ///< with their text copied out of the input
  std::vector<shortlist::Record> rest;  ///< records the rest reader read, if cutting stopped
  bool stopped = false;
};

// How the input is read: a regular file is mapped and cut in place; a
// compressed one is inflated into buffers and cut by copying.
enum class Source { kMapped, kInflated };

std::string zlib_compressed(const std::string& text) {
  uLongf size = compressBound(static_cast<uLong>(text.size()));
  std::string out(size, '\0');
  REQUIRE(compress2(reinterpret_cast<Bytef*>(out.data()), &size,
                    reinterpret_cast<const Bytef*>(text.data()), static_cast<uLong>(text.size()),
                    Z_BEST_SPEED) == Z_OK);
  out.resize(size);
  return out;
}

Cut cut(const std::string& text, std::size_t block_size, std::size_t chunk_size,
        Source source = Source::kMapped) {
  TempDir dir;
  shortlist::InputOptions options;
  // A .gz name inflates zlib data as well as gzip's.
  options.path = source == Source::kMapped ? dir.write("a.csv", text).string()
                                           : dir.write("a.csv.gz", zlib_compressed(text)).string();
  options.chunk_size = chunk_size;
  auto reader = shortlist::open_reader(options);
  auto splitter = reader->split(block_size);
  REQUIRE(splitter);
  CHECK((splitter->mapping() != nullptr) == (source == Source::kMapped));
  Cut out;
  CsvBlock block;
  while (splitter->next(block)) {
    CHECK((block.mapped.data() != nullptr) == (source == Source::kMapped));
    CsvBlock copy = block;
    copy.text = std::string(block.bytes());
    copy.mapped = {};
    out.blocks.push_back(copy);
  }
  if (auto rest = splitter->rest_reader()) {
    out.stopped = true;
    shortlist::Record r;
    while (rest->next(r)) out.rest.push_back(r);
  }
  return out;
}

}  // namespace

TEST_CASE("blocks are cut at record starts only, with their records counted", "[blocks]") {
  const std::string header = "id,note\r\n";
  const std::vector<std::string> records = {
      "A1,plain\r\n",
      "A2,\"two\r\nlines, a comma\"\r\n",
      "A3,\"a \"\" quote\"\n",
      "\n",  // an empty line: no record, but its bytes belong to a block
      "A4,caf\xC3\xA9 \xF0\x9F\x98\x80\r\n",
      "A5,37\xC2\xB0" "36'37.8\"N\n",  // a quote inside an unquoted field is data
      "A6,\"a\nb\nc\"\n",
      "A7,\"bad\"x\n",  // text after a quote that closes a one-line field: the reader reads on
      "A8,last"};
  std::string text = header;
  for (const auto& r : records) text += r;

  for (Source source : {Source::kMapped, Source::kInflated}) {
    for (std::size_t chunk :
         {std::size_t{1}, std::size_t{3}, std::size_t{7}, std::size_t{1} << 20}) {
      INFO("chunk size " << chunk << (source == Source::kMapped ? ", mapped" : ", inflated"));
      // With a block size of 1, a block is cut as soon as a whole record has
      // been read: its blocks run from record start to record start, each
      // with the records, line and offset of the records it holds.
      const Cut one = cut(text, 1, chunk, source);
      CHECK_FALSE(one.stopped);
      std::size_t next = 0;  // the first record of the block
      std::int64_t line = 2;
      std::int64_t offset = static_cast<std::int64_t>(header.size());
      for (std::size_t b = 0; b < one.blocks.size(); ++b) {
        INFO("block " << b);
        CHECK(one.blocks[b].line == line);
        CHECK(one.blocks[b].offset == offset);
        std::string held;
        std::int64_t counted = 0;
        while (next < records.size() && held.size() < one.blocks[b].text.size()) {
          held += records[next];
          counted += records[next] == "\n" ? 0 : 1;
          line += std::count(records[next].begin(), records[next].end(), '\n');
          ++next;
        }
        CHECK(one.blocks[b].text == held);  // whole records, and only those
        CHECK(one.blocks[b].records == counted);
        offset += static_cast<std::int64_t>(held.size());
      }
      CHECK(next == records.size());
      // A byte at a time, every record is a block of its own.
      if (chunk == 1) CHECK(one.blocks.size() == records.size());
      // A large block size gives one block of everything.
      const Cut all = cut(text, 1 << 20, chunk, source);
      CHECK_FALSE(all.stopped);
      REQUIRE(all.blocks.size() == 1);
      CHECK(all.blocks[0].text == text.substr(header.size()));
      CHECK(all.blocks[0].records == 8);
    }
  }
}

TEST_CASE("a broken record over several lines stops the cutting there", "[blocks]") {
  const std::string text =
      "id,note\n"
      "B1,ok\n"
      "B2,\"starts here\n"
      "and \"closes\" badly\n"
      "B3,fine\n";
  for (Source source : {Source::kMapped, Source::kInflated}) {
    for (std::size_t chunk : {std::size_t{1}, std::size_t{4}, std::size_t{1} << 20}) {
      INFO("chunk size " << chunk << (source == Source::kMapped ? ", mapped" : ", inflated"));
      const Cut c = cut(text, 1, chunk, source);
      REQUIRE(c.blocks.size() == 1);
      CHECK(c.blocks[0].text == "B1,ok\n");
      REQUIRE(c.stopped);
      // The rest is read as a whole-file reader reads it: the broken record's
      // first line alone (invalid), the next line again (one field: invalid),
      // then B3.
      REQUIRE(c.rest.size() == 3);
      CHECK(c.rest[0].line == 3);
      CHECK(c.rest[0].invalid);
      CHECK(c.rest[1].line == 4);
      CHECK(c.rest[1].invalid);
      CHECK(c.rest[2].line == 5);
      CHECK_FALSE(c.rest[2].invalid);
      CHECK(c.rest[2].values[0].text == "B3");
    }
  }
}

TEST_CASE("the input ending inside a quoted field over several lines stops the cutting",
          "[blocks]") {
  for (Source source : {Source::kMapped, Source::kInflated}) {
    const Cut c = cut("id,note\nC1,ok\nC2,\"never\nclosed\n", 1, 1 << 20, source);
    REQUIRE(c.blocks.size() == 1);
    REQUIRE(c.stopped);
    REQUIRE_FALSE(c.rest.empty());
    CHECK(c.rest[0].line == 3);
    CHECK(c.rest[0].invalid);
  }
}
