#include "ui/screens/screens.hpp"

namespace rs::ui::screens {
namespace {

void card(Canvas& canvas, Rect r, const core::Routine& routine) {
    canvas.button(r, "", core::act::OpenRoutine{routine.id}, ButtonStyle::secondary);
    Rect inner = r.inset(canvas.px(16), canvas.px(8));
    const std::string meta = label(routine.purpose) + " \xC2\xB7 " + label(routine.level) +
                             " \xC2\xB7 " + minutes_text(core::planned_seconds(routine));
    const std::string tools = tools_text(routine);
    canvas.text(Type::caption, meta, colour::accent, {inner.x, inner.y}, Align::left, inner.w);
    // The tools share the first line when there is room, leaving the summary more.
    const int gap = canvas.px(12);
    const bool tools_on_top = canvas.fonts().width_of(Type::caption, meta) + gap +
                                  canvas.fonts().width_of(Type::caption, tools) <=
                              inner.w;
    if (tools_on_top)
        canvas.text(Type::caption, tools, colour::text, {inner.right(), inner.y}, Align::right);
    const std::string& title = local(routine.title);
    const Type title_type =
        canvas.fitting(title, inner.w, {Type::button, Type::body, Type::caption});
    canvas.text(title_type, title, colour::text, {inner.x, inner.y + canvas.px(22)}, Align::left,
                inner.w);
    int footer_y = inner.bottom();
    if (!tools_on_top) {
        footer_y -= canvas.fonts().line_height(Type::caption);
        canvas.text(Type::caption, tools, colour::text, {inner.x, footer_y}, Align::left, inner.w);
    }
    // The summary wraps in the room between the title and the footer, at one size on every card
    // so the page reads evenly.
    const int top = inner.y + canvas.px(22) + canvas.fonts().line_height(title_type) + canvas.px(4);
    const Rect room{inner.x, top, inner.w, footer_y - canvas.px(4) - top};
    canvas.paragraph(room, Type::caption, local(routine.summary), colour::muted);
}

}  // namespace

void library(Canvas& canvas, const core::KioskState& state, const Context&) {
    canvas.clear(colour::background);
    const auto routines = core::filter_routines(*state.library, state.filter);
    const Size shape = card_grid_shape(canvas.scale().canvas());
    const int per_page = shape.w * shape.h;
    const int pages = std::max(1, (static_cast<int>(routines.size()) + per_page - 1) / per_page);
    const int page = std::clamp(state.page, 0, pages - 1);

    std::vector<std::optional<BarButton>> pager;
    std::string title = tr("Choose a routine");
    if (pages > 1) {
        const std::string of = std::to_string(page + 1) + "/" + std::to_string(pages);
        title = canvas.scale().portrait() ? of : fill(tr("Routines {0}"), {of});
        pager.push_back(
            page > 0 ? std::optional(BarButton{"\xE2\x80\xB9", core::act::ShowPage{page - 1}})
                     : std::nullopt);
        pager.push_back(page + 1 < pages ? std::optional(BarButton{"\xE2\x80\xBA",
                                                                   core::act::ShowPage{page + 1}})
                                         : std::nullopt);
    }
    Rect area = top_bar(canvas, title, BarButton{tr("Home"), core::act::GoHome{}}, pager);

    // Filters: tap a purpose to show only it, tap it again for all; the level button cycles.
    Rect filters = area.take_top(canvas.px(72));
    area.take_top(canvas.px(12));
    Rect level_box;
    if (canvas.scale().portrait()) {  // too narrow for one row: levels get a row of their own
        level_box = area.take_top(canvas.px(72));
        area.take_top(canvas.px(12));
    } else {
        level_box = filters.take_right(canvas.px(170));
        filters.take_right(canvas.px(8));
    }
    if (state.settings.offers_choice()) {
        // The language spoken now, by its code: a tap opens the choice of all the station offers.
        // Beside the levels on a portrait panel, which give it a row of their own; else at the
        // end of the filter row.
        Rect& row = canvas.scale().portrait() ? level_box : filters;
        Rect language = row.take_right(canvas.px(84));
        row.take_right(canvas.px(8));
        std::string code(core::code_of(state.language));
        for (char& c : code)
            c = static_cast<char>(c - 'a' + 'A');
        canvas.button(language, code + " \xE2\x96\xBE", core::act::ShowLanguages{true},
                      ButtonStyle::chip, Type::body);
    }
    const auto purposes = core::all_values<core::Purpose>();
    const auto chips = split_columns(filters, static_cast<int>(purposes.size()), canvas.px(8));
    // One size for the whole row: the smaller one if any chip needs it.
    Type chip_type = Type::body;
    for (std::size_t i = 0; i < purposes.size(); ++i) {
        if (canvas.fonts().width_of(Type::body, label(purposes[i])) > chips[i].w - canvas.px(20))
            chip_type = Type::caption;
    }
    for (std::size_t i = 0; i < purposes.size(); ++i) {
        const core::Purpose p = purposes[i];
        const bool on = state.filter.purpose == p;
        canvas.button(chips[i], label(p),
                      core::act::SetPurpose{on ? std::nullopt : std::optional(p)},
                      on ? ButtonStyle::chip_selected : ButtonStyle::chip, chip_type);
    }
    std::optional<core::Level> next_level = core::Level::beginner;
    if (state.filter.level == core::Level::beginner)
        next_level = core::Level::intermediate;
    if (state.filter.level == core::Level::intermediate)
        next_level = core::Level::advanced;
    if (state.filter.level == core::Level::advanced)
        next_level = std::nullopt;
    const std::string level_text =
        state.filter.level ? label(*state.filter.level) : tr("All levels");
    canvas.button(level_box, level_text, core::act::SetLevel{next_level},
                  state.filter.level ? ButtonStyle::chip_selected : ButtonStyle::chip, Type::body);

    if (routines.empty()) {
        canvas.paragraph(area.inset(canvas.px(20)), Type::heading,
                         tr("No routine matches these filters. Tap a highlighted filter to "
                            "clear it."),
                         colour::muted, true);
        return;
    }
    const auto cells = grid(area, shape.w, shape.h, canvas.px(12));
    for (int i = 0; i < per_page; ++i) {
        const std::size_t index = static_cast<std::size_t>(page * per_page + i);
        if (index >= routines.size())
            break;
        card(canvas, cells[static_cast<std::size_t>(i)], *routines[index]);
    }
}

}  // namespace rs::ui::screens
