// Backfill: a recorder that starts after a station's sessions asks the station (MQTT 5
// request/response) for its history and stores every event once, even when it is killed in the
// middle and started again; a station answers bad requests with a precise reason. Real broker,
// the station's real link over its real SQLite history (link_driver), the recorder as a
// process on SQLite and on PostgreSQL; and the two pure halves of the protocol against each
// other.
#include <catch2/catch.hpp>

#include <signal.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <variant>

#include "mqtt/history_codec.hpp"
#include "recorder/backfill.hpp"
#include "recorder/event_store.hpp"
#include "recorder/postgres_server.hpp"
#include "recorder/recorder_run.hpp"

using namespace rs::rtest;

namespace {

std::filesystem::path backfilling_recorder(const TempDir& dir, int port, const std::string& store,
                                           int page) {
    const auto file = dir / "rec.yaml";
    std::ofstream(file) << "recorder:\n  store: " << store << "\n  client_id: rec\n"
                        << "  backfill_page: " << page << "\n"
                        << "facilities:\n  itest:\n    timezone: Europe/Berlin\n"
                        << "mqtt:\n  host: 127.0.0.1\n  port: " << port << "\n";
    return file;
}

// The station's sessions happen, and reach the broker, before any recorder exists.
std::unique_ptr<ChildProcess> station_with_history(const TempDir& dir, const Broker& broker,
                                                   int events) {
    Subscriber watcher(broker.port(), watching("rollstation/itest/station/+/event"));
    watcher.wait_ready();
    auto drv = station(dir, "station.db", broker.port(), events, "drv");
    require_eventually("the station delivered its events",
                       [&] { return watcher.count() >= static_cast<std::size_t>(events); });
    return drv;
}

rs::recorder::RollupCounts totals_in(const std::string& uri) {
    const rs::recorder::ZoneBook zones;
    auto store = rs::recorder::open_store(uri, zones);
    const auto rows =
        store->grouped({"itest", {2000, 1, 1}, {2100, 1, 1}}, rs::recorder::Grouping::total);
    return rows.empty() ? rs::recorder::RollupCounts{} : rows.front().counts;
}

std::string ask_station(int port, const std::string& response_topic, const std::string& body) {
    ChildProcess rr({"/usr/bin/mosquitto_rr", "-h", "127.0.0.1", "-p", std::to_string(port), "-t",
                     "rollstation/itest/station/drv-1/history/request", "-e", response_topic, "-m",
                     body, "-W", "10"},
                    std::filesystem::temp_directory_path(), "rs-history-rr");
    REQUIRE(rr.wait_for_exit(kDeadline) == 0);
    return rr.out();
}

void backfill_after_the_fact(const TempDir& dir, const Broker& broker, const std::string& uri) {
    // 30 events: ten sessions, each started, a step, completed.
    auto drv = station_with_history(dir, broker, 30);
    // One event a page, so that the first recorder is killed with most of the pages unasked.
    const auto file = backfilling_recorder(dir, broker.port(), uri, 1);
    auto first = start_recorder(dir, "rec", file, 1);
    require_eventually("the first pages stored", [&] { return stored_in(uri) >= 1; });
    first->signal(SIGKILL);
    first->kill_and_reap();
    INFO(first->err());
    CHECK(first->err().find("asking for its history (all of it)") != std::string::npos);
    const auto after_first = stored_in(uri);
    if (first->err().find("done, ") != std::string::npos)
        WARN("the first recorder finished before it was killed");

    auto second = start_recorder(dir, "rec", file, 2);
    require_eventually("the second recorder finished the backfill",
                       [&] { return second->err().find("done, ") != std::string::npos; });
    second->kill_and_reap();
    INFO(second->err());
    // It went on after the last page the first one stored (the same boot), not from the
    // beginning.
    if (first->err().find("done, ") == std::string::npos)
        CHECK(second->err().find("asking for the rest of its history (after seq ") !=
              std::string::npos);
    CHECK(after_first >= 1);
    CHECK(stored_in(uri) == 30);
    const auto totals = totals_in(uri);
    CHECK(totals.started == 10);
    CHECK(totals.completed == 10);
    CHECK(totals.active_s == Approx(600.0));
}

}  // namespace

