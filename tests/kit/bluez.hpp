// Bluetooth without a radio: a private system bus (dbus-daemon with a config of its own on a
// socket in a temp folder) and the fake BlueZ on it (tests/kit/bluez/fake_bluez.py), for the
// tests and the benchmark. DBUS_SYSTEM_BUS_ADDRESS points this process, and the programs it
// starts, at the private bus while it runs. Both are stopped by pid.
#pragma once

#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kit/process.hpp"

namespace rs::kit {

// The fake BlueZ's script and a committed device trace (tests/data/ble/NAME.trace).
std::string fake_bluez_script();
std::string ble_trace(const std::string& name);

class PrivateBus {
  public:
    // Throws std::runtime_error, with what dbus-daemon said, if it does not start.
    explicit PrivateBus(const std::filesystem::path& dir);
    ~PrivateBus();
    PrivateBus(const PrivateBus&) = delete;
    PrivateBus& operator=(const PrivateBus&) = delete;
    const std::string& address() const { return address_; }

  private:
    std::string address_;
    std::unique_ptr<Process> daemon_;
};

struct FakeDevice {
    std::string address;
    std::string kind = "witmotion";  // witmotion, progressor, nus, or other (not a sensor)
    std::string name;
    int rssi = -60;
    std::string trace;  // a file; empty: no notifications
    bool loop = false;
    std::optional<int> battery{};  // a standard battery service with this level
    bool known = false;            // an object from the start, as a device BlueZ has cached
};

// The fake BlueZ with `devices`, taking commands through a FIFO (see fake_bluez.py).
class FakeBluez {
  public:
    // Throws std::runtime_error, with its output, if it does not come up.
    FakeBluez(const std::filesystem::path& dir, const std::vector<FakeDevice>& devices,
              const std::string& emit_log = "");
    ~FakeBluez();
    FakeBluez(const FakeBluez&) = delete;
    FakeBluez& operator=(const FakeBluez&) = delete;

    // Sends a command; true once the fake says it carried it out, false if it refused it or did
    // not answer within 5 s.
    bool command(const std::string& line);
    std::string output() const { return process_->out(); }
    std::string describe() const { return process_->describe(); }

  private:
    std::filesystem::path control_;
    std::unique_ptr<Process> process_;
    std::ofstream writer_;
};

}  // namespace rs::kit
