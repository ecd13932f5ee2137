#include "ui/audio.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace rs::ui {
namespace {

struct Tone {
    double hz;
    double seconds;
};

void append_tone(std::vector<std::int16_t>& out, Tone tone, int rate, double volume) {
    const int n = static_cast<int>(tone.seconds * rate);
    const int ramp = std::max(1, rate / 200);  // 5 ms fades: no clicks
    for (int i = 0; i < n; ++i) {
        const double envelope = std::min({1.0, double(i) / ramp, double(n - 1 - i) / ramp});
        const double v = std::sin(2 * std::numbers::pi * tone.hz * i / rate) * envelope * volume;
        out.push_back(static_cast<std::int16_t>(v * 32767));
    }
}

}  // namespace

std::vector<std::int16_t> synthesize(core::Cue cue, int rate) {
    std::vector<std::int16_t> out;
    switch (cue) {
        case core::Cue::countdown:
            append_tone(out, {880, 0.09}, rate, 0.5);
            break;
        case core::Cue::step_change:
            append_tone(out, {660, 0.12}, rate, 0.6);
            append_tone(out, {990, 0.18}, rate, 0.6);
            break;
        case core::Cue::finished:
            append_tone(out, {523, 0.15}, rate, 0.6);
            append_tone(out, {659, 0.15}, rate, 0.6);
            append_tone(out, {784, 0.30}, rate, 0.6);
            break;
    }
    return out;
}

CuePlayer::CuePlayer(bool enabled) {
    if (!enabled)
        return;
    if (SDL_WasInit(SDL_INIT_AUDIO) == 0) {
        if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
            SDL_Log("sound off: no audio driver (%s)", SDL_GetError());
            return;
        }
        owns_subsystem_ = true;
    }
    // Opened once now, so a missing device is said at start, then closed until a cue.
    audible_ = open();
    close();
}

CuePlayer::~CuePlayer() {
    close();
    if (owns_subsystem_)
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

bool CuePlayer::open() {
    SDL_AudioSpec want{};
    want.freq = sample_rate_;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 1024;
    SDL_AudioSpec got{};
    device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &got, 0);
    if (device_ == 0) {
        SDL_Log("sound off: no audio device (%s)", SDL_GetError());
        return false;
    }
    SDL_PauseAudioDevice(device_, 0);
    return true;
}

void CuePlayer::close() {
    if (device_ != 0)
        SDL_CloseAudioDevice(device_);
    device_ = 0;
}

void CuePlayer::play(core::Cue cue, Steady::time_point now) {
    if (!audible_ || (device_ == 0 && !open()))
        return;
    last_cue_ = now;
    // A new cue replaces one still sounding, so cues never pile up behind each other.
    SDL_ClearQueuedAudio(device_);
    const auto samples = synthesize(cue, sample_rate_);
    SDL_QueueAudio(device_, samples.data(),
                   static_cast<Uint32>(samples.size() * sizeof(std::int16_t)));
}

void CuePlayer::rest(Steady::time_point now) {
    if (device_ != 0 && now - last_cue_ >= kKeptOpen)
        close();
}

}  // namespace rs::ui
