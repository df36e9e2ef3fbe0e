# The Debian package: `cpack -G DEB` in the build folder (README.md) packs what
# `cmake --install` puts under /usr. Its dependencies are read off the binary
# by dpkg-shlibdeps, so they name the library packages, with versions, of the
# system that built it, rather than a list kept by hand that goes stale with
# each soname; cmake/packaging_checks.cmake makes sure the tool is there.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME shortlist)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "The shortlist authors")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "screen job applicants in batch against a call's rules")
# The package's long description, in lines as Debian's control file wants them.
string(JOIN "\n" CPACK_PACKAGE_DESCRIPTION
  "shortlist loads a call's eligibility and scoring rules from a YAML file,"
  "streams applicant records from CSV, TSV, JSON or JSON Lines files, and"
  "writes a ranked shortlist, a decision record that explains and reproduces"
  "every decision, and reports for people. Applicants whose data is missing"
  "or doubtful go to review by a person.")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # shortlist_VERSION_ARCH.deb, as Debian names them
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_STRIP_FILES ON)  # Debian ships binaries without their symbol tables
set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_CURRENT_LIST_DIR}/packaging_checks.cmake)
include(CPack)
