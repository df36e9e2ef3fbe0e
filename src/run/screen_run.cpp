// A screening run, phase by phase.
//
// Every record is read exactly once. What a record alone decides (its checks,
// points and score) is worked out in parallel, batch by batch, and taken back
// in input order. Two questions need the whole batch: which ids occur more
// than once (SPEC 4.4) and where each eligible record ranks (4.2). Both are
// answered with external sorts, so memory stays flat however many records
// there are:
//
//   1. read    inputs (CSV cut into blocks the workers parse) -> statuses
//              counted, (profile, id)s -> id sorter, the eligible -> rank
//              sorter; every entry spooled too when an output needs them all
//   2. dups    id sorter -> one verdict per duplicated (record, profile): by
//              sequence number for the spool's pass, and by rank key for the
//              eligible it takes out of the ranking; the counts corrected
//   3. rank    rank sorter, less the eligible a verdict took out -> ranks and
//              statuses (by sequence number), ranked rows
//   4. write   spool + verdicts + ranks -> decision record, unranked listed
//              rows (only when an output needs them)
//   5. list    rows per profile -> shortlist file
//
// Every sort key ends with the record's sequence number, so no two keys are
// equal and nothing depends on the number of threads or on how work was split.
// The policies have files of their own: which records of a repeated id are
// kept (run/duplicates.cpp) and where the shortlist is cut (run/ranking.cpp).
#include "shortlist/screen_run.hpp"

#include <algorithm>
#include <chrono>
#include <memory>

#include "audit/decision_record.hpp"
#include "input/csv_blocks.hpp"
#include "run/duplicates.hpp"
#include "run/external_sorter.hpp"
#include "run/framed_file.hpp"
#include "run/order_key.hpp"
#include "run/ordered_work.hpp"
#include "run/ranking.hpp"
#include "run/scratch_dir.hpp"
#include "run/spool_entry.hpp"
#include "shortlist/field_binding.hpp"
#include "shortlist/json_writer.hpp"
#include "shortlist/output_error.hpp"
#include "shortlist/screening.hpp"
#include "shortlist/typing.hpp"

