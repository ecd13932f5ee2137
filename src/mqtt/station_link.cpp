#include "mqtt/station_link.hpp"

#include <cstdlib>
#include <future>

#include "io/system_time.hpp"
#include "mqtt/clock_watch.hpp"
#include "mqtt/command_desk.hpp"
#include "mqtt/event_pipeline.hpp"
#include "mqtt/history_desk.hpp"
#include "mqtt/home_assistant.hpp"
#include "mqtt/payloads.hpp"
#include "mqtt/stats_publisher.hpp"

namespace rs::mqtt {
namespace asio = boost::asio;

const core::Clock& StationLink::system_clock() {
    static const core::SystemClock clock;
    return clock;
}

const core::ClockSync& StationLink::system_sync() {
    static const io::SystemClockSync sync = io::SystemClockSync::from_environment();
    return sync;
}

namespace {
// The kernel's boot, which the monotonic clock counts from; this run's id where it is unknown.
std::string monotonic_boot(const LinkSettings& s) {
    std::string boot = io::kernel_boot_id();
    return boot.empty() ? s.boot_id : boot;
}
}  // namespace

// The link's parts, and what joins them: opening the outbox, the broker's handlers, the hello
// after each connect, retained state and telemetry.
struct StationLink::Impl : std::enable_shared_from_this<Impl> {
    Impl(asio::io_context& io, LinkSettings s, Log l, const core::Clock& clock,
         const core::ClockSync& sync)
        : settings(std::move(s)),
          parts{io,           settings, clock,   sync, monotonic_boot(settings),
                std::move(l), nullptr,  nullptr, {}},
          stats(parts),
          events(parts, stats),
          commands(parts, stats),
          history(parts),
          id_guard(parts, settings.id_guard, [this] { on_connected(); }),
          clock_watch(parts, [this](const ClockWatch::Change& c) { on_clock_change(c); }) {
        const core::Now now = clock.now();
        started_mono = now.mono - (now.wall - settings.started_at);
        started_at = settings.started_at;
    }

    LinkSettings settings;
    LinkParts parts;
    StatsPublisher stats;
    EventPipeline events;
    CommandDesk commands;
    HistoryDesk history;
    IdGuard id_guard;
    ClockWatch clock_watch;
    core::Instant started_mono;  // the start, kept on the clock that cannot be stepped
    core::WallTime started_at;   // the start as published: moved only when the wall clock steps
    std::string state;           // the retained state last published

    void open() {
        parts.alive = weak_from_this();
        events.open_outbox();
        stats.start_midnight_check();
        clock_watch.start();
        if (!settings.broker)
            return;
        ClientSettings broker = *settings.broker;
        broker.will_topic = settings.topics.status();
        broker.will_payload = status_offline(settings.boot_id);
        ClientHandlers handlers;
        handlers.connected = [self = weak_from_this()] {
            if (auto s = self.lock())
                s->id_guard.on_connected();
        };
        handlers.published = [self = weak_from_this()](int mid, bool ok) {
            if (auto s = self.lock())
                s->events.on_published(mid, ok);
        };
        handlers.problem = [log = parts.log](const std::string& p) { log("mqtt: " + p); };
        handlers.taken_over = [self = weak_from_this()] {
            if (auto s = self.lock())
                s->id_guard.on_taken_over();
        };
        handlers.message = [self = weak_from_this()](const Incoming& in) {
            if (auto s = self.lock())
                s->on_message(in);
        };
        parts.client = MqttClient::create(parts.io, broker, handlers);
        parts.client->start();
    }

    void on_connected() {
        events.on_connected();
        MqttClient& client = *parts.client;
        // Subscribe before saying hello: whoever sees "online" can already send commands.
        client.subscribe(settings.topics.command(), 1);
        for (const auto& group : settings.groups)
            client.subscribe(settings.topics.group_command(group), 1);
        client.subscribe(settings.topics.all_command(), 1);
        client.subscribe(settings.topics.history_request(), 1);
        if (settings.home_assistant_prefix)
            client.subscribe(home_assistant_status_topic(*settings.home_assistant_prefix), 1);
        publish_status();
        if (settings.library)
            client.publish(settings.topics.routines(),
                           routines_payload(*settings.library, settings.language), 1, true);
        if (!state.empty())
            client.publish(settings.topics.state(), state, 1, true);
        stats.republish();
        announce_to_home_assistant();
        events.pump();
    }

    // started_at from the monotonic start on the wall clock as it stands now, so a step (NTP
    // arriving weeks later) corrects it.
    void publish_status() {
        if (!parts.online())
            return;
        parts.client->publish(
            settings.topics.status(),
            status_online({settings.boot_id, settings.version, started_at, settings.station_name,
                           settings.groups, clock_watch.synced()}),
            1, true);
    }

