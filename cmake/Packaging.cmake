# What `cmake --install` puts where, and the Debian package (`cpack -G DEB`, scripts/package).
#
#   PREFIX/bin                      rollstation, rollstation-sim, rollstation-coach,
#                                   rollstation-recorder
#   PREFIX/share/rollstation        the routine library, the safety notice, recorder.yaml (an
#                                   example to copy to SYSCONFDIR/rollstation)
#   PREFIX/share/doc/rollstation/examples   bridge-to-central.conf (a facility broker's bridge),
#                                   central.conf and central.acl (a chain's central broker)
#   SYSCONFDIR/rollstation          station.yaml (never replaced once there)
#   ROLLSTATION_SYSTEMD_UNIT_DIR    rollstation.service and rollstation-recorder.service (not
#                                   enabled), their ExecStart naming PREFIX/bin
#   PREFIX/share/dbus-1/system.d    rollstation-bluez.conf: what the kiosk may ask of BlueZ
#
# With the default prefix /usr, SYSCONFDIR is /etc and the unit goes where systemd.pc says
# (/lib/systemd/system on Debian 12). Everything honours DESTDIR. The kiosk's fonts come from
# fonts-dejavu-core; assets/dashboard is the facility broker's, not a station's.

find_package(PkgConfig REQUIRED)

set(ROLLSTATION_CONFIG_DIR "${CMAKE_INSTALL_FULL_SYSCONFDIR}/rollstation")

if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
    set(_unit_dir "/lib/systemd/system")
    pkg_get_variable(_systemd_unit_dir systemd systemdsystemunitdir)
    if(_systemd_unit_dir)
        # A cross build's pkg-config answers with the sysroot in front.
        if(CMAKE_SYSROOT)
            string(REGEX REPLACE "^${CMAKE_SYSROOT}" "" _systemd_unit_dir "${_systemd_unit_dir}")
        endif()
        set(_unit_dir "${_systemd_unit_dir}")
    endif()
else()
    # systemd also reads /usr/local/lib/systemd/system; other prefixes need this set by hand.
    set(_unit_dir "${CMAKE_INSTALL_PREFIX}/lib/systemd/system")
endif()
set(ROLLSTATION_SYSTEMD_UNIT_DIR "${_unit_dir}" CACHE PATH "Directory for the systemd unit")

configure_file(${PROJECT_SOURCE_DIR}/systemd/rollstation.service.in
    ${PROJECT_BINARY_DIR}/systemd/rollstation.service @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/systemd/rollstation.service
    DESTINATION ${ROLLSTATION_SYSTEMD_UNIT_DIR})

# What the kiosk's user may ask of BlueZ on the system bus (its Bluetooth LE sensors).
install(FILES ${PROJECT_SOURCE_DIR}/packaging/dbus/rollstation-bluez.conf
    DESTINATION ${CMAKE_INSTALL_DATADIR}/dbus-1/system.d)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/config/routines DESTINATION ${CMAKE_INSTALL_DATADIR}/rollstation)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/config/demos DESTINATION ${CMAKE_INSTALL_DATADIR}/rollstation)
install(FILES ${PROJECT_SOURCE_DIR}/config/safety.yaml DESTINATION ${CMAKE_INSTALL_DATADIR}/rollstation)
# The list of every interface text, for --check-config's translation report.
install(FILES ${PROJECT_SOURCE_DIR}/po/rollstation.pot DESTINATION ${CMAKE_INSTALL_DATADIR}/rollstation)

# The station file is the operator's: a reinstall over an existing one leaves it alone (the
# package marks it as a conffile, so dpkg asks instead). Routines and the safety notice are found
# in the share directory (see docs/configuration.md), so only station.yaml goes to /etc.
install(CODE "
    set(_station \"\$ENV{DESTDIR}${ROLLSTATION_CONFIG_DIR}/station.yaml\")
    if(EXISTS \"\${_station}\")
        message(STATUS \"Keeping: \${_station}\")
    else()
        file(INSTALL DESTINATION \"${ROLLSTATION_CONFIG_DIR}\" TYPE FILE
            PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ
            FILES \"${PROJECT_SOURCE_DIR}/config/station.yaml\")
    endif()
")

# --- The Debian package --------------------------------------------------------------------------

set(ROLLSTATION_PACKAGE_CONTACT "Rollstation maintainers <maintainers@rollstation.invalid>"
    CACHE STRING "Maintainer field of the Debian package")

if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64)$")
    set(_deb_arch arm64)
elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
    set(_deb_arch amd64)
else()
    execute_process(COMMAND dpkg --print-architecture OUTPUT_VARIABLE _deb_arch
        OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME rollstation)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${ROLLSTATION_PACKAGE_CONTACT}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "guided foam-rolling kiosk for a gym's roller station")
# One control-file line per line here.
string(JOIN "\n" CPACK_PACKAGE_DESCRIPTION
    "Rollstation is the touchscreen kiosk beside a gym's foam-roller station: it leads"
    "an athlete through a guided self-myofascial-release routine step by step, reads"
    "roller sensors and reports usage over MQTT. It runs fullscreen on a Raspberry Pi"
    "(SDL2 on KMS/DRM, no desktop) as the rollstation.service system service.")
# The package installs exactly the configured tree: its binaries look for their data under the
# prefix they were built for, and absolute destinations (/etc, the unit) go through DESTDIR.
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
set(CPACK_PACKAGING_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(ROLLSTATION_DEB_ARCH "${_deb_arch}")
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE "${ROLLSTATION_DEB_ARCH}")
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
# Shared-library dependencies from dpkg-shlibdeps (dpkg-dev); the kiosk refuses to start without
# its font; the maintainer scripts use adduser.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, fonts-dejavu-core")
# bluez: for Bluetooth LE sensors (a station with only serial or UDP sensors does without).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "mosquitto-clients, bluez")

configure_file(${PROJECT_SOURCE_DIR}/packaging/debian/conffiles.in
    ${PROJECT_BINARY_DIR}/packaging/debian/conffiles @ONLY)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/packaging/debian/postinst
    ${PROJECT_SOURCE_DIR}/packaging/debian/prerm
    ${PROJECT_SOURCE_DIR}/packaging/debian/postrm
    ${PROJECT_BINARY_DIR}/packaging/debian/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

# In a cross build dpkg-shlibdeps has to read the target's libraries and the target's dpkg
# database: see cmake/CPackCross.cmake.
if(CMAKE_CROSSCOMPILING AND CMAKE_SYSROOT)
    set(CPACK_ROLLSTATION_SYSROOT "${CMAKE_SYSROOT}")
    set(CPACK_ROLLSTATION_DEB_ARCH "${_deb_arch}")
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS
        "${CMAKE_SYSROOT}/usr/lib/${CMAKE_LIBRARY_ARCHITECTURE}"
        "${CMAKE_SYSROOT}/lib/${CMAKE_LIBRARY_ARCHITECTURE}")
    set(CPACK_PROJECT_CONFIG_FILE ${PROJECT_SOURCE_DIR}/cmake/CPackCross.cmake)
endif()

include(CPack)
