# cmake -DOUT=file.cpp -DSRC=file -DNAME=name -P embed_file.cmake
# Writes the bytes of SRC as a C++ array, exposed through examples.hpp.
file(READ ${SRC} hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
file(WRITE ${OUT}
"// Generated from ${SRC}; do not edit.\n"
"#include \"shortlist/examples.hpp\"\n"
"namespace shortlist {\n"
"namespace {\n"
"constexpr char kBytes[] = {${bytes} '\\0'};\n"
"}  // namespace\n"
"std::span<const Example> examples() {\n"
"  static const Example table[] = {{\"${NAME}\", std::string_view(kBytes, ${size})}};\n"
"  return table;\n"
"}\n"
"}  // namespace shortlist\n")
