#include <catch2/catch.hpp>

#include "reader_test_support.hpp"
#include "test_support.hpp"

namespace {

using shortlist::ByteSource;
using shortlist::Encoding;
using shortlist::InputError;
using shortlist::InputFormat;
using shortlist::Record;
using shortlist::RawValue;
using shortlist::test::TempDir;
using shortlist::test::texts;
using Strings = std::vector<std::string>;

struct Csv {
  Strings header;
  std::vector<Record> records;
};

Csv read_csv(const std::string& content, std::size_t chunk = ByteSource::kDefaultChunkSize,
             char delimiter = 0, Encoding encoding = Encoding::kUtf8) {
  TempDir dir;
  auto path = dir.write("in.csv", content);
  auto reader = shortlist::test::open_with_chunk(path, InputFormat::kCsv, chunk, delimiter, encoding);
  Csv csv;
  csv.header = reader->header();
  csv.records = shortlist::test::read_all(*reader);
  return csv;
}

InputError csv_error(const std::string& content) {
  try {
    read_csv(content);
  } catch (const InputError& e) {
    return e;
  }
  FAIL("no InputError for: " << content);
  return InputError("", 0, 0, "");
}

}  // namespace

TEST_CASE("CSV: the header names the values and records start on line 2", "[csv]") {
  auto csv = read_csv("id,name\n1,Ann\n2,Bob\n");
  CHECK(csv.header == Strings{"id", "name"});
  REQUIRE(csv.records.size() == 2);
  const Record& first = csv.records[0];
  CHECK(first.line == 2);
  CHECK_FALSE(first.invalid);
  CHECK(first.names == Strings{"id", "name"});
  CHECK(first.top_level == 2);
  CHECK(texts(first) == Strings{"1", "Ann"});
  CHECK(first.values[1].kind == RawValue::Kind::kString);
  CHECK(first.find("name")->text == "Ann");
  CHECK(first.find("age") == nullptr);
  CHECK(csv.records[1].line == 3);
  CHECK(texts(csv.records[1]) == Strings{"2", "Bob"});
}

TEST_CASE("CSV: quoted fields hold delimiters, doubled quotes and line breaks", "[csv]") {
  auto csv = read_csv("a,b,c\n\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\"\n3,4,5\n");
  REQUIRE(csv.records.size() == 2);
  CHECK(csv.records[0].line == 2);
  CHECK(texts(csv.records[0]) == Strings{"x,y", "say \"hi\"", "two\nlines"});
  // The quoted line break moves the next record to line 4.
  CHECK(csv.records[1].line == 4);
  CHECK(texts(csv.records[1]) == Strings{"3", "4", "5"});
}

TEST_CASE("CSV: CRLF ends lines, and inside quotes it is kept as written", "[csv]") {
  auto csv = read_csv("a,b\r\n1,2\r\n\"x\r\ny\",3\r\n4,5\r\n");
  CHECK(csv.header == Strings{"a", "b"});
  REQUIRE(csv.records.size() == 3);
  CHECK(texts(csv.records[0]) == Strings{"1", "2"});
  CHECK(texts(csv.records[1]) == Strings{"x\r\ny", "3"});
  CHECK(csv.records[2].line == 5);
  CHECK(texts(csv.records[2]) == Strings{"4", "5"});
}

TEST_CASE("CSV: a lone CR is data", "[csv]") {
  auto csv = read_csv("a,b\n1\r2,3\n");
  REQUIRE(csv.records.size() == 1);
  CHECK(texts(csv.records[0]) == Strings{"1\r2", "3"});
}

TEST_CASE("CSV: a UTF-8 byte-order mark before the header is dropped", "[csv]") {
  auto csv = read_csv("\xEF\xBB\xBFid,name\n1,A\n");
  CHECK(csv.header == Strings{"id", "name"});
  REQUIRE(csv.records.size() == 1);
  CHECK(texts(csv.records[0]) == Strings{"1", "A"});
}

TEST_CASE("CSV: the last line needs no line end", "[csv]") {
  auto csv = read_csv("a,b\n1,2\n3,4");
  REQUIRE(csv.records.size() == 2);
  CHECK(csv.records[1].line == 3);
  CHECK(texts(csv.records[1]) == Strings{"3", "4"});
}

