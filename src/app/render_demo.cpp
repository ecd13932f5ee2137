#include "app/render_demo.hpp"

#include <cstdio>
#include <ostream>

#include "ui/canvas.hpp"
#include "ui/demo_figure.hpp"
#include "ui/image.hpp"
#include "ui/sdl_handles.hpp"

namespace rs::app {
namespace fs = std::filesystem;

namespace {

std::string two_digits(int n) {
    char text[8];
    std::snprintf(text, sizeof text, "%02d", n);
    return text;
}

// The side a step starts on: a right-side step is drawn mirrored, as the kiosk draws it.
core::Side first_side(core::Side side) {
    return side == core::Side::right ? core::Side::right : core::Side::left;
}

}  // namespace

int render_demo(const config::Setup& setup, const std::string& routine_id, const fs::path& out_dir,
                int width, int height, const fs::path& font_dir, std::ostream& out,
                std::ostream& err) {
    const core::RoutinePtr routine = setup.library->find(routine_id);
    if (!routine) {
        err << "rollstation: no routine '" << routine_id << "' in the library (see "
            << "--check-config for the loaded ones)\n";
        return 1;
    }
    std::error_code ec;
    fs::create_directories(out_dir, ec);
    if (ec) {
        err << "rollstation: cannot create " << out_dir.string() << ": " << ec.message() << "\n";
        return 1;
    }
    if (TTF_WasInit() == 0 && TTF_Init() != 0) {
        err << "rollstation: cannot start SDL_ttf: " << TTF_GetError() << "\n";
        return 1;
    }
    ui::SurfaceHandle surface(
        SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ABGR8888));
    ui::RendererHandle renderer(surface ? SDL_CreateSoftwareRenderer(surface.get()) : nullptr);
    if (!renderer) {
        err << "rollstation: cannot draw off screen: " << SDL_GetError() << "\n";
        return 1;
    }
    const ui::Scale scale({width, height});
    const ui::Fonts fonts(font_dir, scale.unit());
    ui::TextCache text(renderer.get(), fonts);
    int written = 0;
    for (std::size_t i = 0; i < routine->steps.size(); ++i) {
        const core::Step& step = routine->steps[i];
        const core::DemoPtr demo = setup.demos->for_step(step);
        const std::string label = "Step " + std::to_string(i + 1) + ": " +
                                  std::string(core::label_of(step.area)) + ", " +
                                  std::string(core::label_of(step.tool));
        if (!demo) {
            out << label << ": no demonstration (the kiosk shows the step's text alone)\n";
            continue;
        }
        core::DemoMoment moment;
        moment.tempo = step.tempo;
        moment.side = first_side(step.side);
        const core::Millis loop = 2 * core::pass_length(step.tempo);
        for (int f = 0; f <= kFramesPerLoop; ++f) {
            // Frame 0: getting into position; then the loop, evenly.
            moment.phase = f == 0 ? core::Phase::get_ready : core::Phase::active;
            moment.elapsed = f == 0 ? core::Millis{0} : loop * (f - 1) / kFramesPerLoop;
            ui::Canvas canvas(renderer.get(), text, fonts, scale);
            canvas.clear(ui::colour::background);
            const int margin = scale.px(16);
            canvas.text(ui::Type::body, label + (f == 0 ? "  \xC2\xB7  starting position" : ""),
                        ui::colour::text, {margin, margin}, ui::Align::left, width - 2 * margin,
                        ui::Overflow::ellipsis_ok);
            ui::Rect box{margin, margin * 2 + fonts.line_height(ui::Type::body), width - 2 * margin,
                         0};
            box.h = height - box.y - margin;
            ui::draw_demo(canvas, box, *demo, core::demo_frame(*demo, moment), moment.side);
            SDL_RenderPresent(renderer.get());
            ui::Image image{
                width, height,
                std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height * 4)};
            SDL_RenderReadPixels(renderer.get(), nullptr, SDL_PIXELFORMAT_ABGR8888,
                                 image.rgba.data(), width * 4);
            const fs::path file = out_dir / ("step-" + two_digits(static_cast<int>(i + 1)) + "-" +
                                             demo->id + "-" + two_digits(f) + ".png");
            if (!ui::write_png(file, image)) {
                err << "rollstation: cannot write " << file.string() << "\n";
                return 1;
            }
            ++written;
        }
        out << label << ": " << demo->id << ", " << kFramesPerLoop + 1 << " frames\n";
    }
    out << written << " frames in " << out_dir.string() << "\n";
    return 0;
}

}  // namespace rs::app
