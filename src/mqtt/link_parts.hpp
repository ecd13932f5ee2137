// What the station link's parts share on the I/O thread: the settings, the wall clock, the log,
// the outbox and the broker client (either may be missing: a database that would not open, a
// station with no broker). Only the I/O thread touches any of it.
#pragma once

#include <boost/asio/io_context.hpp>
#include <functional>
#include <memory>
#include <string>

#include "mqtt/mqtt_client.hpp"
#include "rollstation/core/clock.hpp"
#include "rollstation/core/clock_sync.hpp"
#include "storage/outbox.hpp"

namespace rs::mqtt {

struct LinkSettings;

struct LinkParts {
    using Log = std::function<void(const std::string&)>;

    boost::asio::io_context& io;
    const LinkSettings& settings;
    const core::Clock& clock;
    const core::ClockSync& sync;
    std::string boot;  // the kernel boot the monotonic clock counts from
    Log log;
    std::unique_ptr<storage::Outbox> outbox;
    std::shared_ptr<MqttClient> client;
    // The link itself: a handler that outlives it (a timer that fired as the link closed)
    // checks this, captured by value, before it touches any part.
    std::weak_ptr<void> alive;
    // Another station uses this one's id (see IdGuard): connected or not, nothing is published.
    bool id_conflict = false;

    bool online() const { return client && client->connected() && !id_conflict; }
    core::WallTime wall_now() const { return clock.now().wall; }
    storage::Moment moment() const;
};

inline std::int64_t unix_ms(core::WallTime t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}
inline std::int64_t mono_ms(core::Instant t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

inline storage::Moment LinkParts::moment() const {
    const core::Now now = clock.now();
    return {unix_ms(now.wall), mono_ms(now.mono), boot, sync.synchronised()};
}

}  // namespace rs::mqtt
