// Unit tests for the kiosk and its sensors: rs::core::update with act::SensorBatch,
// act::SensorLink and act::Tick, lead_sensor / gauge_force and the sensor
// figures a routine driven by sensor data reports. Time is passed in by hand as Now values and
// samples are made up with increasing seq and t_ms; nothing sleeps.
#include <catch2/catch.hpp>

#include "unit/sensor_station.hpp"

using namespace rs::core;
using namespace rs::test;
using namespace rs::test::sensors;

// ---------------------------------------------------------------------------------------------
// Linking and losing

TEST_CASE("a sensor's first data emits sensor_connected, later data does not", "[kiosk-sensor]") {
    Station st;
    CHECK_FALSE(st.sensor("roller-1").connected);
    st.send("roller-1", st.devices["roller-1"].still(kBatch, std::nullopt), sec(10));
    REQUIRE(st.last.events.size() == 1);
    const UsageEvent& e = st.last.events[0];
    CHECK(e.type == EventType::sensor_connected);
    CHECK(e.sensor_id == "roller-1");
    CHECK(e.ts == wall_at(sec(10)));
    CHECK(e.session_id.empty());
    CHECK(st.sensor("roller-1").connected);
    CHECK(st.sensor("roller-1").last_data == mono_at(sec(10)));
    CHECK(st.sensor("roller-1").counters.lines == 5);
    CHECK_FALSE(st.sensor("pad-1").connected);

    st.send("roller-1", st.devices["roller-1"].still(kBatch, std::nullopt), ms(10100));
    CHECK(st.last.events.empty());
    CHECK(st.sensor("roller-1").last_data == mono_at(ms(10100)));
    // A status message is data too; it carries the battery.
    wire::Status status;
    status.battery_pct = 77;
    st.send("roller-1", {status}, ms(10200));
    CHECK(st.last.events.empty());
    CHECK(st.sensor("roller-1").battery_pct == 77);
    CHECK(st.of_type(EventType::sensor_connected).size() == 1);
}

TEST_CASE("an empty batch does not link a sensor", "[kiosk-sensor]") {
    Station st;
    st.send("pad-1", {}, sec(3));
    CHECK(st.last.events.empty());
    CHECK_FALSE(st.sensor("pad-1").connected);
    CHECK_FALSE(next_deadline(st.state).has_value());
}

TEST_CASE("silence longer than kSensorSilence on a tick marks the sensor lost, once",
          "[kiosk-sensor]") {
    Station st;
    st.send("roller-1", st.devices["roller-1"].still(kBatch, std::nullopt), sec(10));
    st.tick(sec(10) + kSensorSilence);
    CHECK(st.sensor("roller-1").connected);
    CHECK(st.last.events.empty());
    st.tick(sec(10) + kSensorSilence + ms(1));
    CHECK_FALSE(st.sensor("roller-1").connected);
    REQUIRE(st.last.events.size() == 1);
    CHECK(st.last.events[0].type == EventType::sensor_lost);
    CHECK(st.last.events[0].sensor_id == "roller-1");
    CHECK(st.last.events[0].ts == wall_at(ms(11001)));
    st.tick(sec(12));
    st.tick(sec(60));
    CHECK(st.of_type(EventType::sensor_lost).size() == 1);
}

TEST_CASE("SensorLink down marks the sensor lost at once, up alone does not link it",
          "[kiosk-sensor]") {
    Station st;
    st.link("pad-1", false, sec(1));  // never linked: nothing to lose
    CHECK(st.last.events.empty());

    st.send("pad-1", st.devices["pad-1"].press(kBatch, 50), sec(10));
    st.link("pad-1", false, ms(10200));
    CHECK_FALSE(st.sensor("pad-1").connected);
    REQUIRE(st.last.events.size() == 1);
    CHECK(st.last.events[0].type == EventType::sensor_lost);
    CHECK(st.last.events[0].sensor_id == "pad-1");
    CHECK(st.last.events[0].ts == wall_at(ms(10200)));

    st.link("pad-1", false, ms(10300));
    CHECK(st.last.events.empty());
    st.link("pad-1", true, ms(10400));
    CHECK(st.last.events.empty());
    CHECK_FALSE(st.sensor("pad-1").connected);
    st.tick(sec(15));
    CHECK(st.of_type(EventType::sensor_lost).size() == 1);
}

