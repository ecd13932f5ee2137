// One emulated ATmega328P at 16 MHz (simavr) running a .hex, owned like any other handle.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

struct avr_t;

namespace rs::emulator {

class AvrMachine {
  public:
    static constexpr std::uint32_t kFrequencyHz = 16'000'000;
    static constexpr std::size_t kEepromBytes = 1024;

    // Loads the .hex into flash; throws std::runtime_error when it cannot.
    explicit AvrMachine(const std::filesystem::path& hex);
    ~AvrMachine();
    AvrMachine(const AvrMachine&) = delete;
    AvrMachine& operator=(const AvrMachine&) = delete;

    avr_t* avr() const { return avr_; }
    // Runs at least `instructions` instructions (a sleeping CPU skips to its next timer);
    // false once the firmware crashed or stopped.
    bool run(int instructions);
    // The reset button (or a Nano's DTR line when a port opens): RAM and I/O start over.
    void reset();

    // Emulated cycles since the start, across resets.
    std::uint64_t cycles() const;
    double seconds() const { return static_cast<double>(cycles()) / kFrequencyHz; }

    std::vector<std::uint8_t> eeprom() const;
    void set_eeprom(const std::vector<std::uint8_t>& bytes);

  private:
    avr_t* avr_ = nullptr;
    std::uint64_t cycle_offset_ = 0;
};

}  // namespace rs::emulator