TEST_CASE("a station's page read by the recorder gives back the events as published",
          "[recorder][backfill]") {
    rs::recorder::Backfill backfill("rollstation", "rec/1", 2);
    CHECK(backfill.response_subscription() == "rollstation/+/station/+/history/response/rec_1");
    CHECK(backfill.wants("itest", "drv-1", "boot-a"));
    CHECK_FALSE(backfill.wants("itest", "drv-1", "boot-a"));  // asked already under that boot
    const auto ask = backfill.ask("itest", "drv-1", {"itest", "drv-1", 0, 0, ""}, 1);
    CHECK(ask.topic == "rollstation/itest/station/drv-1/history/request");
    CHECK(ask.payload == R"({"cursor":0,"limit":2,"v":1})");

    std::vector<rs::storage::HistoryEntry> rows(3);
    for (int i = 0; i < 3; ++i) {
        rows[i].seq = 7 + i;
        rows[i].event_id = "e" + std::to_string(i);
        rows[i].payload = nlohmann::json{{"v", 1},
                                         {"event_id", rows[i].event_id},
                                         {"station", "drv-1"},
                                         {"seq", rows[i].seq},
                                         {"type", "sensor_connected"},
                                         {"ts", "2026-11-21T17:03:04.123Z"}}
                              .dump();
    }
    const auto request =
        std::get<rs::mqtt::HistoryRequest>(rs::mqtt::decode_history_request(ask.payload, false));
    rs::mqtt::Incoming answer{ask.response_topic,
                              rs::mqtt::history_page(rows, request, "drv-1").payload, false, "",
                              ask.correlation};
    const auto page = backfill.on_response(answer);
    REQUIRE(page);
    CHECK(page->refusal.empty());
    REQUIRE(page->events.size() == 2);
    CHECK(page->events[1].event_id == "e1");
    CHECK(page->events[1].payload == rows[1].payload);
    REQUIRE(page->next);
    CHECK(nlohmann::json::parse(page->next->payload)["cursor"] == 8);
    // The same answer again is stale: its request is no longer awaited.
    CHECK_FALSE(backfill.on_response(answer));

    // A refusal and an answer that is not a page are reported, not trusted.
    rs::mqtt::Incoming refusal{ask.response_topic, rs::mqtt::history_refusal("drv-1", "no"), false,
                               "", page->next->correlation};
    CHECK(backfill.on_response(refusal)->refusal == "no");
    backfill.wants("itest", "drv-1", "boot-b");
    const auto again = backfill.ask("itest", "drv-1", {"itest", "drv-1", 5, 0, ""}, 1);
    rs::mqtt::Incoming junk{again.response_topic, "[1,2", false, "", again.correlation};
    CHECK(backfill.on_response(junk)->refusal == "the answer is not a history page");
}

TEST_CASE_METHOD(
    BrokerRig,
    "a recorder started after the sessions backfills them once into SQLite, across a kill",
    "[recorder][backfill][service]") {
    backfill_after_the_fact(dir, broker, "sqlite:" + (dir / "recorder.db").string());
}

TEST_CASE_METHOD(PostgresRig,
                 "a recorder started after the sessions backfills them once into PostgreSQL",
                 "[recorder][backfill][service][postgresql]") {
    backfill_after_the_fact(dir, broker, pg.fresh_database());
}

TEST_CASE_METHOD(BrokerRig,
                 "a station answers bad history requests with the reason and keeps running",
                 "[recorder][backfill]") {
    auto drv = station_with_history(dir, broker, 9);
    const std::string reply = "rollstation/itest/station/drv-1/history/response/test";
    const auto error_of = [&](const std::string& body) {
        const auto j =
            nlohmann::json::parse(ask_station(broker.port(), reply, body), nullptr, false);
        INFO(body);
        REQUIRE(j.is_object());
        CHECK(j["ok"] == false);
        return j.value("error", std::string());
    };
    CHECK(error_of("not json") == "a history request must be a JSON object");
    CHECK(error_of(R"({"v":1,"limit":100000})") ==
          "\"limit\" must be a whole number from 1 to 500");
    CHECK(error_of(R"({"v":1,"since":"2026-02-31T00:00:00Z"})") ==
          "\"since\" must be UTC like 2026-11-21T17:03:04.123Z");
    CHECK(error_of(R"({"v":1,"cursor":"DROP TABLE history"})") ==
          "\"cursor\" must be a whole number from 0 (a page's next_cursor)");
    CHECK(error_of(std::string(10'000, '{')) ==
          "a history request of 10000 bytes is over the 4096-byte limit");

    // Asked to answer somewhere else, it says nothing there and logs why.
    Subscriber elsewhere(broker.port(), watching("rollstation/itest/all/#"));
    elsewhere.wait_ready();
    ChildProcess pub(
        {"/usr/bin/mosquitto_pub", "-h", "127.0.0.1", "-p", std::to_string(broker.port()), "-V",
         "5", "-q", "1", "-t", "rollstation/itest/station/drv-1/history/request", "-D", "publish",
         "response-topic", "rollstation/itest/all/cmd", "-m", R"({"v":1})"},
        dir.path(), "pub-elsewhere");
    REQUIRE(pub.wait_for_exit(kDeadline) == 0);
    require_eventually("the station refused the response topic", [&] {
        return drv->err().find("its response topic 'rollstation/itest/all/cmd' is not under") !=
               std::string::npos;
    });
    CHECK(elsewhere.count() == 0);

    // Paged by the cursor, the history comes back whole and in order, and the station runs on.
    std::vector<std::int64_t> seqs;
    std::int64_t cursor = 0;
    for (bool more = true; more;) {
        const auto j = nlohmann::json::parse(ask_station(
            broker.port(), reply, R"({"v":1,"limit":4,"cursor":)" + std::to_string(cursor) + "}"));
        REQUIRE(j["ok"] == true);
        for (const auto& e : j["events"])
            seqs.push_back(e["seq"].get<std::int64_t>());
        cursor = j["next_cursor"];
        more = j["more"];
        REQUIRE(seqs.size() <= 9);
    }
    CHECK(seqs == std::vector<std::int64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9});
    CHECK(drv->running());
}