TEST_CASE("data after a loss links the sensor again with a new sensor_connected",
          "[kiosk-sensor]") {
    Station st;
    st.send("roller-1", st.devices["roller-1"].still(kBatch, std::nullopt), sec(10));
    st.tick(ms(11500));
    st.send("roller-1", st.devices["roller-1"].still(kBatch, std::nullopt), sec(12));
    CHECK(st.sensor("roller-1").connected);
    REQUIRE(st.last.events.size() == 1);
    CHECK(st.last.events[0].type == EventType::sensor_connected);
    CHECK(st.last.events[0].ts == wall_at(sec(12)));

    st.link("roller-1", false, sec(13));
    st.send("roller-1", st.devices["roller-1"].still(kBatch, std::nullopt), sec(14));
    std::vector<EventType> types;
    for (const auto& e : st.events)
        types.push_back(e.type);
    CHECK(types == std::vector<EventType>{EventType::sensor_connected, EventType::sensor_lost,
                                          EventType::sensor_connected, EventType::sensor_lost,
                                          EventType::sensor_connected});
    for (const auto& e : st.events)
        CHECK(e.sensor_id == "roller-1");
}

TEST_CASE("batches and links for unknown sensor ids are ignored", "[kiosk-sensor]") {
    Station st;
    Device stranger;
    st.send("roller-9", stranger.roll(sec(1), sec(1), 300.0), sec(5));
    CHECK(st.last.events.empty());
    st.link("roller-9", false, sec(6));
    CHECK(st.last.events.empty());
    for (const auto& s : st.state.sensors) {
        CHECK_FALSE(s.connected);
        CHECK(s.motion.totals().passes == 0);
    }
    CHECK(st.state.last_input == mono_at(Millis{0}));
    CHECK_FALSE(next_deadline(st.state).has_value());
}

TEST_CASE("sensor batches and links are not athlete input: the idle timeout still fires",
          "[kiosk-sensor][idle]") {
    SECTION("library screen") {
        Station st;
        st.act(act::OpenLibrary{}, sec(1));
        st.roll(sec(1), sec(50), sec(2), 200.0);
        st.link("roller-1", false, sec(50));
        st.link("roller-1", true, ms(50050));
        st.roll(sec(50), ms(90900), sec(2), 200.0);
        CHECK(st.state.last_input == mono_at(sec(1)));
        st.tick(ms(90999));
        CHECK(st.state.screen == Screen::library);
        st.tick(sec(91));
        CHECK(st.state.screen == Screen::home);
    }
    SECTION("a paused session is abandoned although the roller keeps sending") {
        Station st;
        st.start("moderate-one", sec(0));
        st.act(act::Control{SessionCommand::pause}, sec(6));
        st.roll(sec(6), sec(96), sec(2), 200.0);
        CHECK(st.state.last_input == mono_at(sec(6)));
        st.tick(ms(95999));
        CHECK(st.state.screen == Screen::player);
        CHECK(st.state.session_running());
        st.tick(sec(96));
        CHECK(st.state.screen == Screen::home);
        const auto ended = st.of_type(EventType::session_abandoned);
        REQUIRE(ended.size() == 1);
        CHECK(ended[0].reason == AbandonReason::idle_timeout);
        CHECK(ended[0].active == sec(1));
    }
}

// ---------------------------------------------------------------------------------------------
// Which sensor leads, and what it measures

