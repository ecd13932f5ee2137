// A pseudo-terminal pair that looks like a USB-serial roller to the kiosk.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace rs::tools {

class PseudoTerminal {
  public:
    // Opens a raw (8-bit, no echo) pair; `link`, if given, becomes a symlink to the device.
    explicit PseudoTerminal(std::optional<std::filesystem::path> link = std::nullopt);
    ~PseudoTerminal();
    PseudoTerminal(const PseudoTerminal&) = delete;
    PseudoTerminal& operator=(const PseudoTerminal&) = delete;

    const std::string& device() const { return device_; }
    // Writes what fits without blocking; bytes nobody reads are dropped, as a device's would be.
    void write(std::string_view bytes);
    // What the other side wrote to the device so far (commands to a roller); never blocks.
    std::string read_available();

  private:
    int master_ = -1;
    int slave_ = -1;  // kept open so the line stays raw and writes never fail for want of a reader
    std::string device_;
    std::optional<std::filesystem::path> link_;
};

}  // namespace rs::tools
