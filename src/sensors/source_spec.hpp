// Where a sensor's bytes come from: "serial:/dev/ttyACM0@115200", "udp:0.0.0.0:5005", "sim:steady".
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rs::sensors {

struct SourceSpec {
    enum class Kind { serial, udp, sim } kind = Kind::serial;
    std::string path;  // serial
    int baud = 115200;
    std::string host;  // udp: the address to listen on
    int port = 0;
    std::string profile;  // sim
};

struct SpecParse {
    std::optional<SourceSpec> spec;
    std::string error;
};

SpecParse parse_source(std::string_view text);

}  // namespace rs::sensors