TEST_CASE("CSV: empty lines are skipped but counted", "[csv]") {
  auto csv = read_csv("a,b\n\n1,2\n\r\n3,4\n\n");
  REQUIRE(csv.records.size() == 2);
  CHECK(csv.records[0].line == 3);
  CHECK(texts(csv.records[0]) == Strings{"1", "2"});
  CHECK(csv.records[1].line == 5);
  CHECK(texts(csv.records[1]) == Strings{"3", "4"});
}

TEST_CASE("CSV: empty fields are empty strings", "[csv]") {
  auto csv = read_csv("a,b,c\n,\"\",x\n1,2,\n");
  REQUIRE(csv.records.size() == 2);
  CHECK(texts(csv.records[0]) == Strings{"", "", "x"});
  CHECK(csv.records[0].values[0].kind == RawValue::Kind::kString);
  CHECK(texts(csv.records[1]) == Strings{"1", "2", ""});
}

TEST_CASE("CSV: a quote inside an unquoted field is data", "[csv]") {
  auto csv = read_csv("a,b\n5'10\",x\n");
  REQUIRE(csv.records.size() == 1);
  CHECK_FALSE(csv.records[0].invalid);
  CHECK(texts(csv.records[0]) == Strings{"5'10\"", "x"});
}

TEST_CASE("CSV: the delimiter is the most frequent of comma, semicolon, tab and bar in the header", "[csv]") {
  SECTION("semicolon") {
    auto csv = read_csv("a;b;c\n1;2,5;3\n");
    CHECK(csv.header == Strings{"a", "b", "c"});
    CHECK(texts(csv.records.at(0)) == Strings{"1", "2,5", "3"});
  }
  SECTION("pipe") {
    auto csv = read_csv("a|b\n1|2\n");
    CHECK(csv.header == Strings{"a", "b"});
    CHECK(texts(csv.records.at(0)) == Strings{"1", "2"});
  }
  SECTION("tab") {
    auto csv = read_csv("a\tb\tc\n1\t2\t3\n");
    CHECK(csv.header == Strings{"a", "b", "c"});
  }
  SECTION("a tie goes to the comma") {
    auto csv = read_csv("a,b;c\n1,2;3\n");
    CHECK(csv.header == Strings{"a", "b;c"});
  }
  SECTION("delimiters inside quotes do not count") {
    auto csv = read_csv("\"a;b;c\",d\n1,2\n");
    CHECK(csv.header == Strings{"a;b;c", "d"});
  }
  SECTION("no delimiter at all: one column") {
    auto csv = read_csv("name\nAnn\n");
    CHECK(csv.header == Strings{"name"});
    CHECK(texts(csv.records.at(0)) == Strings{"Ann"});
  }
}

TEST_CASE("CSV: an explicit delimiter is used as given", "[csv]") {
  auto csv = read_csv("a,b;c\n1,2;3\n", ByteSource::kDefaultChunkSize, ';');
  CHECK(csv.header == Strings{"a,b", "c"});
  CHECK(texts(csv.records.at(0)) == Strings{"1,2", "3"});
}

TEST_CASE("CSV: a record with the wrong number of fields is invalid", "[csv]") {
  auto csv = read_csv("a,b,c\n1,2\n1,2,3,4\n5,6,7\n");
  REQUIRE(csv.records.size() == 3);
  CHECK(csv.records[0].invalid);
  CHECK(csv.records[0].line == 2);
  CHECK(csv.records[0].reason == "2 fields, expected 3");
  CHECK(csv.records[0].raw == "1,2");
  CHECK(csv.records[1].invalid);
  CHECK(csv.records[1].line == 3);
  CHECK(csv.records[1].reason == "4 fields, expected 3");
  CHECK(csv.records[1].raw == "1,2,3,4");
  CHECK_FALSE(csv.records[2].invalid);
  CHECK(texts(csv.records[2]) == Strings{"5", "6", "7"});
}

