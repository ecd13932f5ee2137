// A headless kiosk for tests: the real app on SDL's dummy video driver and software renderer,
// driven by injected touch events and a fake clock.
#pragma once

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <memory>
#include <vector>

#include "app/kiosk_app.hpp"
#include "kit/recording_outbound.hpp"
#include "sensors/simulator.hpp"
#include "ui/words.hpp"

namespace rs::test {

// The catalogues built beside the tests (po/ compiled into the build tree).
inline void use_build_catalogues() {
    ui::use_catalogues(ROLLSTATION_BUILD_LOCALE_DIR);
}
// For a test that needs the shipped catalogues, whatever an earlier test pointed gettext at.
struct BuildCatalogues {
    BuildCatalogues() { use_build_catalogues(); }
};

inline config::Setup demo_setup_with_sensor() {
    config::Setup setup =
        config::load_setup(std::filesystem::path(ROLLSTATION_SOURCE_DIR) / "config/demo.yaml", {});
    REQUIRE(setup.valid());
    REQUIRE(setup.station.sensors.size() == 1);
    return setup;
}

// The demo station without its sensor: screens that do not depend on live data.
inline config::Setup demo_setup() {
    config::Setup setup = demo_setup_with_sensor();
    setup.station.sensors.clear();
    return setup;
}

class HeadlessKiosk {
  public:
    explicit HeadlessKiosk(ui::Size size, int rotation = 0, config::Setup setup = demo_setup(),
                           const std::function<void(app::KioskOptions&)>& adjust = {}) {
        setenv("SDL_VIDEODRIVER", "dummy", 1);
        setenv("SDL_AUDIODRIVER", "dummy", 1);
        use_build_catalogues();  // as the kiosk's main does with the installed ones
        app::KioskOptions options;
        options.display.fullscreen = false;
        options.display.size = size;
        options.display.rotation = rotation;
        options.display.software = true;
        options.sound = false;
        options.backlight_class_dir = "/nonexistent";  // never the test machine's own panel
        if (adjust)
            adjust(options);
        app = std::make_unique<app::KioskApp>(setup, options, clock, &outbound);
        app->pump();
    }

    // A finger down and up at a canvas point (window and canvas agree when not rotated).
    void tap_window(ui::Point p) {
        finger(SDL_FINGERDOWN, p);
        finger(SDL_FINGERUP, p);
        app->pump();
    }
    // A finger that stays down (until release()).
    void press(ui::Point p) {
        finger(SDL_FINGERDOWN, p);
        app->pump();
    }
    void release(ui::Point p) {
        finger(SDL_FINGERUP, p);
        app->pump();
    }
    void finger(Uint32 type, ui::Point p) {
        const ui::Size w = app->display().window_size();
        SDL_Event e{};
        e.type = type;
        e.tfinger.touchId = 1;
        e.tfinger.fingerId = 7;
        e.tfinger.x = (p.x + 0.5f) / static_cast<float>(w.w);
        e.tfinger.y = (p.y + 0.5f) / static_cast<float>(w.h);
        SDL_PushEvent(&e);
    }

    // Taps the topmost target whose action is of type A (and matches `pred`, if given).
    template <typename A, typename Pred>
    void tap(Pred pred) {
        const ui::Hit* found = nullptr;
        for (const auto& hit : app->hits()) {
            if (const auto* a = core::action_as<A>(hit.action); a && pred(*a))
                found = &hit;
        }
        INFO("no target for the action on screen " << static_cast<int>(app->state().screen));
        REQUIRE(found != nullptr);
        tap_window(found->rect.center());
    }
    template <typename A>
    void tap() {
        tap<A>([](const A&) { return true; });
    }
    void control(core::SessionCommand c) {
        tap<core::act::Control>([c](const core::act::Control& a) { return a.command == c; });
    }

    template <typename A>
    bool on_screen() const {
        for (const auto& hit : app->hits()) {
            if (core::action_is<A>(hit.action))
                return true;
        }
        return false;
    }

    // Moves the fake clock in small steps, pumping as the real loop would.
    void advance(core::Millis total, core::Millis step = core::Millis{250}) {
        while (total > core::Millis{0}) {
            const core::Millis d = std::min(total, step);
            clock.advance(d);
            app->pump();
            total -= d;
        }
    }

    const core::KioskState& state() const { return app->state(); }

    core::FakeClock clock;
    kit::RecordingOutbound outbound;
    std::vector<core::UsageEvent>& events = outbound.events;
    std::unique_ptr<app::KioskApp> app;
};

// Plays `seconds` of a simulated roller into the kiosk from `t` on, in 100 ms batches of fake
// time, as the demo's roller would send them.
inline void play_roller(HeadlessKiosk& k, sensors::Simulator& sim, double& t, double seconds,
                        const std::string& sensor_id = "demo-roller") {
    core::wire::Parser parser;
    for (double end = t + seconds; t < end; t += 0.1) {
        core::act::SensorBatch batch;
        batch.sensor_id = sensor_id;
        parser.feed(sim.emit_until(t),
                    [&](const core::wire::Message& m) { batch.messages.push_back(m); });
        batch.counters = parser.counters();
        k.app->dispatch(batch);
        k.advance(core::Millis{100}, core::Millis{100});
    }
}

// Holds the hidden admin corner until the PIN pad opens, then enters `digits` (a wrong PIN
// leaves the pad up, saying so).
inline void enter_pin(HeadlessKiosk& k, std::initializer_list<int> digits) {
    if (k.state().admin.view != core::AdminView::pin) {
        k.app->dispatch(core::act::AdminCorner{true});
        k.advance(core::kAdminHold);
    }
    for (int d : digits)
        k.app->dispatch(core::act::PinDigit{d});
    k.app->dispatch(core::act::PinEnter{});
}

}  // namespace rs::test
