# Read by cpack in a cross build (CPACK_PROJECT_CONFIG_FILE), so that dpkg-shlibdeps computes the
# package's Depends from the target's libraries and the target's dpkg database.
#
# dpkg-shlibdeps finds a library in the sysroot (CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS) and
# then asks `dpkg-query --search` which package owns that path, sysroot included. So it gets a
# copy of the sysroot's database whose file lists carry the sysroot in front of every path, and
# DPKG_ADMINDIR pointing at it; DEB_HOST_ARCH makes it use the target's objdump.

if(NOT CPACK_ROLLSTATION_SYSROOT)
    return()
endif()
set(_db "${CPACK_ROLLSTATION_SYSROOT}/var/lib/dpkg")
if(NOT EXISTS "${_db}/status" OR NOT EXISTS "${_db}/info")
    message(FATAL_ERROR "The sysroot ${CPACK_ROLLSTATION_SYSROOT} has no dpkg database "
        "(${_db}/status): dpkg-shlibdeps cannot tell which packages its libraries come from. "
        "scripts/cross-arm64 makes a sysroot with one.")
endif()

if(CPACK_PACKAGE_DIRECTORY)
    set(_admindir "${CPACK_PACKAGE_DIRECTORY}/_CPack_Packages/shlibdeps-admindir")
else()
    set(_admindir "${CMAKE_CURRENT_BINARY_DIR}/_CPack_Packages/shlibdeps-admindir")
endif()

if(NOT EXISTS "${_admindir}/complete" OR "${_db}/status" IS_NEWER_THAN "${_admindir}/complete")
    file(REMOVE_RECURSE "${_admindir}")
    file(MAKE_DIRECTORY "${_admindir}/info" "${_admindir}/updates")
    file(GLOB _control "${_db}/info/*.symbols" "${_db}/info/*.shlibs" "${_db}/info/format")
    file(COPY ${_control} DESTINATION "${_admindir}/info")
    # Only packages that ship shared libraries matter.
    file(GLOB _lists "${_db}/info/*.list")
    foreach(_list IN LISTS _lists)
        file(READ "${_list}" _paths)
        if(NOT _paths MATCHES "\\.so")
            continue()
        endif()
        string(REGEX REPLACE "(^|\n)/" "\\1${CPACK_ROLLSTATION_SYSROOT}/" _paths "${_paths}")
        get_filename_component(_name "${_list}" NAME)
        file(WRITE "${_admindir}/info/${_name}" "${_paths}")
    endforeach()
    file(COPY "${_db}/status" DESTINATION "${_admindir}")
    file(TOUCH "${_admindir}/complete")
endif()

set(ENV{DPKG_ADMINDIR} "${_admindir}")
set(ENV{DEB_HOST_ARCH} "${CPACK_ROLLSTATION_DEB_ARCH}")
