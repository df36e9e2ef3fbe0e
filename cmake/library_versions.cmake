# The versions `shortlist --version` prints for the libraries whose headers
# name none: yaml-cpp (its CMake package's version), RE2 (pkg-config's; Debian's
# re2.pc says 0.0.0, so then the Debian package's upstream version) and
# iso-codes (pkg-config's; its data makes the country table). Passed to
# src/cmd/version.cpp alone, so a change rebuilds one file.
set(shortlist_re2_version "${RE2_VERSION}")
if(shortlist_re2_version STREQUAL "" OR shortlist_re2_version STREQUAL "0.0.0")
  set(shortlist_re2_version "unknown")
  find_program(SHORTLIST_DPKG_QUERY dpkg-query)
  if(SHORTLIST_DPKG_QUERY)
    execute_process(COMMAND ${SHORTLIST_DPKG_QUERY} -W -f=\${Version} libre2-dev
                    OUTPUT_VARIABLE re2_package_version ERROR_QUIET
                    RESULT_VARIABLE re2_query_result)
    # "20220601+dfsg-1+b1": the upstream release is the leading digits.
    if(re2_query_result EQUAL 0 AND re2_package_version MATCHES "^([0-9][0-9.]*)")
      set(shortlist_re2_version "${CMAKE_MATCH_1}")
    endif()
  endif()
endif()

pkg_check_modules(ISO_CODES_PC QUIET iso-codes)
set(shortlist_iso_codes_version "${ISO_CODES_PC_VERSION}")
if(shortlist_iso_codes_version STREQUAL "")
  set(shortlist_iso_codes_version "unknown")
endif()

set(shortlist_yaml_cpp_version "${yaml-cpp_VERSION}")
if(shortlist_yaml_cpp_version STREQUAL "")
  set(shortlist_yaml_cpp_version "unknown")
endif()

set_property(SOURCE src/cmd/version.cpp APPEND PROPERTY COMPILE_DEFINITIONS
             SHORTLIST_YAML_CPP_VERSION="${shortlist_yaml_cpp_version}"
             SHORTLIST_RE2_VERSION="${shortlist_re2_version}"
             SHORTLIST_ISO_CODES_VERSION="${shortlist_iso_codes_version}")
