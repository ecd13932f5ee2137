#include "rollstation/core/ble_devices.hpp"

#include <algorithm>
#include <cctype>

namespace rs::core::ble {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

}  // namespace

const std::vector<DeviceFamily>& families() {
    // WitMotion BLE 5.0 IMUs stream combined 0x55 0x61 packets as soon as notifications are on.
    // The Progressor sends weights only after "start weight measurement" (0x65); 0x6F asks for
    // its battery voltage. A Nordic UART board sends our line protocol unasked.
    static const std::vector<DeviceFamily> all{
        {DeviceKind::witmotion,
         "witmotion",
         "WitMotion BLE 5.0 inertial sensor",
         "0000ffe5-0000-1000-8000-00805f9b34fb",
         "0000ffe4-0000-1000-8000-00805f9b34fb",
         "0000ffe9-0000-1000-8000-00805f9b34fb",
         {},
         {},
         "roller",
         "WT"},
        {DeviceKind::progressor,
         "progressor",
         "Tindeq Progressor force gauge",
         "7e4e1701-1ea6-40c9-9dcc-13d34ffead57",
         "7e4e1702-1ea6-40c9-9dcc-13d34ffead57",
         "7e4e1703-1ea6-40c9-9dcc-13d34ffead57",
         {0x65},
         {0x6f},
         "pad",
         "Progressor"},
        {DeviceKind::nus,
         "nus",
         "Nordic UART board with the Rollstation line protocol",
         "6e400001-b5a3-f393-e0a9-e50e24dcca9e",
         "6e400003-b5a3-f393-e0a9-e50e24dcca9e",
         "",
         {},
         {},
         "roller",
         ""},
    };
    return all;
}

const DeviceFamily& family(DeviceKind kind) {
    for (const auto& f : families()) {
        if (f.kind == kind)
            return f;
    }
    return families().front();
}

std::optional<DeviceKind> parse_kind(std::string_view name) {
    for (const auto& f : families()) {
        if (f.name == name)
            return f.kind;
    }
    return std::nullopt;
}

std::string kind_names() {
    std::string out;
    for (const auto& f : families())
        out += (out.empty() ? "" : ", ") + std::string(f.name);
    return out;
}

std::optional<DeviceKind> recognise(const std::vector<std::string>& service_uuids,
                                    std::string_view name) {
    for (const auto& f : families()) {
        for (const auto& uuid : service_uuids) {
            if (lower(uuid) == f.service_uuid)
                return f.kind;
        }
    }
    for (const auto& f : families()) {
        if (!f.name_prefix.empty() && name.substr(0, f.name_prefix.size()) == f.name_prefix)
            return f.kind;
    }
    return std::nullopt;
}

std::optional<std::string> parse_address(std::string_view text) {
    if (text.size() != 17)
        return std::nullopt;
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (i % 3 == 2) {
            if (c != ':')
                return std::nullopt;
        } else if (!std::isxdigit(static_cast<unsigned char>(c))) {
            return std::nullopt;
        }
        out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
}

std::string device_path_element(std::string_view address) {
    std::string out = "dev_" + std::string(address);
    std::replace(out.begin(), out.end(), ':', '_');
    return out;
}

}  // namespace rs::core::ble
