// The installer's screens: the PIN pad, the admin panel and the force calibration wizard.
#include <algorithm>

#include "ui/screens/screens.hpp"

namespace rs::ui::screens {
namespace {

// A full-screen layer: nothing below it can be touched.
Rect admin_layer(Canvas& canvas) {
    canvas.clear_hits();
    canvas.clear(colour::background);
    canvas.add_hit(canvas.bounds(), core::act::Tick{});
    return canvas.bounds().inset(margin(canvas));
}

std::string seconds_until(core::Instant until, core::Instant now) {
    const auto left = std::chrono::ceil<std::chrono::seconds>(until - now).count();
    return fill(tr_c("duration", "{0} s"), {std::to_string(std::max<long long>(1, left))});
}

void line(Canvas& canvas, Rect& area, const std::string& text, SDL_Color colour,
          Type type = Type::caption) {
    if (area.h < canvas.px(22))
        return;
    if (canvas.fonts().width_of(type, text) <= area.w) {
        canvas.label(area.take_top(canvas.px(type == Type::caption ? 24 : 30)), type, text, colour);
        return;
    }
    // A narrow panel: the line wraps rather than losing its end.
    area.take_top(canvas.paragraph(area, type, text, colour) + canvas.px(4));
}

// Between a figure and its unit, so a wrapped line never leaves "dBm" or "%" alone.
constexpr const char* kNoBreakSpace = "\u00a0";

std::string sensor_line(const core::SensorState& s) {
    const auto force = s.motion.force();
    std::string line = fill(
        tr("{0}: {1}, {2} lines, {3} bad, {4} lost"),
        {s.spec.id, s.connected ? tr("linked") : tr("no data"), std::to_string(s.counters.lines),
         std::to_string(s.counters.bad_lines()), std::to_string(s.counters.lost_samples)});
    if (force)
        line += ", " + std::to_string(static_cast<int>(*force)) + " N";
    // A Bluetooth sensor's radio: an installer moves the Pi or the sensor on a weak signal.
    if (s.rssi_dbm) {
        const int rssi = *s.rssi_dbm;
        const std::string quality = rssi >= -67   ? tr_c("signal", "good")
                                    : rssi >= -80 ? tr_c("signal", "fair")
                                                  : tr_c("signal", "weak");
        line += ", " + fill(tr("signal {0}"), {quality}) + " (" + std::to_string(rssi) +
                kNoBreakSpace + "dBm)";
    }
    if (s.battery_pct)
        line +=
            ", " + fill(tr("battery {0}"), {std::to_string(*s.battery_pct) + kNoBreakSpace + "%"});
    return line;
}

}  // namespace

void pin_pad(Canvas& canvas, const core::KioskState& state, const Context& context) {
    const core::AdminState& a = state.admin;
    Rect area = admin_layer(canvas);
    const int w = std::min(area.w, canvas.px(420));
    area = {area.x + (area.w - w) / 2, area.y, w, area.h};

    Rect title = area.take_top(canvas.px(56));
    const Rect cancel = title.take_right(canvas.px(130));
    canvas.button(cancel, tr("Cancel"), core::act::CloseAdmin{}, ButtonStyle::secondary);
    canvas.label(title, Type::heading, tr("Admin PIN"), colour::text);

    std::string dots;
    for (std::size_t i = 0; i < a.digits.size(); ++i)
        dots += "\xE2\x97\x8F ";  // a dot per digit, never the digit
    canvas.label(area.take_top(canvas.px(44)), Type::heading, dots.empty() ? " " : dots,
                 colour::accent, Align::centre);

    std::string message = tr("Enter the station's admin PIN");
    SDL_Color tone = colour::muted;
    if (!state.settings.admin.pin_matches) {
        message = tr("No PIN set: run rollstation --set-pin on the station");
        tone = colour::paused;
    } else if (a.locked_until && context.now < *a.locked_until) {
        message = fill(tr("Too many wrong PINs: try again in {0}"),
                       {seconds_until(*a.locked_until, context.now)});
        tone = colour::danger;
    } else if (a.last_wrong) {
        message = tr("Wrong PIN");
        tone = colour::danger;
    }
    canvas.label(area.take_top(canvas.px(32)), Type::caption, message, tone, Align::centre);
    area.take_top(canvas.px(6));

    const auto rows = split_rows(area, 4, canvas.px(8));
    for (int r = 0; r < 4; ++r) {
        const auto keys = split_columns(rows[static_cast<std::size_t>(r)], 3, canvas.px(8));
        for (int c = 0; c < 3; ++c) {
            const Rect key = keys[static_cast<std::size_t>(c)];
            if (r < 3) {
                const int digit = r * 3 + c + 1;
                canvas.button(key, std::to_string(digit), core::act::PinDigit{digit},
                              ButtonStyle::secondary, Type::heading);
            } else if (c == 0) {
                canvas.button(key, "\xE2\x8C\xAB", core::act::PinErase{}, ButtonStyle::ghost,
                              Type::heading);
            } else if (c == 1) {
                canvas.button(key, "0", core::act::PinDigit{0}, ButtonStyle::secondary,
                              Type::heading);
            } else {
                canvas.button(key, "OK", core::act::PinEnter{}, ButtonStyle::primary,
                              Type::heading);
            }
        }
    }
}

void admin_panel(Canvas& canvas, const core::KioskState& state, const Context& context) {
    static const AdminInfo kNone;
    const AdminInfo& info = context.admin ? *context.admin : kNone;
    Rect area = admin_layer(canvas);

    Rect title = area.take_top(canvas.px(56));
    canvas.button(title.take_right(canvas.px(130)), tr("Close"), core::act::CloseAdmin{},
                  ButtonStyle::primary);
    std::string heading = tr("Admin");
    if (!info.station_id.empty())
        heading += " \xC2\xB7 " + info.station_id;
    if (!info.version.empty())
        heading += " \xC2\xB7 v" + info.version;
    canvas.label(title, Type::heading, heading, colour::text);
    area.take_top(canvas.px(8));

    // Actions down the right, facts on the left.
    Rect actions = area.take_right(std::min(canvas.px(220), area.w / 3));
    area.take_right(canvas.px(16));
    const auto buttons =
        split_rows(actions.take_top(std::min(actions.h, canvas.px(3 * 72 + 16))), 3, canvas.px(8));
    canvas.button(buttons[0], tr("Reload config"), core::act::RunAdminTask{core::AdminTask::reload},
                  ButtonStyle::secondary);
    canvas.button(buttons[1], tr("Test sound"),
                  core::act::RunAdminTask{core::AdminTask::test_sound}, ButtonStyle::secondary);
    canvas.button(buttons[2], tr("Restart app"), core::act::RunAdminTask{core::AdminTask::restart},
                  ButtonStyle::danger);

    std::string addresses;
    for (const auto& a : info.addresses)
        addresses += (addresses.empty() ? "" : ", ") + a;
    line(canvas, area, fill(tr("Network: {0}"), {addresses.empty() ? tr("no address") : addresses}),
         colour::text);
    if (info.broker.empty()) {
        line(canvas, area, tr("Broker: none configured (events kept on the station)"),
             colour::muted);
    } else {
        line(canvas, area,
             fill(info.broker_connected ? tr("Broker {0}: connected")
                                        : tr("Broker {0}: not connected"),
                  {info.broker}),
             info.broker_connected ? colour::accent : colour::paused);
    }
    std::string outbox = tr_n("Outbox: {n} event waiting", "Outbox: {n} events waiting",
                              static_cast<long>(info.outbox_depth));
    if (info.dropped)
        outbox += ", " + tr_n("{n} dropped", "{n} dropped", static_cast<long>(info.dropped));
    line(canvas, area, outbox, colour::text);
    line(canvas, area,
         fill(tr("Today: {0}, {1}"),
              {tr_n("{n} session", "{n} sessions", static_cast<long>(info.sessions_today)),
               tr_n("{n} active minute", "{n} active minutes",
                    static_cast<long>(info.active_minutes_today))}),
         colour::text);

    for (const core::SensorState& s : state.sensors) {
        if (area.h < canvas.px(48))
            break;
        // A row grows for a line that wraps past two (a Bluetooth sensor's, on a narrow panel).
        const std::string text = sensor_line(s);
        const bool calibrated = !(s.calibration == core::Calibration{});
        const int buttons =
            s.measures_force() ? canvas.px(130) + (calibrated ? canvas.px(90) : 0) : 0;
        const int text_h = canvas.paragraph_height(Type::caption, text, area.w - buttons);
        Rect row = area.take_top(std::min(area.h, std::max(canvas.px(48), text_h + canvas.px(4))));
        area.take_top(canvas.px(4));
        if (s.measures_force()) {
            if (calibrated) {
                canvas.button(row.take_right(canvas.px(90)), tr("Reset"),
                              core::act::ResetCalibration{s.spec.id}, ButtonStyle::ghost);
            }
            canvas.button(row.take_right(canvas.px(130)), tr("Calibrate"),
                          core::act::StartCalibration{s.spec.id}, ButtonStyle::secondary);
        }
        const SDL_Color tone = s.connected ? colour::text : colour::paused;
        if (canvas.fonts().width_of(Type::caption, text) <= row.w) {
            canvas.label(row, Type::caption, text, tone);
        } else {
            const int h = canvas.paragraph_height(Type::caption, text, row.w);
            canvas.paragraph({row.x, row.y + std::max(0, (row.h - h) / 2), row.w, row.h},
                             Type::caption, text, tone);
        }
    }
    if (!info.notice.empty())
        line(canvas, area, info.notice, colour::accent);
    if (info.problems.empty()) {
        line(canvas, area, tr("No problems with routine files or at start."), colour::muted);
    } else {
        line(canvas, area,
             tr_n("{n} problem:", "{n} problems:", static_cast<long>(info.problems.size())),
             colour::paused);
        for (const auto& p : info.problems)
            line(canvas, area, p, colour::muted);
    }
}

void calibration(Canvas& canvas, const core::KioskState& state, const Context&) {
    const core::AdminState& a = state.admin;
    Rect area = admin_layer(canvas);
    Rect title = area.take_top(canvas.px(56));
    canvas.button(title.take_right(canvas.px(130)), tr("Back"), core::act::CloseAdmin{},
                  ButtonStyle::secondary);
    canvas.label(title, Type::heading, fill(tr("Calibrate {0}"), {a.calibrating}), colour::text);

    const core::SensorState* sensor = nullptr;
    for (const auto& s : state.sensors) {
        if (s.spec.id == a.calibrating)
            sensor = &s;
    }
    std::string reading = tr("Reading: no data");
    if (sensor && sensor->connected && sensor->motion.force()) {
        const double shown = *sensor->motion.force();
        reading = fill(tr("Reading: {0} N ({1} kg), raw {2} N"),
                       {decimal(shown, 1), decimal(core::kilograms_of(shown), 1),
                        decimal(sensor->calibration.raw(shown), 1)});
    }
    canvas.label(area.take_top(canvas.px(44)), Type::body, reading, colour::text);

    Rect buttons = area.take_bottom(canvas.px(80));
    area.take_bottom(canvas.px(12));
    using Step = core::AdminState::Step;
    std::string instruction;
    switch (a.step) {
        case Step::zero:
            instruction =
                tr("Take everything off the sensor, wait for the reading to settle, then "
                   "tap Zero.");
            canvas.button(buttons, tr("Zero"), core::act::CalibrationZero{}, ButtonStyle::primary);
            break;
        case Step::weight: {
            instruction =
                tr("Put a known weight on the sensor, set it below, and tap Measure when "
                   "the reading settles.");
            canvas.button(buttons.take_right(std::min(buttons.w / 3, canvas.px(200))),
                          tr("Measure"), core::act::CalibrationMeasure{}, ButtonStyle::primary);
            buttons.take_right(canvas.px(8));
            const auto cells = split_columns(buttons, 5, canvas.px(8));
            canvas.button(cells[0], "-5", core::act::CalibrationWeight{-5}, ButtonStyle::secondary);
            canvas.button(cells[1], "-1", core::act::CalibrationWeight{-1}, ButtonStyle::secondary);
            canvas.label(cells[2], Type::heading, fill(tr("{0} kg"), {std::to_string(a.known_kg)}),
                         colour::text, Align::centre);
            canvas.button(cells[3], "+1", core::act::CalibrationWeight{1}, ButtonStyle::secondary);
            canvas.button(cells[4], "+5", core::act::CalibrationWeight{5}, ButtonStyle::secondary);
            break;
        }
        case Step::done: {
            instruction = tr("Calibrated.");
            if (sensor) {
                instruction = fill(tr("Calibrated and saved: zero {0} N, scale {1}."),
                                   {decimal(sensor->calibration.zero_n, 1),
                                    decimal(sensor->calibration.scale, 3)});
            }
            canvas.button(buttons, tr("Done"), core::act::CloseAdmin{}, ButtonStyle::primary);
            break;
        }
    }
    area.take_top(canvas.px(8));
    area.take_top(canvas.paragraph(area, Type::body, instruction, colour::muted) + canvas.px(8));
    if (!a.calibration_error.empty())
        canvas.paragraph(area, Type::body, a.calibration_error, colour::danger);
}

}  // namespace rs::ui::screens