TEST_CASE("lead_sensor prefers a linked rotation sensor, gauge_force falls back to a pad",
          "[kiosk-sensor][lead]") {
    // The pad is listed first: order decides only among sensors of the same kind.
    Station st({pad_spec(), roller_spec()});
    CHECK(lead_sensor(st.state.sensors) == nullptr);
    CHECK_FALSE(gauge_force(st.state.sensors).has_value());

    st.press(Millis{0}, sec(1), 120);
    REQUIRE(lead_sensor(st.state.sensors) != nullptr);
    CHECK(lead_sensor(st.state.sensors)->spec.id == "pad-1");
    REQUIRE(gauge_force(st.state.sensors).has_value());
    CHECK(*gauge_force(st.state.sensors) == Approx(120));

    // A roller without a hello measures rotation only (its kind), though its samples carry
    // force: it leads, and the gauge shows the pad's force.
    st.roll(Millis{0}, sec(1), sec(2), 300.0);
    REQUIRE(lead_sensor(st.state.sensors) != nullptr);
    CHECK(lead_sensor(st.state.sensors)->spec.id == "roller-1");
    CHECK(*gauge_force(st.state.sensors) == Approx(120));

    SECTION("a roller that says it measures force and has a reading shows its own") {
        st.send("roller-1", {hello(true, true)}, ms(1050));
        CHECK(*gauge_force(st.state.sensors) == Approx(300));
    }
    SECTION("a roller that measures force but has no force reading yet falls back to the pad") {
        Station fresh({pad_spec(), roller_spec()});
        fresh.press(Millis{0}, sec(1), 120);
        fresh.send("roller-1", {hello(true, true)}, ms(1000));
        fresh.roll(sec(1), sec(2), sec(2), std::nullopt);
        CHECK(lead_sensor(fresh.state.sensors)->spec.id == "roller-1");
        CHECK(*gauge_force(fresh.state.sensors) == Approx(120));
    }
    SECTION("a lost pad gives no force; a lost roller hands the lead back to the pad") {
        st.link("pad-1", false, ms(1100));
        CHECK(lead_sensor(st.state.sensors)->spec.id == "roller-1");
        CHECK_FALSE(gauge_force(st.state.sensors).has_value());
        st.press(ms(1100), ms(1200), 130);
        st.link("roller-1", false, ms(1200));
        CHECK(lead_sensor(st.state.sensors)->spec.id == "pad-1");
        // Median of five, then a smoothed approach: between the old and the new force.
        CHECK(*gauge_force(st.state.sensors) > 120);
        CHECK(*gauge_force(st.state.sensors) < 130);
    }
}

TEST_CASE("a hello says what the sensor measures and links it", "[kiosk-sensor][hello]") {
    Station st;
    CHECK(st.sensor("roller-1").measures_rotation());
    CHECK_FALSE(st.sensor("roller-1").measures_force());
    CHECK(st.sensor("pad-1").measures_force());
    CHECK_FALSE(st.sensor("pad-1").measures_rotation());

    st.send("roller-1", {hello(false, true)}, sec(1));
    REQUIRE(st.last.events.size() == 1);
    CHECK(st.last.events[0].type == EventType::sensor_connected);
    CHECK_FALSE(st.sensor("roller-1").measures_rotation());
    CHECK(st.sensor("roller-1").measures_force());
    // A pad that turns out to measure rotation leads over a roller that does not.
    st.send("pad-1", {hello(true, true)}, sec(2));
    CHECK(st.sensor("pad-1").measures_rotation());
    CHECK(lead_sensor(st.state.sensors)->spec.id == "pad-1");
}

TEST_CASE("a hello supplies the circumference only when the station file has none",
          "[kiosk-sensor][hello]") {
    SECTION("no circumference in the spec: the device's is used for speed") {
        Station st({roller_spec(0)});
        CHECK(st.sensor("roller-1").motion.settings().circumference_mm == 0);
        st.send("roller-1", {hello(true, false, 600)}, sec(1));
        CHECK(st.sensor("roller-1").motion.settings().circumference_mm == 600);
        st.roll(sec(1), sec(3), sec(2), std::nullopt);
        // 1 revolution per second of a 60 cm roller.
        CHECK(st.sensor("roller-1").motion.speed_cm_s() == Approx(60).margin(1));
    }
    SECTION("the spec's circumference wins") {
        Station st({roller_spec(471)});
        st.send("roller-1", {hello(true, false, 600)}, sec(1));
        CHECK(st.sensor("roller-1").motion.settings().circumference_mm == 471);
    }
    SECTION("neither: no speed") {
        Station st({roller_spec(0)});
        st.send("roller-1", {hello(true, false)}, sec(1));
        st.roll(sec(1), sec(3), sec(2), std::nullopt);
        CHECK(st.sensor("roller-1").motion.settings().circumference_mm == 0);
        CHECK(st.sensor("roller-1").motion.speed_cm_s() == 0);
    }
}

// ---------------------------------------------------------------------------------------------
// A routine driven by sensor data

