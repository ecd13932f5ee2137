// Coach commands off the wire: every check made before anything touches the station's state,
// each refusal with a precise reason for cmd/result. Pure apart from reading the library.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "rollstation/core/commands.hpp"
#include "rollstation/core/library.hpp"

namespace rs::mqtt {

inline constexpr std::size_t kMaxCommandBytes = 64 * 1024;
inline constexpr int kMaxCommandDepth = 32;

struct DecodedCommand {
    std::optional<core::Command> command;
    std::string command_id;  // when it could be read, so a refusal can name it
    std::string error;       // why not, when there is no command
};

// `retained`: the broker delivered it as a retained message (commands never are; acting on one
// would replay an old class at every restart).
DecodedCommand decode_command(std::string_view payload, bool retained,
                              const core::Library& library);

// "2026-11-21T18:30:00Z" or with milliseconds; UTC only.
std::optional<core::WallTime> parse_utc(std::string_view text);

}  // namespace rs::mqtt
