# Read by cpack before it builds each package (CPACK_PROJECT_CONFIG_FILE).
# Without dpkg-shlibdeps, CPack still makes a .deb, with no dependencies at
# all: it installs anywhere and then cannot start. Refuse to make it instead.
if(CPACK_GENERATOR STREQUAL "DEB")
  find_program(SHORTLIST_DPKG_SHLIBDEPS dpkg-shlibdeps)
  if(NOT SHORTLIST_DPKG_SHLIBDEPS)
    message(FATAL_ERROR "The .deb's dependencies are found by dpkg-shlibdeps, which is "
                        "missing: apt-get install dpkg-dev")
  endif()
endif()
