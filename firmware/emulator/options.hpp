// rollstation-avr-sim's command line.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "emulator/hx711_model.hpp"

namespace rs::emulator {

struct TimedInput {
    double at_s = 0;
    std::string text;  // sent with a '\n' after it
};

struct Options {
    std::string hex;
    std::string profile = "steady";
    std::optional<std::string> link;
    bool pty = true;
    std::optional<double> seconds;  // emulated
    double speed = 1;               // times real time; 0: as fast as the host goes
    std::vector<double> resets_s;
    std::vector<TimedInput> inputs;
    std::optional<std::string> transcript;
    std::optional<std::string> eeprom;
    LoadCellScale scale;
    unsigned seed = 1;
};

std::string usage();
// Profiles: the simulator's motion profiles, plus no-gyro and no-loadcell (steady, one part
// missing).
std::string emulator_profile_names();
std::optional<Options> parse_options(int argc, char** argv, std::string& error);

}  // namespace rs::emulator
