// The station link when its database cannot be written: events are held in memory and stored
// once it works again, the admin panel's status says why, and nothing is lost — with a database
// that fills up while the broker is away, one that cannot even be opened at start, and one that
// another connection keeps locked; what memory cannot hold is counted as dropped.
#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "integration/broker.hpp"
#include "integration/support.hpp"
#include "storage/outbox.hpp"
#include "storage/sqlite.hpp"

namespace rs::itest {
namespace {

std::set<std::string> ids_arrived(const Subscriber& collector) {
    std::set<std::string> ids;
    for (const auto& m : collector.on("/event"))
        ids.insert(m.json().value("event_id", ""));
    return ids;
}

// How often each event id arrived.
std::map<std::string, int> arrivals(const Subscriber& collector) {
    std::map<std::string, int> count;
    for (const auto& m : collector.on("/event"))
        ++count[m.json().value("event_id", "")];
    return count;
}

// Another process's write transaction on the database (a maintenance script, sqlite3 left
// open in a shell): SQLite answers the station SQLITE_BUSY until it ends.
class WriteLock {
  public:
    explicit WriteLock(const std::filesystem::path& file) : db_(file) {
        db_.exec("BEGIN IMMEDIATE");
        db_.exec("CREATE TABLE IF NOT EXISTS held_by_test (x INTEGER)");
    }
    ~WriteLock() { db_.exec("ROLLBACK"); }
    WriteLock(const WriteLock&) = delete;
    WriteLock& operator=(const WriteLock&) = delete;

  private:
    storage::Database db_;
};

// Records the events of sessions `first` to `last` on the link, their ids added to `recorded`.
void record_sessions(mqtt::StationLink& link, int first, int last,
                     std::set<std::string>& recorded) {
    for (int k = first; k <= last; ++k) {
        for (const auto& [event, id] : synthetic_session(k)) {
            link.record(event, id);
            recorded.insert(id);
        }
    }
}

// Nothing is held in memory, storage works, and the outbox holds `depth` events.
bool settled(mqtt::StationLink& link, std::int64_t depth) {
    const auto s = link.status();
    return s.held_events == 0 && s.outbox_depth == depth && s.storage_problem.empty();
}

// Every id in `ids` arrived exactly once, numbered 1..n without a gap.
void require_each_once(const Subscriber& collector, const std::set<std::string>& ids) {
    const auto count = arrivals(collector);
    std::set<std::int64_t> seqs;
    for (const auto& m : collector.on("/event"))
        seqs.insert(m.json().value("seq", std::int64_t{0}));
    for (const auto& id : ids) {
        INFO(id);
        CHECK((count.count(id) ? count.at(id) : 0) == 1);
    }
    CHECK(count.size() == ids.size());
    REQUIRE_FALSE(seqs.empty());
    CHECK(*seqs.begin() == 1);
    CHECK(*seqs.rbegin() == static_cast<std::int64_t>(ids.size()));
    CHECK(seqs.size() == ids.size());
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
        record_sessions(link, session, session, recorded);
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
    require_eventually("the outbox to drain and the problem to clear",
                       [&] { return settled(link, 0); });
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
        "the database to open and the events to be stored", [&] { return settled(link, 3); },
        Millis{10'000});
    CHECK(query_number(db, "SELECT COUNT(*) FROM history") == 3);
}

}  // namespace rs::itest

namespace rs::itest {
namespace {

// A running broker with a subscriber to the station's events, and a station link on `db` that
// starts when the test says (once it holds its lock, say); `recorded` keeps the ids it was given.
struct Collected {
    TempDir dir;
    Broker broker{dir};
    std::filesystem::path db = dir / "station.db";
    mqtt::LinkSettings settings = link_settings(broker.port(), db);
    Subscriber collector{started(broker), watching(settings.topics.event())};
    LogCapture log;
    io::IoThread io;
    std::optional<mqtt::StationLink> running;
    std::set<std::string> recorded;

