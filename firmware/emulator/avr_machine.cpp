#include "emulator/avr_machine.hpp"

#include <simavr/avr_eeprom.h>
#include <simavr/avr_extint.h>
#include <simavr/avr_uart.h>
#include <simavr/sim_avr.h>
#include <simavr/sim_hex.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

namespace rs::emulator {
namespace {

// simavr's default turns a sleeping AVR into a real usleep(); the run loop paces emulated
// time itself (or runs unpaced for tests), so sleep only advances the cycle counter.
void no_host_sleep(avr_t*, avr_cycle_count_t) {}

}  // namespace

AvrMachine::AvrMachine(const std::filesystem::path& hex) {
    ihex_chunk_p chunks = nullptr;
    const int count = read_ihex_chunks(hex.c_str(), &chunks);
    if (count <= 0)
        throw std::runtime_error("cannot read " + hex.string() + " as Intel HEX");
    avr_ = avr_make_mcu_by_name("atmega328p");
    if (!avr_) {
        free_ihex_chunks(chunks);
        throw std::runtime_error("simavr has no atmega328p");
    }
    avr_init(avr_);
    avr_->frequency = kFrequencyHz;
    avr_->sleep = no_host_sleep;
    for (int i = 0; i < count; ++i)
        avr_loadcode(avr_, chunks[i].data, chunks[i].size, chunks[i].baseaddr);
    free_ihex_chunks(chunks);
    // The UART's bytes go to the pseudo-terminal, not simavr's own console echo.
    std::uint32_t flags = 0;
    avr_ioctl(avr_, AVR_IOCTL_UART_GET_FLAGS('0'), &flags);
    flags &= ~static_cast<std::uint32_t>(AVR_UART_FLAG_STDIO | AVR_UART_FLAG_POLL_SLEEP);
    avr_ioctl(avr_, AVR_IOCTL_UART_SET_FLAGS('0'), &flags);
    // INT0 is the HX711's DT pin, low whenever a conversion waits. simavr's strict level
    // triggering polls a low INT pin every few cycles even with the interrupt masked, which
    // alone cost a third of the emulator's time; the firmware uses neither interrupt.
    avr_extint_set_strict_lvl_trig(avr_, 0, 0);
    avr_extint_set_strict_lvl_trig(avr_, 1, 0);
}

AvrMachine::~AvrMachine() {
    if (avr_) {
        avr_terminate(avr_);
        std::free(avr_);
    }
}

bool AvrMachine::run(int instructions) {
    for (int i = 0; i < instructions; ++i) {
        const int state = avr_run(avr_);
        if (state == cpu_Done || state == cpu_Crashed)
            return false;
    }
    return true;
}

void AvrMachine::reset() {
    // simavr starts its cycle counter over at a reset; the emulated world's clock goes on.
    const std::uint64_t before = avr_->cycle;
    avr_reset(avr_);
    if (avr_->cycle < before)
        cycle_offset_ += before - avr_->cycle;
}

std::uint64_t AvrMachine::cycles() const {
    return avr_->cycle + cycle_offset_;
}

std::vector<std::uint8_t> AvrMachine::eeprom() const {
    std::vector<std::uint8_t> bytes(kEepromBytes);
    avr_eeprom_desc_t desc{};
    desc.offset = 0;
    desc.size = kEepromBytes;
    avr_ioctl(avr_, AVR_IOCTL_EEPROM_GET, &desc);
    if (desc.ee)
        std::copy(desc.ee, desc.ee + kEepromBytes, bytes.begin());
    return bytes;
}

void AvrMachine::set_eeprom(const std::vector<std::uint8_t>& bytes) {
    std::vector<std::uint8_t> copy(
        bytes.begin(), bytes.begin() + static_cast<long>(std::min(bytes.size(), kEepromBytes)));
    avr_eeprom_desc_t desc{};
    desc.ee = copy.data();
    desc.offset = 0;
    desc.size = static_cast<std::uint32_t>(copy.size());
    avr_ioctl(avr_, AVR_IOCTL_EEPROM_SET, &desc);
}

}  // namespace rs::emulator
