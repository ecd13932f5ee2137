// Sensors serve the tools they are set up for; nothing counts while paused or behind the stop
// dialog; the check-in takes a pad, a body's weight and a steady stance.
#include "unit/sensor_station.hpp"

using namespace rs::core;
using namespace rs::test;
using namespace rs::test::sensors;

namespace {

// Get ready 5 s, a 20 s foam-roller step, 6 s up next, then a 20 s lacrosse-ball step.
RoutinePtr roller_then_ball() {
    Step roller = make_step(Area::calves, Side::both, 20);
    Step ball = make_step(Area::rhomboids, Side::both, 20);
    ball.tool = Tool::lacrosse_ball;
    Routine r =
        make_routine("mixed", "Mixed", Purpose::recovery, Level::intermediate, {roller, ball});
    r.tools = {Tool::foam_roller, Tool::lacrosse_ball};
    return std::make_shared<const Routine>(std::move(r));
}

struct MixedStation : Station {
    explicit MixedStation(std::vector<SensorSpec> specs = {roller_spec()}) : Station(specs) {
        state.library =
            std::make_shared<const Library>(std::vector<RoutinePtr>{roller_then_ball()});
    }
};

}  // namespace

TEST_CASE("a roller's figures lead only the foam-roller steps", "[kiosk-sensor][tools]") {
    MixedStation st;
    st.start("mixed", sec(0));
    st.roll(sec(0), sec(24), sec(3), std::nullopt);
    REQUIRE(st.state.session->segment == 0);
    CHECK(lead_sensor(st.state.sensors, st.state.tool_in_use()) != nullptr);
    CHECK(st.state.session->segment_motion().passes > 0);
    // The ball step: the roller lies idle on the floor while the athlete leans on a ball.
    st.still(sec(24), sec(45), std::nullopt);
    REQUIRE(st.state.session_running());
    REQUIRE(st.state.session->current_step().tool == Tool::lacrosse_ball);
    CHECK(st.state.tool_in_use() == Tool::lacrosse_ball);
    CHECK(lead_sensor(st.state.sensors, st.state.tool_in_use()) == nullptr);
    CHECK(st.cues_between(sec(35), sec(50)) == kNoCue);  // no "keep rolling" for a ball
    REQUIRE(st.state.session->motion);
    CHECK_FALSE(st.state.session->motion->live);
    st.still(sec(45), sec(60), std::nullopt);
    // The second step's event carries no roller figures.
    const auto steps = st.of_type(EventType::step_completed);
    REQUIRE(steps.size() == 2);
    CHECK(steps[0].passes > 0);
    CHECK(steps[1].passes == 0);
}

TEST_CASE("a sensor set up for the ball serves the ball's steps", "[kiosk-sensor][tools]") {
    SensorSpec ball_roller = roller_spec();
    ball_roller.tools = {Tool::lacrosse_ball};
    MixedStation st({ball_roller});
    st.start("mixed", sec(0));
    st.still(sec(0), sec(10), std::nullopt);
    CHECK(lead_sensor(st.state.sensors, Tool::foam_roller) == nullptr);
    CHECK(lead_sensor(st.state.sensors, Tool::lacrosse_ball) != nullptr);
    CHECK(SensorSpec{"p", "pad", 0}.serves(Tool::tennis_ball));
    CHECK_FALSE(SensorSpec{"r", "roller", 0}.serves(Tool::tennis_ball));
}

TEST_CASE("passes and working time do not count while paused", "[kiosk-sensor][pause]") {
    Station st;
    st.start("moderate-one", sec(0));
    st.roll(sec(0), sec(10), sec(3), std::nullopt);
    const int passes = st.state.session->segment_motion().passes;
    const Millis working = st.state.session->segment_motion().active();
    REQUIRE(passes > 0);
    st.act(act::Control{SessionCommand::pause}, sec(10));
    st.roll(sec(10), sec(30), sec(3), std::nullopt);  // still rolling, but paused
    CHECK(st.state.session->segment_motion().passes == passes);
    CHECK(st.state.session->segment_motion().active() == working);
    st.act(act::Control{SessionCommand::resume}, sec(30));
    st.roll(sec(30), sec(36), sec(3), std::nullopt);
    CHECK(st.state.session->segment_motion().passes > passes);
}