TEST_CASE("a routine driven by sensor batches reports the passes in its events",
          "[kiosk-sensor][session]") {
    Station st;
    st.send("roller-1", {hello(true, true)}, Millis{0});
    st.start("moderate-one", Millis{0});
    // Still without load while getting ready, then 2.5 s passes under 200 N: turning points at
    // 7.5, 10, ... 22.5 s are counted in the segment (25 s is not reached before it ends).
    st.still(Millis{0}, sec(5), std::nullopt);
    st.roll(sec(5), sec(30), ms(2500), 200.0);
    CHECK(st.state.screen == Screen::summary);

    std::vector<EventType> types;
    for (const auto& e : st.events)
        types.push_back(e.type);
    CHECK(types == std::vector<EventType>{EventType::sensor_connected, EventType::session_started,
                                          EventType::step_completed, EventType::session_completed});

    const auto steps = st.of_type(EventType::step_completed);
    REQUIRE(steps.size() == 1);
    const UsageEvent& step = steps[0];
    CHECK(step.ts == wall_at(sec(25)));
    CHECK(step.active == sec(20));
    CHECK(step.passes == 7);
    REQUIRE(step.seconds_per_pass.has_value());
    CHECK(*step.seconds_per_pass == Approx(2.5));
    REQUIRE(step.sensor_active.has_value());
    CHECK(step.sensor_active->count() == Approx(19860).margin(60));
    REQUIRE(step.mean_force_n.has_value());
    CHECK(*step.mean_force_n == Approx(200));
    REQUIRE(step.peak_force_n.has_value());
    CHECK(*step.peak_force_n == Approx(200));

    const auto done = st.of_type(EventType::session_completed);
    REQUIRE(done.size() == 1);
    CHECK(done[0].passes == 7);
    // A fresh sensor starts out still: the get-ready seconds before any movement are not work,
    // so the session's working time is the step's.
    REQUIRE(done[0].sensor_active.has_value());
    CHECK(*done[0].sensor_active == *step.sensor_active);
    CHECK(done[0].steps_completed == 1);
    REQUIRE(done[0].peak_force_n.has_value());
    CHECK(*done[0].peak_force_n == Approx(200));
}

TEST_CASE("with the active timer a routine waits while the athlete stops rolling",
          "[kiosk-sensor][session][timer]") {
    Station st;
    st.send("roller-1", {hello(true, true)}, Millis{0});
    st.start("active-one", Millis{0});
    st.roll(Millis{0}, sec(15), ms(2500), 200.0);
    st.still(sec(15), sec(20), 0.0);  // off the roller: no movement and no load
    st.roll(sec(20), sec(40), ms(2500), 200.0);
    // Working stops 0.7 s into the stillness (15.7 s) and starts again with the first real
    // movement (20.1 s): the segment ends about 4.4 s later than on the clock.
    const auto steps = st.of_type(EventType::step_completed);
    REQUIRE(steps.size() == 1);
    CHECK(steps[0].active == sec(20));
    const Millis ended = std::chrono::duration_cast<Millis>(steps[0].ts - wall_at(Millis{0}));
    CHECK(ended.count() == Approx(29400).margin(200));
    CHECK(st.state.screen == Screen::summary);
}

TEST_CASE("with the active timer a lost sensor lets every second count again",
          "[kiosk-sensor][session][timer]") {
    SECTION("the link goes down") {
        Station st;
        st.send("roller-1", {hello(true, true)}, Millis{0});
        st.start("active-one", Millis{0});
        st.still(Millis{0}, sec(10), std::nullopt);
        REQUIRE(st.state.session->phase == Phase::active);
        CHECK(st.state.session->phase_elapsed == Millis{0});
        st.link("roller-1", false, sec(10));
        CHECK(st.of_type(EventType::sensor_lost).size() == 1);
        st.tick(ms(29999));
        CHECK(st.state.session_running());
        st.tick(sec(30));
        const auto steps = st.of_type(EventType::step_completed);
        REQUIRE(steps.size() == 1);
        CHECK(steps[0].ts == wall_at(sec(30)));
        CHECK(steps[0].passes == 0);
        CHECK(st.state.screen == Screen::summary);
    }
    SECTION("the sensor goes silent") {
        Station st;
        st.send("roller-1", {hello(true, true)}, Millis{0});
        st.start("active-one", Millis{0});
        st.still(Millis{0}, sec(10), std::nullopt);
        st.tick(ms(10500));
        st.tick(ms(11100));  // silent for more than 1 s: lost
        CHECK(st.of_type(EventType::sensor_lost).size() == 1);
        st.tick(ms(31099));
        CHECK(st.state.session_running());
        st.tick(ms(31100));
        REQUIRE(st.of_type(EventType::step_completed).size() == 1);
        CHECK(st.of_type(EventType::step_completed)[0].ts == wall_at(ms(31100)));
    }
}

