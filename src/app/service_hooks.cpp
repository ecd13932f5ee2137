#include "app/service_hooks.hpp"

#include <utility>

#include "app/heap_trim.hpp"

namespace rs::app {

void ServiceHooks::turn(core::Instant now, std::uint64_t frames_drawn) {
    if (now - heap_trimmed_at_ >= kHeapTrimInterval) {
        return_free_heap_to_system();
        heap_trimmed_at_ = now;
    }
    if (frames_drawn > 0 && options_.on_first_frame)
        std::exchange(options_.on_first_frame, nullptr)();
    if (options_.heartbeat && options_.heartbeat_every &&
        now - heartbeat_at_ >= *options_.heartbeat_every) {
        options_.heartbeat();
        heartbeat_at_ = now;
    }
}

std::optional<core::Instant> ServiceHooks::next_due() const {
    if (!options_.heartbeat || !options_.heartbeat_every)
        return std::nullopt;
    return heartbeat_at_ + *options_.heartbeat_every;
}

}  // namespace rs::app
