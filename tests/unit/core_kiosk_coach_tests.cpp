// Unit tests for the live coaching cue while a sensor streams: rs::core::update with
// act::SensorBatch and act::Tick on a routine's active phase (slower, ease off, keep rolling, no
// cue outside the active phase or while paused). Time is passed in by hand as Now values and
// samples are made up with increasing seq and t_ms; nothing sleeps.
#include <catch2/catch.hpp>

#include "unit/sensor_station.hpp"

using namespace rs::core;
using namespace rs::test;
using namespace rs::test::sensors;

// ---------------------------------------------------------------------------------------------
// Live coaching

TEST_CASE("sustained fast passes show the slower cue", "[kiosk-sensor][coach]") {
    Station st;
    st.send("roller-1", {hello(true, true)}, Millis{0});
    st.start("moderate-one", Millis{0});
    st.still(Millis{0}, sec(5), std::nullopt);
    st.roll(sec(5), sec(12), sec(1), 200.0);  // about 1 s per pass against a 2-4 s tempo
    REQUIRE(st.state.session_running());
    CHECK(st.state.cue == CoachCue::slower);
    // The first pass is counted at 6.15 s; the cue must then hold for 0.8 s before it shows.
    const auto first = st.first_shown(CoachCue::slower);
    REQUIRE(first.has_value());
    CHECK(*first >= ms(6900));
    CHECK(*first <= ms(7200));
    CHECK(st.cues_between(Millis{0}, *first - ms(1)) == kNoCue);
    CHECK(st.cues_between(*first, sec(12)) == std::vector<CoachCue>{CoachCue::slower});
}

TEST_CASE("rolling at the step's tempo and pressure shows no cue", "[kiosk-sensor][coach]") {
    Station st;
    st.send("roller-1", {hello(true, true)}, Millis{0});
    st.start("moderate-one", Millis{0});
    st.roll(Millis{0}, sec(24), ms(3000), 200.0);
    REQUIRE(st.state.session_running());
    CHECK(st.sensor("roller-1").motion.totals().passes >= 6);
    CHECK(st.cues_between(Millis{0}, sec(24)) == kNoCue);
}

TEST_CASE("force well above the step's band shows ease off", "[kiosk-sensor][coach]") {
    struct Case {
        const char* routine;
        double force;
        CoachCue expected;
    };
    // Default zones: light 60-150, moderate 150-300, firm 250-400; a cue above max + 5 %.
    const std::vector<Case> cases{
        {"moderate-one", 400, CoachCue::ease_off}, {"moderate-one", 250, CoachCue::none},
        {"light-one", 250, CoachCue::ease_off},    {"firm-one", 400, CoachCue::none},
        {"firm-one", 450, CoachCue::ease_off},
    };
    for (const Case& c : cases) {
        INFO(c.routine << " at " << c.force << " N");
        Station st;
        st.send("roller-1", {hello(true, true)}, Millis{0});
        st.start(c.routine, Millis{0});
        st.roll(Millis{0}, sec(15), sec(3), c.force);
        CHECK(st.state.cue == c.expected);
        CHECK(st.cues_between(Millis{0}, sec(5)) == kNoCue);  // not during get ready
    }
}

TEST_CASE("ease off follows the configured zones and a pad's force", "[kiosk-sensor][coach]") {
    SECTION("settings.zones decide the band") {
        Station st;
        st.state.settings.zones.moderate = ForceBand{80, 120};
        st.send("roller-1", {hello(true, true)}, Millis{0});
        st.start("moderate-one", Millis{0});
        st.roll(Millis{0}, sec(10), sec(3), 200.0);
        CHECK(st.state.cue == CoachCue::ease_off);
    }
    SECTION("a roller without force is coached on the pad's force") {
        Station st;
        st.start("moderate-one", Millis{0});
        for (Millis t = kBatch; t <= sec(10); t += kBatch) {
            st.send("roller-1", st.devices["roller-1"].roll(kBatch, sec(3), std::nullopt), t);
            st.send("pad-1", st.devices["pad-1"].press(kBatch, 400), t);
        }
        CHECK(st.state.cue == CoachCue::ease_off);
    }
}

