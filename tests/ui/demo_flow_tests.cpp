// The demonstration's controls and the summary's progression, by touch on the real kiosk.
#include "ui/harness.hpp"

using namespace rs;
using core::Screen;

namespace {

void start(test::HeadlessKiosk& k, const std::string& id) {
    k.app->dispatch(core::act::OpenLibrary{});
    k.app->dispatch(core::act::OpenRoutine{id});
    k.app->dispatch(core::act::StartRoutine{"demo-flow"});
    k.app->dispatch(core::act::AcknowledgeSafety{});
    k.app->pump();
}

}  // namespace

TEST_CASE("too intense by touch swaps a lacrosse-ball step and the event records it",
          "[ui][demo]") {
    test::HeadlessKiosk k({800, 480});
    start(k, "lacrosse-ball-hips");
    k.advance(core::Millis{5000});
    REQUIRE(k.state().session->phase == core::Phase::active);
    REQUIRE(k.state().session->current_step().tool == core::Tool::lacrosse_ball);
    k.tap<core::act::TooIntense>();
    CHECK(k.state().session->current_step().tool == core::Tool::tennis_ball);
    k.control(core::SessionCommand::skip);
    const auto step = std::find_if(k.events.begin(), k.events.end(), [](const auto& e) {
        return e.type == core::EventType::step_completed;
    });
    REQUIRE(step != k.events.end());
    CHECK(step->tool == core::Tool::tennis_ball);
    CHECK(step->eased_from_tool == core::Tool::lacrosse_ball);
}

TEST_CASE("hide move by touch, shown again after the kiosk goes home", "[ui][demo]") {
    test::HeadlessKiosk k({800, 480});
    start(k, "pre-run");
    k.advance(core::Millis{5000});
    k.tap<core::act::ShowDemo>([](const core::act::ShowDemo& a) { return !a.shown; });
    CHECK(k.state().demo_hidden);
    CHECK(k.on_screen<core::act::ShowDemo>());  // "Show move" takes its place
    k.app->dispatch(core::act::GoHome{});
    CHECK_FALSE(k.state().demo_hidden);
}

TEST_CASE("a finished routine that declares a progression offers it on the summary",
          "[ui][demo][summary]") {
    test::HeadlessKiosk k({800, 480});
    start(k, "tennis-ball-glutes");
    for (int guard = 0; guard < 100 && k.state().session_running(); ++guard) {
        k.app->dispatch(core::act::Control{core::SessionCommand::skip});
        k.advance(core::Millis{200});
    }
    REQUIRE(k.state().screen == Screen::summary);
    k.app->render_and_capture();
    REQUIRE(k.on_screen<core::act::OpenRoutine>());
    k.tap<core::act::OpenRoutine>();
    CHECK(k.state().screen == Screen::detail);
    CHECK(k.state().selected == "lacrosse-ball-hips");
}

TEST_CASE("a stopped routine offers no progression", "[ui][demo][summary]") {
    test::HeadlessKiosk k({800, 480});
    start(k, "tennis-ball-glutes");
    k.app->dispatch(core::act::RequestStop{});
    k.app->dispatch(core::act::ConfirmStop{});
    k.app->pump();
    REQUIRE(k.state().screen == Screen::summary);
    CHECK_FALSE(k.on_screen<core::act::OpenRoutine>());
}
