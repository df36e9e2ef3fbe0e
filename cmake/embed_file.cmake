# cmake -DOUT=file.cpp "-DSRCS=a.yaml;b.yaml" "-DNAMES=a;b" "-DDESCRIPTIONS=x;y"
#       -P embed_file.cmake
# Writes the bytes of each SRC as a C++ array, exposed through examples.hpp
# with its name and description, in the order given.
set(arrays "")
set(entries "")
set(index 0)
foreach(src IN LISTS SRCS)
  list(GET NAMES ${index} name)
  list(GET DESCRIPTIONS ${index} description)
  file(READ ${src} hex HEX)
  string(LENGTH "${hex}" hex_length)
  math(EXPR size "${hex_length} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
  string(REPLACE "\\" "\\\\" description "${description}")
  string(REPLACE "\"" "\\\"" description "${description}")
  string(APPEND arrays "constexpr char kBytes${index}[] = {${bytes} '\\0'};\n")
  string(APPEND entries
         "      {\"${name}\", \"${description}\", std::string_view(kBytes${index}, ${size})},\n")
  math(EXPR index "${index} + 1")
endforeach()
file(WRITE ${OUT}
"// Generated from ${SRCS}; do not edit.\n"
"#include \"shortlist/examples.hpp\"\n"
"namespace shortlist {\n"
"namespace {\n"
"${arrays}"
"}  // namespace\n"
"std::span<const Example> examples() {\n"
"  static const Example table[] = {\n"
"${entries}"
"  };\n"
"  return table;\n"
"}\n"
"}  // namespace shortlist\n")
