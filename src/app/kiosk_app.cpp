#include "app/kiosk_app.hpp"

#include <algorithm>

#include "app/kiosk_setup.hpp"
#include "app/log.hpp"
#include "app/uuid.hpp"
#include "app/visible_state.hpp"

namespace rs::app {
namespace {

// Which renderer runs and how frames are paced: the first thing to know about a slow screen.
void log_display(const ui::Display& display) {
    const ui::Size size = display.window_size();
    const auto hz = std::chrono::seconds{1} / display.refresh_period();
    log_info("display: " + display.video_driver() + " video, " + display.renderer_name() +
             " renderer, " + std::to_string(size.w) + "x" + std::to_string(size.h) + ", frames " +
             (display.vsync() ? "paced by vsync"
                              : "paced by the loop at " + std::to_string(hz) + " Hz"));
}

}  // namespace

KioskApp::KioskApp(const config::Setup& setup, const KioskOptions& options,
                   const core::Clock& clock, Outbound* outbound)
    : sdl_(std::make_unique<ui::SdlLibrary>(SDL_INIT_VIDEO | SDL_INIT_EVENTS)),
      clock_(clock),
      view_(setup.station.station.name.empty() ? "Roller station" : setup.station.station.name),
      publisher_(outbound),
      hooks_(options.service),
      pacer_(view_, clock.now().mono) {
    const core::Now now = clock_.now();
    surface_ = std::make_unique<ui::Surface>(options.display, options.font_dir,
                                             options.text_cache_capacity, now.mono);
    effects_ = std::make_unique<EffectRunner>(effect_options(setup, options, outbound), view_,
                                              [this](const config::Setup& s) { apply_setup(s); });
    inbox_ = std::make_unique<Inbox>(SDL_RegisterEvents(1));
    waiter_ = std::make_unique<ui::EventWaiter>(
        [this](int ms) { return inbox_->wait_for(core::Millis{ms}); });
    view_.set_frame_period(surface_->display().refresh_period());
    log_display(surface_->display());
    apply_setup(setup);
    state_.sensors = configured_sensors(setup.station);
    if (!options.sensors.empty()) {
        sensors::Outputs out;
        out.post = [inbox = inbox_.get()](core::Action a) { inbox->post(std::move(a)); };
        out.report = [](const std::string& sensor, const std::string& problem) {
            log_warning("sensor " + sensor + ": " + problem);
        };
        auto& errors = effects_->start_errors();
        hub_ = options.io
                   ? std::make_unique<sensors::SensorHub>(*options.io, options.sensors, out, errors)
                   : std::make_unique<sensors::SensorHub>(options.sensors, out, errors);
    }
    const Calibrations kept = effects_->kept_calibrations();
    for (auto& sensor : state_.sensors) {
        if (auto it = kept.find(sensor.spec.id); it != kept.end())
            sensor.calibration = it->second;
    }
    state_.last_input = now.mono;
}

KioskApp::~KioskApp() {
    hub_.reset();  // no more posts from the I/O thread
}

// What the configuration sets in the kiosk and its effects; at start and again on an admin reload.
void KioskApp::apply_setup(const config::Setup& setup) {
    apply_to_state(setup, state_);
    effects_->set_dim_level(setup.station.display.dim_brightness_pct);
    std::vector<std::string> problems;
    for (const auto& e : setup.errors)
        problems.push_back(e.to_string());
    effects_->set_load_problems(std::move(problems));
}

void KioskApp::dispatch(const core::Action& action) {
    core::Action filled = action;
    if (auto* start = core::action_as<core::act::StartRoutine>(filled);
        start && start->session_id.empty()) {
        start->session_id = make_uuid();
    }
    // Taps always redraw (pressed buttons); the clock and sensors only when it shows.
    const bool from_athlete = core::is_from_athlete(filled);
    const Visible before = visible(state_);
    const bool was_dimmed = state_.dimmed;
    core::KioskUpdate result = core::update(std::move(state_), std::move(filled), clock_.now());
    state_ = std::move(result.state);
    effects_->run(result.effects, clock_.now().mono);
    effects_->follow_dimming(was_dimmed, state_.dimmed);
    if (from_athlete || !result.effects.cues.empty()) {
        pacer_.redraw_now();  // a finger or a cue: shown at once
        publisher_.note_change();
    } else if (!(before == visible(state_))) {
        // Sensors report up to 200 times a second: their figures wait for the next refresh.
        pacer_.mark_stale();
        publisher_.note_change();  // everything the state payload holds is on the screen
    }
}

void KioskApp::handle(const SDL_Event& e) {
    switch (e.type) {
        case SDL_QUIT:
            quit_ = true;
            return;
        case SDL_KEYDOWN:
            if (e.key.keysym.sym == SDLK_ESCAPE && display().escape_quits())
                quit_ = true;
            return;
        case SDL_WINDOWEVENT:
            if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED ||
                e.window.event == SDL_WINDOWEVENT_RESIZED) {
                surface_->follow_resize();
            }
            // Exposed, resized or restored: the old picture may be gone, so the next frame is
            // drawn and shown whole.
            surface_->forget_still();
            pacer_.redraw_now();
            return;
        case SDL_RENDER_TARGETS_RESET:
        case SDL_RENDER_DEVICE_RESET:
            surface_->forget_still();  // the driver dropped what textures held
            pacer_.redraw_now();
            return;
        default:
            break;
    }
    const ui::TapRecognizer::Context context{state_.dimmed, state_.admin.hold_since.has_value(),
                                             surface_->scale().px(kAdminCorner)};
    if (auto meaning = taps_.on_event(e, display(), hits(), context)) {
        if (meaning->redraw)
            pacer_.redraw_now();
        for (const core::Action& action : meaning->actions)
            dispatch(action);
    }
}

