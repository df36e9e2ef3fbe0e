// End to end: a run stopped by Ctrl-C or SIGTERM leaves nothing behind (SPEC
// 1: a run that fails creates or changes no output). The binary is started in
// the background, signalled once its scratch folder exists (the run has begun),
// and then the folders are compared with what was there before.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "cli_test_support.hpp"
#include "test_support.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using shortlist::test::read_file;
using shortlist::test::shell_quote;
using shortlist::test::TempDir;

const std::string kRules = R"(shortlist: 1
call: { id: INTERRUPT }
fields:
  id:    { column: id }
  name:  { column: name }
  years: { column: years, type: number }
profiles:
  - id: p
    require:
      - { id: experienced, field: years, at_least: 1 }
    score:
      - { id: years, field: years, each: 1 }
)";

// `n` applicants: long enough to be busy for a while in any build.
std::string applicants(int n) {
  std::string csv = "id,name,years\n";
  csv.reserve(static_cast<std::size_t>(n) * 24);
  for (int i = 0; i < n; ++i)
    csv += "A" + std::to_string(i) + ",Applicant " + std::to_string(i) + "," +
           std::to_string(i % 30) + "\n";
  return csv;
}

// The binary running in the background: `sh -c 'cd DIR && exec shortlist ARGS'`,
// so that the process signalled is shortlist itself.
class Background {
 public:
  Background(const fs::path& dir, const std::string& args, const fs::path& tmpdir) {
    const std::string command = "cd " + shell_quote(dir.string()) + " && TMPDIR=" +
                                shell_quote(tmpdir.string()) + " exec " +
                                shell_quote(SHORTLIST_BINARY) + " " + args + " 2>stderr.txt";
    const char* argv[] = {"/bin/sh", "-c", command.c_str(), nullptr};
    REQUIRE(posix_spawn(&pid_, "/bin/sh", nullptr, nullptr, const_cast<char**>(argv), environ) ==
            0);
  }
  ~Background() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  void signal(int sig) const { ::kill(pid_, sig); }
  // The exit code, or -1 if it ended by a signal.
  int wait() {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  pid_t pid_ = -1;
};

// Waits (up to a minute) until `dir` holds an entry; false on time out.
bool wait_for_entry(const fs::path& dir) {
  for (int i = 0; i < 12000; ++i) {
    if (!fs::is_empty(dir)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return false;
}

// A run stopped by `sig` while it screens a large input; `gz` (".gz" or "")
// ends the outputs' names.
void stop_a_busy_run(int sig, int expected_exit, const std::string& gz = "") {
  TempDir dir;
  const fs::path tmp = dir.path() / "tmp";
  fs::create_directory(tmp);
  dir.write("rules.yaml", kRules);
  dir.write("a.csv", applicants(600000));
  dir.write("s.csv" + gz, "old shortlist\n");
  const auto before = shortlist::test::folder_entries(dir.path());
  Background run(dir.path(),
                 "screen -q --threads 1 -r rules.yaml a.csv -o s.csv" + gz + " --decisions d.jsonl" +
                     gz + " --rejects r.jsonl" + gz,
                 tmp);
  REQUIRE(wait_for_entry(tmp));  // the scratch folder: the run has begun
  run.signal(sig);
  const int code = run.wait();
  INFO("stderr: " << read_file(dir.path() / "stderr.txt"));
  CHECK(code == expected_exit);
  CHECK(read_file(dir.path() / "stderr.txt") == "shortlist: interrupted; no output written\n");
  // No scratch folder, no temporary output, no new output; the old one as it was.
  CHECK(fs::is_empty(tmp));
  auto after = shortlist::test::folder_entries(dir.path());
  after.erase("stderr.txt");
  CHECK(after == before);
  CHECK(read_file(dir.path() / ("s.csv" + gz)) == "old shortlist\n");
}

}  // namespace

TEST_CASE("interrupt: Ctrl-C during a run exits 130 and leaves nothing behind",
          "[cli][interrupt]") {
  stop_a_busy_run(SIGINT, 130);
}

TEST_CASE("interrupt: SIGTERM during a run exits 143 and leaves nothing behind",
          "[cli][interrupt]") {
  stop_a_busy_run(SIGTERM, 143);
}

TEST_CASE("interrupt: Ctrl-C during a run with compressed outputs leaves nothing behind",
          "[cli][interrupt][compressed]") {
  stop_a_busy_run(SIGINT, 130, ".gz");
}

TEST_CASE("interrupt: a run blocked reading a pipe is still stopped and cleaned up",
          "[cli][interrupt]") {
  // Standard input is a FIFO whose writer sends a header and two records and
  // then stalls: the run never reaches its next step, so the command cleans
  // up in its place after its grace period.
  TempDir dir;
  const fs::path tmp = dir.path() / "tmp";
  fs::create_directory(tmp);
  dir.write("rules.yaml", kRules);
  const fs::path fifo = dir.path() / "in.fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const auto before = shortlist::test::folder_entries(dir.path());
  Background run(dir.path(),
                 "screen -q -r rules.yaml - --input-format csv -o s.csv --decisions d.jsonl "
                 "< in.fifo",
                 tmp);
  const int writer = ::open(fifo.c_str(), O_WRONLY);  // waits for the reader
  REQUIRE(writer >= 0);
  const std::string head = "id,name,years\nA1,Ann,3\nA2,Bob,1\n";
  REQUIRE(::write(writer, head.data(), head.size()) == static_cast<ssize_t>(head.size()));
  REQUIRE(wait_for_entry(tmp));
  // The temporary outputs exist beside their targets.
  for (int i = 0; i < 12000 && shortlist::test::folder_entries(dir.path()).size() < before.size() + 3; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  run.signal(SIGINT);
  const int code = run.wait();
  ::close(writer);
  CHECK(code == 130);
  CHECK(fs::is_empty(tmp));
  auto after = shortlist::test::folder_entries(dir.path());
  after.erase("stderr.txt");
  CHECK(after == before);
}

TEST_CASE("a TMPDIR that does not exist is an output error naming it", "[cli][interrupt]") {
  TempDir dir;
  dir.write("rules.yaml", kRules);
  dir.write("a.csv", applicants(3));
  const std::string missing = (dir.path() / "no-such-folder").string();
  const std::string command = "cd " + shell_quote(dir.path().string()) + " && TMPDIR=" +
                              shell_quote(missing) + " " + shell_quote(SHORTLIST_BINARY) +
                              " screen -q -r rules.yaml a.csv -o u.csv 2>err.txt";
  const int status = std::system(command.c_str());
  CHECK(WEXITSTATUS(status) == 5);
  CHECK(read_file(dir.path() / "err.txt") ==
        "shortlist: error: $TMPDIR '" + missing +
            "': no folder for scratch files (No such file or directory)\n");
  CHECK_FALSE(fs::exists(dir.path() / "u.csv"));
}

TEST_CASE("verify names a TMPDIR that does not exist as screen does", "[cli][interrupt]") {
  TempDir dir;
  dir.write("rules.yaml", kRules);
  dir.write("a.csv", applicants(3));
  auto made = shortlist::test::run_shortlist("screen -q -r rules.yaml a.csv -o s.csv --decisions d.jsonl",
                                             dir.path());
  REQUIRE(made.exit_code == 0);
  const std::string missing = (dir.path() / "no-such-folder").string();
  const std::string command = "cd " + shell_quote(dir.path().string()) + " && TMPDIR=" +
                              shell_quote(missing) + " " + shell_quote(SHORTLIST_BINARY) +
                              " verify -r rules.yaml d.jsonl a.csv 2>err.txt >/dev/null";
  const int status = std::system(command.c_str());
  CHECK(WEXITSTATUS(status) == 5);
  CHECK(read_file(dir.path() / "err.txt") ==
        "shortlist: error: $TMPDIR '" + missing +
            "': no folder for scratch files (No such file or directory)\n");
}
