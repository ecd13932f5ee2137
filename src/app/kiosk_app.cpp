#include "kiosk_app.hpp"

#include <algorithm>
#include <tuple>

#include "admin_pin.hpp"
#include "heap_trim.hpp"
#include "host_info.hpp"
#include "log.hpp"
#include "mqtt/payloads.hpp"
#include "uuid.hpp"
#include "visible_state.hpp"

namespace rs::app {

KioskApp::KioskApp(const config::Setup& setup, const KioskOptions& options,
                   const core::Clock& clock, EventSink sink)
    : sdl_(std::make_unique<ui::SdlLibrary>(SDL_INIT_VIDEO | SDL_INIT_EVENTS)),
      options_(options),
      clock_(clock),
      sink_(std::move(sink)),
      view_(setup.station.station.name.empty() ? "Roller station" : setup.station.station.name) {
    display_ = std::make_unique<ui::Display>(options.display);
    rebuild_fonts();
    audio_ = std::make_unique<ui::CuePlayer>(options.sound);
    inbox_ = std::make_unique<Inbox>(SDL_RegisterEvents(1));
    waiter_ = std::make_unique<ui::EventWaiter>(
        [this](int ms) { return inbox_->wait_for(core::Millis{ms}); });
    apply_setup(setup);
    core::MotionSettings motion;
    motion.reversal_mrev = setup.station.coaching.reversal_mrev;
    motion.load_newtons = setup.station.coaching.load_newtons;
    // Every configured sensor is shown (linked or not); only those with a source get one.
    for (const auto& configured : setup.station.sensors) {
        state_.sensors.emplace_back(
            core::SensorSpec{configured.id, configured.kind, configured.circumference_mm,
                             configured.tools, configured.weigh_in},
            motion);
    }
    if (!options.sensors.empty()) {
        sensors::Outputs out;
        out.post = [inbox = inbox_.get()](core::Action a) { inbox->post(std::move(a)); };
        out.report = [](const std::string& sensor, const std::string& problem) {
            log_warning("sensor " + sensor + ": " + problem);
        };
        hub_ = options.io
                   ? std::make_unique<sensors::SensorHub>(*options.io, options.sensors, out,
                                                          start_errors_)
                   : std::make_unique<sensors::SensorHub>(options.sensors, out, start_errors_);
    }
    if (!options.calibration_file.empty()) {
        calibrations_.emplace(options.calibration_file);
        std::string problem;
        const Calibrations kept = calibrations_->load(problem);
        if (!problem.empty())
            start_errors_.push_back(problem);
        for (auto& sensor : state_.sensors) {
            if (auto it = kept.find(sensor.spec.id); it != kept.end())
                sensor.calibration = it->second;
        }
    }
    if (setup.station.display.dim_after_s > 0) {
        std::string problem;
        backlight_ =
            Backlight::find(setup.station.display.backlight, options.backlight_class_dir, problem);
        if (!problem.empty())
            start_errors_.push_back(problem);
    }
    view_.set_dimmed_picture(backlight_ ? 100 : dim_pct_);
    if (options_.admin.station_id.empty())
        options_.admin.station_id = setup.station.station.id;
    const core::Now now = clock_.now();
    state_.last_input = now.mono;
    last_frame_ = now.mono;
}

KioskApp::~KioskApp() {
    if (backlight_ && state_.dimmed) {
        std::string ignored;  // the next start would find the panel dark
        backlight_->restore(ignored);
    }
    hub_.reset();  // no more posts from the I/O thread
    // Textures and fonts must go before the renderer and SDL itself.
    text_.reset();
    fonts_.reset();
    audio_.reset();
    display_.reset();
}

// What the configuration sets in the kiosk state; at start and again on an admin reload.
void KioskApp::apply_setup(const config::Setup& setup) {
    state_.library = setup.library;
    state_.safety = setup.safety;
    if (setup.demos)
        state_.demos = setup.demos;
    state_.settings.idle_timeout_s = setup.station.display.idle_timeout_s;
    state_.settings.dim_after_s = setup.station.display.dim_after_s;
    dim_pct_ = setup.station.display.dim_brightness_pct;
    state_.settings.timing = setup.station.timing;
    state_.settings.zones = setup.station.coaching.zones;
    state_.settings.class_policy = setup.station.class_policy;
    state_.settings.class_confirmation = setup.station.class_confirmation;
    const std::string hash = setup.station.admin.pin_hash;
    state_.settings.admin.pin_matches = nullptr;
    if (!hash.empty())
        state_.settings.admin.pin_matches = [hash](const std::string& pin) {
            return pin_matches(pin, hash);
        };
    load_problems_.clear();
    for (const auto& e : setup.errors)
        load_problems_.push_back(e.to_string());
}

void KioskApp::rebuild_fonts() {
    const std::filesystem::path dir =
        options_.font_dir.empty() ? ROLLSTATION_FONT_DIR : options_.font_dir;
    text_.reset();
    fonts_ = std::make_unique<ui::Fonts>(dir, ui::Scale(display_->canvas_size()).unit());
    text_ = std::make_unique<ui::TextCache>(display_->renderer(), *fonts_,
                                            options_.text_cache_capacity);
}

void KioskApp::dispatch(const core::Action& action) {
    core::Action filled = action;
    if (auto* start = std::get_if<core::act::StartRoutine>(&filled);
        start && start->session_id.empty()) {
        start->session_id = make_uuid();
    }
    // Taps always redraw (pressed buttons); the clock and sensors only when it shows.
    const bool from_athlete = core::is_from_athlete(filled);
    const Visible before = visible(state_);
    const bool was_dimmed = state_.dimmed;
    core::KioskUpdate result = core::update(std::move(state_), std::move(filled), clock_.now());
    state_ = std::move(result.state);
    apply_effects(result.effects);
    follow_dimming(was_dimmed);
    if (from_athlete || !result.effects.cues.empty() || !(before == visible(state_))) {
        dirty_ = true;
        state_may_have_changed_ = true;  // everything the state payload holds is on screen
    }
}

void KioskApp::apply_effects(const core::KioskEffects& effects) {
    for (const core::CommandResult& r : effects.results) {
        if (options_.link)
            options_.link->publish_result(r);
        log_info("command " + r.command_id + ": " + std::string(core::name_of(r.outcome)) +
                 (r.reason.empty() ? "" : " (" + r.reason + ")"));
    }
    const core::Instant now = clock_.now().mono;
    for (core::Cue cue : effects.cues) {
        audio_->play(cue);
        if (cue != core::Cue::countdown)
            view_.flash(now);
    }
    for (const core::UsageEvent& event : effects.events) {
        if (sink_)
            sink_(event);
    }
    for (const auto& [sensor, calibration] : effects.calibrations)
        keep_calibration(sensor, calibration);
    for (core::AdminTask task : effects.admin_tasks)
        run_admin_task(task);
}

void KioskApp::keep_calibration(const std::string& sensor_id, const core::Calibration& c) {
    log_info("sensor " + sensor_id + ": calibration zero " + std::to_string(c.zero_n) +
             " N, scale " + std::to_string(c.scale));
    if (!calibrations_) {
        view_.admin_info().notice = "Calibrated until the next start (no state directory)";
        return;
    }
    try {
        calibrations_->save(sensor_id, c);
    } catch (const std::exception& e) {
        log_error(std::string("calibration not kept: ") + e.what());
        view_.admin_info().notice = "Calibration not saved: " + std::string(e.what());
    }
}

void KioskApp::run_admin_task(core::AdminTask task) {
    std::string& notice = view_.admin_info().notice;
    switch (task) {
        case core::AdminTask::test_sound:
            audio_->play(core::Cue::finished);
            notice = "Played the end-of-routine sound";
            return;
        case core::AdminTask::restart:
            log_info("restart asked for on the admin screen");
            restart_ = true;
            quit_ = true;
            return;
        case core::AdminTask::reload: {
            if (!options_.reload) {
                notice = "Nothing to reload from";
                return;
            }
            std::string problem;
            const auto setup = options_.reload(problem);
            if (!setup) {
                notice = "Reload refused: " + problem + "; the running configuration stays";
                log_warning(notice);
                return;
            }
            apply_setup(*setup);
            notice = "Reloaded: " + std::to_string(setup->library->routines().size()) +
                     " routines, " + std::to_string(setup->skipped_files.size()) +
                     " files skipped (sensor and broker changes apply after a restart)";
            log_info(notice);
            return;
        }
    }
}

// The backlight follows the dimmed state; without one the picture is shaded instead.
void KioskApp::follow_dimming(bool was_dimmed) {
    if (state_.dimmed == was_dimmed || !backlight_)
        return;
    std::string problem;
    const bool done =
        state_.dimmed ? backlight_->dim(dim_pct_, problem) : backlight_->restore(problem);
    if (!done) {
        log_warning(problem);
        backlight_.reset();  // said once; from now on the picture is shaded
        view_.set_dimmed_picture(dim_pct_);
    }
}

void KioskApp::handle(const SDL_Event& e) {
    switch (e.type) {
        case SDL_QUIT:
            quit_ = true;
            return;
        case SDL_KEYDOWN:
            if (e.key.keysym.sym == SDLK_ESCAPE && options_.escape_quits)
                quit_ = true;
            return;
        case SDL_WINDOWEVENT:
            if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED ||
                e.window.event == SDL_WINDOWEVENT_RESIZED) {
                if (display_->refresh_size())
                    rebuild_fonts();
            }
            dirty_ = true;  // exposed, resized or restored: the old picture may be gone
            return;
        default:
            break;
    }
    if (auto pointer = pointer_.translate(e, display_->window_size()))
        on_pointer(*pointer);
}

