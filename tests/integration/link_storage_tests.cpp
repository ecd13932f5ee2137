// The station link when its database cannot be written: events are held in memory and stored
// once it works again, the admin panel's status says why, and nothing is lost — with a database
// that fills up while the broker is away, and one that cannot even be opened at start.
#include <catch2/catch.hpp>

#include <set>

#include "integration/broker.hpp"
#include "integration/support.hpp"

namespace rs::itest {
namespace {

std::set<std::string> ids_arrived(const Subscriber& collector) {
    std::set<std::string> ids;
    for (const auto& m : collector.on("/event"))
        ids.insert(m.json().value("event_id", ""));
    return ids;
}

}  // namespace

TEST_CASE("link storage: a database that fills up while the broker is away loses no event",
          "[integration][mqtt][storage]") {
    TempDir dir;
    Broker broker(dir, persistent_broker());
    mqtt::LinkSettings settings = link_settings(broker.port(), dir / "station.db");
    // A hard cap on the file: SQLite reports it full, as a full SD card would.
    settings.limits.max_database_bytes = 96 * 1024;
    LogCapture log;
    io::IoThread io;
    mqtt::StationLink link(io, settings, log.sink());

    std::set<std::string> recorded;
    int session = 0;
    mqtt::LinkStatus status;
    while (session < 2000) {
        for (const auto& [event, id] : synthetic_session(session)) {
            link.record(event, id);
            recorded.insert(id);
        }
        ++session;
        status = link.status();
        if (!status.storage_problem.empty() && status.held_events >= 9)
            break;
    }
    INFO(log.joined());
    REQUIRE_FALSE(status.storage_problem.empty());
    CHECK(status.storage_problem.find("full") != std::string::npos);
    CHECK(log.containing("held in memory").size() == 1);  // said once, not per event
    // Every event recorded is either stored or held (once the last ones have been written).
    require_eventually("every event stored or held", [&] {
        const auto s = link.status();
        return s.outbox_depth + static_cast<std::int64_t>(s.held_events) ==
               static_cast<std::int64_t>(recorded.size());
    });

    // The broker comes back: delivered events make room, and the held ones follow them.
    Subscriber collector(broker.port(), collecting("storage-collector", settings.topics.event()));
    broker.start();
    collector.wait_ready(Millis{10'000});
    require_eventually(
        "every event to arrive", [&] { return ids_arrived(collector) == recorded; },
        Millis{20'000});
    require_eventually("the outbox to drain and the problem to clear", [&] {
        const auto s = link.status();
        return s.outbox_depth == 0 && s.held_events == 0 && s.storage_problem.empty();
    });
    CHECK(link.status().dropped == 0);
    CHECK(log.containing("events are stored again").size() == 1);
}

TEST_CASE(
    "link storage: a database that cannot be opened at start is tried again, and what "
    "happened meanwhile is stored",
    "[integration][mqtt][storage]") {
    TempDir dir;
    const auto db = dir / "station.db";
    std::filesystem::create_directories(db / "in-the-way");  // a folder where the file should be
    mqtt::LinkSettings settings = link_settings(0, db);
    settings.broker.reset();
    LogCapture log;
    io::IoThread io;
    mqtt::StationLink link(io, settings, log.sink());
    for (const auto& [event, id] : synthetic_session(1))
        link.record(event, id);
    require_eventually("the events to be held", [&] { return link.status().held_events == 3; });
    CHECK(link.status().storage_problem.find("cannot be opened") != std::string::npos);

    std::filesystem::remove_all(db);  // an operator clears the way
    require_eventually(
        "the database to open and the events to be stored",
        [&] {
            const auto s = link.status();
            return s.held_events == 0 && s.outbox_depth == 3 && s.storage_problem.empty();
        },
        Millis{10'000});
    CHECK(query_number(db, "SELECT COUNT(*) FROM history") == 3);
}

}  // namespace rs::itest