    void on_clock_change(const ClockWatch::Change& c) {
        if (c.stepped_ms != 0)
            parts.log("the wall clock moved by " + std::to_string(c.stepped_ms / 1000) +
                      " s against the monotonic clock" +
                      (c.synced ? "" : " (it is not synchronised yet)"));
        if (c.sync_changed)
            parts.log(c.synced ? "the wall clock is synchronised"
                               : "the wall clock is no longer synchronised");
        started_at = clock_watch.wall_of(started_mono);
        events.restamp();
        events.pump();
        publish_status();
        stats.refresh();  // "today" may be another day now
        stats.start_midnight_check();
    }

    void announce_to_home_assistant() {
        if (!settings.home_assistant_prefix || !parts.online())
            return;
        const DiscoveryIdentity identity{settings.topics, settings.station_name, settings.version,
                                         *settings.home_assistant_prefix};
        for (const auto& m : discovery_messages(identity))
            parts.client->publish(m.topic, m.payload, 1, true);
    }

    void on_message(const Incoming& in) {
        if (id_guard.handles(in))
            return;
        if (settings.home_assistant_prefix &&
            in.topic == home_assistant_status_topic(*settings.home_assistant_prefix)) {
            // Home Assistant (re)started: it asks every device to announce itself again.
            if (in.payload == "online")
                announce_to_home_assistant();
            return;
        }
        if (history.handles(in)) {
            history.on_request(in);
            return;
        }
        commands.on_command(in);
    }

    void publish_state(std::string payload) {
        state = std::move(payload);
        if (parts.online())
            parts.client->publish(settings.topics.state(), state, 1, true);
    }

    void publish_telemetry(const std::string& payload) {
        if (parts.online())
            parts.client->publish(settings.topics.telemetry(), payload, 0, false);
    }
};

StationLink::StationLink(io::IoThread& io, LinkSettings settings, Log log, const core::Clock& clock,
                         const core::ClockSync& sync)
    : io_(io),
      impl_(
          std::make_shared<Impl>(io.context(), std::move(settings), std::move(log), clock, sync)) {
    io_.run_and_wait([impl = impl_] { impl->open(); });
}

StationLink::~StationLink() {
    auto done = std::make_shared<std::promise<void>>();
    auto finished = done->get_future();
    io_.post([impl = impl_, done] {
        impl->stats.stop();
        impl->clock_watch.stop();
        impl->id_guard.stop();
        impl->events.stop();
        if (!impl->parts.client) {
            done->set_value();
            return;
        }
        impl->parts.client->shutdown(
            impl->settings.topics.status(), status_offline(impl->settings.boot_id),
            std::chrono::milliseconds(1000), [done] { done->set_value(); });
    });
    // Never hang on the way out: the will covers a station that could not say goodbye.
    finished.wait_for(std::chrono::seconds(3));
    io_.run_and_wait([impl = impl_] { impl->parts.client.reset(); });
}

void StationLink::record(const core::UsageEvent& event, std::string event_id) {
    // Read on the caller's thread, at once: the event was made moments ago on the same clocks,
    // so its monotonic moment is its stamp's distance from now.
    const core::Now now = impl_->parts.clock.now();
    EventClock clock{{},
                     mono_ms(now.mono) - (unix_ms(now.wall) - unix_ms(event.ts)),
                     impl_->parts.sync.synchronised()};
    io_.post([impl = impl_, event, id = std::move(event_id), clock] {
        impl->events.record(event, id, clock);
    });
}

void StationLink::publish_state(std::string payload) {
    io_.post(
        [impl = impl_, p = std::move(payload)]() mutable { impl->publish_state(std::move(p)); });
}

void StationLink::on_commands(std::function<void(core::Command)> deliver) {
    io_.post([impl = impl_, deliver = std::move(deliver)] { impl->commands.attach(deliver); });
}

void StationLink::detach_commands() {
    io_.run_and_wait([impl = impl_] { impl->commands.detach(); });
}

void StationLink::publish_result(const core::CommandResult& result) {
    io_.post([impl = impl_, result] { impl->commands.publish_result(result); });
}

void StationLink::publish_telemetry(std::string payload) {
    io_.post([impl = impl_, p = std::move(payload)] { impl->publish_telemetry(p); });
}

LinkStatus StationLink::status() {
    LinkStatus s;
    io_.run_and_wait([&] {
        const LinkParts& parts = impl_->parts;
        s.connected = parts.online();
        if (parts.outbox) {
            s.outbox_depth = parts.outbox->depth();
            s.dropped = parts.outbox->dropped_total();
        }
        s.storage_problem = impl_->events.storage_problem();
        s.id_conflict = impl_->id_guard.conflict();
        s.held_events = impl_->events.held();
        s.clock_synced = impl_->clock_watch.synced();
        s.sessions_today = impl_->stats.today().sessions;
        s.active_ms_today = impl_->stats.today().active_ms;
    });
    return s;
}

}  // namespace rs::mqtt
