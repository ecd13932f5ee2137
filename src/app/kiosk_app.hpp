// The imperative shell around the kiosk state: SDL events in, actions through the pure update,
// effects out (sound, flash, usage events), and frames drawn only when something changed.
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include "backlight.hpp"
#include "calibration_store.hpp"
#include "inbox.hpp"
#include "io/io_thread.hpp"
#include "kiosk_options.hpp"
#include "mqtt/station_link.hpp"
#include "rollstation/config/setup.hpp"
#include "rollstation/core/clock.hpp"
#include "rollstation/core/kiosk.hpp"
#include "sensors/sensor_hub.hpp"
#include "ui/audio.hpp"
#include "ui/canvas.hpp"
#include "ui/display.hpp"
#include "ui/event_wait.hpp"
#include "ui/input.hpp"
#include "ui/sdl_handles.hpp"
#include "ui/text_cache.hpp"
#include "ui/view.hpp"

namespace rs::app {

using EventSink = std::function<void(const core::UsageEvent&)>;

class KioskApp {
  public:
    KioskApp(const config::Setup& setup, const KioskOptions& options, const core::Clock& clock,
             EventSink sink);
    ~KioskApp();

    // Runs until the window is closed, Escape (windowed) or SIGTERM. Returns the exit code.
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
    const std::vector<ui::Hit>& hits() const { return hits_; }
    // Text the last frame could not show whole (cut, clipped or overlapping): empty when fine.
    const std::vector<ui::LayoutProblem>& layout_problems() const { return layout_problems_; }
    ui::Display& display() { return *display_; }
    const ui::TextCache& text_cache() const { return *text_; }
    const ui::AdminInfo& admin_info() const { return view_.admin_info(); }
    std::uint64_t frames() const { return frames_; }
    bool quit_requested() const { return quit_; }
    // The admin panel asked for a restart: the caller starts the program again after cleanup.
    bool restart_requested() const { return restart_; }
    // Problems met while starting (a sensor port already in use, say); the kiosk runs anyway.
    const std::vector<std::string>& start_errors() const { return start_errors_; }
    void force_redraw() { dirty_ = true; }

    static constexpr core::Millis kStateInterval{500};
    static constexpr core::Millis kTelemetryInterval{1000};
    static constexpr core::Millis kAdminInfoInterval{1000};
    // How often free heap pages go back to the system (heap_trim.hpp says why).
    static constexpr core::Millis kHeapTrimInterval{60'000};
    static constexpr double kAdminCorner = 80;  // design pixels: the hidden admin corner

  private:
    void handle(const SDL_Event& event);
    void on_pointer(const ui::Pointer& pointer);
    void apply_effects(const core::KioskEffects& effects);
    void render(core::Instant now, bool capture, ui::Image* image);
    void rebuild_fonts();
    std::optional<core::Instant> next_wake() const;
    void publish(core::Now now);
    void apply_setup(const config::Setup& setup);
    void run_admin_task(core::AdminTask task);
    void keep_calibration(const std::string& sensor_id, const core::Calibration& c);
    void follow_dimming(bool was_dimmed);
    void refresh_admin_info(core::Instant now);
    void service_hooks(core::Instant now);

    std::unique_ptr<ui::SdlLibrary> sdl_;
    KioskOptions options_;
    const core::Clock& clock_;
    EventSink sink_;
    std::unique_ptr<ui::Display> display_;
    std::unique_ptr<ui::Fonts> fonts_;
    std::unique_ptr<ui::TextCache> text_;
    std::unique_ptr<ui::CuePlayer> audio_;
    std::unique_ptr<ui::EventWaiter> waiter_;
    std::unique_ptr<Inbox> inbox_;
    std::unique_ptr<sensors::SensorHub>
        hub_;  // after the inbox: it is stopped before the inbox goes
    std::vector<std::string> start_errors_;
    ui::View view_;
    ui::PointerTracker pointer_;
    core::KioskState state_;

    std::vector<ui::Hit> hits_;
    std::vector<ui::LayoutProblem> layout_problems_;
    std::optional<ui::Point> pressed_;  // canvas point of a finger that is down
    bool swallow_release_ = false;      // the press woke a dimmed screen: its release is no tap
    bool restart_ = false;
    std::optional<Backlight> backlight_;
    int dim_pct_ = 20;  // display.dim_brightness_pct
    std::optional<CalibrationStore> calibrations_;
    std::vector<std::string> load_problems_;  // from the configuration last loaded
    core::Instant admin_info_at_{};
    core::Instant heartbeat_at_{};
    core::Instant heap_trimmed_at_{};
    bool dirty_ = true;
    bool quit_ = false;
    core::Instant last_frame_{};
    std::string published_state_;  // the state fields last sent, to publish on change only
    core::Instant state_published_at_{};
    bool state_pending_ = false;
    bool state_may_have_changed_ = true;
    core::Instant telemetry_at_{};
    std::uint64_t frames_ = 0;
};

}  // namespace rs::app
