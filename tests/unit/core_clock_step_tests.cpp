// Time the core can trust: a routine's length does not depend on how often the loop wakes (a
// sensor's frame rate, a busy inbox), two stations in one class end together, and a class
// waiting to start follows a stepped wall clock (forward or backward) without spinning the loop.
// Everything runs on hand-made Now values; nothing sleeps.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rollstation/core/kiosk.hpp"
#include "unit/sensor_station.hpp"
#include "unit/support.hpp"

using namespace rs::core;
using namespace rs::test;
using std::chrono::microseconds;

namespace {

using Micros = microseconds;

// Five 60 s steps: 300 s of rolling, plus the get-ready and the changes between steps.
RoutinePtr five_minutes() {
    std::vector<Step> steps;
    for (Area area :
         {Area::calves, Area::hamstrings, Area::quadriceps, Area::glutes, Area::thoracic_spine})
        steps.push_back(make_step(area, Side::both, 60));
    return make_routine_ptr("five", "Five minutes", Purpose::recovery, Level::beginner,
                            std::move(steps));
}

// A kiosk whose loop wakes every `wake` (the shell's deadlines in between), with a roller that
// sends a batch at every wake when `with_sensor`. The wall clock runs `wall_offset` ahead of the
// monotonic one, and `step_wall` moves it as NTP does.
struct Kiosk {
    KioskState state;
    Micros mono_now{0};
    Millis wall_offset{0};
    Micros wake;
    bool with_sensor;
    sensors::Device roller;
    Micros device_owed{0};
    int wakes = 0;

