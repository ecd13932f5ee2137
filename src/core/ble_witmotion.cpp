#include <cmath>

#include "rollstation/core/ble_decoders.hpp"

namespace rs::core::ble {
namespace {

std::int16_t int16_at(Bytes b, std::size_t at) {
    return static_cast<std::int16_t>(static_cast<std::uint16_t>(b[at] | (b[at + 1] << 8)));
}

constexpr std::uint8_t kHeader = 0x55;
constexpr std::uint8_t kMotion = 0x61;
constexpr std::uint8_t kRegister = 0x71;

}  // namespace

void WitMotionDecoder::reset_stream() {
    last_arrival_.reset();
    last_rate_deg_s_.reset();
    rotation_deg_ = 0;
    said_hello_ = false;
}

void WitMotionDecoder::feed(Bytes notification, std::uint32_t arrival_ms,
                            std::vector<wire::Message>& out) {
    std::size_t i = 0;
    while (i < notification.size()) {
        const bool header = notification[i] == kHeader && i + 1 < notification.size();
        const std::uint8_t type = header ? notification[i + 1] : 0;
        if (!header || (type != kMotion && type != kRegister)) {
            ++counters_.garbage_bytes;
            ++i;
            continue;
        }
        if (notification.size() - i < kPacket) {
            ++counters_.malformed;  // cut short: the rest of it is lost with the notification
            return;
        }
        const Bytes packet = notification.subspan(i, kPacket);
        if (type == kMotion)
            decode_motion(packet, arrival_ms, out);
        else
            ++counters_.lines;  // a register reply: known, nothing the kiosk needs
        i += kPacket;
    }
}

void WitMotionDecoder::decode_motion(Bytes packet, std::uint32_t arrival_ms,
                                     std::vector<wire::Message>& out) {
    // A notification that arrives stamped before the previous one came out of order (or the
    // caller's clock stepped back): integrating it would run time backwards.
    if (last_arrival_ && static_cast<std::int32_t>(arrival_ms - *last_arrival_) < 0) {
        ++counters_.seq_restarts;
        return;
    }
    const std::size_t gyro_at = 8 + 2 * static_cast<std::size_t>(axis_);
    const double rate = int16_at(packet, gyro_at) / 32768.0 * kFullScaleDegS;
    if (last_arrival_ && last_rate_deg_s_) {
        const std::uint32_t dt = arrival_ms - *last_arrival_;
        if (dt <= kLongestGapMs)
            rotation_deg_ += (rate + *last_rate_deg_s_) / 2.0 * (dt / 1000.0);  // trapezoid
    }
    last_arrival_ = arrival_ms;
    last_rate_deg_s_ = rate;
    if (!said_hello_) {
        said_hello_ = true;
        out.push_back(wire::Hello{"witmotion", "WitMotion BLE 5.0", true, false, std::nullopt});
    }
    ++counters_.lines;
    wire::Sample s;
    s.seq = seq_++;
    s.t_ms = arrival_ms;
    s.rotation_mrev =
        static_cast<std::int32_t>(std::lround(std::fmod(rotation_deg_ / 360.0 * 1000.0, 2e9)));
    out.push_back(s);
}

}  // namespace rs::core::ble
