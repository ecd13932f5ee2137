#include "app/inbox.hpp"

namespace rs::app {

void Inbox::post(core::Action action) {
    bool wake = true;
    {
        std::lock_guard lock(mutex_);
        auto* batch = core::action_as<core::act::SensorBatch>(action);
        if (batch) {
            const Steady::time_point now = now_();
            last_sensor_post_ = now;
            if (patience_.count() > 0 && last_sensor_wake_ && now - *last_sensor_wake_ < patience_)
                wake = false;  // the loop, capped by sensor_wait_cap(), comes for it in time
            else
                last_sensor_wake_ = now;
        }
        auto* last =
            pending_.empty() ? nullptr : core::action_as<core::act::SensorBatch>(pending_.back());
        if (batch && last && last->sensor_id == batch->sensor_id) {
            // The UI has not caught up: fold this batch into the waiting one.
            last->messages.insert(last->messages.end(),
                                  std::make_move_iterator(batch->messages.begin()),
                                  std::make_move_iterator(batch->messages.end()));
            last->counters = batch->counters;
        } else {
            pending_.push_back(std::move(action));
        }
    }
    if (!wake)
        return;
    ++wakes_;
    posted_.notify_one();
    if (wake_event_ != 0 && !wake_pending_.exchange(true)) {
        SDL_Event e{};
        e.type = wake_event_;
        SDL_PushEvent(&e);
    }
}

std::vector<core::Action> Inbox::take() {
    std::vector<core::Action> out;
    std::lock_guard lock(mutex_);
    out.swap(pending_);
    wake_pending_ = false;
    return out;
}

bool Inbox::empty() const {
    std::lock_guard lock(mutex_);
    return pending_.empty();
}

void Inbox::set_sensor_patience(std::chrono::milliseconds patience) {
    std::lock_guard lock(mutex_);
    patience_ = patience;
}

std::optional<std::chrono::milliseconds> Inbox::sensor_wait_cap() const {
    std::lock_guard lock(mutex_);
    if (patience_.count() <= 0 || !last_sensor_post_ || now_() - *last_sensor_post_ > kStreamMemory)
        return std::nullopt;
    return patience_;
}

bool Inbox::wait_for(std::chrono::milliseconds limit) {
    std::unique_lock lock(mutex_);
    return posted_.wait_for(lock, limit, [&] { return !pending_.empty(); });
}

}  // namespace rs::app
