#pragma once
// How a screening run keys the entries of its sorts and frames what workers
// hand back (see screen_run.cpp). Every key ends with the record's sequence
// number, so no two are equal and no order depends on how work was split.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "shortlist/status.hpp"
#include "shortlist/text_buffer.hpp"

namespace shortlist {

/// A sequence number as 8 bytes that sort in its order.
std::string seq_key(std::int64_t seq);
/// The sequence number of the first 8 bytes of `key`.
std::int64_t key_seq(std::string_view key);
/// Appends a profile's index as 2 bytes that sort in its order (to a
/// std::string or a TextBuffer).
template <class Out>
void append_profile_prefix(Out& out, int profile) {
  out += static_cast<char>((profile >> 8) & 0xFF);
  out += static_cast<char>(profile & 0xFF);
}
/// The profile of a key that starts with append_profile_prefix.
inline int key_profile(std::string_view key) {
  return (static_cast<unsigned char>(key[0]) << 8) | static_cast<unsigned char>(key[1]);
}
/// The key of a duplicate verdict: by record, then profile, the order the
/// spool holds.
std::string verdict_key(std::int64_t seq, int profile);

/// An id sort key ends with the sequence number and the entry's status; all
/// before those bytes names the (profile, id) group.
constexpr std::size_t kIdKeyTail = 9;
/// Appends one entry of the id sort to `out`, key then payload frames. The
/// key: the profile, the id's bytes escaped so that a prefix sorts first,
/// then the sequence and the entry's status. The payload is an eligible
/// entry's rank key, and empty for others, followed by `where` (see IdWhere).
void add_id(TextBuffer& out, int profile, std::string_view id, std::int64_t seq, Status status,
            std::string_view rank_key, std::string_view where = {});

/// When a run names the decisions that fail `screen --strict`, an id sort
/// entry's payload ends with where its record starts and, for an entry in
/// review, why: settling can then name those a verdict leaves in review
/// (settle_phase.cpp) without the record at hand.
struct IdWhere {
  std::int64_t line = 0;
  std::int64_t source_column = 0;
  std::string_view reason;
};
/// Appends `where` as the tail of an id sort payload.
void append_id_where(std::string& out, const IdWhere& where);
/// Takes the tail append_id_where wrote off `payload`, leaving the rank key.
IdWhere take_id_where(std::string_view& payload);
/// Which of `parts` parts of the id sort an id sort key goes to: the same
/// for every entry of a (profile, id) group.
std::size_t id_part(std::string_view key, std::size_t parts);

}  // namespace shortlist