TEST_CASE("CSV: invalid UTF-8 makes the record invalid, with its column", "[csv]") {
  SECTION("on the record's first line") {
    auto csv = read_csv("a,b\nok,x\xFFy\nfine,\xC3\xA9\n");
    REQUIRE(csv.records.size() == 2);
    CHECK(csv.records[0].invalid);
    CHECK(csv.records[0].reason == "invalid UTF-8 in field 2 (\"b\") at byte column 5");
    CHECK(csv.records[0].column == 5);
    CHECK(csv.records[0].raw == "ok,x\xFFy");
    CHECK_FALSE(csv.records[1].invalid);
    CHECK(texts(csv.records[1]) == Strings{"fine", "\xC3\xA9"});
  }
  SECTION("on a later line of a quoted field") {
    auto csv = read_csv("a,b\n1,\"p\nq\xC3\"\n");
    REQUIRE(csv.records.size() == 1);
    CHECK(csv.records[0].line == 2);
    CHECK(csv.records[0].reason == "invalid UTF-8 in field 2 (\"b\") at line 3, byte column 2");
  }
  SECTION("an overlong form") {
    auto csv = read_csv("a\n\xC0\x80\n");
    REQUIRE(csv.records.size() == 1);
    CHECK(csv.records[0].reason == "invalid UTF-8 in field 1 (\"a\") at byte column 1");
  }
}

TEST_CASE("CSV: a NUL byte makes the record invalid", "[csv]") {
  auto csv = read_csv(std::string("a,b\n1,x\0y\n2,3\n", 14));
  REQUIRE(csv.records.size() == 2);
  CHECK(csv.records[0].invalid);
  CHECK(csv.records[0].reason == "NUL byte in field 2 (\"b\") at byte column 4");
  CHECK_FALSE(csv.records[1].invalid);
}

TEST_CASE("CSV: a field over 1 MiB makes the record invalid", "[csv]") {
  const std::string exactly(std::size_t{1} << 20, 'x');
  auto csv = read_csv("a,b\n1," + exactly + "x\n2," + exactly + "\n3,4\n");
  REQUIRE(csv.records.size() == 3);
  CHECK(csv.records[0].invalid);
  CHECK(csv.records[0].reason == "field longer than 1 MiB in field 2 (\"b\") at byte column 3");
  CHECK(csv.records[0].raw.size() == std::size_t{64} << 10);  // raw text is capped
  CHECK_FALSE(csv.records[1].invalid);
  CHECK(csv.records[1].values[1].text.size() == exactly.size());
  CHECK(texts(csv.records[2]) == Strings{"3", "4"});
}

TEST_CASE("CSV: a quote never closed spoils only its own line", "[csv]") {
  // Line 3 opens a quote that nothing closes: line 3 alone is the invalid
  // record, and lines 4 and 5 are read again as the records they are.
  auto csv = read_csv("a,b\n1,2\n3,\"abc\n4,5\n6,7\n");
  REQUIRE(csv.records.size() == 4);
  CHECK_FALSE(csv.records[0].invalid);
  CHECK(csv.records[1].invalid);
  CHECK(csv.records[1].line == 3);
  CHECK(csv.records[1].reason == "unterminated quoted field in field 2 (\"b\") at byte column 3");
  CHECK(csv.records[1].column == 3);
  CHECK(csv.records[1].raw == "3,\"abc");
  CHECK(csv.records[2].line == 4);
  CHECK(texts(csv.records[2]) == Strings{"4", "5"});
  CHECK(csv.records[3].line == 5);
  CHECK(texts(csv.records[3]) == Strings{"6", "7"});
}

TEST_CASE("CSV: a quote never closed on the last line is that line's problem", "[csv]") {
  auto csv = read_csv("a,b\n1,2\n3,\"abc");
  REQUIRE(csv.records.size() == 2);
  CHECK(csv.records[1].line == 3);
  CHECK(csv.records[1].reason == "unterminated quoted field in field 2 (\"b\") at byte column 3");
  CHECK(csv.records[1].raw == "3,\"abc");
}

TEST_CASE("CSV: a stray quote closed lines later by a quote in a field spoils only its line", "[csv]") {
  // The quote of line 2 pairs with the one inside line 4's unquoted field,
  // which is followed by text: the quoting is broken, so line 2 is the invalid
  // record and lines 3 and 4 are read again, where that quote is plain data.
  auto csv = read_csv("id,name\nA1,\"Bob\nA2,Ann\nA3,Jo \"JJ\" Lee\nA4,Eve\n");
  REQUIRE(csv.records.size() == 4);
  CHECK(csv.records[0].invalid);
  CHECK(csv.records[0].line == 2);
  CHECK(csv.records[0].reason ==
        "text after the closing quote (line 4, byte column 8) of the quoted field that opens in field 2 "
        "(\"name\") at byte column 4");
  CHECK(csv.records[0].column == 4);
  CHECK(csv.records[0].raw == "A1,\"Bob");
  CHECK(csv.records[1].line == 3);
  CHECK(texts(csv.records[1]) == Strings{"A2", "Ann"});
  CHECK(csv.records[2].line == 4);
  CHECK(texts(csv.records[2]) == Strings{"A3", "Jo \"JJ\" Lee"});
  CHECK(csv.records[3].line == 5);
  CHECK(texts(csv.records[3]) == Strings{"A4", "Eve"});
}

