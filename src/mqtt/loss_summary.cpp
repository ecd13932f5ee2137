#include "mqtt/loss_summary.hpp"

namespace rs::mqtt {

std::optional<std::string> LossSummary::lost(Instant now, const std::string& line) {
    std::optional<std::string> due = tick(now);  // a window that ended first says its count
    if (!window_start_) {
        window_start_ = now;
        return line;
    }
    ++count_;
    last_ = line;
    return due;
}

std::optional<std::string> LossSummary::tick(Instant now) {
    if (!window_start_ || now - *window_start_ < kWindow)
        return std::nullopt;
    if (count_ == 0) {
        window_start_.reset();  // quiet for a whole window: the next loss is told in full
        return std::nullopt;
    }
    std::string line = "the connection to the broker was lost " + std::to_string(count_) +
                       (count_ == 1 ? " more time" : " more times") +
                       " in the last minute (last: " + last_ + ")";
    window_start_ = now;
    count_ = 0;
    return line;
}

}  // namespace rs::mqtt
