#include "app/scan.hpp"

#include <cstdio>

#include "bluez/scanner.hpp"

namespace rs::app {
namespace {

std::string padded(std::string text, std::size_t width) {
    if (text.size() < width)
        text.append(width - text.size(), ' ');
    return text;
}

}  // namespace

int run_scan(int seconds, std::ostream& out) {
    out << "scanning for Bluetooth LE sensors on hci0 for " << seconds << " s\n" << std::flush;
    const bluez::ScanResult result = bluez::scan(std::chrono::seconds(seconds));
    if (!result.error.empty()) {
        out << "error: " << result.error << "\n";
        return 1;
    }
    std::size_t supported = 0;
    for (const auto& d : result.devices)
        supported += d.kind ? 1 : 0;
    out << "found " << supported << " supported sensor" << (supported == 1 ? "" : "s") << " ("
        << result.devices.size() << " Bluetooth LE device"
        << (result.devices.size() == 1 ? "" : "s") << " in all)\n";
    for (const auto& d : result.devices) {
        if (!d.kind)
            continue;
        const auto& family = core::ble::family(*d.kind);
        const std::string rssi = d.rssi_dbm ? std::to_string(*d.rssi_dbm) + " dBm" : "no signal";
        out << "\n  " << padded(d.name.empty() ? "(no name)" : d.name, 20) << " " << d.address
            << "  " << padded(std::string(family.name), 10) << " " << rssi << "\n"
            << "  " << family.description << "; in the station file:\n"
            << "    - id: " << (family.sensor_kind == "pad" ? "pad-1" : "roller-1") << "\n"
            << "      kind: " << family.sensor_kind << "\n"
            << "      source: \"ble:" << d.address << "?kind=" << family.name
            << (*d.kind == core::ble::DeviceKind::witmotion ? "&axis=x" : "") << "\"\n";
        if (*d.kind == core::ble::DeviceKind::witmotion)
            out << "      # axis: the sensor's axis along the roller's core (x, y or z)\n";
    }
    if (supported == 0)
        out << "\nNo supported sensor answered. Wake it (move or press it), bring it within a few "
               "metres and scan again.\n";
    return 0;
}

}  // namespace rs::app