TEST_CASE("CSV: a quoted CR followed by text is broken quoting too", "[csv]") {
  auto csv = read_csv("id,name\r\nA1,\"Bob\r\nA2,\"\rx\r\nA3,Eve\r\n");
  REQUIRE(csv.records.size() == 3);
  CHECK(csv.records[0].line == 2);
  CHECK(csv.records[0].reason ==
        "text after the closing quote (line 3, byte column 5) of the quoted field that opens in field 2 "
        "(\"name\") at byte column 4");
  CHECK(csv.records[0].raw == "A1,\"Bob");
  // Read again, line 3's quote opens a field that nothing closes.
  CHECK(csv.records[1].line == 3);
  CHECK(csv.records[1].reason == "unterminated quoted field in field 2 (\"name\") at byte column 4");
  CHECK(csv.records[1].raw == "A2,\"\rx");
  CHECK(csv.records[2].line == 4);
  CHECK(texts(csv.records[2]) == Strings{"A3", "Eve"});
}

TEST_CASE("CSV: after a stray quote, quoted line breaks further on still read", "[csv]") {
  // Seen from line 2's stray quote, the quote before `multi` closes its field
  // and text follows: line 2 is the invalid record. Read again, line 3 opens
  // a legitimate quoted field that holds a line break.
  auto csv = read_csv("id,note\nA1,\"oops\nA2,\"multi\nline\"\nA3,end\n");
  REQUIRE(csv.records.size() == 3);
  CHECK(csv.records[0].line == 2);
  CHECK(csv.records[0].invalid);
  CHECK(csv.records[0].raw == "A1,\"oops");
  CHECK(csv.records[1].line == 3);
  CHECK_FALSE(csv.records[1].invalid);
  CHECK(texts(csv.records[1]) == Strings{"A2", "multi\nline"});
  CHECK(csv.records[2].line == 5);
  CHECK(texts(csv.records[2]) == Strings{"A3", "end"});
}

TEST_CASE("CSV: a legitimate quoted line break before a stray quote is kept", "[csv]") {
  // Record 2 spans lines 2-3 with a good quoted field; its second field opens
  // a quote on line 3 that never closes. The record is its first line only,
  // and line 3 is read again: `b",x,"c` has a quote that opens no field
  // (data) and then a quote that opens one and is never closed, on one line.
  auto csv = read_csv("a,b,c\n1,\"a\nb\",\"c\n2,3,4\n");
  REQUIRE(csv.records.size() == 3);
  CHECK(csv.records[0].line == 2);
  CHECK(csv.records[0].reason == "unterminated quoted field in field 3 (\"c\") at line 3, byte column 4");
  CHECK(csv.records[0].column == 0);
  CHECK(csv.records[0].raw == "1,\"a");
  CHECK(csv.records[1].line == 3);
  CHECK(csv.records[1].invalid);
  CHECK(csv.records[1].reason == "unterminated quoted field in field 2 (\"b\") at byte column 4");
  CHECK(csv.records[2].line == 4);
  CHECK(texts(csv.records[2]) == Strings{"2", "3", "4"});
}

