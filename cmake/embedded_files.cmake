# Embeds text files (the starter rules of `shortlist init`) into the binary,
# so that the tool needs nothing beside itself at run time. Each example is
# rules/NAME.yaml, listed here with the one line `shortlist init --list` says
# of it; the first is the default.
set(shortlist_example_names eu-ai-office-2024 hospital-nurses-2025)
set(shortlist_example_descriptions
    "European AI Office contract agents (2024): EU nationality, a Brussels deadline, AI skills"
    "A fictional public hospital in Lisbon: nurses for two posts, a licence date, language levels")
set(shortlist_example_files)
foreach(name IN LISTS shortlist_example_names)
  list(APPEND shortlist_example_files ${CMAKE_CURRENT_SOURCE_DIR}/rules/${name}.yaml)
endforeach()
set(SHORTLIST_EMBED_OUT ${CMAKE_CURRENT_BINARY_DIR}/generated/embedded_rules.cpp)
add_custom_command(
  OUTPUT ${SHORTLIST_EMBED_OUT}
  COMMAND ${CMAKE_COMMAND}
          -DOUT=${SHORTLIST_EMBED_OUT}
          "-DSRCS=${shortlist_example_files}"
          "-DNAMES=${shortlist_example_names}"
          "-DDESCRIPTIONS=${shortlist_example_descriptions}"
          -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/embed_file.cmake
  DEPENDS ${shortlist_example_files}
          ${CMAKE_CURRENT_SOURCE_DIR}/cmake/embed_file.cmake
          ${CMAKE_CURRENT_SOURCE_DIR}/cmake/embedded_files.cmake
  COMMENT "Embedding the example rules (${shortlist_example_names})"
  VERBATIM)
list(APPEND SHORTLIST_GENERATED_SOURCES ${SHORTLIST_EMBED_OUT})
