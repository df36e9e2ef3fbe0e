// Scratch files of framed records (run/framed_file.hpp): what FramedWriter
// writes, FramedReader gives back record by record, also records longer than
// its buffer; a file cut inside a record is an error, never an early end.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "run/framed_file.hpp"
#include "shortlist/output_error.hpp"
#include "test_support.hpp"

using shortlist::FramedReader;
using shortlist::FramedWriter;
using shortlist::test::TempDir;

namespace {

// Records of every length from 0 to 300 bytes, and one of 100,000.
std::vector<std::string> records() {
  std::vector<std::string> out;
  for (std::size_t n = 0; n <= 300; n += 7) out.emplace_back(n, static_cast<char>('a' + n % 26));
  out.emplace_back(100'000, 'z');
  out.emplace_back("after the long one");
  return out;
}

std::filesystem::path write_all(const TempDir& dir, const std::vector<std::string>& recs) {
  const auto path = dir.path() / "frames";
  FramedWriter out(path);
  for (const auto& r : recs) out.write(r.substr(0, r.size() / 2), r.substr(r.size() / 2));
  out.close();
  return path;
}

}  // namespace

TEST_CASE("framed records come back as written, through a buffer smaller than some", "[framed]") {
  TempDir dir;
  const auto recs = records();
  const auto path = write_all(dir, recs);
  for (std::size_t buffer : {std::size_t{64}, std::size_t{1000}, std::size_t{1} << 20}) {
    INFO("buffer " << buffer);
    FramedReader in(path, buffer);
    std::vector<std::string> got;
    std::string_view record;
    while (in.next(record)) got.emplace_back(record);
    CHECK(got == recs);
  }
}

TEST_CASE("a framed file cut inside a record is an error", "[framed]") {
  TempDir dir;
  const auto recs = records();
  const auto path = write_all(dir, recs);
  const auto size = std::filesystem::file_size(path);
  // Cut inside the last record's bytes, then inside its length.
  for (std::uintmax_t cut : {std::uintmax_t{5}, recs.back().size() + 2}) {
    INFO("cut " << cut << " bytes off");
    std::filesystem::resize_file(path, size - cut);
    FramedReader in(path, 64);
    std::string_view record;
    CHECK_THROWS_AS([&] { while (in.next(record)) {} }(), shortlist::OutputError);
    std::filesystem::resize_file(path, size);  // back, for the next cut (zeros)
  }
}
