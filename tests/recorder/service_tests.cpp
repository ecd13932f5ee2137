// The recorder as a process against a real broker and a station's real link (link_driver),
// on a SQLite file and on PostgreSQL: every event stored once through redeliveries, a broker
// restart, a database restart and two recorders sharing the subscription.
#include <catch2/catch.hpp>

#include <fstream>

#include "recorder/event_store.hpp"
#include "recorder/postgres_server.hpp"
#include "recorder/recorder_run.hpp"

using namespace rs::rtest;

namespace {

std::filesystem::path recorder_file(const TempDir& dir, const std::string& name, int port,
                                    const std::string& store, const std::string& share = "") {
    const auto file = dir / (name + ".yaml");
    // Live delivery alone: backfill (backfill_tests.cpp) would bring the same events again.
    std::ofstream(file) << "recorder:\n  store: " << store << "\n  client_id: " << name << "\n"
                        << "  backfill_page: 0\n"
                        << (share.empty() ? "" : "  share_group: " + share + "\n")
                        << "facilities:\n  itest:\n    timezone: Europe/Berlin\n"
                        << "mqtt:\n  host: 127.0.0.1\n  port: " << port << "\n";
    return file;
}

void publish(int port, const std::string& topic, const std::string& payload) {
    ChildProcess pub({"/usr/bin/mosquitto_pub", "-h", "127.0.0.1", "-p", std::to_string(port), "-V",
                      "5", "-q", "1", "-t", topic, "-m", payload},
                     std::filesystem::temp_directory_path(), "rs-recorder-pub");
    REQUIRE(pub.wait_for_exit(kDeadline) == 0);
}

// What the recorder's "skipped N events stored before" lines add up to.
int redeliveries_in(const std::string& log) {
    static const std::regex line(R"(skipped (\d+) events stored before)");
    int total = 0;
    for (auto it = std::sregex_iterator(log.begin(), log.end(), line); it != std::sregex_iterator();
         ++it)
        total += std::stoi((*it)[1]);
    return total;
}

}  // namespace

TEST_CASE_METHOD(BrokerRig,
                 "a station's events reach the SQLite store once, across a broker restart",
                 "[recorder][service]") {
    const std::string uri = "sqlite:" + (dir / "recorder.db").string();
    auto recorder = start_recorder(dir, "rec", recorder_file(dir, "rec", broker.port(), uri));
    auto drv = station(dir, "station.db", broker.port(), 30, "drv-1");
    require_eventually("30 events stored", [&] { return stored_in(uri) == 30; });

    // A redelivery of an event already stored, and hostile or broken payloads: skipped.
    const std::string topic = "rollstation/itest/station/drv-1/event";
    publish(broker.port(), topic,
            R"({"v":1,"event_id":"drv-0-0","station":"drv-1","seq":1,"type":"session_started",)"
            R"("ts":"2026-06-10T08:00:00.000Z","session_id":"x","routine_id":"y"})");
    publish(broker.port(), topic, "{\"v\":1,\"event_id\":\"'; DROP TABLE events;--\"}");
    publish(broker.port(), topic, std::string(70'000, '{'));
    require_eventually("the bad payloads logged", [&] {
        return recorder->err().find("over the 65536-byte limit") != std::string::npos;
    });
    CHECK(recorder->err().find("\"event_id\" must be an identifier") != std::string::npos);
    CHECK(stored_in(uri) == 30);

    // The broker goes away while the recorder is down too; the session and its queue survive.
    recorder->kill_and_reap();
    broker.stop();
    broker.start();
    drv->kill_and_reap();
    Subscriber watcher(broker.port(), watching("rollstation/itest/station/+/event"));
    watcher.wait_ready();
    auto drv2 = station(dir, "station2.db", broker.port(), 12, "drv-2");  // events drv-0-0 ...
    // Delivered through the broker, which queues them for the recorder's session meanwhile.
    require_eventually("the second station's link delivered",
                       [&] { return watcher.count() >= 12; });
    recorder = start_recorder(dir, "rec", recorder_file(dir, "rec", broker.port(), uri), 2);
    // Its ids repeat the first run's (drv-0-0 ... drv-3-2): nothing new is stored.
    const bool redelivered = wait_until([&] { return redeliveries_in(recorder->err()) == 12; });
    recorder->kill_and_reap();
    INFO(recorder->describe() << broker.log());
    CHECK(redelivered);
    INFO(recorder->err());
    CHECK(recorder->err().find("received 12, stored 0, duplicates 12") != std::string::npos);
    CHECK(stored_in(uri) == 30);
}

TEST_CASE_METHOD(PostgresRig,
                 "two recorders on a shared subscription store every event once in PostgreSQL",
                 "[recorder][service][postgresql]") {
    const std::string uri = pg.fresh_database();
    auto a =
        start_recorder(dir, "rec-a", recorder_file(dir, "rec-a", broker.port(), uri, "recorders"));
    auto b =
        start_recorder(dir, "rec-b", recorder_file(dir, "rec-b", broker.port(), uri, "recorders"));
    auto drv = station(dir, "station.db", broker.port(), 300, "drv");
    require_eventually(
        "300 events stored", [&] { return stored_in(uri) == 300; }, std::chrono::seconds(20));

    // The database goes away while the station keeps publishing; nothing is lost.
    pg.stop();
    drv->kill_and_reap();
    for (int i = 0; i < 6; ++i)
        publish(broker.port(), "rollstation/itest/station/drv-1/event",
                R"({"v":1,"event_id":"late-)" + std::to_string(i) +
                    R"(","station":"drv-1","seq":)" + std::to_string(400 + i) +
                    R"(,"type":"session_started","ts":"2026-06-10T08:00:00.000Z",)"
                    R"("session_id":"late","routine_id":"pre-run"})");
    require_eventually(
        "the recorders noticed",
        [&] { return (a->err() + b->err()).find("cannot store events") != std::string::npos; },
        std::chrono::seconds(10));
    pg.start();
    require_eventually(
        "the database is back",
        [&] { return (a->err() + b->err()).find("the database is back") != std::string::npos; },
        std::chrono::seconds(15));
    a->kill_and_reap();
    b->kill_and_reap();
    const auto stored_a = a->err().find("stored ");
    INFO(a->err() << b->err());
    CHECK(stored_a != std::string::npos);
    // The events published while the database was away are there, each once.
    CHECK(stored_in(uri) == 306);
    // Both took a share of the load.
    CHECK(a->err().find("stored 0,") == std::string::npos);
    CHECK(b->err().find("stored 0,") == std::string::npos);
}
