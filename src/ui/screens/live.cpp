#include <cmath>

#include "rollstation/core/duration.hpp"
#include "screens.hpp"

namespace rs::ui::screens {
namespace {

void bar_track(Canvas& canvas, Rect track) {
    canvas.rounded(track, track.h / 2, colour::ring_track);
}

// A marker sweeping back and forth at the step's target pace: the athlete rolls along with it.
void pacing_bar(Canvas& canvas, Rect box, const core::Step& step, core::Instant now, bool moving) {
    Rect track = box.inset(0, (box.h - canvas.px(10)) / 2);
    bar_track(canvas, track);
    const double pass_s = (step.tempo.min_s + step.tempo.max_s) / 2.0;
    const double t = std::chrono::duration<double>(now.time_since_epoch()).count();
    const double phase = std::fmod(t, 2 * pass_s) / pass_s;
    const double where = moving ? (phase <= 1 ? phase : 2 - phase) : 0.0;
    const int dot = canvas.px(22);
    const int x = track.x + static_cast<int>(where * (track.w - dot));
    canvas.rounded({x, box.y + (box.h - dot) / 2, dot, dot}, dot / 2, colour::rest);
}

void pressure_gauge(Canvas& canvas, Rect box, const core::KioskState& state, const core::Step& step,
                    std::optional<double> force) {
    Rect track = box.inset(0, (box.h - canvas.px(14)) / 2);
    bar_track(canvas, track);
    const core::ForceZones zones = state.zones();
    const core::ForceBand band = zones.band(step.pressure);
    const double full = std::max(zones.firm.max_n * 1.25, force.value_or(0));
    const auto x_of = [&](double n) {
        return track.x + static_cast<int>(track.w * std::clamp(n / full, 0.0, 1.0));
    };
    canvas.rounded({x_of(band.min_n), track.y, x_of(band.max_n) - x_of(band.min_n), track.h},
                   track.h / 2, colour::accent);
    if (force) {
        const bool over = *force > band.max_n;
        const int w = canvas.px(6);
        canvas.fill({x_of(*force) - w / 2, box.y + canvas.px(4), w, box.h - canvas.px(8)},
                    over ? colour::danger : colour::text);
    }
}

}  // namespace

std::optional<BarStatus> sensor_status(const core::KioskState& state) {
    if (state.sensors.empty())
        return std::nullopt;
    for (const auto& s : state.sensors) {
        if (s.connected)
            return BarStatus{"Sensor live", colour::accent};
    }
    return BarStatus{"Sensor disconnected", colour::danger};
}

int live_panel(Canvas& canvas, Rect box, const core::KioskState& state, core::Instant now) {
    if (state.sensors.empty() || !state.session)
        return 0;
    const core::Session& s = *state.session;
    const core::Step& step = s.current_step();
    const core::SensorState* lead = core::lead_sensor(state.sensors);
    const int row_h = canvas.px(34);
    const int label_w = canvas.px(200);
    Rect area = box;

    if (!lead) {
        Rect row = area.take_top(row_h);
        canvas.label(row, Type::body, "No sensor signal: follow the timer", colour::paused);
        return row_h;
    }
    const bool rotation = lead->measures_rotation();
    if (rotation) {
        Rect row = area.take_top(row_h);
        Rect figures = row.take_right(label_w);
        row.take_right(canvas.px(10));
        pacing_bar(canvas, row, step, now, s.phase == core::Phase::active && !s.paused);
        const auto pace = lead->motion.last_pass_seconds();
        std::string text = std::to_string(s.segment_motion().passes) + " passes";
        if (pace) {
            char buffer[32];
            std::snprintf(buffer, sizeof buffer, "  %.1f s", *pace);
            text += buffer;
        }
        const bool fast = pace && *pace < step.tempo.min_s * 0.9;
        canvas.label(figures, Type::body, text, fast ? colour::paused : colour::text, Align::right);
    }
    const std::optional<double> force = core::gauge_force(state.sensors);
    Rect row = area.take_top(row_h);
    Rect figures = row.take_right(label_w);
    row.take_right(canvas.px(10));
    if (force || lead->measures_force()) {
        pressure_gauge(canvas, row, state, step, force);
    } else {
        canvas.label(row, Type::caption, "No force sensor", colour::muted);
    }
    const core::Millis working = s.segment_motion().active();
    canvas.label(figures, Type::body,
                 "Working " + core::format_clock(static_cast<int>(working.count() / 1000)),
                 colour::text, Align::right);
    return box.h - area.h;
}

}  // namespace rs::ui::screens
