#pragma once
// One XML part of a workbook, parsed in a stream with expat as it is
// inflated. Elements are named without their namespace prefix (`x:row` is
// `row`), since writers differ in the prefixes they use. A DOCTYPE is
// refused: workbook parts never have one, and without it no entity can be
// declared, so no entity can expand (no "billion laughs").
//
// Parsing can pause at the end of an element (a sheet's row) and go on
// later, so that a sheet of a million rows is read one row at a time.
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

  /// `cap`, if not 0: the most the part may inflate to.
  XmlPart(ZipArchive& archive, std::uint64_t index, Handler& handler, std::uint64_t cap = 0);
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
  void stop_with(std::exception_ptr error);
  [[noreturn]] void throw_parse_error();

  ZipArchive& archive_;
  ZipPartReader part_;
  Handler& handler_;
  std::uint64_t cap_;
  XML_Parser parser_ = nullptr;
  std::exception_ptr error_;  // what a handler threw, rethrown by parse()
  bool suspended_ = false;
  bool final_fed_ = false;
  bool finished_ = false;
};

}  // namespace shortlist