// Known bug: feed_session (src/core/kiosk.cpp:107-112) hands the session whatever the current
// lead sensor's totals are, and observe (src/core/session.cpp:239-244) re-bases only on the very
// first reading. When the lead changes mid-session (the roller is lost while a pad stays
// linked), the roller's starting totals are subtracted from the pad's: negative passes.
TEST_CASE("losing the lead roller mid-step while a pad stays linked keeps the figures sane",
          "[kiosk-sensor][session]") {
    Station st;
    st.send("roller-1", {hello(true, true)}, Millis{0});
    st.start("moderate-one", Millis{0});
    for (Millis t = kBatch; t <= sec(15); t += kBatch) {
        st.send("roller-1", st.devices["roller-1"].roll(kBatch, sec(1), 200.0), t);
        st.send("pad-1", st.devices["pad-1"].press(kBatch, 150), t);
    }
    const int roller_passes = st.sensor("roller-1").motion.totals().passes;
    REQUIRE(roller_passes >= 13);
    st.link("roller-1", false, sec(15));
    st.press(sec(15), sec(26), 150);
    const auto steps = st.of_type(EventType::step_completed);
    REQUIRE(steps.size() == 1);
    REQUIRE(steps[0].passes.has_value());
    REQUIRE(steps[0].sensor_active.has_value());
    INFO("step passes " << *steps[0].passes << ", sensor_active " << steps[0].sensor_active->count()
                        << " ms");
    CHECK(*steps[0].passes >= 0);
    CHECK(steps[0].sensor_active->count() >= 0);
    const auto done = st.of_type(EventType::session_completed);
    REQUIRE(done.size() == 1);
    REQUIRE(done[0].passes.has_value());
    CHECK(*done[0].passes >= 0);
    // The pad counts no passes, so the session made exactly the roller's passes.
    CHECK(*done[0].passes == roller_passes);
}

// ---------------------------------------------------------------------------------------------
// Deadlines

TEST_CASE("next_deadline includes the sensor silence deadline", "[kiosk-sensor][deadline]") {
    Station st;
    CHECK_FALSE(next_deadline(st.state).has_value());
    st.send("roller-1", st.devices["roller-1"].still(kBatch, std::nullopt), sec(10));
    CHECK(next_deadline(st.state) == mono_at(sec(10) + kSensorSilence + ms(1)));
    st.send("pad-1", st.devices["pad-1"].press(kBatch, 20), ms(10400));
    st.send("roller-1", st.devices["roller-1"].still(kBatch, std::nullopt), ms(10500));
    CHECK(next_deadline(st.state) == mono_at(ms(11401)));
    // A tick at that deadline finds the pad silent for too long.
    st.tick(ms(11401));
    CHECK_FALSE(st.sensor("pad-1").connected);
    CHECK(next_deadline(st.state) == mono_at(ms(11501)));
    st.tick(ms(11501));
    CHECK_FALSE(next_deadline(st.state).has_value());

    // On a waiting screen the earlier of the idle and the silence deadline.
    st.act(act::OpenLibrary{}, sec(20));
    CHECK(next_deadline(st.state) == mono_at(sec(110)));
    st.send("roller-1", st.devices["roller-1"].still(kBatch, std::nullopt), sec(30));
    CHECK(next_deadline(st.state) == mono_at(ms(31001)));
    // During a session: the earlier of the session's next mark and the silence deadline.
    st.start("moderate-one", ms(30500));
    CHECK(next_deadline(st.state) == mono_at(ms(31001)));
    st.send("roller-1", st.devices["roller-1"].still(kBatch, std::nullopt), sec(35));
    CHECK(next_deadline(st.state) == mono_at(ms(35500)));  // get ready ends
}
