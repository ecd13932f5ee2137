#include "ui/safety_fit.hpp"

#include "ui/sdl_handles.hpp"
#include "ui/words.hpp"

namespace rs::ui {

std::string safety_point_text(const std::string& point) {
    return "\xE2\x80\xA2 " + point;
}

SafetyLayout layout_safety_notice(const Fonts& fonts, Size size, const core::SafetyNotice& notice) {
    const Scale scale(size);
    // The same card the modal layer draws: 720x440 design pixels (taller on a portrait panel),
    // 16 from the edges.
    const int w = std::min(size.w - 2 * scale.px(16), scale.px(720));
    const int h = std::min(size.h - 2 * scale.px(16), scale.px(safety_card_height(size)));
    SafetyLayout out;
    out.card = Rect{(size.w - w) / 2, (size.h - h) / 2, w, h}.inset(scale.px(24));
    Rect points = out.card;
    points.take_bottom(scale.px(80) + scale.px(8));
    points.take_top(scale.px(48));
    out.points = points;
    const int gap = scale.px(6);
    for (Type type : {Type::body, Type::caption}) {
        int used = 0;
        for (const core::LocalText& point : notice.points)
            used += fonts.wrapped_height(type, safety_point_text(local(point)), points.w) + gap;
        out.needed = used;
        if (used - gap <= points.h) {
            out.type = type;
            return out;
        }
    }
    return out;
}

std::vector<std::string> check_safety_notice(const std::filesystem::path& font_dir,
                                             const core::SafetyNotice& notice) {
    std::vector<std::string> problems;
    if (TTF_WasInit() == 0 && TTF_Init() != 0)
        return {std::string("cannot start SDL_ttf to measure the safety notice: ") +
                TTF_GetError()};
    // Each language the notice is written in must fit on its own: German runs longer.
    for (const core::Language language : core::all_languages()) {
        bool written = language == core::Language::en || notice.title.has(language);
        for (const core::LocalText& point : notice.points)
            written = written || point.has(language);
        if (!written)
            continue;
        const Speaking speaking(language);
        for (const Size size : kSmallestScreens) {
            const Fonts fonts(font_dir, Scale(size).unit());
            const SafetyLayout layout = layout_safety_notice(fonts, size, notice);
            if (!layout.type) {
                problems.push_back("the safety notice's " + std::to_string(notice.points.size()) +
                                   " points (" + std::string(core::code_of(language)) + ") need " +
                                   std::to_string(layout.needed) + " px at " +
                                   std::to_string(size.w) + "x" + std::to_string(size.h) +
                                   " and the card has " + std::to_string(layout.points.h) +
                                   ": shorten or merge points so all of them can be read");
            }
        }
    }
    return problems;
}

}  // namespace rs::ui