    Kiosk(Micros wake_every, bool sensor) : wake(wake_every), with_sensor(sensor) {
        state.library = std::make_shared<const Library>(std::vector<RoutinePtr>{five_minutes()});
        state.settings.idle_timeout_s = 90;
        state.settings.class_confirmation = false;
        if (sensor)
            state.sensors.emplace_back(sensors::roller_spec());
        state.last_input = now().mono;
    }
    Now now() const {
        const Instant mono = kOrigin.mono + mono_now;
        return Now{mono, kOrigin.wall + mono_now + wall_offset};
    }
    void act(const Action& a) { state = update(std::move(state), a, now()).state; }
    // One wake as the shell has it: a sensor batch when there is a sensor (its samples for the
    // time since the last one), then a tick.
    void wake_up() {
        ++wakes;
        if (with_sensor)
            send_batch();
        act(act::Tick{});
    }
    void send_batch() {
        device_owed += wake;
        const Millis whole = std::chrono::duration_cast<Millis>(device_owed);
        device_owed -= whole;
        act::SensorBatch batch;
        batch.sensor_id = "roller-1";
        batch.messages = roller.roll(whole, Millis{1500}, 200.0);
        batch.counters.lines = batch.messages.size();
        act(batch);
    }
    // Moves on to the next wake or the next deadline, whichever is first.
    void run_for(Micros span) {
        const Micros end = mono_now + span;
        while (mono_now < end) {
            Micros next = mono_now + wake;
            if (const auto due = next_deadline(state)) {
                REQUIRE(*due > now().mono);  // never a moment already past: no spin
                next = std::min(next, std::chrono::ceil<Micros>(*due - kOrigin.mono));
            }
            mono_now = std::min(next, end);
            wake_up();
        }
    }
    bool finished() const { return !state.session_running(); }
    // A class command ("c1") for the library's routine, to start at `start_at` on the wall clock.
    void command_class(WallTime start_at) {
        ClassWarmup w;
        w.command_id = "c1";
        w.routine = state.library->routines().front();
        w.start_at = start_at;
        act(act::ClassCommand{w});
    }
};

// How long the athlete's own routine takes from "I understand" to the summary, waking every
// `wake`.
double routine_seconds(Micros wake, bool with_sensor) {
    Kiosk k(wake, with_sensor);
    for (const Action& tap : taps_to_start("five", "s1"))
        k.act(tap);
    REQUIRE(k.state.session_running());
    const Micros started = k.mono_now;
    while (!k.finished()) {
        k.run_for(wake);
        REQUIRE(k.mono_now - started < std::chrono::minutes{10});
    }
    return std::chrono::duration<double>(k.mono_now - started).count();
}

// The wake periods of a sensor at 10, 30, 60, 100, 200 and 333 Hz.
const std::vector<Micros> kWakePeriods{Micros{100'000}, Micros{33'333}, Micros{16'667},
                                       Micros{10'000},  Micros{5'000},  Micros{3'003}};

}  // namespace

TEST_CASE("a 300 s routine takes the same time at any wake rate, sensor or not",
          "[clock-step][timer]") {
    // The exact length: deadlines only, woken every second at most.
    const double reference = routine_seconds(Micros{1'000'000}, false);
    // 300 s of steps, 5 s get ready, 4 changes between steps: no more than a minute on top.
    CHECK(reference >= 300.0);
    CHECK(reference < 360.0);
    for (const Micros wake : kWakePeriods) {
        for (const bool sensor : {false, true}) {
            const double taken = routine_seconds(wake, sensor);
            INFO("wake every " << wake.count() << " us, sensor " << sensor);
            // Within 0.2 % of the 300 s of rolling, and within one wake of the exact length.
            CHECK(std::abs(taken - reference) <= 0.002 * 300.0);
            CHECK(std::abs(taken - reference) <=
                  std::chrono::duration<double>(wake).count() + 0.001);
        }
    }
}

TEST_CASE("two stations in one class end within 100 ms, whatever their wake rates",
          "[clock-step][timer]") {
    const auto class_end = [](Micros wake, bool sensor) {
        Kiosk k(wake, sensor);
        k.command_class(kOrigin.wall + sec(20));
        while (!k.state.session_running()) {
            k.run_for(wake);
            REQUIRE(k.mono_now < std::chrono::minutes{1});
        }
        while (!k.finished()) {
            k.run_for(wake);
            REQUIRE(k.mono_now < std::chrono::minutes{10});
        }
        return k.mono_now;
    };
    const Micros calm = class_end(Micros{1'000'000}, false);
    for (const Micros wake : kWakePeriods) {
        INFO("wake every " << wake.count() << " us");
        const Micros busy = class_end(wake, true);
        CHECK(std::chrono::abs(busy - calm) < Millis{100});
    }
}

TEST_CASE("a class waiting to start follows a wall clock stepped back, without spinning",
          "[clock-step][class]") {
    Kiosk k(Micros{1'000'000}, false);
    k.command_class(kOrigin.wall + sec(60));
    k.run_for(sec(10));
    k.wall_offset = -std::chrono::hours{1};  // NTP steps the clock back an hour
    k.wake = std::chrono::hours{2};          // only deadlines wake the loop now
    k.wakes = 0;
    k.run_for(std::chrono::minutes{60});  // 50 s before the start by the stepped clock
    CHECK_FALSE(k.state.session_running());
    CHECK(k.state.pending_class.has_value());
    // A countdown wakes a handful of times a second at most: an hour is far below a spin.
    CHECK(k.wakes < 3600 * 4);
    k.run_for(sec(51));
    CHECK(k.state.session_running());
}

TEST_CASE("a class waiting to start follows a wall clock stepped forward at once",
          "[clock-step][class]") {
    Kiosk k(Micros{1'000'000}, false);
    k.command_class(kOrigin.wall + std::chrono::minutes{10});
    k.run_for(sec(10));
    k.wall_offset = std::chrono::minutes{9} + sec(40);  // the start is now 10 s away
    k.run_for(sec(9));
    CHECK_FALSE(k.state.session_running());
    k.run_for(sec(2));
    CHECK(k.state.session_running());
}

TEST_CASE("routine length at several wake rates (figures)", "[.figures][clock-step]") {
    // Prints what the timer tests check: build/tests/unit_tests "[.figures]" -s
    const double reference = routine_seconds(Micros{1'000'000}, false);
    std::printf("exact length %.3f s\n", reference);
    for (const Micros wake : kWakePeriods) {
        for (const bool sensor : {false, true}) {
            const double taken = routine_seconds(wake, sensor);
            std::printf("wake %7.3f ms %-9s %.3f s, error %+.3f s (%+.4f %% of 300 s)\n",
                        static_cast<double>(wake.count()) / 1000.0, sensor ? "sensor" : "no sensor",
                        taken, taken - reference, (taken - reference) / 3.0);
        }
    }
    SUCCEED();
}
