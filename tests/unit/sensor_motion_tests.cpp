// Signal processing on synthetic traces with known answers: passes, tempo, speed, holds, force.
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <random>

#include "rollstation/core/motion.hpp"

using namespace rs::core;

namespace {

// Feeds `seconds` of samples at `hz`, position and force given as functions of time in seconds.
struct Trace {
    MotionTracker tracker;
    std::uint32_t t_ms = 1000;
    std::uint16_t seq = 0;

    explicit Trace(MotionSettings s = {}) : tracker(s) {}

    void run(double seconds, int hz,
             const std::function<std::optional<double>(double)>& position_rev,
             const std::function<std::optional<double>(double)>& force_n) {
        const int n = static_cast<int>(seconds * hz);
        const std::uint32_t start = t_ms;
        for (int i = 0; i < n; ++i) {
            const double at = i / static_cast<double>(hz);
            wire::Sample s;
            s.seq = seq++;
            s.t_ms = start + static_cast<std::uint32_t>(std::lround(at * 1000));
            if (auto p = position_rev(at))
                s.rotation_mrev = static_cast<std::int32_t>(std::lround(*p * 1000));
            if (auto f = force_n(at))
                s.force_dn = static_cast<std::int32_t>(std::lround(*f * 10));
            tracker.add(s);
            t_ms = s.t_ms;
        }
        t_ms += static_cast<std::uint32_t>(1000 / hz);
    }
};

// Back and forth over `amplitude` revolutions, each one-way pass taking `pass_s` seconds.
std::function<std::optional<double>(double)> triangle(double pass_s, double amplitude,
                                                      double offset = 0) {
    return [=](double t) -> std::optional<double> {
        const double phase = std::fmod(t, 2 * pass_s) / pass_s;
        return offset + amplitude * (phase <= 1 ? phase : 2 - phase);
    };
}

std::function<std::optional<double>(double)> constant(double v) {
    return [=](double) -> std::optional<double> { return v; };
}

std::function<std::optional<double>(double)> none() {
    return [](double) -> std::optional<double> { return std::nullopt; };
}

}  // namespace

