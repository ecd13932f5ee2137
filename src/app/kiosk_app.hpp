// The kiosk's loop: SDL events and posted actions in, through the pure update, effects out to
// the effect runner, the state to its publisher, and a frame drawn only when one is due.
#pragma once

#include <memory>
#include <optional>

#include "app/effect_runner.hpp"
#include "app/frame_pacer.hpp"
#include "app/inbox.hpp"
#include "app/kiosk_options.hpp"
#include "app/outbound.hpp"
#include "app/service_hooks.hpp"
#include "app/state_publisher.hpp"
#include "rollstation/config/setup.hpp"
#include "rollstation/core/clock.hpp"
#include "rollstation/core/kiosk.hpp"
#include "sensors/sensor_hub.hpp"
#include "ui/event_wait.hpp"
#include "ui/sdl_handles.hpp"
#include "ui/surface.hpp"
#include "ui/tap_recognizer.hpp"
#include "ui/view.hpp"

namespace rs::app {

class KioskApp {
  public:
    // `outbound` (may be null) hears every usage event, command result, state and telemetry.
    KioskApp(const config::Setup& setup, const KioskOptions& options, const core::Clock& clock,
             Outbound* outbound);
    ~KioskApp();

    // Runs until the window is closed, Escape (windowed), SIGTERM or a restart. Returns 0.
    int run();
    // Handles every pending event without waiting, moves time on, draws if a frame is due.
    void pump();
    // Waits for the next event or deadline (at most `limit`), then pumps.
    void wait_and_pump(core::Millis limit);

    void dispatch(const core::Action& action);
    // From any thread: the action is handled on the UI thread at its next turn.
    void post(core::Action action) { inbox_->post(std::move(action)); }
    // Draws now (even if nothing changed) and returns the picture, as a person would see it.
    ui::Image render_and_capture();

    const core::KioskState& state() const { return state_; }
    const std::vector<ui::Hit>& hits() const { return surface_->hits(); }
    // Text the last frame could not show whole (cut, clipped or overlapping): empty when fine.
    const std::vector<ui::LayoutProblem>& layout_problems() const {
        return surface_->layout_problems();
    }
    ui::Display& display() { return surface_->display(); }
    const ui::TextCache& text_cache() const { return surface_->text_cache(); }
    const ui::AdminInfo& admin_info() const { return view_.admin_info(); }
    std::uint64_t frames() const { return surface_->frames(); }
    // What the last frame drew: the retained still picture kept or drawn again, and draw calls.
    const ui::FrameReport& last_frame_report() const { return surface_->last_report(); }
    bool quit_requested() const { return quit_ || effects_->restart_requested(); }
    // The admin panel asked for a restart: the caller starts the program again after cleanup.
    bool restart_requested() const { return effects_->restart_requested(); }
    // Problems met while starting (a sensor port already in use, say); the kiosk runs anyway.
    const std::vector<std::string>& start_errors() const { return effects_->start_errors(); }
    void force_redraw() { pacer_.redraw_now(); }

    static constexpr double kAdminCorner = 80;  // design pixels: the hidden admin corner

  private:
    void handle(const SDL_Event& event);
    std::optional<core::Instant> next_wake() const;
    void apply_setup(const config::Setup& setup);

    std::unique_ptr<ui::SdlLibrary> sdl_;
    const core::Clock& clock_;
    ui::View view_;
    core::KioskState state_;
    std::unique_ptr<ui::Surface> surface_;
    std::unique_ptr<EffectRunner> effects_;
    std::unique_ptr<Inbox> inbox_;
    std::unique_ptr<ui::EventWaiter> waiter_;
    std::unique_ptr<sensors::SensorHub> hub_;  // after the inbox: stopped before it goes
    ui::TapRecognizer taps_;
    StatePublisher publisher_;
    ServiceHooks hooks_;
    FramePacer pacer_;  // after the view it asks for an animation's next frame
    bool quit_ = false;
};

}  // namespace rs::app
