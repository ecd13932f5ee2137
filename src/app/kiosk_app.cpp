#include "app/kiosk_app.hpp"

#include <algorithm>

#include "app/admin_pin.hpp"
#include "app/log.hpp"
#include "app/uuid.hpp"
#include "app/visible_state.hpp"

namespace rs::app {
namespace {

EffectRunnerOptions effect_options(const config::Setup& setup, const KioskOptions& options,
                                   Outbound* outbound) {
    EffectRunnerOptions o;
    o.sound = options.sound;
    o.outbound = outbound;
    o.calibration_file = options.calibration_file;
    o.reload = options.reload;
    o.admin = options.admin;
    if (o.admin.station_id.empty())
        o.admin.station_id = setup.station.station.id;
    o.dims = setup.station.display.dim_after_s > 0;
    o.backlight = setup.station.display.backlight;
    o.backlight_class_dir = options.backlight_class_dir;
    return o;
}

// Every configured sensor is shown (linked or not); only those with a source get one.
std::vector<core::SensorState> configured_sensors(const config::StationConfig& station) {
    core::MotionSettings motion;
    motion.reversal_mrev = station.coaching.reversal_mrev;
    motion.load_newtons = station.coaching.load_newtons;
    std::vector<core::SensorState> sensors;
    for (const auto& c : station.sensors) {
        sensors.emplace_back(
            core::SensorSpec{c.id, c.kind, c.circumference_mm, c.tools, c.weigh_in}, motion);
    }
    return sensors;
}

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
      hooks_(options.service) {
    const core::Now now = clock_.now();
    surface_ = std::make_unique<ui::Surface>(options.display, options.font_dir,
                                             options.text_cache_capacity, now.mono);
    effects_ = std::make_unique<EffectRunner>(effect_options(setup, options, outbound), view_,
                                              [this](const config::Setup& s) { apply_setup(s); });
    inbox_ = std::make_unique<Inbox>(SDL_RegisterEvents(1));
    // A sensor's samples reach the core within 50 ms; screens with live figures draw every
    // refresh anyway and take them then. Waking for each sample (100 Hz) cost more than the rest
    // of an idle kiosk.
    inbox_->set_sensor_patience(core::Millis{50});
    waiter_ = std::make_unique<ui::EventWaiter>(
        [this](int ms) { return inbox_->wait_for(core::Millis{ms}); });
    view_.set_frame_period(surface_->display().refresh_period());
    log_display(surface_->display());
    paced_from_ = now.mono;
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

// What the configuration sets in the kiosk state; at start and again on an admin reload.
void KioskApp::apply_setup(const config::Setup& setup) {
    state_.library = setup.library;
    state_.safety = setup.safety;
    if (setup.demos)
        state_.demos = setup.demos;
    auto& settings = state_.settings;
    settings.idle_timeout_s = setup.station.display.idle_timeout_s;
    settings.dim_after_s = setup.station.display.dim_after_s;
    settings.timing = setup.station.timing;
    settings.zones = setup.station.coaching.zones;
    settings.class_policy = setup.station.class_policy;
    settings.class_confirmation = setup.station.class_confirmation;
    settings.house_language = setup.station.station.language;
    settings.languages = setup.station.display.languages;
    state_.use_house_language();  // a new house language is spoken from now on
    settings.admin.pin_matches = nullptr;
    if (const std::string hash = setup.station.admin.pin_hash; !hash.empty())
        settings.admin.pin_matches = [hash](const std::string& pin) {
            return pin_matches(pin, hash);
        };
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
        redraw_ = true;  // a finger or a cue: shown at once
        publisher_.note_change();
    } else if (!(before == visible(state_))) {
        // Sensors report up to 200 times a second: their figures wait for the next refresh.
        stale_ = true;
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
            redraw_ = true;
            return;
        case SDL_RENDER_TARGETS_RESET:
        case SDL_RENDER_DEVICE_RESET:
            surface_->forget_still();  // the driver dropped what textures held
            redraw_ = true;
            return;
        default:
            break;
    }
    const ui::TapRecognizer::Context context{state_.dimmed, state_.admin.hold_since.has_value(),
                                             surface_->scale().px(kAdminCorner)};
    if (auto meaning = taps_.on_event(e, display(), hits(), context)) {
        redraw_ = redraw_ || meaning->redraw;
        for (const core::Action& action : meaning->actions)
            dispatch(action);
    }
}

void KioskApp::render(core::Instant now, ui::Image* capture) {
    surface_->draw(view_, state_, now, taps_.pressed_point(), capture);
    redraw_ = false;
    stale_ = false;
}

// An animation's frames keep to the display's cadence: a frame drawn a little after its slot
// counts from the slot, so waking late now and then does not slow the motion down.
void KioskApp::render_paced(core::Instant now, std::optional<core::Instant> slot) {
    render(now, nullptr);
    paced_from_ = slot && now - *slot < view_.frame_period() ? *slot : now;
}

std::optional<core::Instant> KioskApp::next_refresh() const {
    const auto due = view_.next_frame(state_, paced_from_);
    if (!stale_)
        return due;
    const core::Instant refresh = paced_from_ + view_.frame_period();
    return due && *due < refresh ? due : refresh;
}

ui::Image KioskApp::render_and_capture() {
    ui::Image image;
    render(clock_.now().mono, &image);
    return image;
}

std::optional<core::Instant> KioskApp::next_wake() const {
    std::optional<core::Instant> wake;
    for (const auto& due : {core::next_deadline(state_), publisher_.next_due(state_),
                            next_refresh(), hooks_.next_due()}) {
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
    publisher_.publish(state_, clock_.now());
    const core::Instant now = clock_.now().mono;
    if (effects_->admin_info_due(state_, now)) {
        effects_->refresh_admin_info(now);
        redraw_ = true;
    }
    const auto frame_due = next_refresh();
    if (redraw_) {
        render_paced(now, std::nullopt);
    } else if (frame_due && *frame_due <= now) {
        render_paced(now, frame_due);
    }
    hooks_.turn(now, surface_->frames());
    effects_->rest_audio();
}

void KioskApp::wait_and_pump(core::Millis limit) {
    core::Millis wait = limit;
    if (redraw_) {
        wait = core::Millis{0};
    } else if (auto wake = next_wake()) {
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
