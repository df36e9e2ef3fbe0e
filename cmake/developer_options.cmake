# Warnings and sanitizers, attached to targets through an INTERFACE target
# rather than global flags, so that generated and third-party code is untouched.
add_library(shortlist_warnings INTERFACE)
target_compile_options(shortlist_warnings INTERFACE
  -Wall -Wextra -Wconversion -Wsign-conversion -Wshadow -Wnon-virtual-dtor
  -Wold-style-cast -Wdouble-promotion
  # g++ 12 reports -Wrestrict falsely inside std::string's operator+ when
  # optimizing (GCC bug 105329); the warning finds nothing real in this code.
  # clang has no such warning (it is only built with clang for fuzzing).
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
if(SHORTLIST_WERROR)
  target_compile_options(shortlist_warnings INTERFACE -Werror)
endif()

if(SHORTLIST_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
if(SHORTLIST_TSAN)
  add_compile_options(-fsanitize=thread)
  add_link_options(-fsanitize=thread)
endif()

# Fuzzing (fuzz/, docs/fuzzing.md): libFuzzer exists only in clang. The library
# and the targets are built with ASan and UBSan, UB stopping the run like a
# crash, and with libstdc++'s own bounds checks.
if(SHORTLIST_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "SHORTLIST_FUZZ needs clang (libFuzzer): configure with "
                        "CXX=clang++-14, as fuzz/run.sh does.")
  endif()
  if(SHORTLIST_SANITIZE OR SHORTLIST_TSAN)
    message(FATAL_ERROR "SHORTLIST_FUZZ brings its own sanitizers: leave SHORTLIST_SANITIZE "
                        "and SHORTLIST_TSAN off.")
  endif()
  set(SHORTLIST_FUZZ_SANITIZERS -fsanitize=address,undefined)
  set(SHORTLIST_FUZZ_FLAGS ${SHORTLIST_FUZZ_SANITIZERS} -fno-sanitize-recover=undefined
      -fno-omit-frame-pointer -D_GLIBCXX_ASSERTIONS)
endif()
