// libFuzzer target for the routine loader (routine files and inline routines in coach commands):
// it must never crash, a routine comes back exactly when no error was reported, and a routine
// that passed the rules expands into a plan the session engine can run.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "rollstation/config/routine_loader.hpp"
#include "rollstation/core/plan.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    rs::config::Diagnostics errors;
    const auto routine = rs::config::parse_routine_text(text, "fuzz.yaml", errors);
    if (routine.has_value() == !errors.empty())
        std::abort();
    for (const auto& e : errors) {
        if (e.message.empty())
            std::abort();
    }
    if (routine) {
        if (routine->steps.empty())
            std::abort();
        const auto segments = rs::core::expand(*routine);
        if (segments.empty())
            std::abort();
        for (const auto& s : segments) {
            if (s.duration_s <= 0 || s.step_index < 0 ||
                static_cast<std::size_t>(s.step_index) >= routine->steps.size())
                std::abort();
        }
    }
    return 0;
}
