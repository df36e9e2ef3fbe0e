#pragma once
// A small reader of zip files for the tests of the xlsx shortlist: the
// entries of the central directory with their DOS dates and their contents
// inflated with zlib. Independent of libxlsxwriter and minizip, which wrote
// them. Only what an xlsx needs: no zip64, no encryption, stored or deflated.
#include <zlib.h>
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace shortlist::test {

struct ZipEntry {
  std::string name;
  std::uint16_t dos_time = 0;  ///< as stored: hour << 11 | minute << 5 | second / 2
  std::uint16_t dos_date = 0;  ///< (year - 1980) << 9 | month << 5 | day
  std::string data;            ///< inflated
};

inline std::uint32_t zip_u16(const std::string& b, std::size_t at) {
  REQUIRE(at + 2 <= b.size());
  return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at]) |
                                    static_cast<unsigned char>(b[at + 1]) << 8);
}
inline std::uint32_t zip_u32(const std::string& b, std::size_t at) {
  return zip_u16(b, at) | zip_u16(b, at + 2) << 16;
}

/// The entries of the zip file `bytes`, in the central directory's order.
inline std::vector<ZipEntry> read_zip(const std::string& bytes) {
  REQUIRE(bytes.size() >= 22);
  std::size_t end = bytes.size() - 22;  // the end of central directory record
  while (end > 0 && zip_u32(bytes, end) != 0x06054b50) --end;
  REQUIRE(zip_u32(bytes, end) == 0x06054b50);
  const std::uint32_t count = zip_u16(bytes, end + 10);
  std::size_t at = zip_u32(bytes, end + 16);
  std::vector<ZipEntry> out;
  for (std::uint32_t i = 0; i < count; ++i) {
    REQUIRE(zip_u32(bytes, at) == 0x02014b50);
    ZipEntry e;
    const std::uint32_t method = zip_u16(bytes, at + 10);
    e.dos_time = static_cast<std::uint16_t>(zip_u16(bytes, at + 12));
    e.dos_date = static_cast<std::uint16_t>(zip_u16(bytes, at + 14));
    const std::uint32_t packed = zip_u32(bytes, at + 20), size = zip_u32(bytes, at + 24);
    const std::uint32_t name = zip_u16(bytes, at + 28), extra = zip_u16(bytes, at + 30),
                        comment = zip_u16(bytes, at + 32), local = zip_u32(bytes, at + 42);
    e.name = bytes.substr(at + 46, name);
    at += 46 + name + extra + comment;
    REQUIRE(zip_u32(bytes, local) == 0x04034b50);
    const std::size_t data = local + 30 + zip_u16(bytes, local + 26) + zip_u16(bytes, local + 28);
    REQUIRE(data + packed <= bytes.size());
    if (method == 0) {
      e.data = bytes.substr(data, packed);
    } else {
      REQUIRE(method == 8);
      e.data.resize(size);
      z_stream z{};
      REQUIRE(inflateInit2(&z, -MAX_WBITS) == Z_OK);
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data() + data));
      z.avail_in = packed;
      z.next_out = reinterpret_cast<Bytef*>(e.data.data());
      z.avail_out = size;
      const int result = inflate(&z, Z_FINISH);
      inflateEnd(&z);
      INFO(e.name);
      REQUIRE(result == Z_STREAM_END);
    }
    out.push_back(std::move(e));
  }
  return out;
}

/// The entry named `name`; the test fails if there is none.
inline const ZipEntry& zip_entry(const std::vector<ZipEntry>& entries, const std::string& name) {
  for (const auto& e : entries)
    if (e.name == name) return e;
  FAIL("no zip entry " << name);
  throw std::logic_error("unreachable");
}

}  // namespace shortlist::test
