#include "input/zip_archive.hpp"

#include <unistd.h>
#include <zip.h>

#include <cstring>

#include <fmt/format.h>

#include "shortlist/input.hpp"

namespace shortlist {
namespace {

std::string zip_error_text(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string text = zip_error_strerror(&error);
  zip_error_fini(&error);
  return text;
}

// Whether the file on `fd` is an OLE compound file: what Excel saves a
// workbook with a password to open as (the ZIP archive encrypted inside
// it), and the old .xls format.
bool compound_file(int fd) {
  static constexpr unsigned char kMagic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
  unsigned char head[8] = {};
  return ::pread(fd, head, sizeof head, 0) == static_cast<ssize_t>(sizeof head) &&
         std::memcmp(head, kMagic, sizeof head) == 0;
}

}  // namespace

ZipArchive::ZipArchive(std::string path, int fd) : path_(std::move(path)) {
  int code = 0;
  // ZIP_CHECKCONS compares the central directory with the local headers, so
  // that a truncated or spliced archive is refused before any part is read.
  archive_ = zip_fdopen(fd, ZIP_CHECKCONS, &code);
  if (archive_ == nullptr) {
    const bool compound = code == ZIP_ER_NOZIP && compound_file(fd);
    ::close(fd);
    if (compound) {
      fail("not a readable XLSX workbook: it is a workbook saved with a password (encrypted "
           "workbooks are not read: save it without one) or an old .xls");
    }
    fail("not a readable XLSX workbook: " + zip_error_text(code) +
         (code == ZIP_ER_NOZIP ? " (is it an .xls, or a CSV file named .xlsx?)" : ""));
  }
}

ZipArchive::~ZipArchive() {
  if (archive_ != nullptr) zip_discard(archive_);
}

void ZipArchive::fail(const std::string& message) const {
  throw InputError(path_, 0, 0, message);
}

std::optional<std::uint64_t> ZipArchive::find(std::string_view name) const {
  const std::string copy(name);
  const zip_int64_t index = zip_name_locate(archive_, copy.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return std::nullopt;
  return static_cast<std::uint64_t>(index);
}

std::string ZipArchive::name(std::uint64_t index) const {
  const char* name = zip_get_name(archive_, index, 0);
  return name != nullptr ? name : "?";
}

ZipPartReader::ZipPartReader(ZipArchive& archive, std::uint64_t index)
    : archive_(archive), name_(archive.name(index)) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(archive.archive_, index, 0, &st) != 0 ||
      (st.valid & (ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE)) != (ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE))
    archive.fail("cannot read the size of the part " + name_);
  declared_ = st.size;
  if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && st.encryption_method != ZIP_EM_NONE)
    archive.fail("the part " + name_ + " is encrypted: encrypted workbooks are not read");
  if (declared_ > ZipArchive::kBombFloor &&
      declared_ / ZipArchive::kMaxRatio > st.comp_size) {
    archive.fail(fmt::format(
        "refused as a zip bomb: the part {} would inflate {} bytes to {} (more than {} to 1)",
        name_, st.comp_size, declared_, ZipArchive::kMaxRatio));
  }
  file_ = zip_fopen_index(archive.archive_, index, 0);
  if (file_ == nullptr)
    archive.fail("cannot read the part " + name_ + ": " + zip_strerror(archive.archive_));
}

ZipPartReader::~ZipPartReader() {
  if (file_ != nullptr) zip_fclose(file_);
}

std::size_t ZipPartReader::read(char* into, std::size_t size) {
  const zip_int64_t got = zip_fread(file_, into, size);
  if (got < 0)
    archive_.fail("the part " + name_ + " is damaged: " + zip_file_strerror(file_));
  inflated_ += static_cast<std::uint64_t>(got);
  if (inflated_ > declared_) {
    archive_.fail(fmt::format("the part {} inflates past the {} bytes the archive declares",
                              name_, declared_));
  }
  return static_cast<std::size_t>(got);
}

}  // namespace shortlist
