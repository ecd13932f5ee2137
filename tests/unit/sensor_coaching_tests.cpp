// Live coaching cues: the right cue for the situation, and no flicker.
#include <catch2/catch.hpp>

#include "rollstation/core/clock.hpp"
#include "rollstation/core/coaching.hpp"

using namespace rs::core;

namespace {

const Instant kStart = FakeClock{}.now().mono;

Instant at_ms(long long ms) {
    return kStart + Millis{ms};
}

CoachInput rolling(double seconds_per_pass, double force) {
    CoachInput in;
    in.rolling_expected = true;
    in.tempo = {2, 4};
    in.seconds_per_pass = seconds_per_pass;
    in.force_n = force;
    in.band = ForceBand{150, 300};
    return in;
}

}  // namespace

TEST_CASE("each condition maps to its cue", "[coaching]") {
    CHECK(Coach::condition(rolling(3.0, 200)) == CoachCue::none);
    CHECK(Coach::condition(rolling(1.2, 200)) == CoachCue::slower);
    CHECK(Coach::condition(rolling(1.9, 200)) == CoachCue::none);  // within 10 % of the target
    CHECK(Coach::condition(rolling(3.0, 400)) == CoachCue::ease_off);
    CHECK(Coach::condition(rolling(3.0, 310)) == CoachCue::none);      // within 5 % of the band
    CHECK(Coach::condition(rolling(1.0, 400)) == CoachCue::ease_off);  // pressure comes first

    CoachInput still = rolling(3.0, 20);
    still.still_for = Millis{3500};
    CHECK(Coach::condition(still) == CoachCue::keep_rolling);
    still.holding = true;  // holding a tender spot is work
    CHECK(Coach::condition(still) == CoachCue::none);
    still.holding = false;
    still.seconds_per_pass = 1.0;  // an old fast pass does not matter while still
    CHECK(Coach::condition(still) == CoachCue::keep_rolling);

    CoachInput resting = rolling(1.0, 500);
    resting.rolling_expected = false;  // rest, switch side: no coaching
    CHECK(Coach::condition(resting) == CoachCue::none);

    CoachInput no_sensor;
    no_sensor.rolling_expected = true;
    CHECK(Coach::condition(no_sensor) == CoachCue::none);
}

TEST_CASE("a cue shows only after its condition has lasted", "[coaching]") {
    Coach coach;
    CHECK(coach.update(rolling(1.2, 200), at_ms(0)) == CoachCue::none);
    CHECK(coach.update(rolling(1.2, 200), at_ms(500)) == CoachCue::none);
    CHECK(coach.update(rolling(1.2, 200), at_ms(900)) == CoachCue::slower);
}

TEST_CASE("a brief blip does not show a cue", "[coaching]") {
    Coach coach;
    coach.update(rolling(3.0, 400), at_ms(0));
    coach.update(rolling(3.0, 200), at_ms(300));
    coach.update(rolling(3.0, 400), at_ms(600));
    CHECK(coach.update(rolling(3.0, 400), at_ms(1000)) == CoachCue::none);
    CHECK(coach.update(rolling(3.0, 400), at_ms(1500)) == CoachCue::ease_off);
}

TEST_CASE("a shown cue does not flicker off and on", "[coaching]") {
    Coach coach;
    coach.update(rolling(1.2, 200), at_ms(0));
    REQUIRE(coach.update(rolling(1.2, 200), at_ms(1000)) == CoachCue::slower);
    // The athlete slows for a moment: the cue stays for its minimum time and a calm spell.
    CHECK(coach.update(rolling(3.0, 200), at_ms(1500)) == CoachCue::slower);
    CHECK(coach.update(rolling(1.2, 200), at_ms(2000)) == CoachCue::slower);
    CHECK(coach.update(rolling(3.0, 200), at_ms(3100)) == CoachCue::slower);
    CHECK(coach.update(rolling(3.0, 200), at_ms(3600)) == CoachCue::slower);
    CHECK(coach.update(rolling(3.0, 200), at_ms(4200)) == CoachCue::none);
    CHECK(coach.update(rolling(3.0, 200), at_ms(9000)) == CoachCue::none);
}

TEST_CASE("pressing too hard takes over from a tempo cue at once", "[coaching]") {
    Coach coach;
    coach.update(rolling(1.2, 200), at_ms(0));
    REQUIRE(coach.update(rolling(1.2, 200), at_ms(1000)) == CoachCue::slower);
    coach.update(rolling(1.2, 450), at_ms(1100));
    CHECK(coach.update(rolling(1.2, 450), at_ms(1950)) == CoachCue::ease_off);
}

TEST_CASE("pressure bands come from config or from body weight", "[coaching]") {
    const ForceZones zones;
    CHECK(zones.band(Pressure::moderate) == ForceBand{150, 300});
    CHECK(zones.band(Pressure::light).max_n <= zones.band(Pressure::moderate).min_n);
    const ForceZones mine = ForceZones::from_body_weight(800);
    CHECK(mine.moderate.min_n == Approx(200));
    CHECK(mine.moderate.max_n == Approx(320));
    CHECK(mine.light.max_n == Approx(200));
    CHECK(mine.firm.max_n == Approx(400));
    CHECK(text_of(CoachCue::ease_off) == "Ease off");
    CHECK(text_of(CoachCue::none).empty());
}
