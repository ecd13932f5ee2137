// Tells systemd how the kiosk is doing, through sd_notify: ready once the first frame is on the
// screen, a watchdog ping from the render loop (so a hung UI is restarted), stopping on the way
// out. Run by hand (no NOTIFY_SOCKET) every call does nothing.
#pragma once

#include <optional>
#include <string>

#include "rollstation/core/clock.hpp"

namespace rs::app {

class ServiceManager {
  public:
    // Reads the watchdog period systemd gave this process (WATCHDOG_USEC, WATCHDOG_PID).
    ServiceManager();

    // How often the render loop must ping: half the watchdog period, if the watchdog is on.
    std::optional<core::Millis> ping_interval() const { return ping_interval_; }

    void ready(const std::string& status);
    void status(const std::string& status);
    void watchdog_ping();
    void stopping();

  private:
    std::optional<core::Millis> ping_interval_;
};

}  // namespace rs::app
