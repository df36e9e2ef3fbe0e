#include "input/xml_part.hpp"

#include <expat.h>

#include <cstring>

#include <fmt/format.h>

#include "shortlist/input.hpp"

namespace shortlist {
namespace {

constexpr int kPiece = 64 << 10;
// expat holds a tag, comment or processing instruction whole until it ends,
// and reports nothing meanwhile: at most this many bytes may pass without an
// event (text comes in pieces, each one an event).
constexpr std::uint64_t kMaxToken = std::uint64_t{16} << 20;

std::string_view local_name(const char* name) {
  std::string_view n(name);
  const auto colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

}  // namespace

const char* XmlAttributes::find(std::string_view local) const {
  for (const char** a = pairs_; a[0] != nullptr; a += 2)
    if (local_name(a[0]) == local) return a[1];
  return nullptr;
}

XmlPart::XmlPart(ZipArchive& archive, std::uint64_t index, Handler& handler,
                 std::uint64_t max_size)
    : archive_(archive), part_(archive, index), handler_(handler) {
  if (max_size != 0 && part_.declared_size() > max_size) {
    archive.fail(fmt::format("the part {} is larger than {} MiB", part_.name(), max_size >> 20));
  }
  parser_ = XML_ParserCreate(nullptr);
  if (parser_ == nullptr) throw std::bad_alloc();
  XML_SetUserData(parser_, this);
  XML_SetElementHandler(parser_, &XmlPart::on_start, &XmlPart::on_end);
  XML_SetCharacterDataHandler(parser_, &XmlPart::on_text);
  XML_SetStartDoctypeDeclHandler(parser_, &XmlPart::on_doctype);
  XML_SetCommentHandler(parser_, &XmlPart::on_comment);
  XML_SetProcessingInstructionHandler(parser_, &XmlPart::on_instruction);
  XML_SetXmlDeclHandler(parser_, &XmlPart::on_declaration);
}

XmlPart::~XmlPart() { XML_ParserFree(parser_); }

std::string XmlPart::position() const {
  return fmt::format("{}, line {}, column {}", part_.name(), XML_GetCurrentLineNumber(parser_),
                     XML_GetCurrentColumnNumber(parser_) + 1);
}

void XmlPart::pause() {
  if (!suspended_) {
    XML_StopParser(parser_, XML_TRUE);
    suspended_ = true;
  }
}

void XmlPart::fail(const std::string& message) {
  throw InputError(archive_.path(), 0, 0, position() + ": " + message);
}

// No exception may cross expat's C frames: a handler's is kept, the parser
// stopped, and parse() rethrows it.
void XmlPart::stop_with(std::exception_ptr error) {
  if (!error_) error_ = std::move(error);
  XML_StopParser(parser_, XML_FALSE);
}

void XmlPart::on_comment(void* self, const char*) {
  auto* part = static_cast<XmlPart*>(self);
  part->last_event_ = part->part_.inflated();
}

void XmlPart::on_instruction(void* self, const char*, const char*) { on_comment(self, nullptr); }

void XmlPart::on_declaration(void* self, const char*, const char*, int) { on_comment(self, nullptr); }

void XmlPart::on_start(void* self, const char* name, const char** attributes) {
  auto* part = static_cast<XmlPart*>(self);
  part->last_event_ = part->part_.inflated();
  if (part->error_) return;
  try {
    if (++part->depth_ > kMaxDepth)
      part->fail(fmt::format("elements nested more than {} deep", kMaxDepth));
    part->handler_.start(local_name(name), XmlAttributes(attributes));
  } catch (...) {
    part->stop_with(std::current_exception());
  }
}

void XmlPart::on_end(void* self, const char* name) {
  auto* part = static_cast<XmlPart*>(self);
  part->last_event_ = part->part_.inflated();
  if (part->error_) return;
  --part->depth_;
  try {
    part->handler_.end(local_name(name));
  } catch (...) {
    part->stop_with(std::current_exception());
  }
}

void XmlPart::on_text(void* self, const char* text, int size) {
  auto* part = static_cast<XmlPart*>(self);
  part->last_event_ = part->part_.inflated();
  if (part->error_) return;
  try {
    part->handler_.text(std::string_view(text, static_cast<std::size_t>(size)));
  } catch (...) {
    part->stop_with(std::current_exception());
  }
}

void XmlPart::on_doctype(void* self, const char*, const char*, const char*, int) {
  auto* part = static_cast<XmlPart*>(self);
  try {
    part->fail("a DOCTYPE, which no workbook part has");
  } catch (...) {
    part->stop_with(std::current_exception());
  }
}

void XmlPart::throw_parse_error() {
  if (error_) std::rethrow_exception(error_);
  fail(fmt::format("not well-formed XML ({})", XML_ErrorString(XML_GetErrorCode(parser_))));
}

bool XmlPart::parse() {
  while (!finished_) {
    XML_Status status;
    if (suspended_) {
      suspended_ = false;
      status = XML_ResumeParser(parser_);
    } else {
      void* buffer = XML_GetBuffer(parser_, kPiece);
      if (buffer == nullptr) throw std::bad_alloc();
      const std::size_t got = part_.read(static_cast<char*>(buffer), kPiece);
      final_fed_ = got == 0;
      status = XML_ParseBuffer(parser_, static_cast<int>(got), final_fed_);
    }
    if (status == XML_STATUS_ERROR) throw_parse_error();
    if (status == XML_STATUS_SUSPENDED) {
      suspended_ = true;
      return true;
    }
    if (part_.inflated() - last_event_ > kMaxToken)
      fail("a tag, comment or other piece of XML longer than 16 MiB");
    if (final_fed_) finished_ = true;
  }
  return false;
}

}  // namespace shortlist
