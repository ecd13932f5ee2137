// The Bluetooth LE sensors the kiosk knows: each family's GATT service and characteristics, the
// commands it needs to start streaming, and how its name on a scan gives it away. Pure data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rs::core::ble {

enum class DeviceKind { witmotion, progressor, nus };

// The roller's own axis among the IMU's three: the angular velocity about it is its rotation.
enum class Axis { x, y, z };

struct DeviceFamily {
    DeviceKind kind;
    std::string_view name;          // in a station file: kind=witmotion
    std::string_view description;   // for --scan-sensors
    std::string_view service_uuid;  // lower case, as BlueZ writes it
    std::string_view notify_uuid;   // the characteristic whose Value changes carry the data
    std::string_view write_uuid;    // where commands go; empty: none needed
    std::vector<std::uint8_t> start_command;    // written after StartNotify; empty: streams anyway
    std::vector<std::uint8_t> battery_command;  // asks the device for its battery; empty: none
    std::string_view sensor_kind;               // the station's sensor kind it suits: roller, pad
    std::string_view name_prefix;  // an advertised name that marks the family ("WT", "Progressor")
};

const std::vector<DeviceFamily>& families();
const DeviceFamily& family(DeviceKind kind);
std::optional<DeviceKind> parse_kind(std::string_view name);
std::string kind_names();  // "witmotion, progressor, nus" for help and errors

// Which family a device belongs to, from the service UUIDs it advertises or, failing that, its
// name.
std::optional<DeviceKind> recognise(const std::vector<std::string>& service_uuids,
                                    std::string_view name);

// The standard GATT battery level (0x2A19, a percentage), read where a device offers it.
inline constexpr std::string_view kBatteryLevelUuid = "00002a19-0000-1000-8000-00805f9b34fb";

// "AA:BB:CC:DD:EE:FF", six pairs of hex digits; returned upper case as BlueZ shows addresses.
std::optional<std::string> parse_address(std::string_view text);
// BlueZ's object path element for an address: dev_AA_BB_CC_DD_EE_FF.
std::string device_path_element(std::string_view address);

}  // namespace rs::core::ble
