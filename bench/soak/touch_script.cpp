#include "soak/touch_script.hpp"

#include <variant>

namespace rs::soak {

double TouchScript::weight(const core::Action& action) const {
    namespace act = core::act;
    if (const auto* control = core::action_as<act::Control>(action)) {
        switch (control->command) {
            case core::SessionCommand::skip:
                return 12;
            case core::SessionCommand::resume:
                return 8;
            case core::SessionCommand::pause:
            case core::SessionCommand::back:
            case core::SessionCommand::add_time:
                return 1.5;
            case core::SessionCommand::stop:
                return 0.5;
        }
    }
    return core::visit_leaf(
        [](const auto& a) -> double {
            using A = std::decay_t<decltype(a)>;
            if constexpr (std::is_same_v<A, act::OpenLibrary> ||
                          std::is_same_v<A, act::OpenRoutine> ||
                          std::is_same_v<A, act::StartRoutine> ||
                          std::is_same_v<A, act::AcknowledgeSafety>)
                return 10;
            else if constexpr (std::is_same_v<A, act::JoinClass> ||
                               std::is_same_v<A, act::CancelWeighIn> ||
                               std::is_same_v<A, act::CancelStop> ||
                               std::is_same_v<A, act::ConfirmStop>)
                return 4;
            else if constexpr (std::is_same_v<A, act::RequestStop> ||
                               std::is_same_v<A, act::GoHome> ||
                               std::is_same_v<A, act::SetPurpose> ||
                               std::is_same_v<A, act::SetLevel> || std::is_same_v<A, act::ShowPage>)
                return 1;
            else
                return 0.5;  // the safety notice's close, weigh-in and anything new
        },
        action);
}

std::optional<Tap> TouchScript::next(const std::vector<ui::Hit>& hits, ui::Size size) {
    if (std::uniform_int_distribution<int>(0, 19)(rng_) == 0 && size.w > 0 && size.h > 0) {
        return Tap{{std::uniform_int_distribution<int>(0, size.w - 1)(rng_),
                    std::uniform_int_distribution<int>(0, size.h - 1)(rng_)},
                   false};
    }
    if (hits.empty())
        return std::nullopt;
    std::vector<double> weights;
    for (const auto& hit : hits)
        weights.push_back(weight(hit.action));
    std::discrete_distribution<std::size_t> pick(weights.begin(), weights.end());
    const ui::Hit& hit = hits[pick(rng_)];
    return Tap{hit.rect.center(), true};
}

std::chrono::milliseconds TouchScript::pause() {
    const int roll = std::uniform_int_distribution<int>(0, 99)(rng_);
    if (roll < 2)  // walks away: steps end by themselves, a paused session times out
        return std::chrono::milliseconds(std::uniform_int_distribution<int>(15'000, 45'000)(rng_));
    if (roll < 10)
        return std::chrono::milliseconds(std::uniform_int_distribution<int>(3'000, 10'000)(rng_));
    return std::chrono::milliseconds(std::uniform_int_distribution<int>(200, 1'200)(rng_));
}

}  // namespace rs::soak
