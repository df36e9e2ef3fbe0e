// The parse floor: the least a reader of a CSV file must do, on one thread.
//
// Reads a file in 1 MiB pieces and looks at every byte once, the way fast
// CSV scanners do: each quote flips whether the scan is inside a quoted
// field (a doubled quote flips twice), and commas and line feeds count only
// outside. That is exact for well-formed CSV (RFC 4180), whose quotes open
// fields only at their start; a blank line counts as a record. Outside
// quotes it takes sixteen bytes at a time (SSE2) and counts their commas
// and line feeds at once; inside, it skips to the next quote (memchr). It
// types nothing, decides nothing and keeps nothing: what screening costs
// above it is the work of the rules. bench/engine_vs_duckdb.sh times it
// beside DuckDB and shortlist.
//   csv_scan_floor FILE   prints "<records> records, <fields> fields"
//                         (the header counts as a record)
#include <fcntl.h>
#include <unistd.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <cstdio>
#include <cstring>
#include <vector>

namespace {

struct Counts {
  unsigned long long records = 0;
  unsigned long long fields = 0;
  bool quoted = false;  // inside a quoted field
};

#if defined(__SSE2__)
// The bytes of `x` equal to `c`, as bits.
unsigned bytes_equal(__m128i x, char c) {
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(c))));
}
#endif

// Counts the records and fields that end in data[0, n), carrying whether
// the scan is inside quotes from one piece to the next.
void scan(const unsigned char* data, std::size_t n, Counts& counts) {
  std::size_t i = 0;
  while (i < n) {
    if (counts.quoted) {
      const void* quote = std::memchr(data + i, '"', n - i);
      if (quote == nullptr) return;
      i = static_cast<std::size_t>(static_cast<const unsigned char*>(quote) - data) + 1;
      counts.quoted = false;
      continue;
    }
#if defined(__SSE2__)
    if (i + 16 <= n) {
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
      const unsigned quotes = bytes_equal(x, '"');
      const unsigned lines = bytes_equal(x, '\n');
      const unsigned ends = bytes_equal(x, ',') | lines;
      // Only what comes before the first quote is outside quotes.
      const unsigned before = quotes == 0 ? 0xFFFFU : (quotes & (0U - quotes)) - 1;
      counts.fields += static_cast<unsigned>(__builtin_popcount(ends & before));
      counts.records += static_cast<unsigned>(__builtin_popcount(lines & before));
      if (quotes == 0) {
        i += 16;
      } else {
        i += static_cast<std::size_t>(__builtin_ctz(quotes)) + 1;
        counts.quoted = true;
      }
      continue;
    }
#endif
    const unsigned char c = data[i++];
    if (c == '"') {
      counts.quoted = true;
    } else if (c == ',' || c == '\n') {
      ++counts.fields;
      if (c == '\n') ++counts.records;
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: csv_scan_floor FILE\n");
    return 2;
  }
  const int fd = ::open(argv[1], O_RDONLY);
  if (fd < 0) {
    std::perror(argv[1]);
    return 1;
  }
  Counts counts;
  unsigned char last = '\n';  // the last byte read
  std::vector<unsigned char> buffer(std::size_t{1} << 20);
  for (;;) {
    const ssize_t got = ::read(fd, buffer.data(), buffer.size());
    if (got < 0) {
      std::perror(argv[1]);
      return 1;
    }
    if (got == 0) break;
    scan(buffer.data(), static_cast<std::size_t>(got), counts);
    last = buffer[static_cast<std::size_t>(got) - 1];
  }
  ::close(fd);
  if (last != '\n') {  // the last record has no line end
    ++counts.records;
    ++counts.fields;
  }
  std::printf("%llu records, %llu fields\n", counts.records, counts.fields);
  return 0;
}
