// libFuzzer target for the coach-command decoder: it must never crash, and a payload is
// always either a command or a refusal with a reason.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "mqtt/command_codec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto library = [] {
        rs::core::Routine r;
        r.id = "pre-run";
        r.title = "Pre-run";
        r.tools = {rs::core::Tool::foam_roller};
        r.summary = "s";
        rs::core::Step step;
        step.duration_s = 30;
        step.cues = {"c"};
        r.steps = {step};
        return rs::core::Library({std::make_shared<const rs::core::Routine>(r)});
    }();
    const std::string_view payload(reinterpret_cast<const char*>(data), size);
    for (bool retained : {false, true}) {
        const auto decoded = rs::mqtt::decode_command(payload, retained, library);
        if (decoded.command.has_value() == !decoded.error.empty())
            std::abort();
    }
    return 0;
}