    Collected() { collector.wait_ready(); }
    // Starts the broker, for the subscriber that needs its port.
    static int started(Broker& b) {
        b.start();
        return b.port();
    }
    mqtt::StationLink& start() { return running.emplace(io, settings, log.sink()); }
};

}  // namespace

TEST_CASE_METHOD(
    Collected,
    "link storage: a database locked by another connection at start is opened once the lock "
    "goes, and every event arrives exactly once",
    "[integration][mqtt][storage]") {
    storage::Outbox::open(db);  // the database of an earlier run
    auto lock = std::make_unique<WriteLock>(db);
    mqtt::StationLink& link = start();
    record_sessions(link, 0, 1, recorded);
    require_eventually("the events to be held", [&] { return link.status().held_events == 6; });
    INFO(log.joined());
    CHECK(link.status().storage_problem.find("locked") != std::string::npos);
    CHECK(collector.on("/event").empty());
    for (const auto& line : log.lines())  // the failing statement named on one line
        CHECK(line.find('\n') == std::string::npos);

    lock.reset();  // the other connection ends its transaction
    require_eventually(
        "every event to arrive", [&] { return ids_arrived(collector) == recorded; },
        Millis{15'000});
    require_eventually("the outbox to drain", [&] { return settled(link, 0); });
    require_each_once(collector, recorded);
    CHECK(link.status().dropped == 0);
}

TEST_CASE_METHOD(
    Collected,
    "link storage: a database another connection locks while the station runs holds the events, "
    "which arrive exactly once when it is released",
    "[integration][mqtt][storage]") {
    mqtt::StationLink& link = start();
    record_sessions(link, 0, 0, recorded);
    require_eventually("the first session to arrive",
                       [&] { return ids_arrived(collector) == recorded; });

    auto lock = std::make_unique<WriteLock>(db);
    record_sessions(link, 1, 2, recorded);
    require_eventually(
        "the events to be held", [&] { return link.status().held_events == 6; }, Millis{10'000});
    INFO(log.joined());
    CHECK(link.status().storage_problem.find("locked") != std::string::npos);
    lock.reset();
    require_eventually(
        "every event to arrive", [&] { return ids_arrived(collector) == recorded; },
        Millis{15'000});
    // Including the last event of the first session: the broker acknowledged it just as the
    // lock was taken, and its deletion waited for the lock too (it is never sent again).
    const bool drained = wait_until([&] { return settled(link, 0); });
    const auto last = link.status();
    INFO(log.joined() << "outbox " << last.outbox_depth << ", held " << last.held_events << ", "
                      << last.storage_problem);
    REQUIRE(drained);
    require_each_once(collector, recorded);
    CHECK(link.status().dropped == 0);
    CHECK(query_number(db, "SELECT COUNT(*) FROM history") == 9);
}

TEST_CASE(
    "link storage: events beyond what memory may hold are given up oldest first and counted in "
    "dropped_events",
    "[integration][mqtt][storage]") {
    TempDir dir;
    const auto db = dir / "station.db";
    std::filesystem::create_directories(db / "in-the-way");
    mqtt::LinkSettings settings = link_settings(0, db);
    settings.broker.reset();
    settings.max_held_events = 4;
    LogCapture log;
    io::IoThread io;
    mqtt::StationLink link(io, settings, log.sink());
    for (int k = 0; k < 2; ++k)
        for (const auto& [event, id] : synthetic_session(k))
            link.record(event, id);
    require_eventually("the events to be held", [&] { return link.status().held_events == 4; });
    INFO(log.joined());
    CHECK(log.containing("events are being lost").size() == 1);

    std::filesystem::remove_all(db);
    require_eventually(
        "the database to open and the kept events to be stored", [&] { return settled(link, 4); },
        Millis{10'000});
    // The loss is counted where operators look (stats' dropped_events), not a silent seq gap:
    // the events kept are numbered 1..4 and the two oldest never were.
    CHECK(link.status().dropped == 2);
    CHECK(query_number(db, "SELECT value FROM meta WHERE key = 'dropped'") == 2);
    CHECK(query_number(db, "SELECT COUNT(*) FROM outbox WHERE seq BETWEEN 1 AND 4") == 4);
    CHECK(query_number(db, "SELECT COUNT(*) FROM history WHERE event_id IN ('ev-0-0', 'ev-0-1')") ==
          0);
    CHECK(log.containing("counted in dropped_events").size() == 2);
}

}  // namespace rs::itest
