// Whether the safety notice can be shown whole on a screen: every point, no scrolling. Used by
// the notice itself (to pick its type size) and by --check-config (to refuse one that cannot).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rollstation/core/library.hpp"
#include "ui/layout.hpp"
#include "ui/text_cache.hpp"

namespace rs::ui {

struct SafetyLayout {
    Rect card;                 // the whole card, inside its padding
    Rect points;               // where the points go, below the title and above the buttons
    std::optional<Type> type;  // the largest size at which every point fits; none: they do not
    int needed = 0;            // pixels the points take at the smallest size
};

// The card's height in design pixels: a portrait panel has room for a taller one.
inline int safety_card_height(Size size) {
    return Scale(size).portrait() ? 640 : 440;
}

// The card's geometry on a canvas of `size`, and the type its points fit at.
SafetyLayout layout_safety_notice(const Fonts& fonts, Size size, const core::SafetyNotice& notice);

// The text of a point as drawn ("• " before it).
std::string safety_point_text(const std::string& point);

// The screen sizes the kiosk supports at the least: the 7" panel either way up.
inline const std::vector<Size> kSmallestScreens{{800, 480}, {480, 800}};

// For --check-config: a message for each screen where the notice cannot be shown whole.
std::vector<std::string> check_safety_notice(const std::filesystem::path& font_dir,
                                             const core::SafetyNotice& notice);

}  // namespace rs::ui
