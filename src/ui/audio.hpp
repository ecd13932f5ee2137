// Short synthesised tones for cues: heard across a loud gym, silent when there is no device.
#pragma once

#include <SDL.h>

#include <chrono>
#include <cstdint>
#include <vector>

#include "rollstation/core/session.hpp"

namespace rs::ui {

// The samples of one cue (mono, signed 16-bit): pure, so it can be tested without a device.
std::vector<std::int16_t> synthesize(core::Cue cue, int sample_rate);

// An open audio device keeps SDL's audio thread feeding it silence many times a second, even
// paused: the device is opened for a cue and closed once it has been quiet for a while.
class CuePlayer {
  public:
    using Steady = std::chrono::steady_clock;
    // Checks the default output when `enabled`; any failure leaves a silent player.
    explicit CuePlayer(bool enabled);
    ~CuePlayer();
    CuePlayer(const CuePlayer&) = delete;
    CuePlayer& operator=(const CuePlayer&) = delete;

    void play(core::Cue cue, Steady::time_point now = Steady::now());
    // Closes the device when `kKeptOpen` has passed since the last cue (far longer than one).
    void rest(Steady::time_point now = Steady::now());
    bool audible() const { return audible_; }
    bool device_open() const { return device_ != 0; }

    // Cues come in runs (a countdown's beeps a second apart): the device stays open between
    // them, and no longer. An open device keeps a thread feeding it silence, a few per cent of
    // what the kiosk spends on a whole animated screen.
    static constexpr std::chrono::seconds kKeptOpen{5};

  private:
    bool open();
    void close();

    SDL_AudioDeviceID device_ = 0;
    bool audible_ = false;
    int sample_rate_ = 48000;
    bool owns_subsystem_ = false;
    Steady::time_point last_cue_{};
};

}  // namespace rs::ui
