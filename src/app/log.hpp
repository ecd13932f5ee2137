// One line per message on stderr, with a level, so journald and a terminal both read it well.
#pragma once

#include <string_view>

namespace rs::app {

enum class LogLevel { debug, info, warning, error };

void log(LogLevel level, std::string_view message);
inline void log_info(std::string_view m) {
    log(LogLevel::info, m);
}
inline void log_warning(std::string_view m) {
    log(LogLevel::warning, m);
}
inline void log_error(std::string_view m) {
    log(LogLevel::error, m);
}

}  // namespace rs::app
