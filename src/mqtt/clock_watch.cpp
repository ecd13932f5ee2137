#include "mqtt/clock_watch.hpp"

#include <cstdlib>

namespace rs::mqtt {

ClockWatch::ClockWatch(LinkParts& parts, std::function<void(const Change&)> on_change)
    : parts_(parts), on_change_(std::move(on_change)), timer_(parts.io) {
    const storage::Moment now = parts_.moment();
    synced_ = now.synced;
    wall_minus_mono_ms_ = now.wall_ms - now.mono_ms;
}

void ClockWatch::start() {
    timer_.expires_after(kEvery);
    timer_.async_wait([this, alive = parts_.alive](const boost::system::error_code& ec) {
        const auto keep = alive.lock();
        if (ec || !keep)
            return;
        check();
        start();
    });
}

void ClockWatch::check() {
    const storage::Moment now = parts_.moment();
    const std::int64_t offset = now.wall_ms - now.mono_ms;
    Change change{now.synced, now.synced != synced_, offset - wall_minus_mono_ms_};
    if (std::llabs(change.stepped_ms) < kStepAtLeastMs)
        change.stepped_ms = 0;
    wall_minus_mono_ms_ = offset;  // slewing is followed quietly, a step is reported
    synced_ = now.synced;
    if (change.sync_changed || change.stepped_ms != 0)
        on_change_(change);
}

core::WallTime ClockWatch::wall_of(core::Instant at) const {
    return core::WallTime{std::chrono::milliseconds(mono_ms(at) + wall_minus_mono_ms_)};
}

}  // namespace rs::mqtt
