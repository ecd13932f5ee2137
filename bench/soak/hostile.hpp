// Commands no station should act on: broken JSON, wrong types, oversize payloads, unknown
// routines, impossible times, bad ids, deep nesting, bytes that are not UTF-8, and retained
// commands. Each has a command id starting with "hostile-" where its shape allows one, so the
// soak can check that none was ever accepted.
#pragma once

#include <chrono>
#include <cstdint>
#include <random>
#include <string>

namespace rs::soak {

struct HostileCommand {
    std::string kind;     // for the log
    std::string payload;  // may be empty (an empty message)
    bool retained = false;
};

// The `n`th hostile command (kinds in turn, details from `rng`); `now` for start times.
HostileCommand hostile_command(int n, std::mt19937& rng, std::chrono::system_clock::time_point now);

// A start time `in` from `now`, as the coach tools write it.
std::string iso_utc(std::chrono::system_clock::time_point t);

}  // namespace rs::soak
