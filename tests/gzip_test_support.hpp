#pragma once
// Gzip for the tests of compressed outputs and records, done with zlib's own
// calls here rather than through the library under test.
#include <zlib.h>
#include <catch2/catch.hpp>

#include <string>

namespace shortlist::test {

/// The text of every gzip member in `bytes`, one after the other; the test
/// fails on anything that is not whole gzip data.
inline std::string gunzip(const std::string& bytes) {
  z_stream z{};
  REQUIRE(inflateInit2(&z, 15 + 16) == Z_OK);
  std::string out;
  std::string buffer(1 << 16, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  int rc = Z_OK;
  while (true) {
    z.next_out = reinterpret_cast<Bytef*>(buffer.data());
    z.avail_out = static_cast<uInt>(buffer.size());
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buffer.data(), buffer.size() - z.avail_out);
    if (rc == Z_STREAM_END) {
      if (z.avail_in == 0) break;
      inflateReset(&z);
      continue;
    }
    if (rc != Z_OK) break;
  }
  inflateEnd(&z);
  INFO("zlib: " << rc);
  REQUIRE(rc == Z_STREAM_END);
  return out;
}

/// `text` as one gzip member (level 9, zlib's default header).
inline std::string gzip_member(const std::string& text) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&z, text.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(out.size() - z.avail_out);
  deflateEnd(&z);
  return out;
}

/// RFC 1952's header as the project writes it: ID1 ID2, CM 8 (deflate), FLG
/// 0 (no name, comment or extra field), MTIME 0, XFL 0 (neither the fastest
/// nor the best level: 6), OS 255 (unknown).
inline const std::string kGzipHeader("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10);

}  // namespace shortlist::test
