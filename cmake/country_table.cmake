# Country table generated at build time from Debian's iso-codes: the ISO 3166-1
# list and its translations into the EU's official languages (see
# cmake/generate_country_table.cpp and src/values/country.cpp). Nothing is downloaded.
set(SHORTLIST_ISO_CODES_DIR /usr/share/iso-codes/json CACHE PATH
    "Folder of iso-codes' JSON files (iso_3166-1.json)")
set(SHORTLIST_LOCALE_DIR /usr/share/locale CACHE PATH
    "Folder of the gettext catalogues (<lang>/LC_MESSAGES/iso_3166-1.mo)")

set(shortlist_iso_3166_json ${SHORTLIST_ISO_CODES_DIR}/iso_3166-1.json)
if(NOT EXISTS ${shortlist_iso_3166_json})
  message(FATAL_ERROR
    "${shortlist_iso_3166_json} not found: the country table is generated from it. "
    "Install the Debian package iso-codes (apt-get install iso-codes) or set "
    "SHORTLIST_ISO_CODES_DIR to the folder that holds iso_3166-1.json.")
endif()

# English names come from the JSON, so English needs no catalogue.
set(shortlist_eu_languages
    bg cs da de el en es et fi fr ga hr hu it lt lv mt nl pl pt ro sk sl sv)
set(shortlist_country_catalogues)
set(shortlist_missing_languages)
foreach(lang IN LISTS shortlist_eu_languages)
  set(mo ${SHORTLIST_LOCALE_DIR}/${lang}/LC_MESSAGES/iso_3166-1.mo)
  if(EXISTS ${mo})
    list(APPEND shortlist_country_catalogues ${mo})
  elseif(NOT lang STREQUAL "en")
    list(APPEND shortlist_missing_languages ${lang})
  endif()
endforeach()
if(shortlist_missing_languages)
  list(JOIN shortlist_missing_languages " " shortlist_missing_languages)
  message(WARNING
    "No iso_3166-1.mo under ${SHORTLIST_LOCALE_DIR} for: ${shortlist_missing_languages}. "
    "Country names in these languages will not be recognized.")
endif()

add_executable(shortlist_generate_country_table
               ${CMAKE_CURRENT_LIST_DIR}/generate_country_table.cpp)
target_include_directories(shortlist_generate_country_table
                           PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
target_link_libraries(shortlist_generate_country_table
                      PRIVATE simdjson::simdjson shortlist_warnings)

set(SHORTLIST_COUNTRY_TABLE_OUT ${CMAKE_CURRENT_BINARY_DIR}/generated/country_table.cpp)
add_custom_command(
  OUTPUT ${SHORTLIST_COUNTRY_TABLE_OUT}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/generated
  COMMAND shortlist_generate_country_table ${SHORTLIST_COUNTRY_TABLE_OUT}
          ${shortlist_iso_3166_json} ${shortlist_country_catalogues}
  DEPENDS shortlist_generate_country_table ${shortlist_iso_3166_json}
          ${shortlist_country_catalogues}
  COMMENT "Generating the country table from iso-codes"
  VERBATIM)
list(APPEND SHORTLIST_GENERATED_SOURCES ${SHORTLIST_COUNTRY_TABLE_OUT})

# The country names' index, folded at build time by the program's own code
# (src/values/country_names.cpp and its text normalization, with the same
# utf8proc), so that a run does not fold 7,500 names before its first record.
add_executable(shortlist_generate_country_index
               ${CMAKE_CURRENT_LIST_DIR}/generate_country_index.cpp
               ${CMAKE_CURRENT_SOURCE_DIR}/src/values/country_names.cpp
               ${CMAKE_CURRENT_SOURCE_DIR}/src/values/text.cpp
               ${SHORTLIST_COUNTRY_TABLE_OUT})
target_include_directories(shortlist_generate_country_index
                           PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/include
                                   ${CMAKE_CURRENT_SOURCE_DIR}/src)
target_link_libraries(shortlist_generate_country_index
                      PRIVATE simdjson::simdjson PkgConfig::UTF8PROC shortlist_warnings)

set(SHORTLIST_COUNTRY_INDEX_OUT ${CMAKE_CURRENT_BINARY_DIR}/generated/country_index.cpp)
add_custom_command(
  OUTPUT ${SHORTLIST_COUNTRY_INDEX_OUT}
  COMMAND shortlist_generate_country_index ${SHORTLIST_COUNTRY_INDEX_OUT}
  DEPENDS shortlist_generate_country_index
  COMMENT "Folding the country names' index"
  VERBATIM)
list(APPEND SHORTLIST_GENERATED_SOURCES ${SHORTLIST_COUNTRY_INDEX_OUT})
