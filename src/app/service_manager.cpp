#include "app/service_manager.hpp"

#include <systemd/sd-daemon.h>

namespace rs::app {

ServiceManager::ServiceManager() {
    std::uint64_t usec = 0;
    // 0 = do not unset the environment: a restart by exec keeps the same settings.
    if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
        // Half the period leaves a whole period's slack for one slow frame.
        ping_interval_ = core::Millis{static_cast<long long>(usec / 2000)};
        if (ping_interval_->count() < 1)
            ping_interval_ = core::Millis{1};
    }
}

void ServiceManager::ready(const std::string& status) {
    sd_notify(0, ("READY=1\nSTATUS=" + status).c_str());
}

void ServiceManager::status(const std::string& status) {
    sd_notify(0, ("STATUS=" + status).c_str());
}

void ServiceManager::watchdog_ping() {
    sd_notify(0, "WATCHDOG=1");
}

void ServiceManager::stopping() {
    sd_notify(0, "STOPPING=1");
}

}  // namespace rs::app
