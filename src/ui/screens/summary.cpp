#include "rollstation/core/duration.hpp"
#include "screens.hpp"

namespace rs::ui::screens {
namespace {

int whole_seconds(core::Millis ms) {
    return static_cast<int>((ms.count() + 500) / 1000);
}

void tile(Canvas& canvas, Rect r, const std::string& value, const std::string& name) {
    canvas.rounded(r, canvas.px(14), colour::surface);
    Rect inner = r.inset(canvas.px(12));
    canvas.label(inner.take_top(inner.h * 3 / 5), Type::title, value, colour::text, Align::centre);
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
    const bool portrait = canvas.scale().portrait();
    const auto tiles = grid(area, portrait ? 2 : 4, portrait ? 2 : 1, canvas.px(12));
    tile(canvas, tiles[0], core::format_clock(whole_seconds(elapsed)), "total time");
    tile(canvas, tiles[1], core::format_clock(whole_seconds(s.active_total)), "rolling");
    tile(canvas, tiles[2],
         std::to_string(s.count(core::Session::Outcome::done)) + "/" + std::to_string(total),
         "steps done");
    tile(canvas, tiles[3], std::to_string(s.count(core::Session::Outcome::skipped)), "skipped");
    (void)context;
}

}  // namespace rs::ui::screens