TEST_CASE("CSV: stray quotes read the same whatever the chunk size", "[csv]") {
  const std::string content =
      "id,note\r\nA1,\"oops\r\nA2,\"multi\r\nline\"\r\nA3,x \"y\" z\r\nA4,\"open\r\nA5,ok\r\n";
  // A1's quote closes before `multi` with text after it: A1 is invalid, and
  // lines 3 on are read again. A4's quote is never closed: A4 is invalid and
  // line 7 is read again.
  for (std::size_t chunk = 1; chunk <= content.size() + 1; ++chunk) {
    INFO("chunk size " << chunk);
    auto csv = read_csv(content, chunk);
    REQUIRE(csv.records.size() == 5);
    CHECK(csv.records[0].line == 2);
    CHECK(csv.records[0].raw == "A1,\"oops");
    CHECK(csv.records[0].reason ==
          "text after the closing quote (line 3, byte column 5) of the quoted field that opens in "
          "field 2 (\"note\") at byte column 4");
    CHECK(csv.records[1].line == 3);
    CHECK(texts(csv.records[1]) == Strings{"A2", "multi\r\nline"});
    CHECK(csv.records[2].line == 5);
    CHECK(texts(csv.records[2]) == Strings{"A3", "x \"y\" z"});
    CHECK(csv.records[3].line == 6);
    CHECK(csv.records[3].reason == "unterminated quoted field in field 2 (\"note\") at byte column 4");
    CHECK(csv.records[3].raw == "A4,\"open");
    CHECK(csv.records[4].line == 7);
    CHECK(texts(csv.records[4]) == Strings{"A5", "ok"});
  }
}

TEST_CASE("CSV: lines a broken quote has scanned are read again one line at a time", "[csv]") {
  // Read fresh, each `a","` opens a quoted field that runs over its line end;
  // read as the continuation of the line before, it closes that field and
  // opens another. Line 2's field runs to the end of the input: line 2 is the
  // invalid record, and in lines 3 and 4, read again, a quoted field may not
  // run over a line end that scan has passed, so each is invalid on its own
  // (else every line would be scanned to the end of the file once).
  const std::string content = "h\na\",\"\na\",\"\na\",\"\nb\n";
  for (std::size_t chunk = 1; chunk <= content.size() + 1; ++chunk) {
    INFO("chunk size " << chunk);
    auto csv = read_csv(content, chunk);
    REQUIRE(csv.records.size() == 4);
    CHECK(csv.records[0].line == 2);
    CHECK(csv.records[0].reason == "unterminated quoted field in field 4 at line 4, byte column 4");
    CHECK(csv.records[0].raw == "a\",\"");
    CHECK(csv.records[1].line == 3);
    CHECK(csv.records[1].reason == "unterminated quoted field in field 2 at byte column 4");
    CHECK(csv.records[1].raw == "a\",\"");
    CHECK(csv.records[2].line == 4);
    CHECK(csv.records[2].reason == "unterminated quoted field in field 2 at byte column 4");
    CHECK(csv.records[3].line == 5);
    CHECK(texts(csv.records[3]) == Strings{"b"});
  }
}

TEST_CASE("CSV: a data CR at the end of a broken quote's first line is kept in its raw text", "[csv]") {
  auto csv = read_csv("h\n\"b\r\r\n\"x\n");
  REQUIRE(csv.records.size() >= 1);
  CHECK(csv.records[0].raw == "\"b\r");
}

TEST_CASE("CSV: a short record after a long one keeps nothing of it", "[csv]") {
  // One Record is reused: the values past a short record's fields are empty,
  // not left over from the record before.
  auto csv = read_csv("a,b,c\n1,2,3\n4\n5,6\n7,8,9\n");
  REQUIRE(csv.records.size() == 4);
  CHECK(texts(csv.records[1]) == Strings{"4", "", ""});
  CHECK(texts(csv.records[2]) == Strings{"5", "6", ""});
  CHECK(texts(csv.records[3]) == Strings{"7", "8", "9"});
  CHECK(csv.records[3].names == Strings{"a", "b", "c"});
}

TEST_CASE("CSV: an empty last field at the very end of the input is empty", "[csv]") {
  // Found by fuzzing: with no line end after `7,`, the second field kept the
  // text the record before had there.
  auto csv = read_csv("a,b\n5,6\n7,");
  REQUIRE(csv.records.size() == 2);
  CHECK(texts(csv.records[1]) == Strings{"7", ""});
  CHECK_FALSE(csv.records[1].invalid);
  CHECK_THROWS_WITH(read_csv("a,b,"), "empty column name in the header (field 3)");
}

