// The same suite on both stores: a SQLite file and a real PostgreSQL started by the test.
#include <catch2/catch.hpp>

#include <thread>

#include "recorder/event_store.hpp"
#include "recorder/postgres_server.hpp"
#include "recorder/sample_events.hpp"

using namespace rs::recorder;
using namespace rs::rtest;

namespace {

struct Opened {
    std::unique_ptr<TempDir> dir;
    std::string uri;
};

Opened fresh_store_uri(const std::string& kind) {
    Opened o;
    if (kind == "sqlite") {
        o.dir = std::make_unique<TempDir>();
        o.uri = "sqlite:" + (*o.dir / "recorder.db").string();
    } else {
        o.uri = shared_postgres().fresh_database();
    }
    return o;
}

ZoneBook berlin_book() {
    ZoneBook zones;
    zones.set("northside", *TimeZone::load("Europe/Berlin"));
    return zones;
}

std::vector<RecordedEvent> a_day_of_sessions(int count, const std::string& station = "roller-1") {
    std::vector<RecordedEvent> out;
    for (int i = 0; i < count; ++i) {
        SessionSpec s;
        s.station = station;
        s.start_ms = utc_ms(2026, 6, 10, 6 + i % 12, 5);
        s.routine = i % 3 == 0 ? "post-run" : "pre-run";
        s.completed = i % 4 != 3;
        s.reason = rs::core::AbandonReason::idle_timeout;
        s.from_class = i % 5 == 0;
        s.mean_force_n = i % 2 == 0 ? std::optional<double>(200.0 + i) : std::nullopt;
        const auto events = session_events(s, 2 * i + 1, station + "-s" + std::to_string(i));
        out.insert(out.end(), events.begin(), events.end());
    }
    return out;
}

RollupCounts total_of(EventStore& store, const std::string& facility = "northside") {
    const auto rows = store.grouped({facility, {2026, 1, 1}, {2026, 12, 31}}, Grouping::total);
    return rows.empty() ? RollupCounts{} : rows.front().counts;
}

}  // namespace

TEST_CASE("each event is stored once, however often it comes", "[recorder][store]") {
    const std::string kind = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    SECTION(kind) {
        const auto where = fresh_store_uri(kind);
        const ZoneBook zones = berlin_book();
        auto store = open_store(where.uri, zones);
        auto batch = a_day_of_sessions(20);
        auto twice = batch;
        twice.insert(twice.end(), batch.begin(), batch.begin() + 10);  // repeats in one batch
        const auto first = store->store(twice);
        CHECK(first.stored == 40);
        CHECK(first.duplicates == 10);
        const auto again = store->store(batch);  // a redelivery after a reconnect
        CHECK(again.stored == 0);
        CHECK(again.duplicates == 40);
        CHECK(store->event_count() == 40);
        const auto total = total_of(*store);
        CHECK(total.started == 20);
        CHECK(total.completed == 15);
        CHECK(total.abandoned == 5);
        CHECK(total.idle_timeout == 5);
        CHECK(total.class_started == 4);
        CHECK(total.force_n == 10);
        CHECK(total.active_s == Approx(20 * 300.0));
        // Reopened: everything is still there (durable), nothing doubled.
        store.reset();
        store = open_store(where.uri, zones);
        CHECK(store->event_count() == 40);
        CHECK(total_of(*store).started == 20);
        const auto stations = store->stations("northside");
        REQUIRE(stations.size() == 1);
        CHECK(stations[0].last_seq == 40);
        CHECK(stations[0].events == 40);
    }
}

