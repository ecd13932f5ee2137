#include "rollstation/core/wire.hpp"

#include <charconv>
#include <limits>

#include "core/printable_id.hpp"

namespace rs::core::wire {
namespace {

// Splits "a,b,c" into at most N fields without allocating; false if the count differs.
template <std::size_t N>
bool split(std::string_view text, std::array<std::string_view, N>& out) {
    std::size_t count = 0, start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == ',') {
            if (count == N)
                return false;
            out[count++] = text.substr(start, i - start);
            start = i + 1;
        }
    }
    return count == N;
}

template <typename T>
bool number(std::string_view s, T& value, T min, T max) {
    if (s.empty())
        return false;
    long long v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || ptr != s.data() + s.size() || v < min || v > max)
        return false;
    value = static_cast<T>(v);
    return true;
}

// An empty field means "not measured".
template <typename T>
bool optional_number(std::string_view s, std::optional<T>& value, T min, T max) {
    if (s.empty())
        return true;
    T v{};
    if (!number(s, v, min, max))
        return false;
    value = v;
    return true;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

std::optional<Message> parse_hello(std::string_view fields) {
    std::array<std::string_view, 4> f;
    if (!split(fields, f) || !is_printable_id(f[0], 32) || !is_printable_id(f[1], 16))
        return std::nullopt;
    Hello h;
    h.device_id = std::string(f[0]);
    h.firmware = std::string(f[1]);
    for (char c : f[2]) {
        if (c == 'R') {
            h.measures_rotation = true;
        } else if (c == 'F') {
            h.measures_force = true;
        } else {
            return std::nullopt;
        }
    }
    if (!optional_number(f[3], h.circumference_mm, 1, 10'000))
        return std::nullopt;
    return h;
}

std::optional<Message> parse_sample(std::string_view fields) {
    constexpr auto i32_min = std::numeric_limits<std::int32_t>::min();
    constexpr auto i32_max = std::numeric_limits<std::int32_t>::max();
    std::array<std::string_view, 4> f;
    Sample s;
    if (!split(fields, f) || !number<std::uint16_t>(f[0], s.seq, 0, 65535) ||
        !number<std::uint32_t>(f[1], s.t_ms, 0, std::numeric_limits<std::uint32_t>::max()) ||
        !optional_number<std::int32_t>(f[2], s.rotation_mrev, i32_min, i32_max) ||
        !optional_number<std::int32_t>(f[3], s.force_dn, 0, 100'000)) {
        return std::nullopt;
    }
    return s;
}

std::optional<Message> parse_status(std::string_view fields) {
    std::array<std::string_view, 2> f;
    Status s;
    if (!split(fields, f) || !optional_number(f[0], s.battery_pct, 0, 100) ||
        (!f[1].empty() && !number<std::uint32_t>(f[1], s.flags, 0, 0xFFFF'FFFF))) {
        return std::nullopt;
    }
    return s;
}

}  // namespace

std::uint8_t checksum(std::string_view body) {
    std::uint8_t x = 0;
    for (char c : body)
        x ^= static_cast<std::uint8_t>(c);
    return x;
}

std::string frame(std::string_view body) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    const std::uint8_t sum = checksum(body);
    std::string out;
    out.reserve(body.size() + 5);
    out += '$';
    out += body;
    out += '*';
    out += kHex[sum >> 4];
    out += kHex[sum & 0xF];
    out += '\n';
    return out;
}

LineResult parse_line(std::string_view line) {
    // $ + type(5) + , + ... + * + HH
    if (line.size() < 10 || line.front() != '$' || line[line.size() - 3] != '*') {
        return {std::nullopt, LineError::malformed};
    }
    const int hi = hex_digit(line[line.size() - 2]);
    const int lo = hex_digit(line[line.size() - 1]);
    if (hi < 0 || lo < 0)
        return {std::nullopt, LineError::malformed};
    const std::string_view body = line.substr(1, line.size() - 4);
    if (checksum(body) != static_cast<std::uint8_t>(hi * 16 + lo))
        return {std::nullopt, LineError::checksum};
    if (body.size() < 6 || body[5] != ',')
        return {std::nullopt, LineError::malformed};
    const std::string_view type = body.substr(0, 5);
    const std::string_view fields = body.substr(6);
    std::optional<Message> message;
    if (type == "RSDAT") {
        message = parse_sample(fields);
    } else if (type == "RSHEL") {
        message = parse_hello(fields);
    } else if (type == "RSSTA") {
        message = parse_status(fields);
    }
    if (!message)
        return {std::nullopt, LineError::malformed};
    return {std::move(message), LineError::none};
}

void Parser::reset_stream() {
    state_ = State::between;
    length_ = 0;
    last_seq_.reset();
}

void Parser::track_sequence(std::uint16_t seq) {
    if (last_seq_) {
        const std::uint16_t expected = static_cast<std::uint16_t>(*last_seq_ + 1);
        const std::uint16_t gap = static_cast<std::uint16_t>(seq - expected);
        if (gap != 0) {
            // A forward jump of up to half the range is samples lost on the way; anything
            // else is the counter starting over (a reboot) or a repeat, not a loss.
            if (gap < 32768) {
                counters_.lost_samples += gap;
            } else {
                ++counters_.seq_restarts;
            }
        }
    }
    last_seq_ = seq;
}

}  // namespace rs::core::wire
