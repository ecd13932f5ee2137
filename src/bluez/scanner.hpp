// rollstation --scan-sensors: a discovery on one adapter for a while, and every device it saw
// with the family it belongs to (if any), its name and signal strength.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "rollstation/core/ble_devices.hpp"

namespace rs::bluez {

struct SeenDevice {
    std::string address;
    std::string name;
    std::optional<core::ble::DeviceKind> kind;  // none: not a sensor the kiosk can read
    std::optional<int> rssi_dbm;
};

struct ScanResult {
    std::vector<SeenDevice> devices;  // strongest signal first
    std::string error;                // why there is no scan (no bus, no adapter, powered off)
};

// Blocks the calling thread for `duration` while the bus thread scans.
ScanResult scan(std::chrono::milliseconds duration, const std::string& adapter = "hci0");

}  // namespace rs::bluez
