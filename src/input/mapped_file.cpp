#include "input/mapped_file.hpp"

#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <mutex>

#include "shortlist/input.hpp"

namespace shortlist {
namespace {

// Pages given back at a time: fewer, larger calls, since each one makes
// every core running the program drop the pages from its TLB.
constexpr std::size_t kReleaseStep = std::size_t{4} << 20;

// The mappings the SIGBUS handler knows, in slots it reads without a lock.
struct Slot {
  std::atomic<std::uintptr_t> begin{0};
  std::atomic<std::uintptr_t> end{0};
  std::atomic<bool> truncated{false};
};
std::array<Slot, 16> slots;
std::uintptr_t page_size = 4096;
struct sigaction previous {};

void on_sigbus(int signal, siginfo_t* info, void* context) {
  const auto address = reinterpret_cast<std::uintptr_t>(info->si_addr);
  for (Slot& slot : slots) {
    const std::uintptr_t begin = slot.begin.load(std::memory_order_acquire);
    if (begin == 0 || address < begin || address >= slot.end.load(std::memory_order_acquire))
      continue;
    // The file shrank under the mapping: zeros in place of the lost page,
    // and the read that faulted goes on. The mapping is refused later.
    void* page = reinterpret_cast<void*>(address & ~(page_size - 1));
    if (::mmap(page, page_size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) !=
        MAP_FAILED) {
      slot.truncated.store(true, std::memory_order_release);
      return;
    }
    break;
  }
  // Not a mapped input's page: what would have happened without us.
  if ((previous.sa_flags & SA_SIGINFO) != 0 && previous.sa_sigaction != nullptr) {
    previous.sa_sigaction(signal, info, context);
    return;
  }
  if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN &&
      previous.sa_handler != nullptr) {
    previous.sa_handler(signal);
    return;
  }
  // The default action: returning makes the access fault again, now fatal.
  ::signal(SIGBUS, SIG_DFL);
}

void install_handler() {
  static std::once_flag once;
  std::call_once(once, [] {
    const long size = ::sysconf(_SC_PAGESIZE);
    if (size > 0) page_size = static_cast<std::uintptr_t>(size);
    struct sigaction action {};
    action.sa_sigaction = on_sigbus;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGBUS, &action, &previous);
  });
}

std::int64_t mtime_of(const struct stat& st) {
  return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
}

}  // namespace

std::unique_ptr<MappedFile> MappedFile::map(int fd) {
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0) return nullptr;
  const auto size = static_cast<std::size_t>(st.st_size);
  install_handler();
  int slot = -1;
  for (std::size_t i = 0; i < slots.size() && slot < 0; ++i) {
    std::uintptr_t free = 0;
    // Claimed with a placeholder until the mapping's address is known.
    if (slots[i].begin.compare_exchange_strong(free, 1)) slot = static_cast<int>(i);
  }
  if (slot < 0) return nullptr;
  void* data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (data == MAP_FAILED) {
    slots[static_cast<std::size_t>(slot)].begin.store(0, std::memory_order_release);
    return nullptr;
  }
  (void)::madvise(data, size, MADV_SEQUENTIAL);
  // The handler matches [begin, end): the start first, while the end is
  // still 0 and matches nothing.
  Slot& s = slots[static_cast<std::size_t>(slot)];
  s.truncated.store(false, std::memory_order_relaxed);
  s.begin.store(reinterpret_cast<std::uintptr_t>(data), std::memory_order_release);
  s.end.store(reinterpret_cast<std::uintptr_t>(data) + size, std::memory_order_release);
  return std::unique_ptr<MappedFile>(
      new MappedFile(fd, static_cast<const char*>(data), size, mtime_of(st), slot));
}

MappedFile::MappedFile(int fd, const char* data, std::size_t size, std::int64_t mtime_ns, int slot)
    : fd_(fd), data_(data), size_(size), mtime_ns_(mtime_ns), slot_(slot), released_(data) {}

MappedFile::~MappedFile() {
  // Matching nothing (an end of 0) before the pages go; free once they have.
  Slot& s = slots[static_cast<std::size_t>(slot_)];
  s.end.store(0, std::memory_order_release);
  ::munmap(const_cast<char*>(data_), size_);
  s.begin.store(0, std::memory_order_release);
}

void MappedFile::release_before(const char* point) {
  const auto start = reinterpret_cast<std::uintptr_t>(released_);
  const std::uintptr_t end = reinterpret_cast<std::uintptr_t>(point) & ~(page_size - 1);
  if (end < start + kReleaseStep) return;
  (void)::madvise(const_cast<char*>(released_), end - start, MADV_DONTNEED);
  released_ = reinterpret_cast<const char*>(end);
}

bool MappedFile::truncated() const {
  return slots[static_cast<std::size_t>(slot_)].truncated.load(std::memory_order_acquire);
}

void MappedFile::require_unchanged(const std::string& path) const {
  struct stat st {};
  const bool same = ::fstat(fd_, &st) == 0 && static_cast<std::size_t>(st.st_size) == size_ &&
                    mtime_of(st) == mtime_ns_;
  if (truncated() || !same)
    throw InputError(path, 0, 0,
                     "the file changed while it was read; run again once it is complete");
}

}  // namespace shortlist
