#include "rollstation/core/source_spec.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <charconv>

#include "printable_id.hpp"

namespace rs::core {
namespace {

std::optional<int> whole(std::string_view s) {
    int v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc{} || ptr != s.data() + s.size())
        return std::nullopt;
    return v;
}

// The listening address must be a literal: a name would need a DNS look-up at start.
bool is_ip_literal(const std::string& host) {
    unsigned char buffer[16];
    return inet_pton(AF_INET, host.c_str(), buffer) == 1 ||
           inet_pton(AF_INET6, host.c_str(), buffer) == 1;
}

constexpr std::array<int, 8> kBauds{9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600};

}  // namespace

bool is_device_id(std::string_view id) {
    return is_printable_id(id, 32);
}

SpecParse parse_source(std::string_view text) {
    const auto fail = [&](const std::string& why) {
        return SpecParse{std::nullopt, "sensor source '" + std::string(text) + "': " + why};
    };
    SourceSpec spec;
    if (text.rfind("serial:", 0) == 0) {
        spec.kind = SourceSpec::Kind::serial;
        std::string_view rest = text.substr(7);
        if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
            const auto baud = whole(rest.substr(at + 1));
            if (!baud || std::find(kBauds.begin(), kBauds.end(), *baud) == kBauds.end())
                return fail("the baud rate must be one of 9600 ... 921600, such as 115200");
            spec.baud = *baud;
            rest = rest.substr(0, at);
        }
        if (rest.empty() || rest.front() != '/')
            return fail("a serial device needs an absolute path such as /dev/ttyACM0");
        spec.path = std::string(rest);
        return {spec, {}};
    }
    if (text.rfind("udp:", 0) == 0) {
        spec.kind = SourceSpec::Kind::udp;
        const std::string_view rest = text.substr(4);
        const auto colon = rest.rfind(':');
        if (colon == std::string_view::npos || colon == 0)
            return fail("write udp:ADDRESS:PORT, such as udp:0.0.0.0:5005");
        const auto port = whole(rest.substr(colon + 1));
        if (!port || *port < 1 || *port > 65535)
            return fail("the port must be 1 to 65535");
        std::string_view host = rest.substr(0, colon);
        if (host.size() > 2 && host.front() == '[' && host.back() == ']')
            host = host.substr(1, host.size() - 2);  // [::1]
        spec.host = std::string(host);
        if (!is_ip_literal(spec.host))
            return fail("listen on an IP address such as 0.0.0.0, 127.0.0.1 or [::1], not '" +
                        spec.host + "'");
        spec.port = *port;
        return {spec, {}};
    }
    if (text.rfind("sim:", 0) == 0) {
        spec.kind = SourceSpec::Kind::sim;
        const auto profile = parse_profile(text.substr(4));
        if (!profile)
            return fail("the simulator's profile must be one of " + profile_names());
        spec.profile = *profile;
        return {spec, {}};
    }
    return fail("it must start with serial:, udp: or sim:");
}

}  // namespace rs::core