void KioskApp::on_pointer(const ui::Pointer& pointer) {
    const ui::Point at = display_->to_canvas(pointer.at);
    // A dimmed screen: the touch wakes it and does nothing else, down to its release.
    if (pointer.kind == ui::Pointer::Kind::down && state_.dimmed) {
        swallow_release_ = true;
        dispatch(core::act::Wake{});
        return;
    }
    if (pointer.kind == ui::Pointer::Kind::up && std::exchange(swallow_release_, false))
        return;
    // The hidden admin gesture: a finger held on the top-left corner.
    const int corner = ui::Scale(display_->canvas_size()).px(kAdminCorner);
    if (pointer.kind == ui::Pointer::Kind::down && at.x < corner && at.y < corner)
        dispatch(core::act::AdminCorner{true});
    else if (state_.admin.hold_since)
        dispatch(core::act::AdminCorner{false});
    const auto hit_at = [&](ui::Point p) -> const ui::Hit* {
        // The last target drawn is on top.
        for (auto it = hits_.rbegin(); it != hits_.rend(); ++it) {
            if (it->rect.contains(p))
                return &*it;
        }
        return nullptr;
    };
    if (pointer.kind == ui::Pointer::Kind::down) {
        pressed_ = at;
        dirty_ = true;
        return;
    }
    // A tap counts where the finger was lifted, if it went down on the same target.
    const ui::Hit* down = pressed_ ? hit_at(*pressed_) : nullptr;
    const ui::Hit* up = hit_at(at);
    pressed_.reset();
    dirty_ = true;
    if (down && up == down) {
        const core::Action action = up->action;  // dispatch may redraw and replace hits_
        dispatch(action);
    }
}

