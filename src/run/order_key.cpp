#include "run/order_key.hpp"

#include "run/framed_file.hpp"

namespace shortlist {
namespace {

void append_fixed(std::string& out, unsigned __int128 v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

// A signed integer in as few bytes as its value needs: a length byte, then
// the value's low bytes, big-endian. The length byte is 0x80 + n for n bytes
// of a value >= 0, and 0x7F - n for a negative value whose complement needs n
// bytes, so that byte order is numeric order: a longer positive is larger, a
// longer negative smaller, and equal lengths compare byte by byte. A score is
// a 128-bit number most of whose bytes are the same for every applicant:
// written whole, it would fill the sorter's 16-byte key prefixes, and every
// comparison of the ranking sort would go on to the whole keys.
void append_signed(std::string& out, __int128 v) {
  const bool negative = v < 0;
  auto magnitude = static_cast<unsigned __int128>(negative ? ~v : v);
  int n = 0;
  while (magnitude != 0) {
    magnitude >>= 8;
    ++n;
  }
  out += static_cast<char>(negative ? 0x7F - n : 0x80 + n);
  append_fixed(out, static_cast<unsigned __int128>(v), n);
}

void append_string(std::string& out, std::string_view s) {
  for (char c : s) {
    out += c;
    if (c == '\0') out += '\xFF';
  }
  out += '\0';
  out += '\0';
}

void append_scalar(std::string& out, const Scalar& s) {
  if (auto* d = std::get_if<Decimal>(&s)) return append_signed(out, d->raw());
  if (auto* o = std::get_if<Ordinal>(&s)) return append_signed(out, o->index);
  if (auto* d = std::get_if<Date>(&s)) return append_signed(out, d->days);
  if (auto* t = std::get_if<Instant>(&s)) return append_signed(out, t->ns);
  if (auto* b = std::get_if<bool>(&s)) return append_fixed(out, *b ? 1 : 0, 1);
  if (auto* t = std::get_if<Text>(&s)) return append_string(out, t->normalized);
  append_string(out, std::get<std::string>(s));
}

}  // namespace

void append_order_key(std::string& out, const std::vector<OrderKey>& order, Decimal score,
                      const std::vector<TypedValue>& values, std::int64_t seq) {
  for (const auto& key : order) {
    const Scalar* value = nullptr;
    Scalar score_value;
    if (key.source == OrderKey::Source::kScore) {
      score_value = score;
      value = &score_value;
    } else {
      const auto& v = values[static_cast<std::size_t>(key.field)];
      if (v.ok()) value = &v.items.front();
    }
    if (!value) {
      out += '\x01';
      continue;
    }
    out += '\x00';
    std::size_t start = out.size();
    append_scalar(out, *value);
    if (key.descending)
      for (std::size_t i = start; i < out.size(); ++i) out[i] = static_cast<char>(~out[i]);
  }
  append_ordered_u64(out, static_cast<std::uint64_t>(seq));
}

}  // namespace shortlist
