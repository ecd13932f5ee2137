// The player's live figures: a pace bar whose dot sweeps at the step's target tempo, a pressure
// gauge with the step's band, each with a legend that keeps the written target in view.
#include <cmath>

#include "rollstation/core/duration.hpp"
#include "ui/screens/screens.hpp"

namespace rs::ui::screens {
namespace {

constexpr double kRowHeight = 34;
constexpr double kRowGap = 6;

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
    const Canvas::MovingPart marker(canvas);
    canvas.rounded({x, box.y + (box.h - dot) / 2, dot, dot}, dot / 2, colour::rest);
    canvas.occupy(box, "pace bar");
}

SDL_Color dimmed(SDL_Color c) {
    return {Uint8(c.r / 3), Uint8(c.g / 3), Uint8(c.b / 3), 255};
}

// The track shows where "too hard" begins (red beyond the firm band) and the step's own band in
// green; the marker is the athlete's force, red once above the band.
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
    const int too_hard = x_of(zones.firm.max_n);
    canvas.rounded({too_hard, track.y, track.right() - too_hard, track.h}, track.h / 2,
                   dimmed(colour::danger));
    canvas.rounded({x_of(band.min_n), track.y, x_of(band.max_n) - x_of(band.min_n), track.h},
                   track.h / 2, colour::accent);
    if (force) {
        const bool over = *force > band.max_n;
        const int w = canvas.px(6);
        // The force follows the sensor many times a second: the marker is drawn on its own.
        const Canvas::MovingPart marker(canvas);
        canvas.fill({x_of(*force) - w / 2, box.y + canvas.px(4), w, box.h - canvas.px(8)},
                    over ? colour::danger : colour::text);
    }
    canvas.occupy(box, "pressure gauge");
}

std::string passes_text(int passes, std::optional<double> pace) {
    std::string text = tr_n("{n} pass", "{n} passes", passes);
    if (pace)
        text += " \xC2\xB7 " + fill(tr_c("duration", "{0} s"), {decimal(*pace, 1)});
    return text;
}

// One row: a legend on the left, the bar in the middle, the figure on the right. Both rows share
// the widths, measured on their texts, so the bars line up.
struct Row {
    Rect legend, bar, figures;
};
struct Columns {
    int legend = 0, figures = 0;
};
Row split_row(Canvas& canvas, Rect row, Columns columns) {
    Row r;
    r.legend = row.take_left(columns.legend);
    r.figures = row.take_right(columns.figures);
    row.take_right(canvas.px(10));
    row.take_left(canvas.px(6));
    r.bar = row;
    return r;
}

int legend_width(const Canvas& canvas, const std::string& name, const std::string& target) {
    return canvas.fonts().width_of(Type::body, name + " ") +
           canvas.fonts().width_of(Type::caption, target) + canvas.px(4);
}

void legend(Canvas& canvas, Rect box, const std::string& name, const std::string& target) {
    const int w = canvas.fonts().width_of(Type::body, name + " ");
    canvas.label(box.take_left(w), Type::body, name, colour::text);
    canvas.label(box, Type::caption, target, colour::muted);
}

}  // namespace

std::optional<BarStatus> sensor_status(const core::KioskState& state) {
    if (state.sensors.empty())
        return std::nullopt;
    for (const auto& s : state.sensors) {
        if (s.connected)
            return BarStatus{tr("Sensor live"), colour::accent};
    }
    return BarStatus{tr("Sensor disconnected"), colour::danger, tr("No sensor")};
}

int live_panel_height(const Canvas& canvas, const core::KioskState& state) {
    if (!state.session || !core::lead_sensor(state.sensors, state.tool_in_use()))
        return 0;
    return canvas.px(2 * kRowHeight + kRowGap);
}

int live_panel(Canvas& canvas, Rect box, const core::KioskState& state, core::Instant now) {
    if (!state.session)
        return 0;
    const core::Session& s = *state.session;
    const core::Step& step = s.current_step();
    const std::optional<core::Tool> tool = state.tool_in_use();
    const core::SensorState* lead = core::lead_sensor(state.sensors, tool);
    if (!lead)
        return 0;  // no sensor serves this tool: the written target stands alone
    Rect area = box;
    const std::string range =
        std::to_string(step.tempo.min_s) + "\xE2\x80\x93" + std::to_string(step.tempo.max_s);
    const std::string tempo = fill(tr("{0} s a pass"), {range});
    const std::string pressure = pressure_word(step.pressure);
    const std::string pace_name = tr("Pace"), pressure_name = tr("Pressure");
    const std::string working_pattern = tr("Working {0}");
    const Columns columns{
        std::max(legend_width(canvas, pace_name, tempo),
                 legend_width(canvas, pressure_name, pressure)),
        std::max(canvas.fonts().width_of(Type::body, passes_text(888, 8.8)),
                 canvas.fonts().width_of(Type::body, fill(working_pattern, {"88:88"}))) +
            canvas.px(4)};
    {
        Row row = split_row(canvas, area.take_top(canvas.px(kRowHeight)), columns);
        legend(canvas, row.legend, pace_name, tempo);
        if (lead->measures_rotation()) {
            pacing_bar(canvas, row.bar, step, now, s.phase == core::Phase::active && !s.paused);
            const auto pace = lead->motion.last_pass_seconds();
            const bool fast = pace && *pace < step.tempo.min_s * 0.9;
            canvas.label(row.figures, Type::body, passes_text(s.segment_motion().passes, pace),
                         fast ? colour::paused : colour::text, Align::right);
        } else {
            pacing_bar(canvas, row.bar, step, now, s.phase == core::Phase::active && !s.paused);
        }
    }
    area.take_top(canvas.px(kRowGap));
    Row row = split_row(canvas, area.take_top(canvas.px(kRowHeight)), columns);
    legend(canvas, row.legend, pressure_name, pressure);
    const std::optional<double> force = core::gauge_force(state.sensors, tool);
    if (force || lead->measures_force()) {
        pressure_gauge(canvas, row.bar, state, step, force);
    } else {
        canvas.label(row.bar, Type::caption, tr("No force sensor"), colour::muted);
    }
    const core::Millis working = s.segment_motion().active();
    canvas.label(
        row.figures, Type::body,
        fill(working_pattern, {core::format_clock(static_cast<int>(working.count() / 1000))}),
        colour::text, Align::right);
    return box.h - area.h;
}

}  // namespace rs::ui::screens