TEST_CASE("CSV: a Record filled by another reader is set up again", "[csv]") {
  TempDir dir;
  auto first = dir.write("first.csv", "x,y\n1,2\n");
  auto second = dir.write("second.csv", "p,q,r\n3\n");
  Record record;
  auto a = shortlist::test::open_with_chunk(first, InputFormat::kCsv, 64);
  REQUIRE(a->next(record));
  auto b = shortlist::test::open_with_chunk(second, InputFormat::kCsv, 64);
  REQUIRE(b->next(record));
  CHECK(record.names == Strings{"p", "q", "r"});
  CHECK(texts(record) == Strings{"3", "", ""});
}

TEST_CASE("CSV: a line over 16 MiB is invalid and skipped to its line end", "[csv]") {
  // 17 fields of 1 MiB each (under the field limit) on one line.
  const std::string mib(std::size_t{1} << 20, 'x');
  std::string line = "A1";
  for (int i = 0; i < 17; ++i) line += "," + mib;
  auto csv = read_csv("id,note\n" + line + "\nA2,ok\n");
  REQUIRE(csv.records.size() == 2);
  CHECK(csv.records[0].invalid);
  CHECK(csv.records[0].line == 2);
  CHECK(csv.records[0].reason == "line longer than 16 MiB");
  CHECK(csv.records[0].raw.size() == std::size_t{64} << 10);
  CHECK(csv.records[0].raw.substr(0, 4) == "A1,x");
  CHECK(csv.records[1].line == 3);
  CHECK(texts(csv.records[1]) == Strings{"A2", "ok"});
}

TEST_CASE("CSV: a file that is one line of over 16 MiB gives one invalid record", "[csv]") {
  // Fields of 1 KiB, under the field limit, and no line end at all.
  std::string content = "id,note\nA1";
  const std::string kib(1024, 'y');
  for (int i = 0; i < 17 * 1024; ++i) content += "," + kib;
  auto csv = read_csv(content);
  REQUIRE(csv.records.size() == 1);
  CHECK(csv.records[0].line == 2);
  CHECK(csv.records[0].reason == "line longer than 16 MiB");
}

