// Outputs written whole or not at all (SPEC 1), owner-only when they hold
// personal data (SPEC 5).
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "shortlist/atomic_file.hpp"
#include "shortlist/output_error.hpp"
#include "test_support.hpp"

using shortlist::AtomicFile;
using shortlist::OutputError;
using shortlist::test::read_file;
using shortlist::test::TempDir;

namespace {

std::vector<std::string> names_in(const std::filesystem::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    out.push_back(e.path().filename().string());
  return out;
}

unsigned mode_of(const std::filesystem::path& p) {
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return static_cast<unsigned>(st.st_mode & 0777);
}

// Sets the umask for the life of the object.
class Umask {
 public:
  explicit Umask(mode_t mask) : old_(::umask(mask)) {}
  ~Umask() { ::umask(old_); }
  Umask(const Umask&) = delete;
  Umask& operator=(const Umask&) = delete;

 private:
  mode_t old_;
};

}  // namespace

TEST_CASE("the content appears at the path only on commit", "[atomic]") {
  TempDir dir;
  auto path = dir.path() / "shortlist.csv";
  AtomicFile file(path, false);
  file.stream() << "profile,rank\n";
  file.stream().flush();
  CHECK_FALSE(std::filesystem::exists(path));
  // The content waits in one temporary file in the same folder.
  auto pending = names_in(dir.path());
  REQUIRE(pending.size() == 1);
  CHECK(pending[0] != "shortlist.csv");

  file.commit();
  CHECK(read_file(path) == "profile,rank\n");
  CHECK(names_in(dir.path()) == std::vector<std::string>{"shortlist.csv"});
}

TEST_CASE("a file destroyed without commit leaves nothing behind", "[atomic]") {
  TempDir dir;
  auto path = dir.path() / "decisions.jsonl";
  {
    AtomicFile file(path, true);
    file.stream() << "{\"kind\":\"run\"}\n";
  }
  CHECK_FALSE(std::filesystem::exists(path));
  CHECK(names_in(dir.path()).empty());
}

TEST_CASE("an existing file is replaced on commit", "[atomic]") {
  TempDir dir;
  auto path = dir.write("shortlist.csv", "old content that is longer than the new one\n");
  AtomicFile file(path, false);
  file.stream() << "new\n";
  CHECK(read_file(path) == "old content that is longer than the new one\n");
  file.commit();
  CHECK(read_file(path) == "new\n");
  CHECK(names_in(dir.path()).size() == 1);
}

TEST_CASE("an existing file is kept as it was when there is no commit", "[atomic]") {
  TempDir dir;
  auto path = dir.write("shortlist.csv", "old\n");
  {
    AtomicFile file(path, false);
    file.stream() << "half-writ";
  }
  CHECK(read_file(path) == "old\n");
  CHECK(names_in(dir.path()) == std::vector<std::string>{"shortlist.csv"});
}

TEST_CASE("owner-only files get mode 0600", "[atomic]") {
  Umask mask(022);
  TempDir dir;
  auto path = dir.path() / "decisions.jsonl";
  AtomicFile file(path, true);
  file.stream() << "x";
  file.commit();
  CHECK(mode_of(path) == 0600);
}

TEST_CASE("an owner-only file replacing a readable one is 0600", "[atomic]") {
  Umask mask(022);
  TempDir dir;
  auto path = dir.write("rejects.csv", "old");
  ::chmod(path.c_str(), 0644);
  REQUIRE(mode_of(path) == 0644);
  AtomicFile file(path, true);
  file.stream() << "new";
  file.commit();
  CHECK(mode_of(path) == 0600);
  CHECK(read_file(path) == "new");
}

TEST_CASE("other files get 0666 less the umask", "[atomic]") {
  TempDir dir;
  {
    Umask mask(022);
    AtomicFile file(dir.path() / "a.csv", false);
    file.commit();
  }
  {
    Umask mask(077);
    AtomicFile file(dir.path() / "b.csv", false);
    file.commit();
  }
  {
    Umask mask(002);
    AtomicFile file(dir.path() / "c.csv", false);
    file.commit();
  }
  CHECK(mode_of(dir.path() / "a.csv") == 0644);
  CHECK(mode_of(dir.path() / "b.csv") == 0600);
  CHECK(mode_of(dir.path() / "c.csv") == 0664);
}

TEST_CASE("an empty file can be committed", "[atomic]") {
  TempDir dir;
  auto path = dir.path() / "empty.csv";
  AtomicFile file(path, false);
  file.commit();
  CHECK(std::filesystem::exists(path));
  CHECK(read_file(path).empty());
}

TEST_CASE("a file in a missing folder cannot be created and names the path", "[atomic]") {
  TempDir dir;
  auto path = dir.path() / "no-such-dir" / "out.csv";
  try {
    AtomicFile file(path, false);
    FAIL("no error for " << path);
  } catch (const OutputError& e) {
    CHECK_THAT(e.what(), Catch::Matchers::Contains(path.string()));
  }
  CHECK(names_in(dir.path()).empty());
}

