#include "run/spool_entry.hpp"

#include "run/framed_file.hpp"

namespace shortlist {
namespace {

void put_optional(ByteWriter& w, const std::optional<std::string>& s) {
  w.u8(s ? 1 : 0);
  if (s) w.str(*s);
}

std::optional<std::string> get_optional(ByteReader& r) {
  if (!r.u8()) return std::nullopt;
  return std::string(r.str());
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
ShortlistRow parse_row(ByteReader& r) {
  ShortlistRow row;
  row.rank = r.i64();
  row.id = get_optional(r);
  row.score = get_optional(r);
  row.status = static_cast<Status>(r.u8());
  auto n = r.i64();
  for (std::int64_t i = 0; i < n; ++i) row.columns.push_back(get_optional(r));
  return row;
}
}  // namespace

ShortlistRow ShortlistRow::parse(std::string_view bytes) {
  ByteReader r(bytes);
  return parse_row(r);
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
  ByteReader r(bytes);
  SpoolEntry e;
  e.seq = r.i64();
  e.source = r.str();
  e.profile = static_cast<std::int32_t>(r.i64());
  e.status = static_cast<Status>(r.u8());
  e.checks_json = r.str();
  e.points_json = r.str();
  e.reason = r.str();
  e.order_key = r.str();
  e.row = parse_row(r);
  return e;
}

}  // namespace shortlist
