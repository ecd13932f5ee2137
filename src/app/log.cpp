#include "app/log.hpp"

#include <cstdio>
#include <mutex>

namespace rs::app {

void log(LogLevel level, std::string_view message) {
    static std::mutex mutex;
    // systemd's journal understands the <N> priority prefix; a terminal shows it harmlessly.
    static constexpr const char* kPrefix[] = {"<7>debug", "<6>info", "<4>warning", "<3>error"};
    std::lock_guard lock(mutex);
    std::fprintf(stderr, "%s: %.*s\n", kPrefix[static_cast<int>(level)],
                 static_cast<int>(message.size()), message.data());
}

}  // namespace rs::app
