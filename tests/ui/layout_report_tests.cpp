// The layout report itself: it must see text cut short, clipped below its box and overlapping,
// or the empty report of every other test would prove nothing. And --check-config's measure of
// the safety notice.
#include "ui/harness.hpp"
#include "ui/safety_fit.hpp"
#include "ui/sdl_handles.hpp"

using namespace rs;

namespace {

// A canvas on a software renderer of its own, with the kiosk's fonts.
struct Sheet {
    ui::SdlLibrary sdl{SDL_INIT_VIDEO};
    SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, 800, 480, 32, SDL_PIXELFORMAT_RGBA32);
    SDL_Renderer* renderer = SDL_CreateSoftwareRenderer(surface);
    ui::Fonts fonts{ROLLSTATION_FONT_DIR, 1.0};
    ui::TextCache text{renderer, fonts};
    ui::Canvas canvas{renderer, text, fonts, ui::Scale({800, 480})};
    ~Sheet() {
        SDL_DestroyRenderer(renderer);
        SDL_FreeSurface(surface);
    }
    std::vector<ui::LayoutProblem::Kind> kinds() const {
        std::vector<ui::LayoutProblem::Kind> out;
        for (const auto& p : canvas.layout_problems())
            out.push_back(p.kind);
        return out;
    }
};

using Kind = ui::LayoutProblem::Kind;

}  // namespace

TEST_CASE("the layout report sees text cut short, clipped and overlapping", "[ui][fit]") {
    Sheet s;
    s.canvas.text(ui::Type::body, "Fits easily", ui::colour::text, {10, 10}, ui::Align::left, 300);
    CHECK(s.canvas.layout_problems().empty());

    s.canvas.text(ui::Type::display, "Between the shoulder blades", ui::colour::text, {10, 60},
                  ui::Align::left, 200);
    CHECK(s.kinds() == std::vector{Kind::ellipsized});

    Sheet allowed;
    allowed.canvas.text(ui::Type::display, "A coach's long message", ui::colour::text, {10, 60},
                        ui::Align::left, 100, ui::Overflow::ellipsis_ok);
    CHECK(allowed.canvas.layout_problems().empty());

    Sheet clipped;
    clipped.canvas.paragraph({10, 10, 200, 30}, ui::Type::body,
                             "Three or four lines of wrapped text cannot fit in thirty pixels",
                             ui::colour::text);
    CHECK(clipped.kinds() == std::vector{Kind::clipped});

    Sheet overlap;
    overlap.canvas.text(ui::Type::body, "1 passes 3.0 s", ui::colour::text, {100, 100});
    overlap.canvas.text(ui::Type::body, "Working 0:03", ui::colour::text, {110, 104});
    REQUIRE(overlap.kinds() == std::vector{Kind::overlap});
    CHECK(ui::describe(overlap.canvas.layout_problems()[0]) ==
          "\"Working 0:03\" overlaps \"1 passes 3.0 s\" at 110,104 " +
              std::to_string(overlap.canvas.layout_problems()[0].where.w) + "x" +
              std::to_string(overlap.canvas.layout_problems()[0].where.h));

    Sheet bar;
    bar.canvas.occupy({0, 200, 400, 20}, "pace bar");
    bar.canvas.text(ui::Type::body, "Then: Calves", ui::colour::text, {20, 198});
    CHECK(bar.kinds() == std::vector{Kind::overlap});

    Sheet layered;  // a modal layer covers what lies beneath: no overlap with it
    layered.canvas.text(ui::Type::body, "Under the dialog", ui::colour::text, {100, 100});
    layered.canvas.clear_hits();
    layered.canvas.text(ui::Type::body, "End this routine?", ui::colour::text, {100, 100});
    CHECK(layered.canvas.layout_problems().empty());

    Sheet off;
    off.canvas.text(ui::Type::body, "Half off the edge", ui::colour::text, {760, 10});
    CHECK(off.kinds() == std::vector{Kind::off_screen});
}

TEST_CASE("check-config refuses a safety notice that cannot be read whole", "[ui][safety]") {
    core::SafetyNotice shipped = *test::demo_setup().safety;
    CHECK(ui::check_safety_notice(ROLLSTATION_FONT_DIR, shipped).empty());

    core::SafetyNotice crowded{"Before you roll", {}};
    for (int i = 0; i < 8; ++i)
        crowded.points.push_back(("Point " + std::to_string(i) +
                                  ": stop at once if anything hurts, numbs or tingles, and ask a "
                                  "member of staff first")
                                     .substr(0, 88));  // the longest a point may be
    const auto problems = ui::check_safety_notice(ROLLSTATION_FONT_DIR, crowded);
    REQUIRE_FALSE(problems.empty());
    CHECK_THAT(problems.front(), Catch::StartsWith("the safety notice's 8 points (en) need "));
    CHECK_THAT(problems.front(), Catch::Contains("at 800x480"));
}
