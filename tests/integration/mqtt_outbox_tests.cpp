// The durable outbox against a real broker: events recorded while the broker comes and goes all
// arrive (at least once, de-duplicable by event_id, in seq order), events stored by a process
// that is then killed -9 are delivered by the next run, a session cut short by the kill is
// closed as power_loss, and a large backlog drains.
#include <catch2/catch.hpp>

#include <numeric>
#include <optional>
#include <set>

#include "integration/broker.hpp"
#include "integration/support.hpp"

namespace rs::itest {
namespace {

const std::string kDriver = ROLLSTATION_LINK_DRIVER;
const std::string kDriverEvents = "rollstation/itest/station/drv-1/event";

// Records the synthetic sessions `from` .. `to` - 1, noting their event ids in `ids`.
void record_sessions(mqtt::StationLink& link, int from, int to, std::set<std::string>& ids) {
    for (int k = from; k < to; ++k) {
        for (const auto& [event, id] : synthetic_session(k)) {
            link.record(event, id);
            ids.insert(id);
        }
    }
}

std::set<std::string> ids_of(const Delivery& d) {
    std::set<std::string> ids;
    for (const auto& [id, seq] : d.seq_of)
        ids.insert(id);
    return ids;
}

// The driver's ids for its first `count` events.
std::set<std::string> driver_ids(int count) {
    std::set<std::string> ids;
    for (int i = 0; i < count; ++i)
        ids.insert("drv-" + std::to_string(i / 3) + "-" + std::to_string(i % 3));
    return ids;
}

// Runs the driver with the broker down until it has stored `count` events, then kills it -9.
void record_then_kill(const TempDir& dir, const std::filesystem::path& db, int port, int count,
                      const std::string& name) {
    ChildProcess driver({kDriver, db.string(), std::to_string(port), std::to_string(count)},
                        dir.path(), name);
    const std::string line =
        "recorded " + std::to_string(count) + " depth " + std::to_string(count) + "\n";
    require_eventually("the driver to store its events", [&] {
        return driver.out().find(line) != std::string::npos || !driver.running();
    });
    INFO(driver.describe());
    REQUIRE(driver.running());
    ::kill(driver.pid(), SIGKILL);
    REQUIRE(driver.wait_for_exit(kDeadline) == 128 + SIGKILL);
    // Nothing could be acknowledged: every event is still in the file.
    CHECK(query_number(db, "SELECT COUNT(*) FROM outbox") == count);
}

// After a kill: the broker up with a subscriber to the driver's events, and the driver run again
// on the same database until `count` events have arrived (the test stops if it dies first).
struct SecondRun {
    Subscriber subscriber;
    std::optional<ChildProcess> second;