TEST_CASE("steady 3 s passes are counted with their tempo", "[motion]") {
    Trace trace({150, 471});
    trace.run(30.0, 100, triangle(3.0, 1.5), constant(250));
    const auto& totals = trace.tracker.totals();
    // 10 one-way passes in 30 s; the last is not complete until the roller turns again.
    CHECK(totals.passes == 9);
    REQUIRE(totals.seconds_per_pass());
    CHECK(*totals.seconds_per_pass() == Approx(3.0).margin(0.05));
    CHECK(*trace.tracker.recent_seconds_per_pass() == Approx(3.0).margin(0.05));
    // 1.5 revolutions of a 47.1 cm roller in 3 s: 23.55 cm/s.
    CHECK(trace.tracker.speed_cm_s() == Approx(23.55).margin(1.5));
    CHECK(trace.tracker.activity() == Activity::rolling);
    // Rolling begins once the roller has moved a first 0.03 rev (60 ms at this pace).
    CHECK(totals.rolling.count() == Approx(30'000 - 60).margin(30));
    CHECK(totals.idle.count() == 0);
}

TEST_CASE("rolling too fast shows in the seconds per pass", "[motion]") {
    Trace trace;
    trace.run(12.0, 200, triangle(1.0, 1.0), constant(200));
    CHECK(trace.tracker.totals().passes == 11);
    CHECK(*trace.tracker.recent_seconds_per_pass() == Approx(1.0).margin(0.03));
}

TEST_CASE("jitter below the reversal travel is not a pass", "[motion]") {
    Trace trace;
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> wobble(-0.06, 0.06);
    trace.run(
        10.0, 100, [&](double) -> std::optional<double> { return 2.0 + wobble(rng); }, constant(0));
    CHECK(trace.tracker.totals().passes == 0);
}

TEST_CASE("the reversal travel is configurable", "[motion]") {
    Trace coarse({500, 471});
    coarse.run(12.0, 100, triangle(2.0, 0.3), constant(100));  // 0.3 rev strokes
    CHECK(coarse.tracker.totals().passes == 0);
    Trace fine({150, 471});
    fine.run(12.0, 100, triangle(2.0, 0.3), constant(100));
    CHECK(fine.tracker.totals().passes == 5);
}

TEST_CASE("a pause at the end of a pass belongs to neither pass", "[motion]") {
    Trace trace;
    // Out in 3 s, hold 10 s at the far end, back in 3 s, then turn again.
    auto path = [](double t) -> std::optional<double> {
        if (t < 3)
            return t / 2;  // 0 -> 1.5 rev
        if (t < 13)
            return 1.5;  // hold
        if (t < 16)
            return 1.5 - (t - 13) / 2;  // back to 0
        return (t - 16) / 2;            // and out again
    };
    trace.run(18.0, 100, path, constant(300));
    const auto& totals = trace.tracker.totals();
    REQUIRE(totals.passes == 2);
    CHECK(*totals.seconds_per_pass() == Approx(3.0).margin(0.05));
    // The 10 s at the far end under 300 N is a hold on a tender spot: work, not idling.
    // Still is only noticed 0.7 s after the last 0.03 rev of movement (which came up to 60 ms
    // before the turn), and rolling again only after the next 0.03 rev (60 ms after it).
    CHECK(totals.holding.count() == Approx(10'000 - 700 + 120).margin(60));
    CHECK(totals.active().count() == Approx(18'000).margin(60));
}

TEST_CASE("stop-and-go: still without load is idle, and the stillness is timed", "[motion]") {
    Trace trace;
    trace.run(6.0, 100, triangle(3.0, 1.5), constant(200));
    trace.run(5.0, 100, constant(0.0), constant(0));  // off the roller
    CHECK(trace.tracker.activity() == Activity::idle);
    CHECK(trace.tracker.still_for().count() >= 4000);
    CHECK(trace.tracker.speed_cm_s() == 0);
    CHECK(trace.tracker.totals().idle.count() == Approx(5000 - 700).margin(60));
}

TEST_CASE("force is smoothed: a single spike does not move it", "[motion][force]") {
    ForceFilter f;
    for (int i = 0; i < 20; ++i)
        f.add(200);
    f.add(2000);  // one bad reading
    CHECK(*f.value() == Approx(200));
    for (int i = 0; i < 30; ++i)
        f.add(300);
    CHECK(*f.value() == Approx(300).margin(1));
    ForceFilter empty;
    CHECK_FALSE(empty.value().has_value());
}

TEST_CASE("mean and peak force are taken while working", "[motion][force]") {
    Trace trace;
    trace.run(10.0, 100, triangle(2.5, 1.0), constant(250));
    trace.run(2.0, 100, triangle(2.5, 1.0), constant(400));
    trace.run(5.0, 100, constant(0.0), constant(0));
    const auto& totals = trace.tracker.totals();
    CHECK(totals.peak_force == Approx(400).margin(1));
    REQUIRE(totals.mean_force());
    CHECK(*totals.mean_force() > 250);
    CHECK(*totals.mean_force() < 300);
}

TEST_CASE("a force pad without rotation holds or idles, never rolls", "[motion][force]") {
    Trace trace;
    trace.run(3.0, 50, none(), constant(500));
    CHECK(trace.tracker.activity() == Activity::holding);
    CHECK(trace.tracker.totals().passes == 0);
    trace.run(2.0, 50, none(), constant(5));
    CHECK(trace.tracker.activity() == Activity::idle);
}

TEST_CASE("a gap in the samples is not counted as any activity", "[motion]") {
    Trace trace;
    trace.run(2.0, 100, triangle(2.0, 1.0), constant(100));
    trace.t_ms += 30'000;  // the cable was out for half a minute
    trace.run(2.0, 100, triangle(2.0, 1.0, 1.0), constant(100));
    const auto& totals = trace.tracker.totals();
    CHECK((totals.rolling + totals.holding + totals.idle).count() == Approx(4000).margin(40));
}

TEST_CASE("the device clock wrapping around does not break timing", "[motion]") {
    Trace trace;
    trace.t_ms = 0xFFFFFFFFu - 5000;
    trace.run(12.0, 100, triangle(3.0, 1.5), constant(200));
    CHECK(trace.tracker.totals().passes == 3);
    CHECK(*trace.tracker.totals().seconds_per_pass() == Approx(3.0).margin(0.05));
}

TEST_CASE("totals since a step's start give the step's own figures", "[motion]") {
    Trace trace;
    trace.run(12.0, 100, triangle(3.0, 1.5), constant(200));
    const MotionTotals at_step_start = trace.tracker.totals();
    trace.run(12.0, 100, triangle(2.0, 1.0, 0), constant(300));
    const MotionTotals step = trace.tracker.totals().since(at_step_start);
    CHECK(step.passes >= 5);
    CHECK(step.active().count() == Approx(12'000).margin(50));
    CHECK(*step.mean_force() > 280);
}

TEST_CASE("a device clock that jumps back (a reboot) does not make a giant pass", "[motion]") {
    Trace trace;
    trace.run(10.0, 100, triangle(3.0, 1.5), constant(200));
    const int before = trace.tracker.totals().passes;
    trace.t_ms = 0;  // the device restarted mid-pass
    trace.run(10.0, 100, triangle(3.0, 1.5, 0.4), constant(200));
    const auto& totals = trace.tracker.totals();
    CHECK(totals.passes >= before + 2);
    REQUIRE(totals.seconds_per_pass());
    CHECK(*totals.seconds_per_pass() == Approx(3.0).margin(0.1));
    CHECK((totals.rolling + totals.holding + totals.idle).count() == Approx(20'000).margin(200));
}
