#pragma once
// Verifying a decision record (SPEC 5): the record a run wrote is compared with
// the one a fresh run over the same rules and inputs writes, line by line and
// field by field, in one streaming pass. The comparison never prints; the
// `verify` command prints what it returns.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shortlist/input.hpp"

namespace shortlist {

/// One input as the run line of a decision record names it.
struct RecordedInput {
  std::string path;                   ///< as it was given to the run
  std::string sha256;                 ///< of its bytes as stored
  std::optional<InputFormat> format;  ///< how it was read, if recorded
  std::optional<Encoding> encoding;   ///< how it was decoded, if recorded
  char delimiter = 0;                 ///< a delimiter given to the run; 0 = detected
  std::string sheet;                  ///< the worksheet given to the run (--sheet)
};

/// What the run line says: what verify needs to screen again the same way,
/// and what fairness needs (the profiles, the rules for the id column).
struct RecordedRun {
  std::string rules_path;              ///< the rules file as the run was given it
  std::string rules_sha256;            ///< hash of the rules file's bytes
  std::vector<RecordedInput> inputs;   ///< in the order they were given
  std::vector<std::string> profiles;   ///< ids of the profiles screened
};

/// Reads the run line (the first line) of the decision record at `path`,
/// plain or gzip-compressed. Throws InputError naming `path` if it is
/// missing, unreadable or not a run line.
RecordedRun read_recorded_run(const std::string& path);

/// One way the two records differ.
struct VerifyDifference {
  enum class Kind {
    kField,      ///< `field` of `subject` has another value
    kHash,       ///< the file `subject` has another SHA-256 than the run recorded
    kMissing,    ///< a recomputed decision the record lacks
    kExtra,      ///< a recorded decision the fresh run does not make
    kMalformed,  ///< a recorded line that is not a line of a decision record
  };
  Kind kind = Kind::kField;
  std::string subject;     ///< "SOURCE (ID, PROFILE)", "run", "summary" or a file name
  std::string field;       ///< e.g. "status", "inputs[0].records"; empty for whole lines
  std::string recorded;    ///< the recorded value as minified JSON; empty if absent
  std::string recomputed;  ///< the recomputed value as minified JSON; empty if absent
};

/// "SUBJECT: FIELD: recorded VALUE, recomputed VALUE" and the like, one line.
std::string describe(const VerifyDifference& difference);

/// The outcome of a comparison; counts cover every difference, `differences`
/// only the first ones (memory stays bounded however many there are).
struct VerifyResult {
  std::vector<VerifyDifference> differences;  ///< the first `keep` differences, in order
  std::vector<std::string> notes;             ///< remarks that are not differences
  std::int64_t total = 0;                     ///< all differences, kept or not
  std::int64_t compared = 0;  ///< decisions present in both records
  std::int64_t differ = 0;    ///< of those, decisions with a field that differs
  std::int64_t missing = 0;   ///< recomputed decisions missing from the record
  std::int64_t extra = 0;     ///< recorded decisions the fresh run does not make
  std::int64_t inputs = 0;    ///< inputs of the fresh run
  std::vector<std::string> changed_files;  ///< rules and inputs whose SHA-256 differs, in order
  std::int64_t run_fields = 0;      ///< fields of the run line that differ, hashes aside
  std::int64_t summary_fields = 0;  ///< fields of the summary line that differ (or it is missing)
  std::int64_t malformed = 0;       ///< recorded lines that are not decision record lines
  /// True when the records agree everywhere verify looks.
  bool identical() const { return total == 0; }
};

/// Compares a recorded decision record with a recomputed one. Decisions are
/// paired on (input, line, profile), the order both records are written in,
/// so a deleted or added line costs one difference, not a cascade. Paths are
/// not compared (a run may be verified from another folder); a path that
/// changed is a note.
/// `recorded` and `recomputed` are the records' paths; either may be
/// gzip-compressed (they are compared by their text). Throws InputError
/// naming the file and line when one cannot be opened or read.
VerifyResult compare_decision_records(const std::string& recorded, const std::string& recomputed,
                                      std::size_t keep = 20);

}  // namespace shortlist
