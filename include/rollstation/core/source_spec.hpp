// Where a sensor's bytes come from: "serial:/dev/ttyACM0@115200", "udp:0.0.0.0:5005", "sim:steady",
// "ble:AA:BB:CC:DD:EE:FF?kind=witmotion&axis=x".
// Pure: the station file's checks and the I/O thread read sources with the same grammar.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "rollstation/core/ble_devices.hpp"

namespace rs::core {

// The built-in simulator's motion profiles (shared by the demo source and rollstation-sim).
enum class SimProfile { steady, fast, stop_and_go, hold, heavy, garbage, unplug };

std::optional<SimProfile> parse_profile(std::string_view name);
std::string_view name_of(SimProfile profile);
std::string profile_names();  // "steady, fast, ..." for help and errors

struct SourceSpec {
    enum class Kind { serial, udp, sim, ble } kind = Kind::serial;
    std::string path;  // serial
    int baud = 115200;
    std::string host;  // udp: a literal IPv4 or IPv6 address to listen on
    int port = 0;
    SimProfile profile = SimProfile::steady;  // sim
    // ble: a device address, or empty for the first device of the kind the adapter sees
    std::string ble_address;
    ble::DeviceKind ble_kind = ble::DeviceKind::witmotion;
    ble::Axis axis = ble::Axis::z;  // witmotion: the roller's axis
    std::string adapter = "hci0";
};

struct SpecParse {
    std::optional<SourceSpec> spec;
    std::string error;
};

SpecParse parse_source(std::string_view text);

// A sensor id usable as a device_id on the wire (UDP sensors are matched by it).
bool is_device_id(std::string_view id);

}  // namespace rs::core
