// A station that boots with its wall clock at 2000-01-01 (a Pi without a clock battery, the saved
// clock lost) and no network: its session is stored with the stamps it could give and marked
// unsynchronised. When network and NTP arrive, the session reaches the broker with the right
// time, re-stamped from the monotonic clock, and the day's statistics count it today. The link
// runs on a clock whose wall reading the test steps (monotonic time goes on as it does).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <atomic>

#include "integration/broker.hpp"
#include "integration/support.hpp"
#include "mqtt/payloads.hpp"
#include "rollstation/core/clock_sync.hpp"

namespace rs::itest {
namespace {

using namespace std::chrono;

// The real clocks, with the wall clock set off by an offset the test changes (as NTP steps it).
class SteppedClock final : public core::Clock {
  public:
    core::Now now() const override {
        return {steady_clock::now(), system_clock::now() + core::Millis{offset_ms_.load()}};
    }
    void set_wall(core::WallTime wall) {
        offset_ms_ = duration_cast<core::Millis>(wall - system_clock::now()).count();
    }
    void correct() { offset_ms_ = 0; }

  private:
    std::atomic<std::int64_t> offset_ms_{0};
};

}  // namespace

TEST_CASE(
    "link: booted at 2000-01-01 without network, a session arrives with corrected times and "
    "counts today once network and time come",
    "[integration][mqtt][clock]") {
    TempDir dir;
    Broker broker(dir);  // not started yet: no network
    SteppedClock clock;
    clock.set_wall(sys_days{year{2000} / January / 1} + 10h);
    core::FakeClockSync sync(false);
    mqtt::LinkSettings settings = link_settings(broker.port(), dir / "station.db", "early");
    settings.started_at = clock.now().wall;
    LogCapture log;
    io::IoThread io;
    mqtt::StationLink link(io, settings, log.sink(), clock, sync);

    // A session played in 2000, by the station's clock.
    const steady_clock::time_point played = steady_clock::now();
    for (auto [event, id] : synthetic_session(0, "early")) {
        event.ts = clock.now().wall;
        link.record(event, id);
    }
    require_eventually("the session to be stored", [&] { return link.status().outbox_depth == 3; });
    CHECK_FALSE(link.status().clock_synced);

    // NTP steps the clock to the real time, then the network comes.
    const system_clock::time_point corrected_at = system_clock::now();
    clock.correct();
    sync.set(true);
    require_eventually("the link to see the clock synchronised",
                       [&] { return link.status().clock_synced; });
    broker.start();
    Subscriber watcher(broker.port(), watching("rollstation/itest/station/early/#"));
    watcher.wait_ready();
    require_eventually(
        "the session to arrive", [&] { return watcher.on("/event").size() >= 3; }, Millis{15'000});
    INFO(log.joined());

    // Each event at the real moment it happened: now minus how long ago it was played.
    const auto since_played = duration_cast<milliseconds>(steady_clock::now() - played);
    const std::string earliest =
        mqtt::iso8601(corrected_at - since_played - seconds(2));  // reading the clocks, twice
    const std::string latest = mqtt::iso8601(system_clock::now());
    for (const auto& m : watcher.on("/event")) {
        const auto j = m.json();
        INFO(m.payload);
        CHECK(j.value("clock_synced", false));
        CHECK(j.value("ts", "") >= earliest);
        CHECK(j.value("ts", "") <= latest);
        CHECK(j.value("recorded_ts", "").rfind("2000-01-01T10:00:", 0) == 0);
    }
    // Nothing went out with the 2000 stamp, so nothing needs correcting afterwards.
    for (const auto& m : watcher.on("/event"))
        CHECK(m.json().value("type", "") != "clock_corrected");

    // The retained statistics count the session on today's date.
    const std::string today = mqtt::iso8601(system_clock::now()).substr(0, 10);
    require_eventually("today's statistics with the session", [&] {
        const auto stats = watcher.on("/stats");
        if (stats.empty())
            return false;
        const auto j = stats.back().json();
        return j.value("date", "") == today && j.value("sessions", 0) == 1 &&
               j.value("completed", 0) == 1;
    });
    const auto status = watcher.on("/status");
    REQUIRE_FALSE(status.empty());
    CHECK(status.back().json().value("clock_synced", false));
    CHECK(status.back().json().value("started_at", "").rfind("2000", 0) != 0);
}

}  // namespace rs::itest
