// Backfill that is cut short: a live event stored meanwhile is newer than the pages not fetched
// yet, and must not make the next run ask only from there; a station that does not answer is
// asked again after a delay, not only at its next boot. A real broker and the recorder as a
// process; the station's history side is played in this process so that the test decides
// which requests it answers.
#include <catch2/catch.hpp>

#include <signal.h>

#include <atomic>
#include <climits>
#include <fstream>
#include <variant>

#include "io/io_thread.hpp"
#include "mqtt/history_codec.hpp"
#include "mqtt/payloads.hpp"
#include "recorder/backfill.hpp"
#include "recorder/recorder_run.hpp"

using namespace rs::rtest;

namespace {

const std::string kStation = "rollstation/itest/station/ghost";

rs::storage::HistoryEntry history_row(std::int64_t seq, std::int64_t ts_ms) {
    rs::core::UsageEvent e;
    e.type = seq % 2 == 1 ? rs::core::EventType::session_started
                          : rs::core::EventType::session_completed;
    e.ts = rs::core::WallTime{std::chrono::milliseconds(ts_ms)};
    e.session_id = "ghost-s" + std::to_string((seq + 1) / 2);
    e.routine_id = "pre-run";
    e.planned_s = 300;
    e.steps_total = 4;
    if (e.type == rs::core::EventType::session_completed) {
        e.active = rs::core::Millis{60'000};
        e.elapsed = rs::core::Millis{65'000};
        e.steps_completed = 4;
        e.steps_skipped = 0;
    }
    rs::storage::HistoryEntry row;
    row.seq = seq;
    row.event_id = "ghost-" + std::to_string(seq);
    row.payload = rs::mqtt::event_payload(e, "ghost", seq, row.event_id, {});
    row.row.ts_ms = ts_ms;
    return row;
}

// The history side of station "ghost": answers each history request from its rows (by seq,
// from `since`, after `cursor`, as a station's SQLite history does), but lets the next
// `ignore` requests pass unanswered and goes silent once it has answered `answer_until`.
class HistoryStation {
  public:
    HistoryStation(int port, std::vector<rs::storage::HistoryEntry> rows) : rows_(std::move(rows)) {
        rs::mqtt::ClientSettings settings;
        settings.port = port;
        settings.client_id = "ghost-history";
        rs::mqtt::ClientHandlers handlers;
        handlers.connected = [this] {
            client_->subscribe(kStation + "/history/request", 1);
            connected_ = true;
        };
        handlers.message = [this](const rs::mqtt::Incoming& m) { on_request(m); };
        io_.run_and_wait([&] {
            client_ = rs::mqtt::MqttClient::create(io_.context(), settings, handlers);
            client_->start();
        });
        require_eventually("the history station connected", [&] { return connected_.load(); });
    }
    ~HistoryStation() {
        io_.run_and_wait([&] { client_.reset(); });
    }

    // Published after the subscription on the same connection, so the broker has it first.
    void publish(const std::string& suffix, const std::string& payload, bool retain) {
        io_.run_and_wait([&] { client_->publish(kStation + "/" + suffix, payload, 1, retain); });
    }
    void keep(rs::storage::HistoryEntry row) {
        io_.run_and_wait([&] { rows_.push_back(std::move(row)); });
    }

    std::atomic<int> requests{0}, answered{0}, ignore{0}, answer_until{INT_MAX};

  private:
    void on_request(const rs::mqtt::Incoming& m) {
        ++requests;
        if (answered >= answer_until)
            return;
        if (ignore > 0) {
            --ignore;
            return;
        }
        const auto decoded = rs::mqtt::decode_history_request(m.payload, false);
        const auto* request = std::get_if<rs::mqtt::HistoryRequest>(&decoded);
        if (!request)
            return;
        std::vector<rs::storage::HistoryEntry> page;
        for (const auto& r : rows_)
            if (r.seq > request->cursor && r.row.ts_ms >= request->since_ms &&
                page.size() <= request->limit)
                page.push_back(r);
        client_->respond(m, rs::mqtt::history_page(page, *request, "ghost").payload);
        ++answered;
    }

    std::vector<rs::storage::HistoryEntry> rows_;
    std::atomic<bool> connected_{false};
    rs::io::IoThread io_;
    std::shared_ptr<rs::mqtt::MqttClient> client_;
};

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

TEST_CASE("an unanswered history request is sent again, later each time, and waits while offline",
          "[recorder][backfill]") {
    rs::recorder::Backfill backfill("rollstation", "rec", 2, 1000);
    REQUIRE(backfill.wants("itest", "ghost", "boot-a"));
    const auto first = backfill.ask("itest", "ghost", {"itest", "ghost", 0, 0, ""}, 10'000);
    CHECK(backfill.overdue(10'999).empty());
    auto again = backfill.overdue(11'000);
    REQUIRE(again.size() == 1);
    CHECK(again[0].payload == first.payload);  // the same page
    CHECK(again[0].correlation != first.correlation);
    CHECK(again[0].attempt == 1);
    CHECK(backfill.overdue(12'999).empty());  // twice as long the second time
    CHECK(backfill.overdue(13'000).size() == 1);
    // The late answer to the first request is not trusted: its page comes again.
    rs::mqtt::Incoming late{first.response_topic, "{}", false, "", first.correlation};
    CHECK_FALSE(backfill.on_response(late, 13'001));

    backfill.offline("itest", "ghost");
    CHECK(backfill.overdue(1'000'000).empty());
    CHECK_FALSE(backfill.wants("itest", "ghost", "boot-a"));  // back, the same boot
    CHECK(backfill.overdue(1'000'001).size() == 1);           // asked again at once

    // A mark of this boot goes on after its seq; one of another boot starts from its time.
    const auto resumed = backfill.ask("itest", "ghost", {"itest", "ghost", 5, 8, "boot-a"}, 1);
    CHECK(nlohmann::json::parse(resumed.payload)["cursor"] == 8);
    REQUIRE(backfill.wants("itest", "ghost", "boot-b"));
    const auto fresh = backfill.ask("itest", "ghost", {"itest", "ghost", 5, 8, "boot-a"}, 1);
    CHECK(nlohmann::json::parse(fresh.payload)["cursor"] == 0);
}

TEST_CASE_METHOD(
    BrokerRig,
    "a live event stored while a backfill is cut short does not hide the pages not fetched",
    "[recorder][backfill][service]") {
    const std::string uri = "sqlite:" + (dir / "recorder.db").string();
    const auto file = dir / "rec.yaml";
    std::ofstream(file) << "recorder:\n  store: " << uri << "\n  client_id: rec\n"
                        << "  backfill_page: 2\n  backfill_retry_s: 1\n"
                        << "facilities:\n  itest:\n    timezone: Europe/Berlin\n"
                        << "mqtt:\n  host: 127.0.0.1\n  port: " << broker.port() << "\n";
    // Twelve events of the last hours in the station's history, none in the recorder's store.
    const std::int64_t start = now_ms() - 3 * 3'600'000;
    std::vector<rs::storage::HistoryEntry> rows;
    for (std::int64_t seq = 1; seq <= 12; ++seq)
        rows.push_back(history_row(seq, start + seq * 60'000));
    HistoryStation ghost(broker.port(), rows);
    ghost.answer_until = 2;  // two pages, then silence
    ghost.publish("status", R"({"v":1,"online":true,"boot_id":"ghost-boot"})", true);

    auto first = start_recorder(dir, "rec", file, 1);
    require_eventually("two pages stored and the third asked",
                       [&] { return stored_in(uri) == 4 && ghost.requests >= 3; });
    // A session starts on the station meanwhile: live, and newer than every page not fetched.
    const auto live = history_row(13, now_ms());
    ghost.keep(live);
    ghost.publish("event", live.payload, false);
    require_eventually("the live event stored", [&] { return stored_in(uri) == 5; });
    require_eventually("the unanswered page asked again", [&] {
        return first->err().find("backfill itest/ghost: no answer yet; asking again") !=
               std::string::npos;
    });
    first->signal(SIGKILL);
    first->kill_and_reap();
    INFO(first->err());
    CHECK(first->err().find("asking for its history (all of it)") != std::string::npos);

    // The next run goes on after the last page stored, not from the live event; the station
    // misses its first request too, and the recorder asks again.
    ghost.ignore = 1;
    ghost.answer_until = INT_MAX;
    auto second = start_recorder(dir, "rec", file, 2);
    require_eventually("the second recorder finished the backfill",
                       [&] { return second->err().find("done, ") != std::string::npos; });
    second->kill_and_reap();
    INFO(second->err());
    CHECK(second->err().find("asking for the rest of its history (after seq 4)") !=
          std::string::npos);
    CHECK(second->err().find("no answer yet; asking again") != std::string::npos);
    CHECK(second->err().find("done, 9 events in 5 pages") != std::string::npos);
    CHECK(stored_in(uri) == 13);
    // Done: the next backfill asks from the newest event the station's history had.
    const rs::recorder::ZoneBook zones;
    const auto mark = rs::recorder::open_store(uri, zones)->backfill_mark("itest", "ghost");
    REQUIRE(mark);
    CHECK(mark->after_seq == 0);
    CHECK(mark->since_ms == live.row.ts_ms);
}