void KioskApp::render(core::Instant now, bool capture, ui::Image* image) {
    display_->begin_frame();
    ui::Canvas canvas(display_->renderer(), *text_, *fonts_, ui::Scale(display_->canvas_size()));
    canvas.set_pressed_point(pressed_);
    view_.draw(canvas, state_, now);
    hits_ = canvas.hits();
    layout_problems_ = canvas.layout_problems();
    if (capture && image)
        *image = display_->capture();
    display_->present();
    last_frame_ = now;
    dirty_ = false;
    ++frames_;
}

ui::Image KioskApp::render_and_capture() {
    ui::Image image;
    render(clock_.now().mono, true, &image);
    return image;
}

// State on change (at most twice a second), telemetry once a second while a session runs.
void KioskApp::publish(core::Now now) {
    mqtt::StationLink* link = options_.link;
    if (!link)
        return;
    // Only when something visible changed: no JSON on every animation frame.
    if (std::exchange(state_may_have_changed_, false)) {
        std::string fields = mqtt::state_fields(state_).dump();
        if (fields != published_state_) {
            published_state_ = std::move(fields);
            state_pending_ = true;
        }
    }
    if (state_pending_ && now.mono - state_published_at_ >= kStateInterval) {
        link->publish_state(mqtt::state_payload(state_, now.wall));
        state_published_at_ = now.mono;
        state_pending_ = false;
    }
    if (state_.session_running() && now.mono - telemetry_at_ >= kTelemetryInterval) {
        link->publish_telemetry(mqtt::telemetry_payload(state_, now.wall));
        telemetry_at_ = now.mono;
    }
}