TEST_CASE("a symlink is written through: the file it names is replaced, the link kept", "[atomic]") {
  TempDir dir;
  auto real = dir.write("real.csv", "old\n");
  std::filesystem::create_symlink("real.csv", dir.path() / "link.csv");
  {
    AtomicFile f(dir.path() / "link.csv", false);
    f.stream() << "new\n";
    f.commit();
  }
  CHECK(std::filesystem::is_symlink(dir.path() / "link.csv"));
  CHECK(read_file(real) == "new\n");
  CHECK(names_in(dir.path()).size() == 2);
}

TEST_CASE("a symlink to a file not there yet creates that file", "[atomic]") {
  TempDir dir;
  std::filesystem::create_directory(dir.path() / "out");
  std::filesystem::create_symlink("out/made.csv", dir.path() / "link.csv");
  {
    AtomicFile f(dir.path() / "link.csv", false);
    f.stream() << "x\n";
    f.commit();
  }
  CHECK(std::filesystem::is_symlink(dir.path() / "link.csv"));
  CHECK(read_file(dir.path() / "out/made.csv") == "x\n");
}

TEST_CASE("a device is written into, never replaced", "[atomic]") {
  // /dev/null must stay the character device it is, even for root.
  {
    AtomicFile f("/dev/null", true);
    f.stream() << "discarded\n";
    f.commit();
  }
  struct stat st {};
  REQUIRE(::stat("/dev/null", &st) == 0);
  CHECK(S_ISCHR(st.st_mode));
  TempDir dir;
  std::filesystem::create_symlink("/dev/null", dir.path() / "null-link");
  {
    AtomicFile f(dir.path() / "null-link", true);
    f.stream() << "discarded\n";
    f.commit();
  }
  CHECK(std::filesystem::is_symlink(dir.path() / "null-link"));
}

TEST_CASE("a pipe gets the content only on commit", "[atomic]") {
  TempDir dir;
  auto fifo = dir.path() / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // The reader must be open before commit() opens the pipe to write.
  int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
  REQUIRE(reader >= 0);
  {
    AtomicFile f(fifo, false);
    f.stream() << "through the pipe\n";
    char probe[64];
    // Opened for writing at once, but nothing written before commit().
    CHECK(::read(reader, probe, sizeof probe) == -1);
    CHECK(errno == EAGAIN);
    f.commit();
  }
  char got[64] = {};
  ssize_t n = ::read(reader, got, sizeof got);
  ::close(reader);
  REQUIRE(n > 0);
  CHECK(std::string(got, static_cast<std::size_t>(n)) == "through the pipe\n");
  struct stat st {};
  REQUIRE(::stat(fifo.c_str(), &st) == 0);
  CHECK(S_ISFIFO(st.st_mode));
  CHECK(names_in(dir.path()) == std::vector<std::string>{"pipe"});
}

TEST_CASE("a symlink that belongs to another user is not followed", "[atomic]") {
  // A link planted in a shared folder must not steer the output (of root,
  // say) into a file of the planter's choosing. Needs root to give the link
  // away; skipped otherwise.
  if (::geteuid() != 0) return;
  TempDir dir;
  auto victim = dir.write("victim.conf", "keep\n");
  auto link = dir.path() / "out.csv";
  std::filesystem::create_symlink(victim, link);
  REQUIRE(::lchown(link.c_str(), 65534, 65534) == 0);
  try {
    AtomicFile f(link, false);
    FAIL("a foreign symlink was followed");
  } catch (const OutputError& e) {
    CHECK(std::string(e.what()).find("belongs to another user") != std::string::npos);
  }
  CHECK(read_file(victim) == "keep\n");
  CHECK(names_in(dir.path()).size() == 2);
}

TEST_CASE("a pipe that belongs to another user is not written", "[atomic]") {
  if (::geteuid() != 0) return;
  TempDir dir;
  auto fifo = dir.path() / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0666) == 0);
  REQUIRE(::chown(fifo.c_str(), 65534, 65534) == 0);
  CHECK_THROWS_AS(AtomicFile(fifo, true), OutputError);
}

TEST_CASE("/dev/stdout writes to this process's standard output as the shell set it", "[atomic]") {
  // Standard output appended to a file (`>> log`): the content lands after
  // what the file held, in the same file, not in a new one renamed over it.
  TempDir dir;
  auto log = dir.write("log.txt", "earlier\n");
  struct stat before {};
  REQUIRE(::stat(log.c_str(), &before) == 0);
  std::fflush(stdout);
  int saved = ::dup(1);
  int fd = ::open(log.c_str(), O_WRONLY | O_APPEND);
  REQUIRE(fd >= 0);
  ::dup2(fd, 1);
  ::close(fd);
  bool ok = true;
  try {
    AtomicFile f("/dev/stdout", false);
    f.stream() << "new\n";
    f.commit();
  } catch (...) {
    ok = false;
  }
  ::dup2(saved, 1);
  ::close(saved);
  CHECK(ok);
  CHECK(read_file(log) == "earlier\nnew\n");
  struct stat after {};
  REQUIRE(::stat(log.c_str(), &after) == 0);
  CHECK(after.st_ino == before.st_ino);
}