ui::Image KioskApp::render_and_capture() {
    ui::Image image;
    surface_->draw(view_, state_, clock_.now().mono, taps_.pressed_point(), &image);
    pacer_.drawn_out_of_turn();
    return image;
}

std::optional<core::Instant> KioskApp::next_wake() const {
    std::optional<core::Instant> wake;
    for (const auto& due : {core::next_deadline(state_), publisher_.next_due(state_),
                            pacer_.next_frame(state_), hooks_.next_due()}) {
        if (due && (!wake || *due < *wake))
            wake = due;
    }
    return wake;
}

void KioskApp::pump() {
    SDL_Event e;
    while (SDL_PollEvent(&e))
        handle(e);
    for (auto& action : inbox_->take())
        dispatch(action);
    dispatch(core::act::Tick{});
    // Samples reach the core within 50 ms where the screen shows their figures, and within a
    // quarter second elsewhere (a roller's link shows at once; a link is not a sample). Waking
    // for each sample (100 Hz) cost more than the rest of an idle kiosk.
    inbox_->set_sensor_patience(shows_sensor_figures(state_) ? core::Millis{50}
                                                             : core::Millis{250});
    publisher_.publish(state_, clock_.now());
    const core::Instant now = clock_.now().mono;
    if (effects_->admin_info_due(state_, now)) {
        effects_->refresh_admin_info(now);
        pacer_.redraw_now();
    }
    if (const auto slot = pacer_.due(state_, now)) {
        surface_->draw(view_, state_, now, taps_.pressed_point(), nullptr);
        pacer_.drawn(now, *slot);
    }
    hooks_.turn(now, surface_->frames());
    effects_->rest_audio();
}

void KioskApp::wait_and_pump(core::Millis limit) {
    core::Millis wait = limit;
    if (auto wake = next_wake()) {
        wait = std::clamp(std::chrono::ceil<core::Millis>(*wake - clock_.now().mono),
                          core::Millis{0}, limit);
    }
    if (const auto cap = inbox_->sensor_wait_cap())
        wait = std::min(wait, std::chrono::duration_cast<core::Millis>(*cap));
    SDL_Event e;
    if (waiter_->wait(&e, static_cast<int>(wait.count())))
        handle(e);
    pump();
}

int KioskApp::run() {
    while (!quit_requested())
        wait_and_pump(core::Millis{60'000});
    return 0;
}

}  // namespace rs::app
