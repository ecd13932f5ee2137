#include "station_link.hpp"

#include <ctime>
#include <future>

#include "command_codec.hpp"
#include "home_assistant.hpp"
#include "payloads.hpp"
#include "recent_history.hpp"
#include "usage_summary.hpp"

namespace rs::mqtt {
namespace asio = boost::asio;

static std::int64_t unix_ms(core::WallTime t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

struct StationLink::Impl : std::enable_shared_from_this<Impl> {
    Impl(asio::io_context& io, LinkSettings s, Log l)
        : io(io), settings(std::move(s)), log(std::move(l)), midnight(io), resend_check(io) {}

    asio::io_context& io;
    LinkSettings settings;
    Log log;
    std::unique_ptr<storage::Outbox> outbox;
    std::shared_ptr<MqttClient> client;
    std::map<int, std::int64_t> in_flight;  // message id -> seq
    std::int64_t last_sent = 0;
    std::string state, stats;
    storage::DayStats today;  // as last published
    asio::steady_timer midnight;
    asio::steady_timer resend_check;
    static constexpr std::chrono::seconds kResendAfter{15};
    bool refused_reported = false;

    void open() {
        try {
            auto opened = storage::Outbox::open(settings.database, settings.limits);
            if (!opened.problem.empty())
                log(opened.problem);
            outbox = std::move(opened.outbox);
            outbox->set_recent_event_topic(settings.topics.event());
        } catch (const std::exception& e) {
            log("events cannot be stored (" + std::string(e.what()) +
                "); they are only logged until this is fixed");
        }
        close_sessions_cut_short();
        refresh_stats();
        schedule_midnight();
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
                s->on_published(mid, ok);
        };
        handlers.problem = [log = log](const std::string& p) { log("mqtt: " + p); };
        handlers.message = [self = weak_from_this()](const Incoming& in) {
            if (auto s = self.lock())
                s->on_message(in);
        };
        client = MqttClient::create(io, broker, handlers);
        client->start();
    }

    // A session that was running when the power went is closed honestly on the next start.
    void close_sessions_cut_short() {
        if (!outbox)
            return;
        for (const auto& open : outbox->open_sessions()) {
            nlohmann::json snap = nlohmann::json::parse(open.snapshot, nullptr, false);
            core::UsageEvent e;
            e.type = core::EventType::session_abandoned;
            e.ts = std::chrono::system_clock::now();
            e.session_id = open.session_id;
            if (snap.is_object()) {
                e.routine_id = snap.value("routine_id", "");
                e.source = snap.value("source", "athlete") == "class"
                               ? core::SessionSource::class_command
                               : core::SessionSource::athlete;
                e.command_id = snap.value("command_id", "");
                e.planned_s = snap.value("planned_s", 0);
                e.steps_total = snap.value("steps_total", 0);
            }
            e.reason = core::AbandonReason::power_loss;
            log("closing session " + open.session_id + " left open by a power loss or crash");
            record(e, open.session_id + "-power-loss");  // the same id however often we crash here
        }
        flush();
    }

    // Events that arrived since the last write: written together, one disk sync for all.
    std::vector<std::pair<core::UsageEvent, std::string>> queued;
    bool flush_posted = false;

    void record(const core::UsageEvent& e, const std::string& event_id) {
        queued.emplace_back(e, event_id);
        if (!flush_posted) {
            flush_posted = true;
            asio::post(io, [self = shared_from_this()] { self->flush(); });
        }
    }

    storage::Outbox::NewEvent stored_form(const core::UsageEvent& e, const std::string& event_id) {
        storage::Outbox::NewEvent row{
            event_id,
            {std::string(core::name_of(e.type)), unix_ms(e.ts), e.session_id, e.routine_id,
             std::string(core::name_of(e.source)), e.active.count(),
             e.reason ? std::string(core::name_of(*e.reason)) : std::string()},
            [this, e, event_id](std::int64_t seq) {
                return event_payload(e, settings.topics.station, seq, event_id);
            },
            storage::Outbox::SessionMark::none,
            {}};
        // A session is open from its start to its end, in the same transactions as those events.
        if (e.type == core::EventType::session_started) {
            row.session = storage::Outbox::SessionMark::opens;
            row.snapshot = nlohmann::json{{"routine_id", e.routine_id},
                                          {"source", core::name_of(e.source)},
                                          {"command_id", e.command_id},
                                          {"planned_s", e.planned_s},
                                          {"steps_total", e.steps_total.value_or(0)}}
                               .dump();
        } else if (e.type == core::EventType::session_completed ||
                   e.type == core::EventType::session_abandoned) {
            row.session = storage::Outbox::SessionMark::closes;
        }
        return row;
    }

    void flush() {
        flush_posted = false;
        auto batch = std::exchange(queued, {});
        if (!outbox || batch.empty())
            return;
        const std::int64_t now = unix_ms(std::chrono::system_clock::now());
        std::vector<storage::Outbox::NewEvent> rows;
        for (const auto& [e, id] : batch)
            rows.push_back(stored_form(e, id));
        try {
            outbox->append(rows, now);
        } catch (const storage::SqliteError&) {
            // One bad apple (a repeated event_id) must not cost the others: one by one.
            for (std::size_t i = 0; i < rows.size(); ++i) {
                try {
                    outbox->append(std::vector<storage::Outbox::NewEvent>{rows[i]}, now);
                } catch (const storage::SqliteError& error) {
                    if ((error.code & 0xFF) != SQLITE_CONSTRAINT) {
                        log("an event could not be stored: " + std::string(error.what()));
                    } else if (rows[i].session == storage::Outbox::SessionMark::closes) {
                        // Stored before (a power-loss closing written by an older release
                        // without its mark): the session has its end, so it is not open.
                        outbox->session_closed(rows[i].row.session_id);
                    }
                }
            }
        }
        bool sessions_changed = false;
        for (const auto& [e, id] : batch)
            sessions_changed = sessions_changed || e.type != core::EventType::step_completed;
        pump();
        if (sessions_changed) {
            refresh_stats();
            publish_recent();
        }
    }

    void on_connected() {
        // libmosquitto sends again what was in flight when the connection dropped, under the
        // same message ids; we carry on after it. Should any of those never be acknowledged, the
        // check below starts over from the outbox (a repeat keeps its event_id).
        refused_reported = false;
        resend_check.expires_after(kResendAfter);
        resend_check.async_wait(
            [self = weak_from_this(), before = in_flight](const boost::system::error_code& ec) {
                auto s = self.lock();
                if (!s || ec || !s->client || !s->client->connected())
                    return;
                bool stuck = false;
                for (const auto& [mid, seq] : before)
                    stuck = stuck || s->in_flight.count(mid);
                if (stuck) {
                    s->in_flight.clear();
                    s->last_sent = 0;
                    s->pump();
                }
            });
        // Subscribe before saying hello: whoever sees "online" can already send commands.
        client->subscribe(settings.topics.command(), 1);
        for (const auto& group : settings.groups)
            client->subscribe(settings.topics.group_command(group), 1);
        client->subscribe(settings.topics.all_command(), 1);
        if (settings.home_assistant_prefix)
            client->subscribe(home_assistant_status_topic(*settings.home_assistant_prefix), 1);
        client->publish(settings.topics.status(),
                        status_online({settings.boot_id, settings.version, settings.started_at,
                                       settings.station_name, settings.groups}),
                        1, true);
        if (settings.library)
            client->publish(settings.topics.routines(), routines_payload(*settings.library), 1,
                            true);
        if (!state.empty())
            client->publish(settings.topics.state(), state, 1, true);
        if (!stats.empty())
            client->publish(settings.topics.stats(), stats, 1, true);
        publish_recent();
        announce_to_home_assistant();
        pump();
    }

    void announce_to_home_assistant() {
        if (!settings.home_assistant_prefix || !client || !client->connected())
            return;
        const DiscoveryIdentity identity{settings.topics, settings.station_name, settings.version,
                                         *settings.home_assistant_prefix};
        for (const auto& m : discovery_messages(identity))
            client->publish(m.topic, m.payload, 1, true);
    }

    void on_message(const Incoming& in) {
        if (settings.home_assistant_prefix &&
            in.topic == home_assistant_status_topic(*settings.home_assistant_prefix)) {
            // Home Assistant (re)started: it asks every device to announce itself again.
            if (in.payload == "online")
                announce_to_home_assistant();
            return;
        }
        on_command(in);
    }

    void pump() {
        if (!outbox || !client || !client->connected())
            return;
        while (in_flight.size() < settings.window) {
            const auto batch = outbox->pending(last_sent, settings.window - in_flight.size());
            if (batch.empty())
                return;
            for (const auto& event : batch) {
                const auto mid = client->publish(settings.topics.event(), event.payload, 1, false);
                if (!mid)
                    return;
                in_flight[*mid] = event.seq;
                last_sent = event.seq;
            }
        }
    }

    void on_published(int mid, bool accepted) {
        const auto it = in_flight.find(mid);
        if (it == in_flight.end())
            return;  // a retained message, or an event sent before the last reconnect
        const std::int64_t seq = it->second;
        in_flight.erase(it);
        if (accepted) {
            if (outbox)
                outbox->acknowledge(seq);
        } else if (!refused_reported) {
            // Kept: it goes again after the next reconnect (an ACL mistake is fixed by an
            // operator).
            refused_reported = true;
            log("mqtt: the broker refused event " + std::to_string(seq) + " (check the ACL for " +
                settings.topics.event() + "); it is kept");
        }
        pump();
        // Once everything is delivered the retained stats say so (outbox_depth 0).
        if (in_flight.empty() && outbox && outbox->depth() == 0)
            refresh_stats();
    }

    void refresh_stats() {
        if (!outbox)
            return;
        const auto now = std::chrono::system_clock::now();
        const UsageSummary usage = summarize_usage(*outbox, now);
        today = usage.today.stats;
        stats = stats_payload(usage, {settings.timezone, outbox->depth(), outbox->dropped_total()},
                              now);
        if (client && client->connected())
            client->publish(settings.topics.stats(), stats, 1, true);
    }

    void schedule_midnight() {
        // A new day starts empty: publish it at local midnight (and re-check hourly for clock
        // moves).
        const auto now = std::chrono::system_clock::now();
        const LocalDay day = local_days_ending(now, 1).front();
        const auto until =
            std::chrono::milliseconds(day.to_ms - unix_ms(now)) + std::chrono::seconds(1);
        midnight.expires_after(std::min<std::chrono::milliseconds>(until, std::chrono::hours(1)));
        midnight.async_wait([self = weak_from_this()](const boost::system::error_code& ec) {
            if (auto s = self.lock(); s && !ec) {
                s->refresh_stats();
                s->schedule_midnight();
            }
        });
    }

    // Commands: checked here, on the I/O thread, before anything reaches the station's state.
    std::function<void(core::Command)> deliver;
    std::vector<core::Command> waiting;
    std::map<std::string, Incoming> requests;  // command_id -> how it came (for MQTT 5 replies)

    void on_command(const Incoming& in) {
        const core::Library empty;
        const DecodedCommand d =
            decode_command(in.payload, in.retained, settings.library ? *settings.library : empty);
        if (!d.command) {
            log("mqtt: refused a command on " + in.topic + ": " + d.error);
            answer(in, {d.command_id, core::CommandOutcome::rejected, d.error});
            return;
        }
        remember(in.topic, command_summary(*d.command, std::chrono::system_clock::now()));
        requests[d.command_id] = in;
        if (requests.size() > 500)
            requests.erase(requests.begin());
        if (deliver) {
            deliver(*d.command);
        } else {
            waiting.push_back(*d.command);
        }
    }

    void answer(const Incoming& request, const core::CommandResult& r) {
        const std::string payload =
            result_payload(r, settings.topics.station, std::chrono::system_clock::now());
        if (client) {
            client->publish(settings.topics.command_result(), payload, 1, false);
            client->respond(request, payload);
        }
        remember(settings.topics.command_result(), payload);  // after: the live answer goes first
    }

    void publish_result(const core::CommandResult& r) {
        const auto it = requests.find(r.command_id);
        answer(it != requests.end() ? it->second : Incoming{}, r);
        const bool final = r.outcome != core::CommandOutcome::accepted &&
                           r.outcome != core::CommandOutcome::started;
        if (final && it != requests.end())
            requests.erase(it);
    }

    // Commands and answers join the retained history as they happen (events in their own
    // transaction, see flush); a history that cannot be written costs only the history.
    void remember(const std::string& topic, const std::string& payload) {
        try {
            if (outbox)
                outbox->remember_recent(topic, payload);
        } catch (const storage::SqliteError& e) {
            log("the recent history could not be stored: " + std::string(e.what()));
        }
        publish_recent();
    }

    void publish_recent() {
        if (outbox && client && client->connected())
            client->publish(settings.topics.recent(),
                            recent_payload(outbox->recent(), settings.topics.station,
                                           std::chrono::system_clock::now()),
                            1, true);
    }

    void publish_state(std::string payload) {
        state = std::move(payload);
        if (client && client->connected())
            client->publish(settings.topics.state(), state, 1, true);
    }

    void publish_telemetry(const std::string& payload) {
        if (client && client->connected())
            client->publish(settings.topics.telemetry(), payload, 0, false);
    }
};

StationLink::StationLink(io::IoThread& io, LinkSettings settings, Log log)
    : io_(io), impl_(std::make_shared<Impl>(io.context(), std::move(settings), std::move(log))) {
    io_.run_and_wait([impl = impl_] { impl->open(); });
}

StationLink::~StationLink() {
    auto done = std::make_shared<std::promise<void>>();
    auto finished = done->get_future();
    io_.post([impl = impl_, done] {
        impl->midnight.cancel();
        impl->resend_check.cancel();
        if (!impl->client) {
            done->set_value();
            return;
        }
        impl->client->shutdown(impl->settings.topics.status(),
                               status_offline(impl->settings.boot_id),
                               std::chrono::milliseconds(1000), [done] { done->set_value(); });
    });
    // Never hang on the way out: the will covers a station that could not say goodbye.
    finished.wait_for(std::chrono::seconds(3));
    io_.run_and_wait([impl = impl_] { impl->client.reset(); });
}

void StationLink::record(const core::UsageEvent& event, std::string event_id) {
    io_.post([impl = impl_, event, id = std::move(event_id)] { impl->record(event, id); });
}

void StationLink::publish_state(std::string payload) {
    io_.post(
        [impl = impl_, p = std::move(payload)]() mutable { impl->publish_state(std::move(p)); });
}

void StationLink::on_commands(std::function<void(core::Command)> deliver) {
    io_.post([impl = impl_, deliver = std::move(deliver)] {
        impl->deliver = deliver;
        for (auto& c : std::exchange(impl->waiting, {}))
            impl->deliver(c);
    });
}

void StationLink::detach_commands() {
    io_.run_and_wait([impl = impl_] { impl->deliver = nullptr; });
}

void StationLink::publish_result(const core::CommandResult& result) {
    io_.post([impl = impl_, result] { impl->publish_result(result); });
}

void StationLink::publish_telemetry(std::string payload) {
    io_.post([impl = impl_, p = std::move(payload)] { impl->publish_telemetry(p); });
}

LinkStatus StationLink::status() {
    LinkStatus s;
    io_.run_and_wait([&] {
        s.connected = impl_->client && impl_->client->connected();
        if (impl_->outbox) {
            s.outbox_depth = impl_->outbox->depth();
            s.dropped = impl_->outbox->dropped_total();
        }
        s.sessions_today = impl_->today.sessions;
        s.active_ms_today = impl_->today.active_ms;
    });
    return s;
}

}  // namespace rs::mqtt
