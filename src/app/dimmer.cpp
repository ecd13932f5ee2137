#include "app/dimmer.hpp"

#include "app/log.hpp"

namespace rs::app {

Dimmer::Dimmer(bool dims, const std::filesystem::path& device,
               const std::filesystem::path& class_dir, std::vector<std::string>& problems) {
    if (!dims)
        return;
    std::string problem;
    backlight_ = Backlight::find(device, class_dir, problem);
    if (!problem.empty())
        problems.push_back(problem);
}

Dimmer::~Dimmer() {
    if (backlight_ && dimmed_) {
        std::string ignored;  // the next start would find the panel dark
        backlight_->restore(ignored);
    }
}

void Dimmer::follow(bool was, bool now, ui::View& view) {
    dimmed_ = now;
    if (now == was || !backlight_)
        return;
    std::string problem;
    const bool done = now ? backlight_->dim(percent_, problem) : backlight_->restore(problem);
    if (!done) {
        log_warning(problem);
        backlight_.reset();  // said once; from now on the picture is shaded
        prepare(view);
    }
}

}  // namespace rs::app
