#include "run/run_keys.hpp"

#include <cstdint>
#include <cstring>
#include <stdexcept>

#include "run/framed_file.hpp"

namespace shortlist {

std::string seq_key(std::int64_t seq) {
  std::string key;
  append_ordered_u64(key, static_cast<std::uint64_t>(seq));
  return key;
}

std::int64_t key_seq(std::string_view key) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(key[i]);
  return static_cast<std::int64_t>(v);
}

std::string verdict_key(std::int64_t seq, int profile) {
  std::string key = seq_key(seq);
  append_profile_prefix(key, profile);
  return key;
}

// Any function of the group's bytes would do: the part an entry goes to
// never shows in an output, only in how evenly the parts share the work.
// std::hash cost some 100 instructions an id (0.8 % of a two-thread run,
// paid by no one-thread run); this mixes 8 bytes at a time.
std::size_t id_part(std::string_view key, std::size_t parts) {
  if (parts <= 1) return 0;
  const std::string_view group = key.substr(0, key.size() - kIdKeyTail);
  constexpr std::uint64_t kMix = 0x9E3779B97F4A7C15ULL;
  std::uint64_t h = group.size();
  std::size_t i = 0;
  for (; i + 8 <= group.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, group.data() + i, 8);
    h = (h ^ word) * kMix;
    h ^= h >> 29;
  }
  std::uint64_t last = 0;
  std::memcpy(&last, group.data() + i, group.size() - i);
  h = (h ^ last) * kMix;
  h ^= h >> 32;
  return static_cast<std::size_t>(h % parts);
}

void add_id(TextBuffer& out, int profile, std::string_view id, std::int64_t seq, Status status,
            std::string_view rank_key, std::string_view where) {
  append_framed(out, [&](TextBuffer& key) {
    append_profile_prefix(key, profile);
    // Runs without NUL bytes (all of almost every id) are copied whole.
    for (std::string_view rest = id;;) {
      const auto* nul = static_cast<const char*>(std::memchr(rest.data(), '\0', rest.size()));
      if (nul == nullptr) {
        key.append(rest);
        break;
      }
      const auto n = static_cast<std::size_t>(nul - rest.data());
      key.append(rest.substr(0, n + 1));
      key += '\xFF';
      rest.remove_prefix(n + 1);
    }
    key += '\0';
    key += '\0';
    append_ordered_u64(key, static_cast<std::uint64_t>(seq));
    key += static_cast<char>(status);
  });
  append_framed(out, [&](TextBuffer& payload) {
    payload += rank_key;
    payload += where;
  });
}

// The reason's bytes, then three numbers of 8 bytes: the line, the source
// column and the reason's size, read back from the end.
void append_id_where(std::string& out, const IdWhere& where) {
  out += where.reason;
  append_ordered_u64(out, static_cast<std::uint64_t>(where.line));
  append_ordered_u64(out, static_cast<std::uint64_t>(where.source_column));
  append_ordered_u64(out, where.reason.size());
}

IdWhere take_id_where(std::string_view& payload) {
  constexpr std::size_t kNumbers = 24;
  if (payload.size() < kNumbers) throw std::logic_error("an id sort entry without where its record is");
  IdWhere where;
  const std::string_view numbers = payload.substr(payload.size() - kNumbers);
  where.line = key_seq(numbers);
  where.source_column = key_seq(numbers.substr(8));
  const auto reason_size = static_cast<std::size_t>(key_seq(numbers.substr(16)));
  if (reason_size > payload.size() - kNumbers) throw std::logic_error("an id sort entry's where is cut");
  const std::size_t reason_at = payload.size() - kNumbers - reason_size;
  where.reason = payload.substr(reason_at, reason_size);
  payload = payload.substr(0, reason_at);
  return where;
}

}  // namespace shortlist