namespace shortlist {
namespace {

struct Batch {
  int input = 0;
  std::int64_t first_seq = 0;
  std::size_t count = 0;
  std::vector<Record> records;
  // A CSV block the worker parses into `records` first (when has_block).
  bool has_block = false;
  CsvBlock block;
  const CsvLayout* layout = nullptr;
  std::shared_ptr<const FieldBinding> binding;  ///< the input's
  const std::string* path = nullptr;            ///< the input's, as given
  // Results, filled by the worker.
  std::string spool;
  std::string rejects;
  /// The id sort's entries, one per (record, profile) decision with an id,
  /// as key and payload frames (see add_id), built by the worker.
  std::string ids;
  std::int64_t invalid = 0;
  SpoolEntry entry;  ///< the entry being written, reused for its room
  /// The rank sort's entries, one per eligible decision, as key and payload
  /// frames: the rank key, then the sequence number and the shortlist row.
  std::string ranked;
  // The statuses this batch's entries that are not eligible were given, per
  // profile, and its no-profile records (see Run::settle_duplicates).
  std::vector<std::array<std::int64_t, kProfileStatuses.size()>> counts;
  std::int64_t no_profile = 0;
};

// Loops over every entry look at the stop flag once per this many + 1 entries.
constexpr std::int64_t kStopCheckMask = 4095;

// Values a batch may hold before it is handed out (see read_inputs).
constexpr std::size_t kBatchValues = std::size_t{1} << 17;

// Reused Records keep the room of the widest record they ever held. A batch
// whose Records keep room for more than twice kBatchValues values in all
// gives back the room of the last ones, so that a few wide JSON records
// spread over many slots cannot pile up. A CSV batch never reaches that
// (its records all have the header's width, at most 100,000 columns), so
// its Records stay set up and a wide header is not copied for every record.
void release_wide_records(Batch& batch) {
  std::size_t room = 0;
  for (const Record& r : batch.records) room += r.values.capacity();
  for (std::size_t i = batch.records.size(); i-- > 0 && room > 2 * kBatchValues;) {
    Record& r = batch.records[i];
    if (r.values.capacity() <= 64) continue;
    room -= r.values.capacity();
    r = Record();
  }
}

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

void append_profile_prefix(std::string& out, int profile) {
  out += static_cast<char>((profile >> 8) & 0xFF);
  out += static_cast<char>(profile & 0xFF);
}

// Verdicts are looked up by record, then profile, the order the spool holds.
std::string verdict_key(std::int64_t seq, int profile) {
  std::string key = seq_key(seq);
  append_profile_prefix(key, profile);
  return key;
}

// Entries of the spool with what the later phases found for each, for a
// worker to turn into decision lines; the results are written in order.
struct LineBatch {
  struct Join {
    std::optional<DupVerdict> verdict;
    std::int64_t rank = 0;  ///< 0: not ranked
    Status ranked = Status::kEligible;
  };
  std::string frames;  ///< the entries, framed as in the spool
  std::vector<Join> joins;
  std::string lines;  ///< result: decision lines
  std::vector<std::pair<int, std::string>> rows;  ///< result: unranked listed rows, serialized
};

// Entries handed to a worker at a time, and bytes of them.
constexpr std::size_t kLineBatchEntries = 2048;
constexpr std::size_t kLineBatchBytes = std::size_t{1} << 20;

// The next frame of `rest` (as append_framed wrote it), taken off it.
std::string_view take_frame(std::string_view& rest) {
  std::size_t n = 0;
  for (int i = 0; i < 4; ++i) n |= std::size_t{static_cast<unsigned char>(rest[static_cast<std::size_t>(i)])} << (8 * i);
  const std::string_view frame = rest.substr(4, n);
  rest.remove_prefix(4 + n);
  return frame;
}

// Appends one entry of the id sort to `out`, key then payload. The key: the
// profile, the id's bytes escaped so that a prefix sorts first, then the
// sequence and the entry's status; all but those last 9 bytes name the
// group. The payload is an eligible entry's rank key, and empty for others.
constexpr std::size_t kIdKeyTail = 9;

void add_id(std::string& out, int profile, std::string_view id, std::int64_t seq, Status status,
            std::string_view rank_key) {
  append_framed(out, [&](std::string& key) {
    append_profile_prefix(key, profile);
    for (char c : id) {
      key += c;
      if (c == '\0') key += '\xFF';
    }
    key += '\0';
    key += '\0';
    append_ordered_u64(key, static_cast<std::uint64_t>(seq));
    key += static_cast<char>(status);
  });
  append_framed(out, [&](std::string& payload) { payload += rank_key; });
}

class Run {
 public:
  Run(const Rules& rules, const ScreenOptions& options, const ScreenOutputs& outputs)
      : rules_(rules), options_(options), outputs_(outputs), scratch_(options.temp_dir) {
    if (options.on_scratch) options.on_scratch(scratch_.path());
    for (std::size_t p = 0; p < rules.profiles.size(); ++p)
      if (options.profiles.empty() ||
          std::find(options.profiles.begin(), options.profiles.end(), static_cast<int>(p)) !=
              options.profiles.end())
        summary_.profiles.push_back(static_cast<int>(p));
    summary_.counts.resize(rules.profiles.size());
    // A row is kept for an entry that is not eligible only when the shortlist
    // may list it: listed statuses other than those ranking gives.
    for (Status st : options.list_statuses)
      if (st != Status::kShortlisted && st != Status::kReserve) needs_row_ = true;
    full_spool_ = outputs.decisions != nullptr || needs_row_;
    // Without a decision record and unranked rows, a record rejected by
    // every profile's knock-outs needs none of the fields only scores read.
    if (!full_spool_) {
      typed_first_ = fields_before_scores(rules, options.profiles);
      typed_late_ = std::find(typed_first_.begin(), typed_first_.end(), false) != typed_first_.end();
    }
  }

  ScreenSummary run() {
    timed("read and decide", [this] { read_inputs(); });
    if (cut_.items > 0) summary_.phases.push_back(cut_);
    timed("settle duplicates", [this] { settle_duplicates(); });
    timed("rank", [this] { rank(); });
    // The pass over every entry runs only for an output that needs it.
    if (outputs_.decisions)
      timed("write decisions", [this] { write_decisions(); });
    else if (full_spool_)
      timed("list unranked", [this] { write_decisions(); });
    timed("write shortlist", [this] { write_shortlist(); });
    check_stop(options_.stop);
    return summary_;
  }

