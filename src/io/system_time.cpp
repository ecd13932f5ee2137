#include "io/system_time.hpp"

#include <sys/timex.h>

#include <cstdlib>
#include <fstream>
#include <system_error>

namespace rs::io {

bool SystemClockSync::synchronised() const {
    if (flag_) {
        std::error_code ec;
        return std::filesystem::exists(*flag_, ec);
    }
    // A read-only query (no modes set), allowed without privileges.
    timex state{};
    const int result = ntp_adjtime(&state);
    return result != -1 && result != TIME_ERROR && (state.status & STA_UNSYNC) == 0;
}

SystemClockSync SystemClockSync::from_environment() {
    if (const char* flag = std::getenv("ROLLSTATION_CLOCK_SYNC_FLAG"); flag && *flag)
        return SystemClockSync(std::filesystem::path(flag));
    return SystemClockSync();
}

std::string kernel_boot_id() {
    std::ifstream in("/proc/sys/kernel/random/boot_id");
    std::string id;
    std::getline(in, id);
    return id;
}

}  // namespace rs::io
