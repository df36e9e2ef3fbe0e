#include "run/order_key.hpp"

#include "run/framed_file.hpp"

namespace shortlist {
namespace {

void append_fixed(std::string& out, unsigned __int128 v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

void append_signed(std::string& out, __int128 v, int bytes) {
  auto u = static_cast<unsigned __int128>(v);
  u ^= static_cast<unsigned __int128>(1) << (8 * bytes - 1);  // flip the sign bit
  append_fixed(out, u, bytes);
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
  if (auto* d = std::get_if<Decimal>(&s)) return append_signed(out, d->raw(), 16);
  if (auto* o = std::get_if<Ordinal>(&s)) return append_signed(out, o->index, 4);
  if (auto* d = std::get_if<Date>(&s)) return append_signed(out, d->days, 4);
  if (auto* t = std::get_if<Instant>(&s)) return append_signed(out, t->ns, 8);
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