TEST_CASE("the stop dialog holds the clock and Keep going lets it run again", "[kiosk][pause]") {
    Station st;
    st.start("moderate-one", sec(0));
    st.tick(sec(10));
    const Millis left = st.state.session->remaining();
    st.act(act::RequestStop{}, sec(10));
    REQUIRE(st.state.confirm_stop);
    st.tick(sec(40));
    CHECK(st.state.session_running());
    CHECK(st.state.session->remaining() == left);
    st.act(act::CancelStop{}, sec(40));
    CHECK_FALSE(st.state.session->paused);
    st.tick(sec(45));
    CHECK(st.state.session->remaining() == left - sec(5));

    // Paused before the dialog: "Keep going" leaves it paused.
    st.act(act::Control{SessionCommand::pause}, sec(46));
    st.act(act::RequestStop{}, sec(47));
    st.act(act::CancelStop{}, sec(48));
    CHECK(st.state.session->paused);
}

TEST_CASE("a check-in needs a pad set up for it", "[weigh-in]") {
    Station roller_only({roller_spec()});
    roller_only.still(sec(0), sec(1), 300.0);
    CHECK_FALSE(roller_only.state.can_weigh_in());  // nobody stands on a foam roller
    roller_only.act(act::StartWeighIn{}, sec(1));
    CHECK_FALSE(roller_only.state.weigh_in.active);

    SensorSpec under_the_mat = pad_spec();
    under_the_mat.weigh_in = false;
    Station no_weighing({under_the_mat});
    no_weighing.press(sec(0), sec(1), 300.0);
    CHECK_FALSE(no_weighing.state.can_weigh_in());
}

TEST_CASE("a check-in refuses what no body weighs and says why", "[weigh-in]") {
    Station st({pad_spec()});
    st.press(sec(0), sec(1), 0.0);
    st.act(act::StartWeighIn{}, sec(1));
    REQUIRE(st.state.weigh_in.active);
    CHECK(st.state.weigh_in.problem == WeighInProblem::no_reading);
    st.press(sec(1), sec(8), newtons_of(22));  // a roller's 22 kg, or a bag
    CHECK(st.state.weigh_in.active);
    CHECK(st.state.weigh_in.problem == WeighInProblem::out_of_range);
    CHECK_FALSE(st.state.body_weight_n);
    st.press(sec(8), sec(15), newtons_of(300));
    CHECK(st.state.weigh_in.problem == WeighInProblem::out_of_range);
    CHECK_FALSE(st.state.body_weight_n);
    st.press(sec(15), sec(17), newtons_of(70));
    st.press(sec(17), sec(18), newtons_of(80));  // a sway restarts the count
    CHECK(st.state.weigh_in.problem == WeighInProblem::unsteady);
    st.press(sec(18), sec(23), newtons_of(80));
    REQUIRE(st.state.body_weight_n);
    CHECK(kilograms_of(*st.state.body_weight_n) == Approx(80).margin(1));
}

TEST_CASE("a check-in can be redone and cleared", "[weigh-in]") {
    Station st({pad_spec()});
    st.press(sec(0), sec(1), 0.0);
    st.act(act::StartWeighIn{}, sec(1));
    st.press(sec(1), sec(6), newtons_of(70));
    REQUIRE(st.state.body_weight_n);
    st.act(act::StartWeighIn{}, sec(6));  // redo
    REQUIRE(st.state.weigh_in.active);
    CHECK(st.state.body_weight_n);  // the first stays until the second completes
    st.press(sec(6), sec(11), newtons_of(90));
    REQUIRE(st.state.body_weight_n);
    CHECK(kilograms_of(*st.state.body_weight_n) == Approx(90).margin(1));
    st.act(act::ClearWeighIn{}, sec(11));
    CHECK_FALSE(st.state.body_weight_n);
    CHECK(st.state.zones().moderate.max_n == st.state.settings.zones.moderate.max_n);
}
