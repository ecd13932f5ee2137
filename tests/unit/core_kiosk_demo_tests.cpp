// The demonstration in the kiosk: it follows a scripted roller trace with the pace as a ghost,
// "Hide move" lasts until the kiosk goes home, and "Too intense" swaps the tool (or eases the
// band) and says so in the step's event.
#include <catch2/catch.hpp>

#include "rollstation/config/demo_loader.hpp"
#include "rollstation/core/kiosk_demo.hpp"
#include "unit/sensor_station.hpp"

using namespace rs::core;
using namespace rs::test;
using namespace rs::test::sensors;

namespace {

std::shared_ptr<const DemoLibrary> shipped_demos() {
    static const auto demos = std::make_shared<const DemoLibrary>(
        rs::config::load_demo_dirs(
            {std::filesystem::path(ROLLSTATION_SOURCE_DIR) / "config" / "demos"})
            .demos);
    return demos;
}

// A 30 s calf step on the roller, then a 30 s lacrosse-ball glute step, then the feet.
struct DemoStation : Station {
    DemoStation() : Station({roller_spec(471)}) {
        Step calves = make_step(Area::calves, Side::left, 30);
        Step glutes = make_step(Area::glutes, Side::right, 30, 1, 0, Tool::lacrosse_ball);
        glutes.pressure = Pressure::firm;
        Step shoulder =
            make_step(Area::posterior_shoulder, Side::both, 30, 1, 0, Tool::lacrosse_ball);
        shoulder.pressure = Pressure::moderate;
        Routine r = make_routine("demo-mix", "Demo mix", Purpose::recovery, Level::advanced,
                                 {calves, glutes, shoulder});
        r.tools = {Tool::foam_roller, Tool::lacrosse_ball};
        state.library = std::make_shared<const Library>(
            std::vector<RoutinePtr>{std::make_shared<const Routine>(std::move(r))});
        state.demos = shipped_demos();
    }
    // Without sensors, past the calves (skipped at 6 s) to the glutes with the lacrosse ball,
    // under way at 12 s.
    void roll_glutes_without_sensors() {
        state.sensors.clear();
        start("demo-mix", sec(0));
        tick(sec(5));
        act(act::Control{SessionCommand::skip}, sec(6));
        tick(sec(12));
    }
    DemoFrame frame(Millis t) const {
        return demo_frame(*state.demos->for_step(state.session->current_step()),
                          demo_moment(state, at(t).mono));
    }
};

}  // namespace

TEST_CASE("with a live roller the figure follows its rotation and a ghost keeps the pace",
          "[demo][kiosk-sensor]") {
    DemoStation st;
    st.start("demo-mix", sec(0));
    st.tick(sec(5));  // get ready is over
    REQUIRE(st.state.session->phase == Phase::active);
    const Demo& demo = *st.state.demos->find(Area::calves, Tool::foam_roller);
    // Passes of 2 s: the device turns 1 mrev a millisecond, out to 2000 mrev and back.
    st.roll(sec(5), sec(8), sec(2), std::nullopt);
    const auto mrev = st.state.sensors[0].motion.position_mrev();
    REQUIRE(mrev);
    const DemoMoment m = demo_moment(st.state, at(sec(8)).mono);
    REQUIRE(m.travel_mm);
    CHECK(*m.travel_mm == Approx(*mrev / 1000.0 * 471));
    const DemoFrame f = st.frame(sec(8));
    CHECK(f.figure == pose_at(demo, followed_position(demo, *m.travel_mm)));
    REQUIRE(f.ghost);
    CHECK(*f.ghost == pose_at(demo, paced_position(Tempo{2, 4}, sec(3))));

    // The roller stops: the figure stays where the roller is; the ghost rolls on.
    st.still(sec(8), sec(9), std::nullopt);
    const DemoFrame a = st.frame(sec(9));
    st.still(sec(9), sec(10), std::nullopt);
    const DemoFrame b = st.frame(sec(10));
    CHECK(a.figure.hip == b.figure.hip);
    REQUIRE(a.ghost);
    REQUIRE(b.ghost);
    CHECK_FALSE(a.ghost->hip == b.ghost->hip);

    // Rolled on by a known amount, the figure moves to the matching place in the movement.
    st.roll(sec(10), sec(11), sec(2), std::nullopt);
    const double travel = *st.state.sensors[0].motion.position_mrev() / 1000.0 * 471;
    CHECK(st.frame(sec(11)).figure == pose_at(demo, followed_position(demo, travel)));
}

