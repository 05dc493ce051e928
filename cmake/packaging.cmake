# CPack configuration: Debian packages of gosendapi-c.
#
#   cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr
#   cmake --build build
#   (cd build && cpack -G DEB)
#
# The install rules are split into three components, one package each:
#
#   component    package             contents
#   runtime      libgosendapi0.1     libgosendapi.so.0.1.0 and the
#                                    libgosendapi.so.0.1 link
#   development  libgosendapi-dev    headers, libgosendapi.so link, static
#                                    library, gosendapi.pc, CMake package
#   tools        gosendapi-tools     gosendapi-mock (and the gosendapi CLI
#                                    when it is built)
#
# The runtime package is named after the SONAME (libgosendapi.so.0.1 ->
# libgosendapi0.1): while the version is 0.y the SONAME changes with every
# minor release, and distinct package names let programs built against
# different minors stay installed side by side.
#
# Dependencies: the runtime and tools packages get theirs from
# dpkg-shlibdeps; `cpack` then needs the programs dpkg-shlibdeps (package
# dpkg-dev), file and readelf. libgosendapi-dev depends on the runtime
# package of the same version and on the -dev packages that its headers,
# gosendapi.pc and CMake package refer to.
#
# libgosendapi-redis (src/redis/, component "redis") is in no package yet:
# build packages with -DGOSENDAPI_REDIS=OFF, so that the CLI in
# gosendapi-tools does not link to it (scripts/packaging-check.sh does).
#
# Only the top-level project configures CPack: a project that takes this one
# in with add_subdirectory() or FetchContent keeps its own packaging.

if(NOT CMAKE_SOURCE_DIR STREQUAL PROJECT_SOURCE_DIR)
  return()
endif()

# --- Package-wide settings ---------------------------------------------------

set(CPACK_PACKAGE_NAME gosendapi)
set(CPACK_PACKAGE_VENDOR "The gosendapi-c authors")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
# No CPACK_PACKAGE_DESCRIPTION_SUMMARY: CPack would put it in front of every
# package's description; each component's DESCRIPTION starts with its own
# one-line synopsis instead.
set(CPACK_PACKAGE_HOMEPAGE_URL "https://cloud.gosendapi.com")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
# Debian's Maintainer field; distributors set their own with
# -DCPACK_PACKAGE_CONTACT="Name <address>".
if(NOT CPACK_PACKAGE_CONTACT)
  set(CPACK_PACKAGE_CONTACT "The gosendapi-c authors")
endif()
# Packages go below the build directory unless `cpack -B DIR` says otherwise.
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR}/packages)
set(CPACK_GENERATOR DEB)

# Values reach CPackConfig.cmake exactly as written here.
set(CPACK_VERBATIM_VARIABLES ON)

# `make package_source`: the sources without VCS data and without build
# trees inside the source tree (_build/, build/, build-*/).
string(REGEX REPLACE "([][+.*()^$?|\\])" "\\\\\\1" _gosend_src_re
  "${PROJECT_SOURCE_DIR}")
set(CPACK_SOURCE_GENERATOR TGZ)
set(CPACK_SOURCE_PACKAGE_FILE_NAME gosendapi-c-${PROJECT_VERSION})
set(CPACK_SOURCE_IGNORE_FILES
  "^${_gosend_src_re}/\\.git(/|$)"
  "^${_gosend_src_re}/_?build(-[^/]*)?/"
  "~$" "\\.swp$")

# --- Components --------------------------------------------------------------

# The tools package exists when there is a tool to put in it.
set(_gosend_tools OFF)
set(_gosend_cli OFF)
if(TARGET gosendapi-mock)
  set(_gosend_tools ON)
endif()
if(GOSENDAPI_CLI AND EXISTS ${PROJECT_SOURCE_DIR}/cli/CMakeLists.txt)
  set(_gosend_tools ON)
  set(_gosend_cli ON)
endif()

set(CPACK_COMPONENTS_ALL runtime development)
if(_gosend_tools)
  list(APPEND CPACK_COMPONENTS_ALL tools)
endif()

set(CPACK_DEB_COMPONENT_INSTALL ON)
# Component dependencies become "package (= version)" relations.
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
# <name>_<version>-<release>_<arch>.deb
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${CPACK_PACKAGE_HOMEPAGE_URL})
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)

include(CPackComponent)

# runtime: the shared library.
get_target_property(_gosend_soversion gosendapi_shared SOVERSION)
cpack_add_component(runtime
  DISPLAY_NAME "gosendapi-c library"
  DESCRIPTION "C client library for the GoSendAPI Cloud REST API
gosendapi-c wraps every endpoint of the GoSendAPI Cloud REST API (WhatsApp
messaging) in a typed C call and handles authentication, pagination,
retries, idempotent sends and webhook signatures.
This package holds the shared library.")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME libgosendapi${_gosend_soversion})
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SHLIBDEPS ON)
# A shlibs file for packages built against this one, and ldconfig calls in
# postinst/postrm. (CPack has no per-component switch; only the runtime
# package holds a shared object.)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")

# development: headers, static library, .so link, pkg-config and CMake files.
cpack_add_component(development
  DISPLAY_NAME "gosendapi-c development files"
  DESCRIPTION "C client library for the GoSendAPI Cloud REST API - development files
gosendapi-c wraps every endpoint of the GoSendAPI Cloud REST API (WhatsApp
messaging) in a typed C call.
This package holds the headers, the static library, the libgosendapi.so
link, gosendapi.pc for pkg-config and the CMake package
(find_package(gosendapi))."
  DEPENDS runtime)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_NAME libgosendapi-dev)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_SHLIBDEPS OFF)
# gosendapi.pc requires libcurl, libcjson and libcrypto; the CMake package
# finds CURL, OpenSSL and (through pkg-config) libcjson.
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_DEPENDS
  "libcurl4-openssl-dev | libcurl-dev, libcjson-dev, libssl-dev, pkgconf | pkg-config")

# tools: programs for development and testing.
if(_gosend_tools)
  set(_gosend_tools_depends)
  if(_gosend_cli)
    set(_gosend_tools_depends DEPENDS runtime)
  endif()
  cpack_add_component(tools
    DISPLAY_NAME "gosendapi-c tools"
    DESCRIPTION "mock server and tools for the GoSendAPI Cloud REST API
gosendapi-mock serves a local mock of the GoSendAPI Cloud REST API
(WhatsApp messaging) for offline development and tests of programs that
use it. It prints the port it listens on and runs until stopped.
The gosendapi command-line client is included when it is built."
    ${_gosend_tools_depends})
  set(CPACK_DEBIAN_TOOLS_PACKAGE_NAME gosendapi-tools)
  set(CPACK_DEBIAN_TOOLS_PACKAGE_SECTION devel)
  set(CPACK_DEBIAN_TOOLS_PACKAGE_SHLIBDEPS ON)
  # dpkg-shlibdeps must find libgosendapi.so.0.1, which the CLI links to, in
  # the build tree; the runtime package comes in through DEPENDS above.
  get_target_property(_gosend_libdir gosendapi_shared LIBRARY_OUTPUT_DIRECTORY)
  if(NOT _gosend_libdir)
    set(_gosend_libdir ${PROJECT_BINARY_DIR})
  endif()
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${_gosend_libdir})
endif()

include(CPack)