TEST_CASE("grouped rollups by station, routine, day, hour and hour of week", "[recorder][store]") {
    const std::string kind = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    SECTION(kind) {
        const auto where = fresh_store_uri(kind);
        const ZoneBook zones = berlin_book();
        auto store = open_store(where.uri, zones);
        store->store(a_day_of_sessions(12, "roller-1"));
        store->store(a_day_of_sessions(6, "roller-2"));
        const RollupQuery june{"northside", {2026, 6, 1}, {2026, 6, 30}};
        const auto by_station = store->grouped(june, Grouping::station);
        REQUIRE(by_station.size() == 2);
        CHECK(by_station[0].key == std::vector<std::string>{"northside", "roller-1"});
        CHECK(by_station[0].counts.started == 12);
        CHECK(by_station[1].counts.started == 6);
        const auto by_routine = store->grouped(june, Grouping::routine);
        REQUIRE(by_routine.size() == 2);
        CHECK(by_routine[0].key[0] == "post-run");
        CHECK(by_routine[0].counts.started == 4 + 2);
        const auto by_day = store->grouped(june, Grouping::day);
        REQUIRE(by_day.size() == 1);
        CHECK(by_day[0].key[0] == "2026-06-10");
        // 06:05 UTC is 08:05 in Berlin in summer.
        const auto by_hour = store->grouped(june, Grouping::hour);
        CHECK(by_hour.front().key[0] == "8");
        const auto heat = store->grouped(june, Grouping::hour_of_week);
        CHECK(heat.front().key == std::vector<std::string>{"2", "8"});  // a Wednesday
        // The heatmap sums only sessions started, the same as the hour's.
        CHECK(heat.front().counts.started == by_hour.front().counts.started);
        CHECK(heat.front().counts.started > 0);
        CHECK(store->grouped({"northside", {2026, 7, 1}, {2026, 7, 31}}, Grouping::total).empty());
        CHECK(store->grouped({"elsewhere", {2026, 6, 1}, {2026, 6, 30}}, Grouping::total).empty());
        CHECK(
            store->grouped({"", {2026, 6, 1}, {2026, 6, 30}}, Grouping::total)[0].counts.started ==
            18);
    }
}

TEST_CASE("two writers on one store never store an event twice", "[recorder][store]") {
    const std::string kind = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    SECTION(kind) {
        const auto where = fresh_store_uri(kind);
        const ZoneBook zones = berlin_book();
        auto a = open_store(where.uri, zones);
        auto b = open_store(where.uri, zones);
        const auto batch = a_day_of_sessions(200);
        std::size_t stored_a = 0, stored_b = 0;
        // Both take the same events in overlapping slices at the same time.
        std::thread other([&] {
            for (std::size_t i = 0; i < batch.size(); i += 50)
                stored_b +=
                    b->store({batch.begin() + static_cast<long>(i),
                              batch.begin() + static_cast<long>(std::min(i + 80, batch.size()))})
                        .stored;
        });
        for (std::size_t i = 0; i < batch.size(); i += 40)
            stored_a +=
                a->store({batch.begin() + static_cast<long>(i),
                          batch.begin() + static_cast<long>(std::min(i + 60, batch.size()))})
                    .stored;
        other.join();
        CHECK(stored_a + stored_b == batch.size());
        CHECK(a->event_count() == 400);
        CHECK(total_of(*a).started == 200);
    }
}

TEST_CASE("a database that is away is said so, and used again when back",
          "[recorder][store][outage]") {
    const ZoneBook zones = berlin_book();
    SECTION("postgresql restarted under the store") {
        TempDir dir;
        PostgresServer server(dir / "pg");
        server.start();
        auto store = open_store(server.uri(), zones);
        const auto batch = a_day_of_sessions(4);
        CHECK(store->store({batch.begin(), batch.begin() + 4}).stored == 4);
        server.stop();
        try {
            store->store({batch.begin() + 4, batch.end()});
            FAIL("stored into a stopped database");
        } catch (const StoreUnavailable& e) {
            INFO(e.what());
            CHECK(std::string(e.what()).find("127.0.0.1") != std::string::npos);
        }
        server.start();
        CHECK(store->store(batch).stored == 4);  // the rest, after a reconnect
        CHECK(store->event_count() == 8);
    }
    SECTION("a SQLite file that cannot be made") {
        CHECK_THROWS_AS(open_store("sqlite:/nonexistent-folder/x/recorder.db", zones),
                        StoreUnavailable);
        CHECK_THROWS_AS(open_store("sqlite:", zones), StoreUnavailable);
    }
    SECTION("a PostgreSQL nobody listens on") {
        CHECK_THROWS_AS(
            open_store("postgresql://rs@127.0.0.1:" + std::to_string(free_tcp_port()) + "/x",
                       zones),
            StoreUnavailable);
    }
}
