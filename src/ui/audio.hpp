// Short synthesised tones for cues: heard across a loud gym, silent when there is no device.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <vector>

#include "rollstation/core/session.hpp"

namespace rs::ui {

// The samples of one cue (mono, signed 16-bit): pure, so it can be tested without a device.
std::vector<std::int16_t> synthesize(core::Cue cue, int sample_rate);

class CuePlayer {
  public:
    // Opens the default output when `enabled`; any failure leaves a silent player.
    explicit CuePlayer(bool enabled);
    ~CuePlayer();
    CuePlayer(const CuePlayer&) = delete;
    CuePlayer& operator=(const CuePlayer&) = delete;

    void play(core::Cue cue);
    bool audible() const { return device_ != 0; }

  private:
    SDL_AudioDeviceID device_ = 0;
    int sample_rate_ = 48000;
    bool owns_subsystem_ = false;
};

}  // namespace rs::ui
