#include "mqtt/station_link.hpp"

#include <future>

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

// The link's parts, and what joins them: opening the outbox, the broker's handlers, the hello
// after each connect, retained state and telemetry.
struct StationLink::Impl : std::enable_shared_from_this<Impl> {
    Impl(asio::io_context& io, LinkSettings s, Log l, const core::Clock& clock)
        : settings(std::move(s)),
          parts{io, settings, clock, std::move(l), nullptr, nullptr, {}},
          stats(parts),
          events(parts, stats),
          commands(parts, stats),
          history(parts) {}

    LinkSettings settings;
    LinkParts parts;
    StatsPublisher stats;
    EventPipeline events;
    CommandDesk commands;
    HistoryDesk history;
    std::string state;  // the retained state last published

    void open() {
        parts.alive = weak_from_this();
        events.open_outbox();
        stats.start_midnight_check();
        if (!settings.broker)
            return;
        ClientSettings broker = *settings.broker;
        broker.will_topic = settings.topics.status();
        broker.will_payload = status_offline(settings.boot_id);
        ClientHandlers handlers;
        handlers.connected = [self = weak_from_this()] {
            if (auto s = self.lock())
                s->on_connected();
        };
        handlers.published = [self = weak_from_this()](int mid, bool ok) {
            if (auto s = self.lock())
                s->events.on_published(mid, ok);
        };
        handlers.problem = [log = parts.log](const std::string& p) { log("mqtt: " + p); };
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
        client.publish(settings.topics.status(),
                       status_online({settings.boot_id, settings.version, settings.started_at,
                                      settings.station_name, settings.groups}),
                       1, true);
        if (settings.library)
            client.publish(settings.topics.routines(), routines_payload(*settings.library), 1,
                           true);
        if (!state.empty())
            client.publish(settings.topics.state(), state, 1, true);
        stats.republish();
        announce_to_home_assistant();
        events.pump();
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

StationLink::StationLink(io::IoThread& io, LinkSettings settings, Log log, const core::Clock& clock)
    : io_(io),
      impl_(std::make_shared<Impl>(io.context(), std::move(settings), std::move(log), clock)) {
    io_.run_and_wait([impl = impl_] { impl->open(); });
}

StationLink::~StationLink() {
    auto done = std::make_shared<std::promise<void>>();
    auto finished = done->get_future();
    io_.post([impl = impl_, done] {
        impl->stats.stop();
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
    io_.post([impl = impl_, event, id = std::move(event_id)] { impl->events.record(event, id); });
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
        s.held_events = impl_->events.held();
        s.sessions_today = impl_->stats.today().sessions;
        s.active_ms_today = impl_->stats.today().active_ms;
    });
    return s;
}

}  // namespace rs::mqtt
