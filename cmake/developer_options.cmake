# Warnings and sanitizers, attached to targets through an INTERFACE target
# rather than global flags, so that generated and third-party code is untouched.
add_library(shortlist_warnings INTERFACE)
target_compile_options(shortlist_warnings INTERFACE
  -Wall -Wextra -Wconversion -Wsign-conversion -Wshadow -Wnon-virtual-dtor
  -Wold-style-cast -Wdouble-promotion
  # g++ 12 reports -Wrestrict falsely inside std::string's operator+ when
  # optimizing (GCC bug 105329); the warning finds nothing real in this code.
  -Wno-restrict)
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
