// What the system says about its clocks: whether the kernel's wall clock is synchronised (the
// NTP state that systemd-timesyncd and chrony keep through adjtimex) and which boot the
// monotonic clock counts from.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "rollstation/core/clock_sync.hpp"

namespace rs::io {

class SystemClockSync final : public core::ClockSync {
  public:
    // With `flag`, the clock counts as synchronised while that file exists (a test, or a setup
    // whose time daemon does not report to the kernel); without it the kernel's NTP state says.
    explicit SystemClockSync(std::optional<std::filesystem::path> flag = std::nullopt)
        : flag_(std::move(flag)) {}
    bool synchronised() const override;

    // ROLLSTATION_CLOCK_SYNC_FLAG names the flag file when set.
    static SystemClockSync from_environment();

  private:
    std::optional<std::filesystem::path> flag_;
};

// The kernel's id for this boot (/proc/sys/kernel/random/boot_id): the monotonic clock starts
// at zero with each one. Empty when it cannot be read.
std::string kernel_boot_id();

}  // namespace rs::io
