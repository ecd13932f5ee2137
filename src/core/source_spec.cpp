#include "rollstation/core/source_spec.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <charconv>

#include "core/printable_id.hpp"

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

// ble:ADDRESS?kind=KIND[&axis=x|y|z][&adapter=hciN], ADDRESS "any" for the first of the kind.
template <typename Fail>
SpecParse parse_ble(std::string_view rest, const Fail& fail) {
    SourceSpec spec;
    spec.kind = SourceSpec::Kind::ble;
    const auto question = rest.find('?');
    const std::string_view who = rest.substr(0, question);
    if (who != "any") {
        const auto address = ble::parse_address(who);
        if (!address)
            return fail(
                "write ble:ADDRESS?kind=KIND with an address such as AA:BB:CC:DD:EE:FF "
                "(or ble:any?kind=KIND for the first device of the kind)");
        spec.ble_address = *address;
    }
    bool has_kind = false;
    std::string_view query = question == std::string_view::npos ? "" : rest.substr(question + 1);
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? "" : query.substr(amp + 1);
        const auto eq = pair.find('=');
        const std::string_view key = pair.substr(0, eq);
        const std::string_view value =
            eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
        if (key == "kind") {
            const auto kind = ble::parse_kind(value);
            if (!kind)
                return fail("the kind must be one of " + ble::kind_names());
            spec.ble_kind = *kind;
            has_kind = true;
        } else if (key == "axis") {
            if (value != "x" && value != "y" && value != "z")
                return fail("the axis must be x, y or z (the one the roller turns about)");
            spec.axis = value == "x" ? ble::Axis::x : value == "y" ? ble::Axis::y : ble::Axis::z;
        } else if (key == "adapter") {
            const bool hci = value.size() > 3 && value.size() <= 6 && value.substr(0, 3) == "hci" &&
                             whole(value.substr(3)).has_value();
            if (!hci)
                return fail("the adapter must be a name such as hci0");
            spec.adapter = std::string(value);
        } else {
            return fail("unknown setting '" + std::string(key) +
                        "'; a ble: source takes kind=, axis= and adapter=");
        }
    }
    if (!has_kind)
        return fail("say which kind of device it is: ?kind=" + ble::kind_names());
    if (spec.ble_kind != ble::DeviceKind::witmotion && rest.find("axis=") != std::string_view::npos)
        return fail("axis= is for a witmotion sensor only");
    return {spec, {}};
}

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
    if (text.rfind("ble:", 0) == 0)
        return parse_ble(text.substr(4), fail);
    return fail("it must start with serial:, udp:, sim: or ble:");
}

}  // namespace rs::core