TEST_CASE("staying still without load for over 3 s shows keep rolling", "[kiosk-sensor][coach]") {
    SECTION("no load") {
        Station st;
        st.send("roller-1", {hello(true, true)}, Millis{0});
        st.start("moderate-one", Millis{0});
        st.roll(Millis{0}, sec(8), sec(3), 10.0);
        st.still(sec(8), sec(15), 10.0);
        // Still from 8 s: 3 s later the condition holds, 0.8 s after that the cue shows.
        const auto first = st.first_shown(CoachCue::keep_rolling);
        REQUIRE(first.has_value());
        CHECK(*first >= ms(11700));
        CHECK(*first <= ms(12000));
        CHECK(st.cues_between(Millis{0}, *first - ms(1)) == kNoCue);
        CHECK(st.state.cue == CoachCue::keep_rolling);
        // Rolling again clears it after the cue's minimum time and a calm second.
        st.roll(sec(15), sec(19), sec(3), 10.0);
        CHECK(st.state.cue == CoachCue::none);
    }
    SECTION("holding a spot under load is work") {
        Station st;
        st.send("roller-1", {hello(true, true)}, Millis{0});
        st.start("moderate-one", Millis{0});
        st.roll(Millis{0}, sec(8), sec(3), 200.0);
        st.still(sec(8), sec(15), 200.0);
        CHECK(st.sensor("roller-1").motion.activity() == Activity::holding);
        CHECK(st.cues_between(Millis{0}, sec(15)) == kNoCue);
    }
}

TEST_CASE("no cue outside the active phase or while paused", "[kiosk-sensor][coach]") {
    SECTION("get ready") {
        Station st;
        st.state.settings.timing.get_ready_s = 10;
        st.send("roller-1", {hello(true, true)}, Millis{0});
        st.start("moderate-one", Millis{0});
        st.roll(Millis{0}, sec(10), sec(1), 500.0);
        CHECK(st.cues_between(Millis{0}, sec(10)) == kNoCue);
        // Once the segment starts the heavy press shows at once after its confirmation time.
        st.roll(sec(10), sec(12), sec(1), 500.0);
        CHECK(st.state.cue == CoachCue::ease_off);
    }
    SECTION("paused") {
        Station st;
        st.send("roller-1", {hello(true, true)}, Millis{0});
        st.start("moderate-one", Millis{0});
        st.still(Millis{0}, sec(5), std::nullopt);
        st.act(act::Control{SessionCommand::pause}, sec(5));
        st.roll(sec(5), sec(15), sec(1), 500.0);
        CHECK(st.cues_between(Millis{0}, sec(15)) == kNoCue);
        st.act(act::Control{SessionCommand::resume}, sec(15));
        st.roll(sec(15), sec(17), sec(1), 500.0);
        CHECK(st.state.cue == CoachCue::ease_off);
    }
    SECTION("a cue shown before a pause goes after a calm spell") {
        Station st;
        st.send("roller-1", {hello(true, true)}, Millis{0});
        st.start("moderate-one", Millis{0});
        st.roll(Millis{0}, sec(10), sec(1), 500.0);
        REQUIRE(st.state.cue == CoachCue::ease_off);
        st.act(act::Control{SessionCommand::pause}, sec(10));
        st.roll(sec(10), sec(13), sec(1), 500.0);
        CHECK(st.state.cue == CoachCue::none);
        CHECK(st.cues_between(ms(11100), sec(13)) == kNoCue);
    }
    SECTION("without any sensor") {
        Station st(std::vector<SensorSpec>{});
        st.start("moderate-one", Millis{0});
        for (Millis t = kBatch; t <= sec(20); t += kBatch)
            st.tick(t);
        CHECK(st.cues_between(Millis{0}, sec(20)) == kNoCue);
    }
}

// Known bug: when the session ends while a cue is up, update_coach runs once with the session
// finished (src/core/kiosk.cpp:121) and the coach keeps the cue for its calm spell; after that
// feed_session returns at once because no session is running (src/core/kiosk.cpp:105-106), so
// the coach is never asked again and KioskState::cue keeps the last cue on the summary screen.
TEST_CASE("the live cue is cleared once the session has ended", "[kiosk-sensor][coach]") {
    Station st;
    st.send("roller-1", {hello(true, true)}, Millis{0});
    st.start("moderate-one", Millis{0});
    st.roll(Millis{0}, sec(24), sec(1), 200.0);
    REQUIRE(st.state.cue == CoachCue::slower);
    st.roll(sec(24), sec(30), sec(1), 200.0);
    REQUIRE(st.state.screen == Screen::summary);
    for (Millis t = sec(30) + kBatch; t <= sec(35); t += kBatch)
        st.tick(t);
    CHECK(st.state.cue == CoachCue::none);
}