    SecondRun(Broker& broker, const TempDir& dir, const std::filesystem::path& db,
              std::size_t count, const std::string& what)
        : subscriber(started(broker), watching(kDriverEvents)) {
        subscriber.wait_ready();
        second.emplace(
            std::vector<std::string>{kDriver, db.string(), std::to_string(broker.port()), "0"},
            dir.path(), "driver-2");
        require_eventually(what, [&] {
            return delivery_of(subscriber.on("/event")).seq_of.size() >= count ||
                   !second->running();
        });
        INFO(second->describe());
        REQUIRE(second->running());
    }
    static int started(Broker& b) {
        b.start();
        return b.port();
    }
};

}  // namespace

TEST_CASE("mqtt: 300 events recorded across three broker restarts all arrive, the outbox drains",
          "[integration][mqtt]") {
    TempDir dir;
    // A persistent subscriber on a broker with persistence: what the broker took while the
    // collector was away (or while the broker restarted) waits for it.
    Broker broker(dir, persistent_broker());
    broker.start();
    const mqtt::LinkSettings settings = link_settings(broker.port(), dir / "station.db");
    Subscriber collector(broker.port(), collecting("itest-collector", settings.topics.event()));
    collector.wait_ready();

    LogCapture log;
    io::IoThread io;
    std::set<std::string> recorded;
    {
        mqtt::StationLink link(io, settings, log.sink());
        require_eventually("the link to connect", [&] { return link.status().connected; });
        int k = 0;
        for (int restart = 0; restart < 3; ++restart) {
            record_sessions(link, k, k + 16, recorded);  // broker up: some in flight at the stop
            k += 16;
            broker.stop();
            record_sessions(link, k, k + 16, recorded);  // broker down: stored only
            k += 16;
            broker.start();
            require_eventually(
                "the link to reconnect after restart " + std::to_string(restart + 1),
                [&] { return link.status().connected; }, Millis{10'000});
            require_eventually("the collector to reconnect", [&] {
                return collector.connections() == restart + 2 && collector.ready();
            });
        }
        record_sessions(link, k, 100, recorded);
        REQUIRE(recorded.size() == 300);

        require_eventually(
            "every event at the collector and an empty outbox",
            [&] {
                return ids_of(delivery_of(collector.on("/event"))).size() == recorded.size() &&
                       link.status().outbox_depth == 0;
            },
            Millis{15'000});
        const mqtt::LinkStatus status = link.status();
        CHECK(status.connected);
        CHECK(status.outbox_depth == 0);
        CHECK(status.dropped == 0);
    }

    const Delivery d = delivery_of(collector.on("/event"));
    INFO(log.joined());
    for (const auto& p : d.problems)
        UNSCOPED_INFO(p);
    CHECK(d.problems.empty());
    CHECK(ids_of(d) == recorded);
    CHECK(d.first_seqs.size() == 300);
    CHECK(strictly_increasing(d.first_seqs));
    CHECK(collector.connections() == 4);  // it was there before, between and after the restarts
    WARN("300 events through 3 broker restarts: " << d.duplicates << " duplicates (same event_id)");
}

TEST_CASE("mqtt: events stored by a station killed -9 before any acknowledgement arrive in order",
          "[integration][mqtt]") {
    TempDir dir;
    Broker broker(dir);  // down while the first run records
    const auto db = dir / "station.db";
    record_then_kill(dir, db, broker.port(), 300, "driver-1");

    SecondRun run(broker, dir, db, 300, "the 300 stored events at the subscriber");
    ChildProcess& second = *run.second;
    INFO(second.describe());

    const Delivery d = delivery_of(run.subscriber.on("/event"));
    CHECK(d.problems.empty());
    CHECK(ids_of(d) == driver_ids(300));
    std::vector<std::int64_t> expected(300);
    std::iota(expected.begin(), expected.end(), 1);
    CHECK(d.first_seqs == expected);  // 1..300, in order

    // A clean stop waits for its goodbye's acknowledgement, which comes after the events'.
    ::kill(second.pid(), SIGTERM);
    CHECK(second.wait_for_exit(kDeadline) == 0);
    CHECK(query_number(db, "SELECT COUNT(*) FROM outbox") == 0);
}

TEST_CASE("mqtt: a session open at a kill -9 is closed as session_abandoned, reason power_loss",
          "[integration][mqtt]") {
    TempDir dir;
    Broker broker(dir);
    const auto db = dir / "station.db";
    // One whole session and the start of a second one.
    record_then_kill(dir, db, broker.port(), 4, "driver-1");
    CHECK(query_number(db, "SELECT COUNT(*) FROM open_sessions") == 1);

    SecondRun run(broker, dir, db, 5, "five events at the subscriber");
    ChildProcess& second = *run.second;
    INFO(second.describe());

    const Delivery d = delivery_of(run.subscriber.on("/event"));
    CHECK(d.problems.empty());
    CHECK(d.first_seqs == std::vector<std::int64_t>{1, 2, 3, 4, 5});
    std::optional<nlohmann::json> abandoned;
    for (const auto& m : run.subscriber.on("/event")) {
        const auto j = m.json();
        if (j.value("type", "") == "session_abandoned")
            abandoned = j;
    }
    REQUIRE(abandoned);
    INFO(abandoned->dump());
    CHECK((*abandoned)["reason"] == "power_loss");
    CHECK((*abandoned)["session_id"] == "drv-session-1");
    CHECK((*abandoned)["routine_id"] == "calves-and-shins");
    CHECK((*abandoned)["event_id"] == "drv-session-1-power-loss");
    CHECK((*abandoned)["seq"] == 5);
    CHECK((*abandoned)["steps_total"] == 1);
    CHECK_THAT(second.err(), Catch::Contains("closing session drv-session-1"));

    ::kill(second.pid(), SIGTERM);
    CHECK(second.wait_for_exit(kDeadline) == 0);
    CHECK(query_number(db, "SELECT COUNT(*) FROM open_sessions") == 0);
    CHECK(query_number(db, "SELECT COUNT(*) FROM outbox") == 0);
}

TEST_CASE("mqtt: a backlog of 10000 events recorded while the broker is down drains",
          "[integration][mqtt]") {
    constexpr int kSessions = 3334;  // 10,002 events
    TempDir dir;
    Broker broker(dir, persistent_broker());
    const mqtt::LinkSettings settings = link_settings(broker.port(), dir / "station.db");
    // The collector's session is made first and kept by the broker while it is down, so nothing
    // depends on whether the collector or the station gets in first after the start.
    const SubscriberOptions options = collecting("itest-backlog", settings.topics.event());
    broker.start();
    auto collector = std::make_unique<Subscriber>(broker.port(), options);
    collector->wait_ready();
    collector.reset();
    broker.stop();

    LogCapture log;
    io::IoThread io;
    std::set<std::string> recorded;
    mqtt::StationLink link(io, settings, log.sink());
    const auto record_from = std::chrono::steady_clock::now();
    record_sessions(link, 0, kSessions, recorded);
    require_eventually(
        "the backlog in the outbox",
        [&] { return link.status().outbox_depth == static_cast<std::int64_t>(recorded.size()); },
        Millis{30'000});
    const auto recorded_in = std::chrono::steady_clock::now() - record_from;
    CHECK_FALSE(link.status().connected);

    collector = std::make_unique<Subscriber>(broker.port(), options);
    const auto start = std::chrono::steady_clock::now();
    broker.start();
    require_eventually(
        "the link to connect", [&] { return link.status().connected; }, Millis{10'000});
    const auto connected = std::chrono::steady_clock::now();
    require_eventually(
        "the whole backlog at the collector and an empty outbox",
        [&] {
            return collector->count() >= recorded.size() && link.status().outbox_depth == 0 &&
                   ids_of(delivery_of(collector->on("/event"))).size() == recorded.size();
        },
        Millis{30'000});
    const auto drained = std::chrono::steady_clock::now();

    const Delivery d = delivery_of(collector->on("/event"));
    INFO(log.joined());
    CHECK(d.problems.empty());
    CHECK(ids_of(d) == recorded);
    CHECK(strictly_increasing(d.first_seqs));
    CHECK(link.status().dropped == 0);
    const auto ms = [](auto t) { return std::chrono::duration_cast<Millis>(t).count(); };
    WARN("backlog of " << recorded.size() << " events: recorded in " << ms(recorded_in)
                       << " ms; after the broker started: connected in " << ms(connected - start)
                       << " ms, drained in " << ms(drained - connected) << " ms more ("
                       << d.duplicates << " duplicates)");
}

}  // namespace rs::itest