std::optional<core::Instant> KioskApp::next_wake() const {
    auto wake = core::next_deadline(state_);
    const auto consider = [&](core::Instant t) {
        if (!wake || t < *wake)
            wake = t;
    };
    if (options_.link && state_pending_)
        consider(state_published_at_ + kStateInterval);
    if (options_.link && state_.session_running())
        consider(telemetry_at_ + kTelemetryInterval);
    if (auto frame = view_.next_frame(state_, last_frame_)) {
        if (!wake || *frame < *wake)
            wake = frame;
    }
    if (options_.heartbeat && options_.heartbeat_every)
        consider(heartbeat_at_ + *options_.heartbeat_every);
    return wake;
}

void KioskApp::pump() {
    SDL_Event e;
    while (SDL_PollEvent(&e))
        handle(e);
    for (auto& action : inbox_->take())
        dispatch(action);
    dispatch(core::act::Tick{});
    publish(clock_.now());
    const core::Instant now = clock_.now().mono;
    if (state_.admin.view == core::AdminView::panel && now - admin_info_at_ >= kAdminInfoInterval)
        refresh_admin_info(now);
    const auto frame_due = view_.next_frame(state_, last_frame_);
    if (dirty_ || (frame_due && *frame_due <= now))
        render(now, false, nullptr);
    service_hooks(now);
}

// Ready once the first frame is up; the watchdog hears from this loop while it turns. The heap
// is trimmed when the loop turns anyway (at least once a minute), never by a wake of its own.
void KioskApp::service_hooks(core::Instant now) {
    if (now - heap_trimmed_at_ >= kHeapTrimInterval) {
        return_free_heap_to_system();
        heap_trimmed_at_ = now;
    }
    if (frames_ > 0 && options_.on_first_frame)
        std::exchange(options_.on_first_frame, nullptr)();
    if (options_.heartbeat && options_.heartbeat_every &&
        now - heartbeat_at_ >= *options_.heartbeat_every) {
        options_.heartbeat();
        heartbeat_at_ = now;
    }
}

void KioskApp::refresh_admin_info(core::Instant now) {
    ui::AdminInfo& info = view_.admin_info();
    const std::string notice = info.notice;
    info = options_.admin;
    info.notice = notice;
    info.addresses = network_addresses();
    if (options_.link) {
        const mqtt::LinkStatus link = options_.link->status();
        info.broker_connected = link.connected;
        info.outbox_depth = link.outbox_depth;
        info.dropped = link.dropped;
        info.sessions_today = link.sessions_today;
        info.active_minutes_today = static_cast<int>(link.active_ms_today / 60'000);
    }
    info.problems = load_problems_;
    info.problems.insert(info.problems.end(), start_errors_.begin(), start_errors_.end());
    admin_info_at_ = now;
    dirty_ = true;
}

void KioskApp::wait_and_pump(core::Millis limit) {
    core::Millis wait = limit;
    if (dirty_) {
        wait = core::Millis{0};
    } else if (auto wake = next_wake()) {
        wait = std::clamp(std::chrono::ceil<core::Millis>(*wake - clock_.now().mono),
                          core::Millis{0}, limit);
    }
    SDL_Event e;
    if (waiter_->wait(&e, static_cast<int>(wait.count())))
        handle(e);
    pump();
}

int KioskApp::run() {
    while (!quit_)
        wait_and_pump(core::Millis{60'000});
    return 0;
}

}  // namespace rs::app
