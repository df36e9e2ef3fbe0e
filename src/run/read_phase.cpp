// Phase 1 of a screening run: reading every input and deciding every record
// (see screen_run.cpp). CSV and TSV are cut into blocks of whole records that
// the workers parse and decide; JSON is read here and decided by the workers.
// Each worker's results come back in input order.
#include <algorithm>
#include <chrono>
#include <limits>
#include <memory>

#include "audit/decision_record.hpp"
#include "run/order_key.hpp"
#include "run/ordered_work.hpp"
#include "run/run_keys.hpp"
#include "run/screen_phases.hpp"
#include "shortlist/typing.hpp"

namespace shortlist {
namespace {

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

}  // namespace

void ScreenRun::read_inputs() {
  if (full_spool_) spool_ = std::make_unique<FramedWriter>(spool_file_);
  if (in_place_) {
    // The record's run line is written over this gap at the end, when the
    // inputs' hashes and counts are known; it is never longer than the line
    // with every count at its widest.
    ScreenSummary widest = summary_;
    for (const InputOptions& input : options_.inputs) {
      InputSummary& in = widest.inputs.emplace_back();
      in.path = input.path;
      in.options = input;
      in.sha256.assign(64, '0');
      in.records = std::numeric_limits<std::int64_t>::max();
    }
    std::string line;
    append_run_line(line, rules_, options_.rules_sha256, widest);
    record_gap_ = line.size();
    spool_->write_framed(std::string(record_gap_, ' '));
  }
  // The two sorts filled while reading share the budget of one.
  const std::size_t half = std::max<std::size_t>(options_.memory_budget / 2, 1);
  const std::size_t parts = static_cast<std::size_t>(std::max(1, options_.threads));
  for (std::size_t p = 0; p < parts; ++p)
    id_parts_.push_back(sorter("ids-" + std::to_string(p), std::max<std::size_t>(half / parts, 1)));
  const std::size_t screened = std::max<std::size_t>(summary_.profiles.size(), 1);
  ranked_.resize(rules_.profiles.size());
  ranked_added_.assign(rules_.profiles.size(), 0);
  for (int p : summary_.profiles)
    ranked_[static_cast<std::size_t>(p)] =
        sorter("ranked-" + std::to_string(p), std::max<std::size_t>(half / screened, 1));
  std::int64_t seq = 0;

  // Bytes of the inputs before the one being read, for the progress display.
  std::int64_t bytes_before = 0;
  auto note_bytes = [&](std::int64_t bytes_of_input) {
    if (options_.progress)
      options_.progress->bytes.store(bytes_before + bytes_of_input, std::memory_order_relaxed);
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
      throw InputError(input.path, reader->header_line(), 1, message);
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
    // One input's batches refer to its splitter's layout: made after the
    // reader and splitter, the work is gone before them, and when reading
    // stops with batches still out (an error, Ctrl-C), its destructor waits
    // for those batches while what they refer to still exists.
    // A mapped input is cut in place: once a block is taken back, the pages
    // before its end are given back (every block before it is back too).
    MappedFile* mapping = splitter ? splitter->mapping() : nullptr;
    OrderedWork<Batch> work(
        pool_.get(), [this](Batch& batch) { decide_batch(batch); },
        [this, mapping](Batch& batch) {
          collect(batch);
          release_wide_records(batch);
          if (mapping && batch.has_block) {
            const std::string_view bytes = batch.block.bytes();
            mapping->release_before(bytes.data() + bytes.size());
          }
        });
    auto fresh_batch = [&] {
      auto batch = work.fresh();
      batch->input = static_cast<int>(i);
      batch->binding = binding;
      batch->path = &input.path;
      batch->first_seq = seq;
      batch->count = 0;
      batch->has_block = false;
      return batch;
    };
    if (splitter) {
      for (;;) {
        check_stop(options_.stop);
        auto batch = fresh_batch();
        const auto start = std::chrono::steady_clock::now();
        const bool cut = splitter->next(batch->block);
        cut_.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (!cut) {
          work.recycle(std::move(batch));
          break;
        }
        cut_.items += batch->block.records;
        cut_.bytes += static_cast<std::int64_t>(batch->block.bytes().size());
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
        note_bytes(splitter->bytes_read());
      }
      rest = splitter->rest_reader();
      records = rest.get();
    }
    for (bool more = records != nullptr; more;) {
      check_stop(options_.stop);
      auto batch = fresh_batch();
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
      note_bytes(records->bytes_read());
    }
    work.drain();
    // The source checked the file when it handed out its last byte; blocks
    // parsed after that could still have met a file cut short under them.
    if (mapping) mapping->require_unchanged(input.path);
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
    bytes_before += in.bytes;
    note_bytes(0);
  }
  if (options_.progress) options_.progress->read.store(true, std::memory_order_relaxed);
  summary_.records = seq;
  phase_.items = seq;
  for (const InputSummary& in : summary_.inputs) phase_.bytes += in.bytes;
  if (spool_) spool_->close();
  spool_.reset();
}

void ScreenRun::decide_batch(Batch& batch) const {
  const FieldBinding& binding = *batch.binding;
  const std::string& path = *batch.path;
  batch.spool.clear();
  batch.ranked.clear();
  batch.rejects.clear();
  batch.ids.clear();
  batch.invalid = 0;
  batch.invalid_utf8 = 0;
  batch.counts.assign(rules_.profiles.size(), {});
  batch.no_profile = 0;
  batch.failed = {};
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

void ScreenRun::decide_one(Batch& batch, const Record& record, std::int64_t seq,
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
    if (detail || outputs_.rejects) append_record_source(e.source, path, record);
    if (full_spool_) spool_entry(batch, e);
    ++batch.invalid;
    if (record.reason.starts_with("invalid UTF-8") ||
        record.reason.find("not valid UTF-8") != std::string::npos)
      ++batch.invalid_utf8;
    if (outputs_.rejects) append_reject_line(batch.rejects, e.source, record);
    if (options_.name_failed && batch.failed.invalid.wants(seq, -1))
      batch.failed.invalid.offer({seq, -1, record_source(path, record), record.reason});
    return;
  }
  if (detail) append_record_source(e.source, path, record);
  if (typed_late_) {
    // Which fields this record has typed: the first ones, then as rules
    // read them. The others still hold an earlier record's values.
    thread_local std::vector<bool> typed;
    typed = typed_first_;
    struct Late final : LateFields {
      const FieldBinding& binding;
      const Record& record;
      std::vector<TypedValue>& values;
      std::vector<bool>& typed;
      bool keep_written;
      bool all = false;
      Late(const FieldBinding& b, const Record& r, std::vector<TypedValue>& v, std::vector<bool>& t,
           bool k)
          : binding(b), record(r), values(v), typed(t), keep_written(k) {}
      void need(const std::vector<int>& fields) override {
        for (int f : fields) {
          if (f < 0 || typed[static_cast<std::size_t>(f)]) continue;
          typed[static_cast<std::size_t>(f)] = true;
          binding.type_field(record, values, f, keep_written);
        }
      }
      void type_late() override {
        if (all) return;
        all = true;
        binding.type_fields(record, values, typed, false, keep_written);
      }
    } late(binding, record, values, typed, detail);
    binding.type_fields(record, values, typed_first_, true, detail);
    decide_record(rules_, summary_.profiles, values, decisions, detail, &late);
  } else {
    binding.type_record(record, values, detail);
    decide_record(rules_, summary_.profiles, values, decisions, detail);
  }
  const TypedValue& id = values[static_cast<std::size_t>(rules_.id_field)];
  const std::string* id_text = id.ok() ? &std::get<std::string>(id.items.front()) : nullptr;
  for (auto& d : decisions) {
    e.profile = d.profile;
    e.status = d.status;
    // Swapped, not moved: both keep room for the next record's.
    e.checks_json.swap(d.checks_json);
    e.points_json.swap(d.points_json);
    e.reason.swap(d.reason);
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
    if (d.profile >= 0 && id_text) {
      thread_local std::string where;
      where.clear();
      if (options_.name_failed)
        append_id_where(where, {record.line, record.source_column,
                                e.status == Status::kReview ? std::string_view(e.reason) : std::string_view()});
      add_id(batch.ids, d.profile, *id_text, seq, e.status, e.order_key, where);
    }
    if (options_.name_failed) {
      // Final when decided: no profile, and a review without an id, which
      // no duplicate verdict can reach.
      FirstFailed* list = d.profile < 0                                ? &batch.failed.no_profile
                          : e.status == Status::kReview && !id_text ? &batch.failed.review
                                                                    : nullptr;
      if (list && list->wants(seq, d.profile))
        list->offer({seq, d.profile, record_source(path, record), e.reason});
    }
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
      // Output columns only for a row the shortlist may list: a decision
      // line names none.
      if ((eligible || needs_row_) && e.row.columns.empty()) {
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
      append_framed(batch.ranked, [&](TextBuffer& key) { key += e.order_key; });
      append_framed(batch.ranked, [&](TextBuffer& payload) {
        append_ordered_u64(payload, static_cast<std::uint64_t>(seq));
        e.row.serialize(payload);
      });
    }
  }
}

void ScreenRun::collect(Batch& batch) {
  collected_ += static_cast<std::int64_t>(batch.count);
  if (options_.progress) options_.progress->records.store(collected_, std::memory_order_relaxed);
  if (spool_) spool_->write_framed(batch.spool);
  if (outputs_.rejects) *outputs_.rejects << batch.rejects;
  summary_.invalid += batch.invalid;
  summary_.invalid_utf8 += batch.invalid_utf8;
  summary_.no_profile += batch.no_profile;
  summary_.failed.invalid.merge(batch.failed.invalid);
  summary_.failed.review.merge(batch.failed.review);
  summary_.failed.no_profile.merge(batch.failed.no_profile);
  for (std::size_t p = 0; p < batch.counts.size(); ++p)
    for (std::size_t k = 0; k < batch.counts[p].size(); ++k) summary_.counts[p][k] += batch.counts[p][k];
  for (std::string_view rest = batch.ids; !rest.empty();) {
    const std::string_view key = take_frame(rest);
    id_parts_[id_part(key, id_parts_.size())]->add(key, take_frame(rest));
  }
  for (std::string_view rest = batch.ranked; !rest.empty();) {
    const std::string_view key = take_frame(rest);
    const auto p = static_cast<std::size_t>(key_profile(key));
    ranked_[p]->add(key, take_frame(rest));
    ++ranked_added_[p];
  }
}

}  // namespace shortlist
