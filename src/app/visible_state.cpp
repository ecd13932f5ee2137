#include "app/visible_state.hpp"

namespace rs::app {

Visible visible(const core::KioskState& s) {
    Visible v;
    v.screen = s.screen;
    if (s.session) {
        v.seconds_left = static_cast<int>((s.session->remaining().count() + 999) / 1000);
        v.segment = s.session->segment;
        v.phase = static_cast<int>(s.session->phase);
    }
    for (std::size_t i = 0; i < s.sensors.size() && i < 32; ++i) {
        if (s.sensors[i].connected)
            v.linked |= 1u << i;
    }
    v.cue = s.cue;
    v.dimmed = s.dimmed;
    v.language = s.language;
    v.languages_visible = s.languages_visible;
    v.weigh_in = s.weigh_in.active;
    v.can_weigh_in = s.can_weigh_in();
    v.body_weight_kg = s.body_weight_n ? static_cast<int>(core::kilograms_of(*s.body_weight_n)) : 0;
    if (shows_sensor_figures(s)) {
        if (const auto force = core::gauge_force(s.sensors))
            v.force_5n = static_cast<int>(*force / 5);
    }
    if (s.screen == core::Screen::player && s.session) {
        const core::MotionTotals m = s.session->segment_motion();
        v.passes = m.passes;
        v.working_s = static_cast<int>(m.active().count() / 1000);
        if (const auto* lead = core::lead_sensor(s.sensors);
            lead && lead->motion.last_pass_seconds())
            v.pace_ds = static_cast<int>(*lead->motion.last_pass_seconds() * 10);
    }
    return v;
}

bool shows_sensor_figures(const core::KioskState& s) {
    return s.screen == core::Screen::player || s.weigh_in.active;
}

}  // namespace rs::app