TEST_CASE("without a sensor the figure follows the pace, before a segment it holds the start",
          "[demo]") {
    DemoStation st;
    st.state.sensors.clear();
    st.start("demo-mix", sec(0));
    const Demo& demo = *st.state.demos->find(Area::calves, Tool::foam_roller);
    // Get ready: the starting position, breathing.
    const DemoFrame ready = st.frame(ms(1000));
    CHECK(ready.direction == 0);
    CHECK_FALSE(ready.ghost);
    CHECK(ready.figure.hip == pose_at(demo, 0).hip);
    st.tick(sec(5));
    REQUIRE(st.state.session->phase == Phase::active);
    const DemoFrame early = st.frame(sec(5) + ms(750));
    const DemoFrame later = st.frame(sec(5) + ms(1500));
    CHECK(early.figure == pose_at(demo, 0.25));
    CHECK(later.figure == pose_at(demo, 0.5));
    CHECK(early.direction == 1);
    CHECK(st.frame(sec(5) + ms(4000)).direction == -1);
    CHECK_FALSE(early.ghost);
}

TEST_CASE("the right side's demonstration is the left's mirrored", "[demo]") {
    DemoStation st;
    st.roll_glutes_without_sensors();
    REQUIRE(st.state.session->current_step().area == Area::glutes);
    REQUIRE(st.state.session->phase == Phase::active);
    const Demo& demo = *st.state.demos->find(Area::glutes, Tool::lacrosse_ball);
    const Millis in = st.state.session->phase_elapsed + ms(500);
    const DemoFrame f = st.frame(sec(12) + ms(500));
    CHECK(f.figure == pose::mirror(pose_at(demo, paced_position(Tempo{2, 4}, in))));
}

TEST_CASE("hide move lasts the visit and comes back when the kiosk goes home", "[demo]") {
    DemoStation st;
    st.start("demo-mix", sec(0));
    CHECK_FALSE(st.state.demo_hidden);
    st.act(act::ShowDemo{false}, sec(1));
    CHECK(st.state.demo_hidden);
    st.tick(sec(5));
    st.act(act::Control{SessionCommand::skip}, sec(6));
    CHECK(st.state.demo_hidden);  // the next step too
    st.act(act::ShowDemo{true}, sec(7));
    CHECK_FALSE(st.state.demo_hidden);
    st.act(act::ShowDemo{false}, sec(8));
    st.act(act::GoHome{}, sec(9));
    CHECK_FALSE(st.state.demo_hidden);
}

TEST_CASE("too intense: the lacrosse ball gives way to the tennis ball and the event says so",
          "[demo]") {
    DemoStation st;
    st.roll_glutes_without_sensors();
    REQUIRE(st.state.session->current_step().tool == Tool::lacrosse_ball);
    CHECK(st.state.can_ease_off());
    st.act(act::TooIntense{}, sec(13));
    const Step& eased = st.state.session->current_step();
    CHECK(eased.tool == Tool::tennis_ball);
    CHECK(eased.pressure == Pressure::firm);
    // The cues and the demonstration are the tennis ball's.
    CHECK(eased.cues == st.state.demos->find(Area::glutes, Tool::tennis_ball)->cues);
    CHECK(st.state.demos->for_step(eased)->tool == Tool::tennis_ball);
    CHECK(st.state.tool_in_use() == Tool::tennis_ball);
    // Again: on to the foam roller; a third time, the roller's band eases.
    st.act(act::TooIntense{}, sec(14));
    CHECK(st.state.session->current_step().tool == Tool::foam_roller);
    st.act(act::TooIntense{}, sec(15));
    CHECK(st.state.session->current_step().pressure == Pressure::moderate);
    st.act(act::Control{SessionCommand::skip}, sec(16));
    const auto steps = st.of_type(EventType::step_completed);
    REQUIRE(steps.size() == 2);
    CHECK_FALSE(steps[0].eased_from_tool);
    CHECK(steps[1].tool == Tool::foam_roller);
    CHECK(steps[1].eased_from_tool == Tool::lacrosse_ball);  // what the routine first asked
    CHECK(steps[1].eased_from_pressure == Pressure::firm);
    // The routine in the library is untouched.
    CHECK(st.state.library->find("demo-mix")->steps[1].tool == Tool::lacrosse_ball);
}

TEST_CASE("too intense with no softer tool eases the band, down to light", "[demo]") {
    DemoStation st;
    st.roll_glutes_without_sensors();
    st.act(act::Control{SessionCommand::skip}, sec(13));
    st.tick(sec(19));
    REQUIRE(st.state.session->current_step().area == Area::posterior_shoulder);
    st.act(act::TooIntense{}, sec(20));
    CHECK(st.state.session->current_step().tool == Tool::lacrosse_ball);
    CHECK(st.state.session->current_step().pressure == Pressure::light);
    CHECK_FALSE(st.state.can_ease_off());
    const Session before = *st.state.session;
    st.act(act::TooIntense{}, sec(21));
    CHECK(st.state.session->current_step() == before.current_step());
}
