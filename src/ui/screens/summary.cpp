#include <cstdio>
#include <vector>

#include "rollstation/core/duration.hpp"
#include "screens.hpp"

namespace rs::ui::screens {
namespace {

int whole_seconds(core::Millis ms) {
    return static_cast<int>((ms.count() + 500) / 1000);
}

void tile(Canvas& canvas, Rect r, const std::string& value, const std::string& name,
          Type value_type) {
    canvas.rounded(r, canvas.px(14), colour::surface);
    Rect inner = r.inset(canvas.px(12));
    canvas.label(inner.take_top(inner.h * 3 / 5), value_type, value, colour::text, Align::centre);
    canvas.label(inner, Type::body, name, colour::muted, Align::centre);
}

}  // namespace

void summary(Canvas& canvas, const core::KioskState& state, const Context& context) {
    canvas.clear(colour::background);
    Rect area = top_bar(canvas, "Summary", std::nullopt);
    if (!state.session)
        return;
    const core::Session& s = *state.session;
    const bool completed = s.phase == core::Phase::completed;

    Rect done = area.take_bottom(canvas.px(80));
    area.take_bottom(canvas.px(12));
    canvas.button(done.inset((done.w - std::min(done.w, canvas.px(360))) / 2, 0), "Done",
                  core::act::GoHome{}, ButtonStyle::primary, Type::heading);

    Rect headline = area.take_top(canvas.px(60));
    canvas.label(headline, Type::title, completed ? "Well done!" : "Routine stopped",
                 colour::accent, Align::centre);
    Rect sub = area.take_top(canvas.px(40));
    canvas.label(sub, Type::heading, s.routine->title, colour::muted, Align::centre);
    area.take_top(canvas.px(12));

    const core::Millis elapsed =
        std::chrono::duration_cast<core::Millis>(s.last_advance - s.started_at);
    const int total = static_cast<int>(s.plan.size());
    std::vector<std::pair<std::string, std::string>> figures = {
        {core::format_clock(whole_seconds(elapsed)), "total time"},
        {core::format_clock(whole_seconds(s.active_total)), "step time"},
        {std::to_string(s.count(core::Session::Outcome::done)) + "/" + std::to_string(total),
         "steps done"},
        {std::to_string(s.count(core::Session::Outcome::skipped)), "skipped"},
    };
    if (s.motion) {
        // What the sensor saw over the whole session.
        const core::MotionTotals d = s.session_motion();
        char pace[32] = "\xE2\x80\x93";
        if (const auto spp = d.seconds_per_pass())
            std::snprintf(pace, sizeof pace, "%.1f s", *spp);
        char force[32] = "\xE2\x80\x93";
        if (const auto mean = d.mean_force())
            std::snprintf(force, sizeof force, "%.0f N", *mean);
        figures.push_back({std::to_string(d.passes), "passes"});
        figures.push_back({pace, "per pass"});
        figures.push_back({core::format_clock(whole_seconds(d.active())), "working"});
        figures.push_back({force, "mean pressure"});
    }
    const bool portrait = canvas.scale().portrait();
    const int columns = portrait ? 2 : 4;
    const int rows = static_cast<int>((figures.size() + columns - 1) / columns);
    const auto tiles = grid(area, columns, rows, canvas.px(12));
    const Type value_type = rows > 1 && !portrait ? Type::heading : Type::title;
    for (std::size_t i = 0; i < figures.size(); ++i)
        tile(canvas, tiles[i], figures[i].first, figures[i].second, value_type);
    (void)context;
}

}  // namespace rs::ui::screens