 private:
  // Runs one phase and records its time and the counts it left in phase_.
  template <class Phase>
  void timed(const char* name, Phase phase) {
    phase_ = PhaseStat{name, 0, 0, 0};
    const auto start = std::chrono::steady_clock::now();
    phase();
    phase_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    summary_.phases.push_back(phase_);
  }

  // ---- phase 1: read and decide ------------------------------------------
  void read_inputs();
  void decide_batch(Batch& batch) const;
  void decide_one(Batch& batch, const Record& record, std::int64_t seq,
                  const FieldBinding& binding, const std::string& path,
                  std::vector<TypedValue>& values, std::vector<ProfileDecision>& decisions) const;
  void collect(Batch& batch);
  // Appends `e` to the batch's spool: its decision line drafted for a
  // decision record, its row when the shortlist may list it unranked.
  void spool_entry(Batch& batch, const SpoolEntry& e) const {
    append_framed(batch.spool, [&](std::string& out) {
      e.serialize(out, outputs_.decisions ? &rules_ : nullptr, needs_row_);
    });
  }

  // ---- phases 2 to 5 -------------------------------------------------------
  void settle_duplicates();
  void rank();
  void write_decisions();
  void format_lines(LineBatch& batch) const;
  void write_shortlist();
  bool listed(Status s) const {
    return std::find(options_.list_statuses.begin(), options_.list_statuses.end(), s) !=
           options_.list_statuses.end();
  }
  // Reads the verdict for `seq` from the sorted verdict stream, if there is one.
  std::optional<DupVerdict> verdict_for(std::int64_t seq, int profile);
  FramedWriter& row_file(std::vector<std::unique_ptr<FramedWriter>>& files, const char* prefix,
                         int profile);
  void row_file_write(std::vector<std::unique_ptr<FramedWriter>>& files, const char* prefix,
                      int profile, const ShortlistRow& row);

