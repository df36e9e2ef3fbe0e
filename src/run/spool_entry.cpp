#include "run/spool_entry.hpp"

#include "run/framed_file.hpp"
#include "shortlist/text_buffer.hpp"

namespace shortlist {
namespace {

template <class Out>
void put_optional(ByteWriter<Out>& w, const std::optional<std::string>& s) {
  w.u8(s ? 1 : 0);
  if (s) w.str(*s);
}

// get_optional into `out`, keeping its room.
void get_optional_into(ByteReader& r, std::optional<std::string>& out) {
  if (!r.u8()) {
    out.reset();
    return;
  }
  const std::string_view s = r.str();
  if (out)
    out->assign(s);
  else
    out.emplace(s);
}

}  // namespace

template <class Out>
void ShortlistRow::serialize(Out& out) const {
  ByteWriter w(out);
  w.i64(rank);
  put_optional(w, id);
  put_optional(w, score);
  w.u8(static_cast<std::uint8_t>(status));
  w.i64(static_cast<std::int64_t>(columns.size()));
  for (const auto& c : columns) put_optional(w, c);
}

template void ShortlistRow::serialize(std::string&) const;
template void ShortlistRow::serialize(TextBuffer&) const;

namespace {
void parse_row(ByteReader& r, ShortlistRow& row) {
  row.rank = r.i64();
  get_optional_into(r, row.id);
  get_optional_into(r, row.score);
  row.status = static_cast<Status>(r.u8());
  const auto n = static_cast<std::size_t>(r.i64());
  row.columns.resize(n);
  for (auto& c : row.columns) get_optional_into(r, c);
}
}  // namespace

ShortlistRow ShortlistRow::parse(std::string_view bytes) {
  ByteReader r(bytes);
  ShortlistRow row;
  parse_row(r, row);
  return row;
}

template <class Out>
void SpoolEntry::serialize(Out& out, const Rules* rules, bool with_row, std::size_t room) const {
  const std::size_t start = out.size();
  ByteWriter w(out);
  w.i64(seq);
  w.i64(profile);
  w.u8(static_cast<std::uint8_t>(status));
  // The line is drafted straight into the spool.
  DraftMarks marks;
  std::size_t line_size = 0;
  w.str_in_place([&](Out& line) {
    const std::size_t at = line.size();
    if (rules) marks = append_decision_draft(line, *rules, *this);
    line_size = line.size() - at;
  });
  for (std::uint32_t m : {marks.status, marks.score, marks.rank, marks.checks, marks.reason})
    w.i64(m);
  w.u8(with_row ? 1 : 0);
  if (with_row) w.str_in_place([&](Out& bytes) { row.serialize(bytes); });
  // Padding, which read() never looks at, up to the room asked for.
  if (room && out.size() - start < line_size + room) out.append(start + line_size + room - out.size(), ' ');
}

template void SpoolEntry::serialize(std::string&, const Rules*, bool, std::size_t) const;
template void SpoolEntry::serialize(TextBuffer&, const Rules*, bool, std::size_t) const;

SpooledEntry SpooledEntry::read(std::string_view bytes) {
  ByteReader r(bytes);
  SpooledEntry e;
  e.seq = r.i64();
  e.profile = static_cast<std::int32_t>(r.i64());
  e.status = static_cast<Status>(r.u8());
  e.line = r.str();
  for (std::uint32_t* m : {&e.marks.status, &e.marks.score, &e.marks.rank, &e.marks.checks, &e.marks.reason})
    *m = static_cast<std::uint32_t>(r.i64());
  if (r.u8()) e.row = r.str();
  return e;
}

}  // namespace shortlist
