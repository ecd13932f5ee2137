# The firmware for the ATmega328P, built with Debian's gcc-avr and avr-libc next to the host
# build (the host compiler cannot target the AVR, so this is a custom command, not a target of
# the host toolchain). Sets ROLLSTATION_FIRMWARE_HEX and _ELF when gcc-avr is there.
#
# C++14: gcc-avr 5.4 knows C++17 only in part (-std=c++1z), and avr-libc ships no C++ standard
# library. The core keeps to what both ends share: <stdint.h>, no heap, no exceptions.
find_program(AVR_GXX avr-g++)
find_program(AVR_OBJCOPY avr-objcopy)
if(NOT AVR_GXX OR NOT AVR_OBJCOPY)
    message(STATUS "firmware: no gcc-avr: the .hex is not built (scripts/deps --tests installs it)")
    set(ROLLSTATION_FIRMWARE_HEX "")
    set(ROLLSTATION_FIRMWARE_ELF "")
    return()
endif()

set(FIRMWARE_SOURCES
    ${CMAKE_CURRENT_SOURCE_DIR}/avr/clock.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/avr/hx711.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/avr/main.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/avr/mpu6050.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/avr/twi.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/avr/uart.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/core/calibration_record.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/core/command_reader.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/core/line_writer.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/core/load_cell.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/core/roller.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/core/rotation.cpp
)
file(GLOB FIRMWARE_HEADERS ${CMAKE_CURRENT_SOURCE_DIR}/avr/*.hpp ${CMAKE_CURRENT_SOURCE_DIR}/core/*.hpp)
set(FIRMWARE_FLAGS -mmcu=atmega328p -DF_CPU=16000000UL -Os -std=c++14
    -Wall -Wextra -Wpedantic -Werror
    -fno-exceptions -fno-rtti -fno-threadsafe-statics -ffunction-sections -fdata-sections
    -I${CMAKE_CURRENT_SOURCE_DIR})
set(ROLLSTATION_FIRMWARE_ELF ${CMAKE_CURRENT_BINARY_DIR}/rollstation-roller.elf)
set(ROLLSTATION_FIRMWARE_HEX ${CMAKE_CURRENT_BINARY_DIR}/rollstation-roller.hex)
# Twelve small files: one compiler run builds and links them all, with unused code dropped.
add_custom_command(OUTPUT ${ROLLSTATION_FIRMWARE_ELF}
    COMMAND ${AVR_GXX} ${FIRMWARE_FLAGS} -Wl,--gc-sections ${FIRMWARE_SOURCES} -o ${ROLLSTATION_FIRMWARE_ELF}
    DEPENDS ${FIRMWARE_SOURCES} ${FIRMWARE_HEADERS}
    COMMENT "Building the roller firmware for the ATmega328P"
    VERBATIM)
add_custom_command(OUTPUT ${ROLLSTATION_FIRMWARE_HEX}
    COMMAND ${AVR_OBJCOPY} -O ihex -R .eeprom ${ROLLSTATION_FIRMWARE_ELF} ${ROLLSTATION_FIRMWARE_HEX}
    DEPENDS ${ROLLSTATION_FIRMWARE_ELF}
    VERBATIM)
add_custom_target(rollstation_firmware_hex ALL DEPENDS ${ROLLSTATION_FIRMWARE_HEX})
