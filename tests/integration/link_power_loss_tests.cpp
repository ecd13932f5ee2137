// Sessions found open when the station starts again, on a fake wall clock with a real outbox
// file: a session whose end was stored is never closed a second time, one whose every step was
// stored is reported completed (only its own event was lost), and one cut short part-way is
// closed as power_loss with the steps and active time it really had.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "integration/broker.hpp"
#include "integration/support.hpp"
#include "kit/usage_events.hpp"
#include "mqtt/payloads.hpp"
#include "mqtt/station_link.hpp"
#include "storage/outbox.hpp"

namespace rs::itest {
namespace {

using namespace std::chrono;
using namespace std::chrono_literals;

const core::WallTime kMorning = sys_days{year{2026} / December / 3} + 7h;

core::UsageEvent started(const std::string& session, int steps, core::WallTime at) {
    core::UsageEvent e;
    e.type = core::EventType::session_started;
    e.ts = at;
    e.session_id = session;
    e.routine_id = "calves-and-shins";
    e.planned_s = 60 * steps;
    e.steps_total = steps;
    return e;
}

core::UsageEvent step(const std::string& session, int index, core::Millis active, bool skipped,
                      core::WallTime at) {
    core::UsageEvent e = kit::calves_step(index, 60, active);
    e.ts = at;
    e.session_id = session;
    e.routine_id = "calves-and-shins";
    e.skipped = skipped;
    return e;
}

mqtt::LinkSettings offline_settings(const std::filesystem::path& db) {
    mqtt::LinkSettings settings = link_settings(0, db);
    settings.broker.reset();  // only the outbox is at stake
    return settings;
}

// The payload of the one history row with this event id.
nlohmann::json stored_payload(const std::filesystem::path& db, const std::string& event_id) {
    auto opened = storage::Outbox::open(db);
    for (const auto& e : opened.outbox->history_page(0, 0, 1000))
        if (e.event_id == event_id)
            return nlohmann::json::parse(e.payload);
    FAIL("no stored event " << event_id);
    return {};
}

std::int64_t count(const std::filesystem::path& db, const std::string& where) {
    return query_number(db, "SELECT COUNT(*) FROM history WHERE " + where);
}

// A station link on a fake clock, its outbox in a temporary folder, started and stopped (as a
// power loss or a kill would stop it) as often as a test needs.
struct OfflineStation {
    TempDir dir;
    std::filesystem::path db = dir / "station.db";
    core::FakeClock clock{kMorning};
    LogCapture log;
    io::IoThread io;

    // Starts the link, hands it to `while_up` and stops it.
    void run(const std::function<void(mqtt::StationLink&)>& while_up = {}) {
        mqtt::StationLink link(io, offline_settings(db), log.sink(), clock);
        if (while_up)
            while_up(link);
    }
    // Records the events under their ids and stops once `what` (all of them) is in the outbox.
    void store(const std::string& what,
               const std::vector<std::pair<core::UsageEvent, std::string>>& events) {
        run([&](mqtt::StationLink& link) {
            for (const auto& [event, id] : events)
                link.record(event, id);
            require_eventually(what, [&] {
                return link.status().outbox_depth == static_cast<std::int64_t>(events.size());
            });
        });
    }
    // Starts the link again once `gap` has passed: what it finds then is what the tests check.
    void restart_after(core::Millis gap) {
        clock.advance(gap);
        run();
    }
};

}  // namespace

TEST_CASE("power loss: a session whose end was stored is not closed again after a restart",
          "[integration][mqtt][power-loss]") {
    OfflineStation s;
    s.store("the session stored", synthetic_session(0));
    const auto& db = s.db;
    // Its open mark left behind, as a database written by an older release (or one salvaged
    // from a damaged file) may have it.
    storage::Outbox::open(db).outbox->session_opened("ev-session-0",
                                                     R"({"routine_id":"desk-posture"})");
    s.restart_after(duration_cast<core::Millis>(hours{1}));
    INFO(s.log.joined());
    CHECK(s.log.containing("closing session").empty());
    CHECK(count(db, "type = 'session_abandoned'") == 0);
    CHECK(count(db, "type = 'session_completed'") == 1);
    CHECK(query_number(db, "SELECT COUNT(*) FROM open_sessions") == 0);
}

TEST_CASE(
    "power loss: a session whose every step was stored is reported completed after a kill, not "
    "power_loss",
    "[integration][mqtt][power-loss]") {
    OfflineStation s;
    // Stored up to its last step, then killed on the summary screen: session_completed never
    // reached the link.
    s.store("the steps stored", {
                                    {started("done", 2, kMorning), "done-0"},
                                    {step("done", 1, 50s, false, kMorning + 60s), "done-1"},
                                    {step("done", 2, 0s, true, kMorning + 61s), "done-2"},
                                });
    const auto& db = s.db;
    s.restart_after(duration_cast<core::Millis>(days{21}));
    INFO(s.log.joined());
    CHECK(count(db, "reason = 'power_loss'") == 0);
    CHECK(count(db, "type = 'session_completed' AND session_id = 'done' AND active_ms = 50000") ==
          1);
    const auto closing = stored_payload(db, "done-completed");
    CHECK(closing["type"] == "session_completed");
    CHECK_FALSE(closing.contains("reason"));
    CHECK(closing["steps_completed"] == 1);
    CHECK(closing["steps_skipped"] == 1);
    CHECK(closing["steps_total"] == 2);
    CHECK(closing["active_s"] == 50.0);
    CHECK(query_number(db, "SELECT COUNT(*) FROM open_sessions") == 0);
    // A third start finds nothing open: it is closed once.
    s.run();
    CHECK(count(db,
                "session_id = 'done' AND type <> 'step_completed' AND type <> "
                "'session_started'") == 1);
}

TEST_CASE(
    "power loss: a session cut short part-way is closed as power_loss with the steps and active "
    "time it had",
    "[integration][mqtt][power-loss]") {
    // Three steps planned; step 1 done, gone back to and done again, then step 2, and no more.
    const std::vector<std::pair<core::UsageEvent, std::string>> cut_short{
        {started("cut", 3, kMorning), "cut-0"},
        {step("cut", 1, 40s, false, kMorning + 60s), "cut-1"},
        {step("cut", 1, 45s, false, kMorning + 120s), "cut-2"},
        {step("cut", 2, 30s, false, kMorning + 180s), "cut-3"},
    };
    OfflineStation s;
    s.store("the steps stored", cut_short);
    const auto& db = s.db;
    s.restart_after(duration_cast<core::Millis>(minutes{5}));
    INFO(s.log.joined());
    const auto closing = stored_payload(db, "cut-power-loss");
    CHECK(closing["type"] == "session_abandoned");
    CHECK(closing["reason"] == "power_loss");
    CHECK(closing["steps_completed"] == 2);
    CHECK(closing["steps_skipped"] == 0);
    CHECK(closing["steps_total"] == 3);
    CHECK(closing["active_s"] == 75.0);
    CHECK(count(db, "type = 'session_abandoned' AND active_ms = 75000") == 1);
}

}  // namespace rs::itest
