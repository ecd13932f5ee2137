#include "ui/event_wait.hpp"

#include <algorithm>
#include <string_view>

namespace rs::ui {

EventWaiter::EventWaiter(std::function<bool(int)> sleep) : sleep_(std::move(sleep)) {
    // These drivers implement SDL's blocking wait on their own event source (SDL 2.0.16+).
    const char* driver = SDL_GetCurrentVideoDriver();
    const std::string_view name = driver ? driver : "";
    native_ = name == "x11" || name == "wayland" || name == "cocoa" || name == "windows";
}

bool EventWaiter::wait(SDL_Event* event, int timeout_ms) {
    if (native_ || timeout_ms <= 0)
        return SDL_WaitEventTimeout(event, std::max(0, timeout_ms)) == 1;
    const Uint64 deadline = SDL_GetTicks64() + static_cast<Uint64>(timeout_ms);
    for (;;) {
        SDL_PumpEvents();
        if (SDL_PeepEvents(event, 1, SDL_GETEVENT, SDL_FIRSTEVENT, SDL_LASTEVENT) > 0)
            return true;
        const Uint64 now = SDL_GetTicks64();
        if (now >= deadline)
            return false;
        const int slice = static_cast<int>(std::min<Uint64>(deadline - now, kPollIntervalMs));
        if (!sleep_) {
            SDL_Delay(static_cast<Uint32>(slice));
        } else if (sleep_(slice)) {
            return false;  // woken by the other thread: the caller drains what it sent
        }
    }
}

}  // namespace rs::ui
