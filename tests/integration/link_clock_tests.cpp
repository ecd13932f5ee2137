// The station link on a fake wall clock, with a real outbox file: a session a power cut left
// open is closed at the time the link's clock says, from the snapshot it was stored with, and
// the day's statistics start empty at the facility's midnight.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <boost/asio/io_context.hpp>
#include <cstdlib>

#include "integration/broker.hpp"
#include "integration/support.hpp"
#include "mqtt/event_pipeline.hpp"
#include "mqtt/link_parts.hpp"
#include "mqtt/payloads.hpp"
#include "mqtt/station_link.hpp"
#include "mqtt/stats_publisher.hpp"
#include "rollstation/core/clock_sync.hpp"

namespace rs::itest {
namespace {

using namespace std::chrono;
using namespace std::chrono_literals;

// 2026-12-02 23:59:00 in Berlin (UTC+1 in winter).
const core::WallTime kBeforeBerlinMidnight = sys_days{year{2026} / December / 2} + 22h + 59min;

// The process's zone for the test's length (the link reads local days through it).
class ZoneForTest {
  public:
    explicit ZoneForTest(const char* zone) {
        if (const char* before = std::getenv("TZ"))
            before_ = before;
        setenv("TZ", zone, 1);
        tzset();
    }
    ~ZoneForTest() {
        if (before_)
            setenv("TZ", before_->c_str(), 1);
        else
            unsetenv("TZ");
        tzset();
    }

  private:
    std::optional<std::string> before_;
};

core::UsageEvent class_session_start(core::WallTime at) {
    core::UsageEvent e;
    e.type = core::EventType::session_started;
    e.ts = at;
    e.session_id = "cut-short";
    e.routine_id = "lower-body-warmup";
    e.source = core::SessionSource::class_command;
    e.command_id = "cmd-7";
    e.planned_s = 300;
    e.steps_total = 5;
    return e;
}

}  // namespace

TEST_CASE("link: a session a power cut left open is closed at the link clock's time, as it began",
          "[integration][mqtt][clock]") {
    TempDir dir;
    const auto db = dir / "station.db";
    mqtt::LinkSettings settings = link_settings(0, db);
    settings.broker.reset();  // no broker: only the outbox is at stake
    core::FakeClock clock(kBeforeBerlinMidnight);
    LogCapture log;
    io::IoThread io;
    {
        mqtt::StationLink link(io, settings, log.sink(), clock);
        link.record(class_session_start(clock.now().wall), "cut-short-0");
    }  // the power goes: the session never ends
    // Weeks later by the wall clock (a Pi without a clock battery, say) the station starts again.
    clock.advance(duration_cast<core::Millis>(days{21}));
    const std::int64_t restart_ms = mqtt::unix_ms(clock.now().wall);
    {
        mqtt::StationLink link(io, settings, log.sink(), clock);
        CHECK(link.status().outbox_depth == 2);
    }
    CHECK(log.containing("closing session cut-short").size() == 1);
    CHECK(query_number(db,
                       "SELECT COUNT(*) FROM history WHERE type = 'session_abandoned' AND "
                       "reason = 'power_loss' AND routine_id = 'lower-body-warmup' AND "
                       "source = 'class' AND ts_ms = " +
                           std::to_string(restart_ms)) == 1);
    CHECK(query_number(db, "SELECT COUNT(*) FROM open_sessions") == 0);
    // The published form carries the snapshot's plan and the class's command.
    CHECK(query_number(db,
                       "SELECT COUNT(*) FROM outbox WHERE event_id = 'cut-short-power-loss' AND "
                       "payload LIKE '%\"planned_s\":300%' AND payload LIKE '%\"command_id\":"
                       "\"cmd-7\"%' AND payload LIKE '%\"steps_total\":5%'") == 1);
    // A third start finds nothing left open: the closing is written once.
    { mqtt::StationLink link(io, settings, log.sink(), clock); }
    CHECK(query_number(db, "SELECT COUNT(*) FROM history WHERE type = 'session_abandoned'") == 1);
}

TEST_CASE("link: the day's statistics start empty at the facility's midnight, on the link's clock",
          "[integration][mqtt][clock]") {
    const ZoneForTest berlin("Europe/Berlin");
    TempDir dir;
    mqtt::LinkSettings settings = link_settings(0, dir / "station.db");
    settings.broker.reset();
    settings.timezone = "Europe/Berlin";
    core::FakeClock clock(kBeforeBerlinMidnight);
    boost::asio::io_context io;
    LogCapture log;
    core::FakeClockSync sync;
    mqtt::LinkParts parts{io, settings, clock, sync, "boot-test", log.sink(), nullptr, nullptr, {}};
    parts.outbox = storage::Outbox::open(settings.database, settings.limits).outbox;
    mqtt::StatsPublisher stats(parts);
    mqtt::EventPipeline events(parts, stats);

    for (auto [event, id] : synthetic_session(1)) {
        event.ts = clock.now().wall - 30min;
        events.record(event, id);
    }
    events.flush();
    CHECK(stats.today().sessions == 1);
    CHECK(stats.today().completed == 1);
    // One minute to midnight: the check looks again just past it.
    CHECK(mqtt::StatsPublisher::wait_for_next_check(clock.now().wall) == 61s);

    clock.advance(61s);
    stats.refresh();
    CHECK(stats.today().sessions == 0);
    const auto payload = nlohmann::json::parse(stats.payload());
    CHECK(payload["date"] == "2026-12-03");
    const auto& days = payload["last_7_days"]["days"];
    REQUIRE(days.size() == 7);
    CHECK(days[5]["date"] == "2026-12-02");
    CHECK(days[5]["sessions"] == 1);
    CHECK(days[6]["sessions"] == 0);
    // A day away from the next midnight, it still looks within the hour (the clock may step).
    CHECK(mqtt::StatsPublisher::wait_for_next_check(clock.now().wall) == 1h);
}

TEST_CASE("link: a damaged session snapshot still closes its session, with what it can read",
          "[integration][mqtt][clock]") {
    const core::WallTime now = kBeforeBerlinMidnight;
    const core::UsageEvent started = class_session_start(now - 5min);
    const core::UsageEvent whole =
        mqtt::power_loss_closing("s", mqtt::session_snapshot(started), now);
    CHECK(whole.routine_id == "lower-body-warmup");
    CHECK(whole.source == core::SessionSource::class_command);
    CHECK(whole.command_id == "cmd-7");
    CHECK(whole.planned_s == 300);
    CHECK(whole.steps_total == 5);
    for (const std::string damaged :
         {"", "not json", "[1,2]", R"({"routine_id": 7, "planned_s": "long", "source": null})"}) {
        INFO(damaged);
        const core::UsageEvent e = mqtt::power_loss_closing("s", damaged, now);
        CHECK(e.type == core::EventType::session_abandoned);
        CHECK(e.reason == core::AbandonReason::power_loss);
        CHECK(e.session_id == "s");
        CHECK(e.ts == now);
        CHECK(e.routine_id.empty());
        CHECK(e.source == core::SessionSource::athlete);
        CHECK(e.planned_s == 0);
    }
}

}  // namespace rs::itest
