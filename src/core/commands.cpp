#include "rollstation/core/commands.hpp"

namespace rs::core {

const std::string& command_id_of(const Command& command) {
    return std::visit([](const auto& c) -> const std::string& { return c.command_id; }, command);
}

std::optional<std::string> check_start(const ClassWarmup& warmup, WallTime now,
                                       CommandTiming timing) {
    const auto late = std::chrono::duration_cast<Millis>(now - warmup.start_at);
    if (late > timing.past_grace) {
        // Say by how much: a station whose clock is off shows it here instead of starting late.
        return "start_at is " + std::to_string(late.count() / 1000) +
               " s in the past by this station's clock (is it or the sender's clock wrong?)";
    }
    if (-late > timing.furthest_ahead)
        return "start_at is more than 24 h ahead";
    return std::nullopt;
}

void CommandMemory::remember(const std::string& id) {
    if (!ids_.insert(id).second)
        return;
    order_.push_back(id);
    while (order_.size() > capacity_) {
        ids_.erase(order_.front());
        order_.pop_front();
    }
}

}  // namespace rs::core
