# Cross-compiling for 64-bit Raspberry Pi OS / Debian 12 (arm64) on a Debian PC, with Debian's
# cross compiler (crossbuild-essential-arm64) and an arm64 sysroot that holds the libraries.
# scripts/cross-arm64 makes the sysroot and uses this file through the cross-arm64 preset:
#
#   ROLLSTATION_SYSROOT=/path/to/sysroot cmake --preset cross-arm64
#
# ROLLSTATION_SYSROOT may also be given as a cache variable (-DROLLSTATION_SYSROOT=...). Tests run under qemu-aarch64-static
# (qemu-user-static) with the sysroot as the loader's root.

set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

if(NOT ROLLSTATION_SYSROOT AND DEFINED ENV{ROLLSTATION_SYSROOT})
    set(ROLLSTATION_SYSROOT "$ENV{ROLLSTATION_SYSROOT}")
endif()
if(NOT ROLLSTATION_SYSROOT OR NOT EXISTS "${ROLLSTATION_SYSROOT}/usr/include")
    message(FATAL_ERROR "Set ROLLSTATION_SYSROOT to an arm64 Debian 12 root with the -dev packages "
        "(scripts/cross-arm64 makes one); got '${ROLLSTATION_SYSROOT}'")
endif()
set(ROLLSTATION_SYSROOT "${ROLLSTATION_SYSROOT}" CACHE PATH "The arm64 sysroot")
# try_compile projects read this file again.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES ROLLSTATION_SYSROOT)

set(CMAKE_SYSROOT "${ROLLSTATION_SYSROOT}")
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)

# Programs from the build machine; libraries, headers and CMake packages from the sysroot only.
set(CMAKE_FIND_ROOT_PATH "${CMAKE_SYSROOT}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# The build machine's pkg-config, reading the sysroot's .pc files.
set(ENV{PKG_CONFIG_SYSROOT_DIR} "${CMAKE_SYSROOT}")
set(ENV{PKG_CONFIG_LIBDIR}
    "${CMAKE_SYSROOT}/usr/lib/aarch64-linux-gnu/pkgconfig:${CMAKE_SYSROOT}/usr/lib/pkgconfig:${CMAKE_SYSROOT}/usr/share/pkgconfig")
unset(ENV{PKG_CONFIG_PATH})

# Test discovery (catch_discover_tests) and ctest run the arm64 programs through qemu.
find_program(ROLLSTATION_QEMU_AARCH64 qemu-aarch64-static)
if(ROLLSTATION_QEMU_AARCH64)
    set(CMAKE_CROSSCOMPILING_EMULATOR "${ROLLSTATION_QEMU_AARCH64};-L;${CMAKE_SYSROOT}")
endif()