TEST_CASE("CSV: a record whose quoted line breaks run past 16 MiB spoils only its first line", "[csv]") {
  // Each `"<1 KiB>\n",` is a good quoted field holding a line break; a record
  // of 20,000 of them passes 16 MiB. Its first line is the invalid record and
  // the rest is read again, line by line, as records.
  const std::string kib(1024, 'z');
  std::string record = "A1";
  for (int i = 0; i < 20'000; ++i) record += ",\"" + kib + "\n\"";
  auto csv = read_csv("id,note\n" + record + "\nA2,ok\n");
  REQUIRE(!csv.records.empty());
  CHECK(csv.records[0].line == 2);
  CHECK(csv.records[0].reason == "record longer than 16 MiB");
  CHECK(csv.records[0].raw == "A1,\"" + kib);
  CHECK(csv.records.back().line == 20'003);
  CHECK(texts(csv.records.back()) == Strings{"A2", "ok"});
  // Every physical line 3..20,002 is read again as one (invalid) record.
  CHECK(csv.records.size() == 20'002);
}

TEST_CASE("CSV: a header of more than 100,000 columns is an input error", "[csv]") {
  std::string header = "c0";
  for (int i = 1; i <= 100'000; ++i) header += ",c" + std::to_string(i);
  auto e = csv_error(header + "\n");
  CHECK(std::string(e.what()) == "more than 100,000 columns in the header");
  CHECK(e.line() == 1);
}

TEST_CASE("CSV: text after a closing quote makes the record invalid", "[csv]") {
  auto csv = read_csv("a,b\n\"x\"y,2\n3,4\n");
  REQUIRE(csv.records.size() == 2);
  CHECK(csv.records[0].invalid);
  CHECK(csv.records[0].reason == "text after a closing quote in field 1 (\"a\") at byte column 4");
  CHECK(csv.records[0].raw == "\"x\"y,2");
  CHECK(texts(csv.records[1]) == Strings{"3", "4"});
}

TEST_CASE("CSV: an empty file is an input error, and a header alone has no records", "[csv]") {
  auto e = csv_error("");
  CHECK(std::string(e.what()) == "empty file: no header line");
  CHECK(read_csv("a,b\n").records.empty());
  auto csv = read_csv("a,b");
  CHECK(csv.header == Strings{"a", "b"});
  CHECK(csv.records.empty());
}

TEST_CASE("CSV: a header with a duplicate or empty name is an input error", "[csv]") {
  auto dup = csv_error("id,name,id\n1,2,3\n");
  CHECK(std::string(dup.what()) == "duplicate column name 'id' in the header (fields 1 and 3)");
  CHECK(dup.line() == 1);
  CHECK(dup.column() == 9);
  auto empty = csv_error("a,,b\n");
  CHECK(std::string(empty.what()) == "empty column name in the header (field 2)");
  CHECK(empty.column() == 3);
  auto blank = csv_error("\na,b\n");
  CHECK(std::string(blank.what()) == "the header line is empty");
  CHECK(blank.line() == 1);
}

TEST_CASE("CSV: records read the same whatever the chunk size", "[csv]") {
  // Every chunk size from 1 byte up splits the quotes, CRLFs and fields somewhere.
  const std::string content = "\xEF\xBB\xBFid;note\r\n1;\"a;\"\"b\"\"\r\nc\"\r\n\r\n2;plain\r\n3;\"\"\r\n";
  for (std::size_t chunk = 1; chunk <= content.size() + 1; ++chunk) {
    INFO("chunk size " << chunk);
    auto csv = read_csv(content, chunk);
    CHECK(csv.header == Strings{"id", "note"});
    REQUIRE(csv.records.size() == 3);
    CHECK(texts(csv.records[0]) == Strings{"1", "a;\"b\"\r\nc"});
    CHECK(csv.records[0].line == 2);
    CHECK(csv.records[1].line == 5);
    CHECK(texts(csv.records[1]) == Strings{"2", "plain"});
    CHECK(csv.records[2].line == 6);
    CHECK(texts(csv.records[2]) == Strings{"3", ""});
  }
}

TEST_CASE("CSV: one-line records read the same field by field as byte by byte", "[csv]") {
  // A record that is one line of plain fields in one chunk is read with
  // memchr, field by field; with 1-byte chunks no record is within a chunk,
  // so every one goes through the state machine. Lines that the plain path
  // must hand over (a doubled quote, text after a closing quote, a quoted
  // line end, a wrong field count, an unclosed quote) come between lines it
  // reads, and a short record follows a long one.
  const std::string content =
      "id,a,b\n"
      "1,x,y\n"
      "2,\"x,1\",\"y\"\n"
      "3,,\n"
      "4,\"\",\"\"\n"
      "5,x\"q,y\n"
      "6,\"p\"\"q\",r\n"
      "7,\"p\"x,r\n"
      "8,x\r,y\n"
      "9,x,y\r\n"
      "10,\"x\ny\",z\n"
      "\n"
      "11,x\n"
      "12,x,y,z\n"
      "13,\"x\",y\"\n"
      "14, \"x\",y\n"
      ",,\n"
      "\"\",,\"\"\n"
      "17,x,\"y\"\r\n"
      "18,x,\"y\r\"\n"
      "19,\"x,y\n"
      "20,last,line";
  const auto plain = read_csv(content);
  const auto bytewise = read_csv(content, 1);
  REQUIRE(plain.records.size() == bytewise.records.size());
  for (std::size_t i = 0; i < plain.records.size(); ++i) {
    const Record& p = plain.records[i];
    const Record& b = bytewise.records[i];
    INFO("record " << i + 1 << " on line " << b.line);
    CHECK(p.line == b.line);
    CHECK(p.invalid == b.invalid);
    CHECK(p.reason == b.reason);
    CHECK(p.column == b.column);
    CHECK(p.raw == b.raw);
    if (!b.invalid) CHECK(texts(p) == texts(b));
  }
  // What some of them hold, as RFC 4180 and the reader's rules say.
  REQUIRE(plain.records.size() == 20);
  CHECK(texts(plain.records[1]) == Strings{"2", "x,1", "y"});
  CHECK(texts(plain.records[3]) == Strings{"4", "", ""});
  CHECK(texts(plain.records[4]) == Strings{"5", "x\"q", "y"});
  CHECK(texts(plain.records[5]) == Strings{"6", "p\"q", "r"});
  CHECK(plain.records[6].invalid);
  CHECK(texts(plain.records[7]) == Strings{"8", "x\r", "y"});
  CHECK(texts(plain.records[8]) == Strings{"9", "x", "y"});
  CHECK(texts(plain.records[9]) == Strings{"10", "x\ny", "z"});
  CHECK(plain.records[10].line == 14);  // the empty line 13 is no record
  CHECK(plain.records[10].invalid);
  CHECK(plain.records[11].invalid);
  CHECK(texts(plain.records[12]) == Strings{"13", "x", "y\""});
  CHECK(texts(plain.records[13]) == Strings{"14", " \"x\"", "y"});
  CHECK(texts(plain.records[14]) == Strings{"", "", ""});
  CHECK(texts(plain.records[17]) == Strings{"18", "x", "y\r"});
  CHECK(plain.records[18].invalid);
  CHECK(texts(plain.records[19]) == Strings{"20", "last", "line"});
}

TEST_CASE("CSV: an invalid record's raw text survives chunk boundaries", "[csv]") {
  const std::string content = "a,b\n1,\"x\"y\n\"p\xFF\",q\n";
  for (std::size_t chunk = 1; chunk <= content.size(); ++chunk) {
    INFO("chunk size " << chunk);
    auto csv = read_csv(content, chunk);
    REQUIRE(csv.records.size() == 2);
    CHECK(csv.records[0].reason == "text after a closing quote in field 2 (\"b\") at byte column 6");
    CHECK(csv.records[0].raw == "1,\"x\"y");
    CHECK(csv.records[1].reason == "invalid UTF-8 in field 1 (\"a\") at byte column 3");
    CHECK(csv.records[1].raw == "\"p\xFF\",q");
  }
}

TEST_CASE("CSV: a record longer than the 1 MiB chunk is read whole", "[csv]") {
  TempDir dir;
  std::string line;
  Strings expected;
  for (char c : std::string("abcde")) {
    expected.push_back(std::string(300 * 1024, c));
    line += (line.empty() ? "" : ",") + expected.back();
  }
  auto path = dir.write("big.csv", "a,b,c,d,e\n" + line + "\n1,2,3,4,5\n");
  auto records = shortlist::test::read_file_records(path);
  REQUIRE(records.size() == 2);
  CHECK_FALSE(records[0].invalid);
  CHECK(texts(records[0]) == expected);
  CHECK(texts(records[1]) == Strings{"1", "2", "3", "4", "5"});
}

TEST_CASE("CSV: the reused Record keeps its buffers from record to record", "[csv]") {
  TempDir dir;
  auto path = dir.write("in.csv", "a,b\n" + std::string(100, 'x') + ",1\n" + std::string(50, 'y') + ",2\n");
  auto reader = shortlist::test::open_with_chunk(path, InputFormat::kCsv, ByteSource::kDefaultChunkSize);
  Record record;
  REQUIRE(reader->next(record));
  const char* buffer = record.values[0].text.data();
  REQUIRE(reader->next(record));
  CHECK(record.values[0].text == std::string(50, 'y'));
  CHECK(record.values[0].text.data() == buffer);  // no new allocation for a shorter value
}

TEST_CASE("CSV: Latin-1 and Windows-1252 inputs are read as UTF-8", "[csv]") {
  const std::string content = "a,b\nJos\xE9,\x80\n";
  auto latin1 = read_csv(content, ByteSource::kDefaultChunkSize, 0, Encoding::kLatin1);
  CHECK(texts(latin1.records.at(0)) == Strings{"Jos\xC3\xA9", "\xC2\x80"});
  auto cp1252 = read_csv(content, ByteSource::kDefaultChunkSize, 0, Encoding::kWindows1252);
  CHECK(texts(cp1252.records.at(0)) == Strings{"Jos\xC3\xA9", "\xE2\x82\xAC"});
  // In Latin-1 mode a UTF-8 byte-order mark is three characters, not a mark.
  auto bom = read_csv("\xEF\xBB\xBF" "a\n1\n", ByteSource::kDefaultChunkSize, 0, Encoding::kLatin1);
  CHECK(bom.header == Strings{"\xC3\xAF\xC2\xBB\xC2\xBF" "a"});
}

TEST_CASE("TSV: tab-separated, with commas as data", "[csv]") {
  TempDir dir;
  auto path = dir.write("in.tsv", "a\tb\n1,5\t\"x\ty\"\n");
  auto records = shortlist::test::read_file_records(path);
  REQUIRE(records.size() == 1);
  CHECK(texts(records[0]) == Strings{"1,5", "x\ty"});
}
