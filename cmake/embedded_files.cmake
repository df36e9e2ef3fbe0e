# Embeds text files (the starter rules of `shortlist init`) into the binary,
# so that the tool needs nothing beside itself at run time.
set(SHORTLIST_EMBED_OUT ${CMAKE_CURRENT_BINARY_DIR}/generated/embedded_rules.cpp)
add_custom_command(
  OUTPUT ${SHORTLIST_EMBED_OUT}
  COMMAND ${CMAKE_COMMAND}
          -DOUT=${SHORTLIST_EMBED_OUT}
          -DSRC=${CMAKE_CURRENT_SOURCE_DIR}/rules/eu-ai-office-2024.yaml
          -DNAME=eu-ai-office-2024
          -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/embed_file.cmake
  DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/rules/eu-ai-office-2024.yaml
          ${CMAKE_CURRENT_SOURCE_DIR}/cmake/embed_file.cmake
  COMMENT "Embedding rules/eu-ai-office-2024.yaml")
list(APPEND SHORTLIST_GENERATED_SOURCES ${SHORTLIST_EMBED_OUT})
