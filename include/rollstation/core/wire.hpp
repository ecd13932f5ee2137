// The roller sensor wire protocol: a byte-stream parser that yields messages and counts trouble.
// Pure and allocation-free per byte; see docs/sensor-protocol.md for the format.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace rs::core::wire {

inline constexpr std::size_t kMaxLine = 96;  // bytes from '$' to the end of the checksum

struct Hello {
    std::string device_id;
    std::string firmware;
    bool measures_rotation = false;
    bool measures_force = false;
    std::optional<int> circumference_mm;
    bool operator==(const Hello&) const = default;
};

struct Sample {
    std::uint16_t seq = 0;
    std::uint32_t t_ms = 0;                     // the device's clock; wraps
    std::optional<std::int32_t> rotation_mrev;  // cumulative, signed
    std::optional<std::int32_t> force_dn;       // tenths of a newton
    bool operator==(const Sample&) const = default;
};

struct Status {
    std::optional<int> battery_pct;
    std::uint32_t flags = 0;
    // The radio signal strength a Bluetooth LE source adds from BlueZ; never on the wire.
    std::optional<int> rssi_dbm{};
    bool operator==(const Status&) const = default;
};

using Message = std::variant<Hello, Sample, Status>;

struct Counters {
    std::uint64_t lines = 0;  // good messages
    std::uint64_t bad_checksum = 0;
    std::uint64_t overlong = 0;       // lines over kMaxLine, discarded
    std::uint64_t malformed = 0;      // framing or field errors, unknown sentences
    std::uint64_t garbage_bytes = 0;  // bytes outside any line
    std::uint64_t lost_samples = 0;   // from gaps in seq
    std::uint64_t seq_restarts = 0;   // seq jumped backwards: a device restart or a duplicate
    std::uint64_t bad_lines() const { return bad_checksum + overlong + malformed; }
    bool operator==(const Counters&) const = default;
};

// Parses one complete line (from '$' up to, not including, the line end). Pure.
enum class LineError { none, checksum, malformed };
struct LineResult {
    std::optional<Message> message;
    LineError error = LineError::none;
};
LineResult parse_line(std::string_view line);

// The checksum the protocol expects: XOR of every byte between '$' and '*'.
std::uint8_t checksum(std::string_view body);
// Builds a complete line "$body*HH\n" (for simulators, firmware examples and tests).
std::string frame(std::string_view body);

class Parser {
  public:
    // Feeds a chunk of bytes; `on_message(const Message&)` is called for every good message.
    template <typename OnMessage>
    void feed(std::string_view bytes, OnMessage&& on_message) {
        for (char c : bytes) {
            if (c == '$') {
                if (state_ == State::line && length_ > 0)
                    ++counters_.malformed;  // cut short
                state_ = State::line;
                length_ = 0;
                buffer_[length_++] = c;
            } else if (state_ == State::between) {
                if (c != '\n' && c != '\r')
                    ++counters_.garbage_bytes;
            } else if (c == '\n') {
                if (state_ == State::line)
                    finish(on_message);
                state_ = State::between;
            } else if (state_ == State::line) {
                if (length_ == buffer_.size()) {
                    ++counters_.overlong;
                    state_ = State::discarding;  // until the next '$'
                } else {
                    buffer_[length_++] = c;
                }
            }
        }
    }

    const Counters& counters() const { return counters_; }
    // A new connection: forget a half line and the sequence (a reconnect is not a loss).
    void reset_stream();

  private:
    enum class State { between, line, discarding };

    template <typename OnMessage>
    void finish(OnMessage& on_message) {
        std::size_t n = length_;
        if (n > 0 && buffer_[n - 1] == '\r')
            --n;
        if (n > kMaxLine) {
            ++counters_.overlong;
            return;
        }
        const LineResult r = parse_line(std::string_view(buffer_.data(), n));
        if (r.error == LineError::checksum)
            ++counters_.bad_checksum;
        if (r.error == LineError::malformed)
            ++counters_.malformed;
        if (!r.message)
            return;
        ++counters_.lines;
        if (const auto* s = std::get_if<Sample>(&*r.message))
            track_sequence(s->seq);
        if (std::holds_alternative<Hello>(*r.message))
            last_seq_.reset();
        on_message(*r.message);
    }
    void track_sequence(std::uint16_t seq);

    State state_ = State::between;
    std::array<char, kMaxLine + 1> buffer_{};  // room for the '\r' a full-length line may end with
    std::size_t length_ = 0;
    std::optional<std::uint16_t> last_seq_;
    Counters counters_;
};

}  // namespace rs::core::wire
