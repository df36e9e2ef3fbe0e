#pragma once
// One XML part of a workbook, parsed in a stream with expat as it is
// inflated. Elements are named without their namespace prefix (`x:row` is
// `row`), since writers differ in the prefixes they use. A DOCTYPE is
// refused: workbook parts never have one, and without it no entity can be
// declared, so no entity can expand (no "billion laughs").
//
// Parsing can pause at the end of an element (a sheet's row) and go on
// later, so that a sheet of a million rows is read one row at a time.
//
// Memory stays bounded whatever the part holds: elements may nest at most
// kMaxDepth deep (expat keeps every open element), and a part read for its
// structure alone may be capped in size.
#include <exception>
#include <string>
#include <string_view>

#include "input/zip_archive.hpp"

typedef struct XML_ParserStruct* XML_Parser;

namespace shortlist {

/// Attributes of an element, as expat gives them (name, value, ..., null).
class XmlAttributes {
 public:
  explicit XmlAttributes(const char** pairs) : pairs_(pairs) {}
  /// The value of the attribute whose name, without its prefix, is `local`;
  /// nullptr if there is none.
  const char* find(std::string_view local) const;

 private:
  const char** pairs_;
};

class XmlPart {
 public:
  class Handler {
   public:
    virtual ~Handler() = default;
    virtual void start(std::string_view name, XmlAttributes attributes) = 0;
    virtual void end(std::string_view name) = 0;
    /// Character data, in pieces of any size.
    virtual void text(std::string_view) {}
  };

  /// Elements may nest at most this deep (a worksheet's cells are 4 deep,
  /// rich text in them 7).
  static constexpr int kMaxDepth = 256;

  /// Opens the part at `index`; if `max_size` is not 0, a part that declares
  /// more bytes than it is refused (the archive refuses one that inflates
  /// past what it declares).
  XmlPart(ZipArchive& archive, std::uint64_t index, Handler& handler,
          std::uint64_t max_size = 0);
  ~XmlPart();
  XmlPart(const XmlPart&) = delete;
  XmlPart& operator=(const XmlPart&) = delete;

  /// Parses until a handler calls pause() (true) or the part ends (false).
  /// Throws InputError for XML that is not well-formed, naming the part,
  /// line and column, and rethrows what a handler threw.
  bool parse();
  /// Called by a handler: parse() returns after this element.
  void pause();
  /// Called by a handler: stops with an InputError about the part, at the
  /// position being parsed.
  [[noreturn]] void fail(const std::string& message);
  /// "xl/worksheets/sheet1.xml, line 3, column 7" for messages.
  std::string position() const;
  /// Inflated bytes read so far, and declared in all.
  std::uint64_t inflated() const { return part_.inflated(); }
  std::uint64_t declared_size() const { return part_.declared_size(); }

 private:
  static void on_start(void* self, const char* name, const char** attributes);
  static void on_end(void* self, const char* name);
  static void on_text(void* self, const char* text, int size);
  static void on_doctype(void* self, const char*, const char*, const char*, int);
  static void on_comment(void* self, const char*);
  static void on_instruction(void* self, const char*, const char*);
  static void on_declaration(void* self, const char*, const char*, int);
  void stop_with(std::exception_ptr error);
  [[noreturn]] void throw_parse_error();

  ZipArchive& archive_;
  ZipPartReader part_;
  Handler& handler_;
  XML_Parser parser_ = nullptr;
  std::exception_ptr error_;  // what a handler threw, rethrown by parse()
  bool suspended_ = false;
  bool final_fed_ = false;
  bool finished_ = false;
  int depth_ = 0;
  std::uint64_t last_event_ = 0;  // inflated bytes when expat last reported something
};

}  // namespace shortlist
