#include "mqtt/stats_publisher.hpp"

#include <algorithm>

#include "mqtt/payloads.hpp"
#include "mqtt/recent_history.hpp"
#include "mqtt/station_link.hpp"
#include "mqtt/usage_summary.hpp"

namespace rs::mqtt {

void StatsPublisher::refresh() {
    if (!parts_.outbox)
        return;
    const core::WallTime now = parts_.wall_now();
    const UsageSummary usage = summarize_usage(*parts_.outbox, now);
    today_ = usage.today.stats;
    payload_ = stats_payload(
        usage,
        {parts_.settings.timezone, parts_.outbox->depth(), parts_.outbox->dropped_total(),
         parts_.sync.synchronised(), parts_.outbox->quarantined_total()},
        now);
    if (parts_.online())
        parts_.client->publish(parts_.settings.topics.stats(), payload_, 1, true);
}

void StatsPublisher::publish_recent() {
    if (parts_.outbox && parts_.online())
        parts_.client->publish(parts_.settings.topics.recent(),
                               recent_payload(parts_.outbox->recent(),
                                              parts_.settings.topics.station, parts_.wall_now()),
                               1, true);
}

void StatsPublisher::republish() {
    if (!payload_.empty() && parts_.online())
        parts_.client->publish(parts_.settings.topics.stats(), payload_, 1, true);
    publish_recent();
}

std::chrono::milliseconds StatsPublisher::wait_for_next_check(core::WallTime now) {
    const LocalDay day = local_days_ending(now, 1).front();
    const auto until =
        std::chrono::milliseconds(day.to_ms - unix_ms(now)) + std::chrono::seconds(1);
    return std::clamp<std::chrono::milliseconds>(until, std::chrono::milliseconds(0),
                                                 std::chrono::hours(1));
}

void StatsPublisher::start_midnight_check() {
    midnight_.expires_after(wait_for_next_check(parts_.wall_now()));
    midnight_.async_wait([this, alive = parts_.alive](const boost::system::error_code& ec) {
        const auto keep = alive.lock();
        if (ec || !keep)
            return;
        refresh();
        start_midnight_check();
    });
}

}  // namespace rs::mqtt
