// The body-weight check-in: standing still on a force sensor sets pressure bands by weight.
#include <catch2/catch.hpp>

#include "rollstation/core/kiosk.hpp"
#include "unit/support.hpp"

using namespace rs::core;
using rs::test::at;
using rs::test::ms;
using rs::test::sec;

namespace {

struct Pad {
    KioskState state;
    std::uint16_t seq = 0;
    Millis now{0};

    Pad() {
        state.sensors.emplace_back(SensorSpec{"pad", "pad", 0});
        send(0);  // linked
    }

    void send(double newtons) {
        act::SensorBatch batch;
        batch.sensor_id = "pad";
        wire::Sample s;
        s.seq = seq++;
        s.t_ms = static_cast<std::uint32_t>(now.count());
        s.force_dn = static_cast<std::int32_t>(newtons * 10);
        batch.messages.push_back(s);
        state = update(std::move(state), batch, at(now)).state;
    }

    // Stands on the pad at `newtons` for `length`, 20 readings a second.
    void stand(double newtons, Millis length) {
        for (Millis end = now + length; now < end; now += ms(50))
            send(newtons);
    }

    void act(const Action& a) { state = update(std::move(state), a, at(now)).state; }
};

}  // namespace

TEST_CASE("standing still for three seconds sets the pressure bands by body weight", "[weigh-in]") {
    Pad pad;
    REQUIRE(pad.state.can_weigh_in());
    pad.act(act::StartWeighIn{});
    REQUIRE(pad.state.weigh_in.active);
    pad.stand(0, sec(1));  // stepping on
    pad.stand(760, sec(2));
    CHECK(pad.state.weigh_in.active);  // not yet three seconds
    // The smoothed reading takes about half a second to settle; the three seconds start then.
    pad.stand(760, ms(1800));
    REQUIRE_FALSE(pad.state.weigh_in.active);
    REQUIRE(pad.state.body_weight_n.has_value());
    CHECK(*pad.state.body_weight_n == Approx(760).margin(5));
    CHECK(pad.state.zones().moderate.min_n == Approx(0.25 * 760).margin(2));
    CHECK(pad.state.zones().moderate.max_n == Approx(0.40 * 760).margin(2));
}

TEST_CASE("a wobbling reading restarts the three seconds", "[weigh-in]") {
    Pad pad;
    pad.act(act::StartWeighIn{});
    pad.stand(700, sec(2));
    pad.stand(900, ms(500));  // shifted weight: more than 5 % off
    pad.stand(700, sec(2));
    CHECK(pad.state.weigh_in.active);
    pad.stand(700, ms(1800));
    CHECK_FALSE(pad.state.weigh_in.active);
    CHECK(*pad.state.body_weight_n == Approx(700).margin(5));
}

TEST_CASE("too light a reading never counts, and cancel leaves the station's bands", "[weigh-in]") {
    Pad pad;
    pad.act(act::StartWeighIn{});
    pad.stand(150, sec(5));  // a bag, not a person
    CHECK(pad.state.weigh_in.active);
    pad.act(act::CancelWeighIn{});
    CHECK_FALSE(pad.state.weigh_in.active);
    CHECK_FALSE(pad.state.body_weight_n.has_value());
    CHECK(pad.state.zones() == pad.state.settings.zones);
}

TEST_CASE("no force sensor, no check-in, going home forgets the weight", "[weigh-in]") {
    KioskState none;
    CHECK_FALSE(none.can_weigh_in());
    none = update(std::move(none), act::StartWeighIn{}, at(sec(1))).state;
    CHECK_FALSE(none.weigh_in.active);

    Pad pad;
    pad.act(act::StartWeighIn{});
    pad.stand(800, sec(4));
    REQUIRE(pad.state.body_weight_n.has_value());
    pad.act(act::GoHome{});
    CHECK_FALSE(pad.state.body_weight_n.has_value());
}