  const Rules& rules_;
  const ScreenOptions& options_;
  const ScreenOutputs& outputs_;
  ScratchDir scratch_;
  ScreenSummary summary_;
  std::unique_ptr<FramedWriter> spool_;
  // The id sort; verdicts by sequence number (for the spool's pass) and
  // those of eligible entries by rank key (for the ranking); the eligible by
  // rank key; their ranks by sequence number (for the decision record).
  std::unique_ptr<ExternalSorter> ids_, verdicts_, taken_out_, ranked_, ranks_;
  // Shortlist rows per profile: ranked ones in rank order, then the unranked
  // that a listed status names, in input order.
  std::vector<std::unique_ptr<FramedWriter>> row_files_, unranked_files_;
  std::string verdict_key_;  ///< the last verdict read; "" before the first
  DupVerdict verdict_value_ = DupVerdict::kReview;
  bool verdicts_done_ = false;
  std::int64_t collected_ = 0;
  PhaseStat phase_;  // the phase running, for --stats
  PhaseStat cut_{"cut into blocks", 0, 0, 0, true};  // the reading thread's share of CSV
  bool needs_row_ = false;  // the shortlist may list entries that are not ranked
  // Every entry goes to the spool only when an output needs them all: the
  // decision record, or a listed status that ranking does not give. The
  // eligible always go to the rank sort.
  bool full_spool_ = false;
  // When typed_late_, the fields typed_first_ does not mark are typed only
  // for a record that some profile scores (see decide_record).
  std::vector<bool> typed_first_;
  bool typed_late_ = false;
};

std::filesystem::path spool_path(const std::filesystem::path& dir) { return dir / "spool"; }

void Run::read_inputs() {
  if (full_spool_) spool_ = std::make_unique<FramedWriter>(spool_path(scratch_.path()));
  // The two sorts filled while reading share the budget of one.
  const std::size_t half = std::max<std::size_t>(options_.memory_budget / 2, 1);
  ids_ = std::make_unique<ExternalSorter>(scratch_.path(), "ids", half);
  ranked_ = std::make_unique<ExternalSorter>(scratch_.path(), "ranked", half);
  std::int64_t seq = 0;
  OrderedWork<Batch> work(
      options_.threads, [this](Batch& batch) { decide_batch(batch); },
      [this](Batch& batch) {
        collect(batch);
        release_wide_records(batch);
      });
  auto fresh_batch = [&](int input, const std::shared_ptr<const FieldBinding>& binding,
                         const std::string& path) {
    auto batch = work.fresh();
    batch->input = input;
    batch->binding = binding;
    batch->path = &path;
    batch->first_seq = seq;
    batch->count = 0;
    batch->has_block = false;
    return batch;
  };

  for (std::size_t i = 0; i < options_.inputs.size(); ++i) {
    const InputOptions& input = options_.inputs[i];
    auto reader = open_reader(input);
    auto binding = std::make_shared<const FieldBinding>(rules_, reader->header());
    if (!binding->unbound().empty()) {
      std::string message = "no column for field";
      for (int f : binding->unbound()) {
        const FieldSpec& field = rules_.fields[static_cast<std::size_t>(f)];
        message += " '" + field.name + "' (expected";
        for (const auto& c : field.columns) message += " '" + c + "'";
        message += ")";
      }
      throw InputError(input.path, 1, 1, message);
    }
    InputSummary& in = summary_.inputs.emplace_back();
    in.path = input.path;
    in.options = input;
    // CSV and TSV are cut into blocks of whole records that the workers
    // parse; where cutting stops (csv_blocks.cpp), and for JSON, records are
    // read here, one after another.
    RecordReader* records = reader.get();
    std::unique_ptr<RecordReader> rest;
    std::unique_ptr<CsvBlockSplitter> splitter = reader->split(options_.block_size);
    if (splitter) {
      for (;;) {
        check_stop(options_.stop);
        auto batch = fresh_batch(static_cast<int>(i), binding, input.path);
        const auto start = std::chrono::steady_clock::now();
        const bool cut = splitter->next(batch->block);
        cut_.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (!cut) {
          work.recycle(std::move(batch));
          break;
        }
        cut_.items += batch->block.records;
        cut_.bytes += static_cast<std::int64_t>(batch->block.text.size());
        if (batch->block.records == 0) {
          work.recycle(std::move(batch));
          continue;
        }
        batch->has_block = true;
        batch->layout = &splitter->layout();
        batch->count = static_cast<std::size_t>(batch->block.records);
        seq += batch->block.records;
        in.records += batch->block.records;
        work.submit(std::move(batch));
      }
      rest = splitter->rest_reader();
      records = rest.get();
    }
    for (bool more = records != nullptr; more;) {
      check_stop(options_.stop);
      auto batch = fresh_batch(static_cast<int>(i), binding, input.path);
      batch->records.resize(options_.batch_size);
      // A batch also ends after kBatchValues values, so that records of
      // 100,000 columns do not make a batch hold gigabytes.
      std::size_t values = 0;
      while (batch->count < options_.batch_size && values < kBatchValues &&
             (more = records->next(batch->records[batch->count]))) {
        values += batch->records[batch->count].values.size() + 1;
        ++batch->count;
      }
      if (batch->count == 0) {
        work.recycle(std::move(batch));
        break;
      }
      seq += static_cast<std::int64_t>(batch->count);
      in.records += static_cast<std::int64_t>(batch->count);
      work.submit(std::move(batch));
    }
    work.drain();
    if (splitter && !rest) {
      if (in.records == 0) require_records(input.path, *reader, 0, splitter->bytes_read());
      in.sha256 = splitter->sha256();
      in.bytes = splitter->bytes_read();
    } else {
      RecordReader& last = rest ? *rest : *reader;
      require_records(input.path, *reader, in.records, last.bytes_read());
      in.sha256 = last.sha256();
      in.bytes = last.bytes_read();
    }
  }
  summary_.records = seq;
  phase_.items = seq;
  for (const InputSummary& in : summary_.inputs) phase_.bytes += in.bytes;
  if (spool_) spool_->close();
  spool_.reset();
}

void Run::decide_batch(Batch& batch) const {
  const FieldBinding& binding = *batch.binding;
  const std::string& path = *batch.path;
  batch.spool.clear();
  batch.ranked.clear();
  batch.rejects.clear();
  batch.ids.clear();
  batch.invalid = 0;
  batch.counts.assign(rules_.profiles.size(), {});
  batch.no_profile = 0;
  // A worker's own: what it writes record by record stays in its core's
  // cache, rather than in a batch that the next block may take to the other
  // core (that traffic cost more than a third of the time on two cores).
  static thread_local Record record;
  static thread_local std::vector<TypedValue> values;
  static thread_local std::vector<ProfileDecision> decisions;
  if (!batch.has_block) {
    for (std::size_t k = 0; k < batch.count; ++k)
      decide_one(batch, batch.records[k], batch.first_seq + static_cast<std::int64_t>(k), binding,
                 path, values, decisions);
    return;
  }
  // Each record of a block is decided as soon as it is parsed. The splitter
  // counted the block's records; its reader must find as many.
  auto reader = make_block_reader(*batch.layout, batch.block);
  for (std::size_t k = 0; k < batch.count; ++k) {
    if (!reader->next(record))
      throw std::logic_error("a block of " + path + " held fewer records than counted");
    decide_one(batch, record, batch.first_seq + static_cast<std::int64_t>(k), binding, path,
               values, decisions);
  }
  if (reader->next(record))
    throw std::logic_error("a block of " + path + " held more records than counted");
}

void Run::decide_one(Batch& batch, const Record& record, std::int64_t seq,
                     const FieldBinding& binding, const std::string& path,
                     std::vector<TypedValue>& values,
                     std::vector<ProfileDecision>& decisions) const {
  // Without a decision record, an entry needs no source, no checks and no
  // row unless the shortlist may list it (see needs_row_).
  const bool detail = outputs_.decisions != nullptr;
  SpoolEntry& e = batch.entry;
  e.seq = seq;
  e.source.clear();
  e.checks_json.clear();
  e.points_json.clear();
  e.order_key.clear();
  e.row.id.reset();
  e.row.score.reset();
  e.row.columns.clear();
  if (record.invalid) {
    e.profile = -1;
    e.status = Status::kInvalid;
    e.reason = record.reason;
    if (detail || outputs_.rejects) e.source = record_source(path, record);
    if (full_spool_) spool_entry(batch, e);
    ++batch.invalid;
    if (outputs_.rejects) append_reject_line(batch.rejects, e.source, record);
    return;
  }
  if (detail) e.source = record_source(path, record);
  if (typed_late_) {
    struct Late final : LateFields {
      const FieldBinding& binding;
      const Record& record;
      std::vector<TypedValue>& values;
      const std::vector<bool>& first;
      bool done = false;
      Late(const FieldBinding& b, const Record& r, std::vector<TypedValue>& v,
           const std::vector<bool>& f)
          : binding(b), record(r), values(v), first(f) {}
      void type_late() override {
        if (done) return;
        done = true;
        binding.type_fields(record, values, first, false, false);
      }
    } late(binding, record, values, typed_first_);
    binding.type_fields(record, values, typed_first_, true, false);
    decide_record(rules_, summary_.profiles, values, decisions, false, &late);
  } else {
    binding.type_record(record, values, detail);
    decide_record(rules_, summary_.profiles, values, decisions, detail);
  }
  const TypedValue& id = values[static_cast<std::size_t>(rules_.id_field)];
  const std::string* id_text = id.ok() ? &std::get<std::string>(id.items.front()) : nullptr;
  for (auto& d : decisions) {
    e.profile = d.profile;
    e.status = d.status;
    e.checks_json = std::move(d.checks_json);
    e.points_json = std::move(d.points_json);
    e.reason = std::move(d.reason);
    e.order_key.clear();
    if (d.profile >= 0 && !id_text) {
      // A record without an id cannot be tied to a person: a human decides.
      e.status = Status::kReview;
      e.reason = "missing-id";
    }
    const bool eligible = e.status == Status::kEligible;
    if (eligible) {
      append_profile_prefix(e.order_key, d.profile);
      append_order_key(e.order_key,
                       rules_.profiles[static_cast<std::size_t>(d.profile)].shortlist.order,
                       *d.score, values, seq);
    }
    // Duplicates are per profile (SPEC 4.4 v1.1): only records a profile
    // screens take part, and only against that profile's other records.
    if (d.profile >= 0 && id_text) add_id(batch.ids, d.profile, *id_text, seq, e.status, e.order_key);
    if (!eligible) {
      if (d.profile < 0)
        ++batch.no_profile;
      else
        ++batch.counts[static_cast<std::size_t>(d.profile)][static_cast<std::size_t>(e.status)];
      if (!full_spool_) continue;
    }
    if (detail || eligible || needs_row_) {
      if (id_text) e.row.id = *id_text;
      e.row.score = d.score ? std::optional<std::string>(d.score->to_string()) : std::nullopt;
      if (e.row.columns.empty()) {
        for (int f : rules_.output_columns) {
          const TypedValue& v = values[static_cast<std::size_t>(f)];
          if (v.state == TypedValue::State::kMissing)
            e.row.columns.emplace_back();
          else
            e.row.columns.emplace_back(value_text(rules_.fields[static_cast<std::size_t>(f)], v));
        }
      }
    } else {
      e.row.id.reset();
      e.row.score.reset();
      e.row.columns.clear();
    }
    if (full_spool_) spool_entry(batch, e);
    if (eligible) {
      append_framed(batch.ranked, [&](std::string& key) { key += e.order_key; });
      append_framed(batch.ranked, [&](std::string& payload) {
        append_ordered_u64(payload, static_cast<std::uint64_t>(seq));
        e.row.serialize(payload);
      });
    }
  }
}

void Run::collect(Batch& batch) {
  collected_ += static_cast<std::int64_t>(batch.count);
  if (options_.on_progress) options_.on_progress(collected_);
  if (spool_) spool_->write_framed(batch.spool);
  if (outputs_.rejects) *outputs_.rejects << batch.rejects;
  summary_.invalid += batch.invalid;
  summary_.no_profile += batch.no_profile;
  for (std::size_t p = 0; p < batch.counts.size(); ++p)
    for (std::size_t k = 0; k < batch.counts[p].size(); ++k) summary_.counts[p][k] += batch.counts[p][k];
  for (std::string_view rest = batch.ids; !rest.empty();) {
    const std::string_view key = take_frame(rest);
    ids_->add(key, take_frame(rest));
  }
  for (std::string_view rest = batch.ranked; !rest.empty();) {
    const std::string_view key = take_frame(rest);
    ranked_->add(key, take_frame(rest));
  }
}

// ---- phase 2 ---------------------------------------------------------------
void Run::settle_duplicates() {
  // Verdicts by sequence number only for the pass over the spool.
  if (full_spool_)
    verdicts_ = std::make_unique<ExternalSorter>(scratch_.path(), "verdicts", options_.memory_budget);
  taken_out_ = std::make_unique<ExternalSorter>(scratch_.path(), "taken-out", options_.memory_budget);
  ids_->finish();
  int profile = 0;
  DuplicateGroups groups(rules_.duplicates, [&](const DupEntry& entry, DupVerdict v) {
    char b = static_cast<char>(v);
    if (verdicts_) verdicts_->add(verdict_key(entry.seq, profile), std::string_view(&b, 1));
    // The entry was counted under its status when it was decided, but for
    // the eligible, which are counted by rank: a verdict takes them out of it.
    auto& counts = summary_.counts[static_cast<std::size_t>(profile)];
    if (entry.status == Status::kEligible)
      taken_out_->add(entry.rank_key, {});
    else
      --counts[static_cast<std::size_t>(entry.status)];
    ++counts[static_cast<std::size_t>(v == DupVerdict::kReview ? Status::kReview : Status::kDuplicate)];
  });
  // The records of one (profile, id) arrive together, in input order.
  std::string_view key, rank_key;
  std::string group;
  DupEntry entry;
  std::int64_t steps = 0;
  while (ids_->next(key, rank_key)) {
    ++phase_.items;
    if ((++steps & kStopCheckMask) == 0) check_stop(options_.stop);
    profile = (static_cast<unsigned char>(key[0]) << 8) | static_cast<unsigned char>(key[1]);
    const std::string_view this_group = key.substr(0, key.size() - kIdKeyTail);
    if (phase_.items == 1 || this_group != group) {
      group = this_group;
      groups.start_group();
    }
    entry.seq = key_seq(key.substr(key.size() - kIdKeyTail, 8));
    entry.status = static_cast<Status>(key.back());
    entry.rank_key = rank_key;
    groups.add(entry);
  }
  ids_.reset();
  if (verdicts_) verdicts_->finish();
  taken_out_->finish();
}

std::optional<DupVerdict> Run::verdict_for(std::int64_t seq, int profile) {
  const std::string wanted = verdict_key(seq, profile);
  while (!verdicts_done_ && verdict_key_ < wanted) {
    std::string_view key, payload;
    if (!verdicts_->next(key, payload)) {
      verdicts_done_ = true;
      break;
    }
    verdict_key_ = key;
    verdict_value_ = static_cast<DupVerdict>(payload[0]);
  }
  if (!verdicts_done_ && verdict_key_ == wanted) return verdict_value_;
  return std::nullopt;
}

// ---- phase 3 ---------------------------------------------------------------
FramedWriter& Run::row_file(std::vector<std::unique_ptr<FramedWriter>>& files, const char* prefix,
                            int profile) {
  auto& file = files[static_cast<std::size_t>(profile)];
  if (!file)
    file = std::make_unique<FramedWriter>(scratch_.path() / (prefix + std::to_string(profile)));
  return *file;
}

void Run::row_file_write(std::vector<std::unique_ptr<FramedWriter>>& files, const char* prefix,
                         int profile, const ShortlistRow& row) {
  std::string bytes;
  row.serialize(bytes);
  row_file(files, prefix, profile).write(bytes);
}

// The eligible in rank order, less those a duplicate verdict took out: both
// sorts come in the same order, so the ones taken out are met in step.
void Run::rank() {
  row_files_.resize(rules_.profiles.size());
  unranked_files_.resize(rules_.profiles.size());
  // Ranks go back to the entries only for the decision record.
  if (outputs_.decisions)
    ranks_ = std::make_unique<ExternalSorter>(scratch_.path(), "ranks", options_.memory_budget);
  ranked_->finish();
  std::string_view key, payload, out_key, unused;
  bool more_out = taken_out_->next(out_key, unused);
  int profile = -1;
  std::optional<ProfileRanking> ranking;
  std::int64_t steps = 0;
  while (ranked_->next(key, payload)) {
    if ((++steps & kStopCheckMask) == 0) check_stop(options_.stop);
    while (more_out && out_key < key) more_out = taken_out_->next(out_key, unused);
    if (more_out && out_key == key) continue;  // counted by settle_duplicates
    ++phase_.items;
    int p = (static_cast<unsigned char>(key[0]) << 8) | static_cast<unsigned char>(key[1]);
    if (p != profile) {
      profile = p;
      ranking.emplace(rules_.profiles[static_cast<std::size_t>(p)].shortlist);
    }
    std::int64_t seq = key_seq(payload);
    ShortlistRow row = ShortlistRow::parse(payload.substr(8));
    const ProfileRanking::Place place = ranking->next(row.score);
    const std::int64_t position = place.rank;
    row.rank = place.rank;
    row.status = place.status;
    ++summary_.counts[static_cast<std::size_t>(p)][static_cast<std::size_t>(row.status)];
    if (ranks_) {
      std::string rank_key = seq_key(seq);
      append_profile_prefix(rank_key, p);
      std::string rank_payload;
      ByteWriter(rank_payload).i64(position);
      rank_payload += static_cast<char>(row.status);
      ranks_->add(rank_key, rank_payload);
    }
    if (listed(row.status)) row_file_write(row_files_, "rows-", p, row);
  }
  ranked_.reset();
  taken_out_.reset();
  if (ranks_) ranks_->finish();
}

// ---- phase 4 ---------------------------------------------------------------
void Run::format_lines(LineBatch& batch) const {
  batch.lines.clear();
  batch.rows.clear();
  std::string_view rest = batch.frames;
  for (const LineBatch::Join& join : batch.joins) {
    const SpooledEntry e = SpooledEntry::read(take_frame(rest));
    Settled settled;
    settled.status = e.status;
    if (e.profile >= 0 && join.verdict) {
      settled.duplicate_id = true;
      // `duplicates: review` sends it to a person; first|last drop it, not
      // screened at all.
      settled.dropped = *join.verdict == DupVerdict::kDuplicate;
      settled.status = settled.dropped ? Status::kDuplicate : Status::kReview;
    }
    if (settled.status == Status::kEligible) {
      if (!join.rank) continue;  // ranking listed it; no decision record
      settled.rank = join.rank;
      settled.status = join.ranked;
    } else if (e.profile >= 0 && needs_row_ && listed(settled.status)) {
      ShortlistRow row = ShortlistRow::parse(*e.row);
      row.status = settled.status;
      if (settled.dropped) row.score.reset();
      row.serialize(batch.rows.emplace_back(e.profile, std::string()).second);
    }
    if (outputs_.decisions) append_settled_line(batch.lines, e.line, e.marks, e.status, settled);
  }
}

// Every entry, in input order, with its final status: a line of the
// decision record for each, and the listed ones that ranking did not list
// kept for the shortlist. This thread reads the spool and joins each entry
// with its verdict and rank, both in the same order; workers encode the
// lines, which are written in the order they were read.
void Run::write_decisions() {
  std::ostream* out = outputs_.decisions;
  if (out) {
    std::string line;
    append_run_line(line, rules_, options_.rules_sha256, summary_);
    *out << line;
  }
  FramedReader spool(spool_path(scratch_.path()));
  std::string_view rank_key, rank_payload;
  if (ranks_) ranks_->next(rank_key, rank_payload);

  OrderedWork<LineBatch> work(
      options_.threads, [this](LineBatch& batch) { format_lines(batch); },
      [&](LineBatch& batch) {
        phase_.bytes += static_cast<std::int64_t>(batch.lines.size());
        if (out) *out << batch.lines;
        for (const auto& [profile, row] : batch.rows) row_file(unranked_files_, "unranked-", profile).write(row);
      });

  std::string bytes;
  std::unique_ptr<LineBatch> batch;
  std::int64_t steps = 0;
  while (spool.next(bytes)) {
    if ((++steps & kStopCheckMask) == 0) check_stop(options_.stop);
    ++phase_.items;
    if (!batch) {
      batch = work.fresh();
      batch->frames.clear();
      batch->joins.clear();
    }
    // Only what the joins need: sequence, profile and status.
    const SpooledEntry e = SpooledEntry::read(bytes);
    LineBatch::Join& join = batch->joins.emplace_back();
    if (e.profile >= 0) join.verdict = verdict_for(e.seq, e.profile);
    if (e.status == Status::kEligible && !join.verdict && ranks_) {
      // Every eligible entry was ranked; the ranks arrive in the same order.
      ByteReader rank(rank_payload);
      join.rank = rank.i64();
      join.ranked = static_cast<Status>(rank.u8());
      ranks_->next(rank_key, rank_payload);
    }
    append_framed(batch->frames, [&](std::string& frame) { frame += bytes; });
    if (batch->joins.size() >= kLineBatchEntries || batch->frames.size() >= kLineBatchBytes)
      work.submit(std::move(batch));
  }
  if (batch) work.submit(std::move(batch));
  work.drain();
  ranks_.reset();
  if (out) {
    std::string line;
    append_summary_line(line, rules_, summary_);
    *out << line;
  }
}

// ---- phase 5 ---------------------------------------------------------------
void Run::write_shortlist() {
  if (!outputs_.shortlist) return;
  for (auto* files : {&row_files_, &unranked_files_})
    for (auto& f : *files)
      if (f) f->close();
  ShortlistWriter writer(*outputs_.shortlist, options_.format, rules_);
  writer.begin();
  std::string bytes;
  std::int64_t steps = 0;
  for (int p : summary_.profiles) {
    writer.begin_profile(p);
    for (const char* prefix : {"rows-", "unranked-"}) {
      const auto& files = prefix[0] == 'r' ? row_files_ : unranked_files_;
      if (!files[static_cast<std::size_t>(p)]) continue;
      FramedReader rows(scratch_.path() / (prefix + std::to_string(p)));
      while (rows.next(bytes)) {
        if ((++steps & kStopCheckMask) == 0) check_stop(options_.stop);
        ++phase_.items;
        writer.row(p, ShortlistRow::parse(bytes));
      }
    }
    writer.end_profile(p);
  }
  writer.end();
}

}  // namespace

ScreenSummary run_screening(const Rules& rules, const ScreenOptions& options,
                            const ScreenOutputs& outputs) {
  return Run(rules, options, outputs).run();
}

}  // namespace shortlist
