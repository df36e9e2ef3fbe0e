#pragma once
// Where a piece of a generated table's text is: its offset and size in one
// array of all the table's text.
//
// The tables generated at build time (the countries, their names, the folded
// index) hold these rather than pointers. A table of pointers in a program
// built position-independent is written over by the loader at every start,
// each 4 KiB of it a page copied; the country tables were half a megabyte of
// such pages, some 115 page faults (2 to 3 ms here) before `main` in every
// command. Offsets need no relocation: the tables stay read-only pages of the
// program file, read only when used.
#include <cstdint>
#include <string_view>

namespace shortlist {

struct TextAt {
  std::uint32_t offset = 0;
  std::uint32_t size = 0;
  /// The piece of `text` this names.
  std::string_view in(std::string_view text) const { return text.substr(offset, size); }
};

}  // namespace shortlist
