#pragma once
// The exit codes of SPEC 2, in one place.

namespace shortlist::cmd {

enum ExitCode : int {
  kExitOk = 0,
  kExitCheckFailed = 1,  ///< --strict, verify, validate --input
  kExitUsage = 2,
  kExitRules = 3,
  kExitInput = 4,
  kExitOutput = 5,
};

}  // namespace shortlist::cmd
