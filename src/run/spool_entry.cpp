#include "run/spool_entry.hpp"

#include "run/framed_file.hpp"

namespace shortlist {
namespace {

void put_optional(ByteWriter& w, const std::optional<std::string>& s) {
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

void ShortlistRow::serialize(std::string& out) const {
  ByteWriter w(out);
  w.i64(rank);
  put_optional(w, id);
  put_optional(w, score);
  w.u8(static_cast<std::uint8_t>(status));
  w.i64(static_cast<std::int64_t>(columns.size()));
  for (const auto& c : columns) put_optional(w, c);
}

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

void SpoolEntry::serialize(std::string& out) const {
  ByteWriter w(out);
  w.i64(seq);
  w.str(source);
  w.i64(profile);
  w.u8(static_cast<std::uint8_t>(status));
  w.str(checks_json);
  w.str(points_json);
  w.str(reason);
  w.str(order_key);
  row.serialize(out);
}

SpoolEntry SpoolEntry::parse(std::string_view bytes) {
  SpoolEntry e;
  parse_into(bytes, e);
  return e;
}

void SpoolEntry::parse_into(std::string_view bytes, SpoolEntry& e) {
  ByteReader r(bytes);
  e.seq = r.i64();
  e.source = r.str();
  e.profile = static_cast<std::int32_t>(r.i64());
  e.status = static_cast<Status>(r.u8());
  e.checks_json = r.str();
  e.points_json = r.str();
  e.reason = r.str();
  e.order_key = r.str();
  parse_row(r, e.row);
}

}  // namespace shortlist
