#include <algorithm>
#include <cmath>
#include <cstring>

#include "rollstation/core/ble_decoders.hpp"
#include "rollstation/core/station_sensors.hpp"

namespace rs::core::ble {
namespace {

std::uint32_t uint32_at(Bytes b, std::size_t at) {
    return static_cast<std::uint32_t>(b[at]) | (static_cast<std::uint32_t>(b[at + 1]) << 8) |
           (static_cast<std::uint32_t>(b[at + 2]) << 16) |
           (static_cast<std::uint32_t>(b[at + 3]) << 24);
}

float float_at(Bytes b, std::size_t at) {
    const std::uint32_t bits = uint32_at(b, at);
    float value = 0;
    std::memcpy(&value, &bits, sizeof value);
    return value;
}

constexpr std::size_t kWeightSample = 8;  // float32 kilograms + uint32 microseconds

}  // namespace

void ProgressorDecoder::reset_stream() {
    last_device_us_.reset();
    said_hello_ = false;
}

void ProgressorDecoder::feed(Bytes notification, std::uint32_t /*arrival_ms*/,
                             std::vector<wire::Message>& out) {
    if (notification.size() < 2 || notification[1] != notification.size() - 2) {
        ++counters_.malformed;  // truncated, padded, or not a Progressor frame at all
        return;
    }
    const Bytes payload = notification.subspan(2);
    switch (notification[0]) {
        case kWeightMeasure:
            decode_weights(payload, out);
            return;
        case kCommandResponse:
            ++counters_.lines;
            // The only four-byte answer is to "get battery voltage" (0x6F), sent at connect.
            if (payload.size() == 4)
                out.push_back(wire::Status{battery_percent_from_mv(uint32_at(payload, 0)), 0});
            return;
        case kLowPowerWarning:
            ++counters_.lines;
            out.push_back(wire::Status{0, 0});
            return;
        case kRfdPeak:
        case kRfdPeakSeries:
            ++counters_.lines;  // only sent when asked for, which the kiosk never does
            return;
        default:
            ++counters_.malformed;
            return;
    }
}

void ProgressorDecoder::decode_weights(Bytes payload, std::vector<wire::Message>& out) {
    if (payload.empty() || payload.size() % kWeightSample != 0) {
        ++counters_.malformed;
        return;
    }
    if (!said_hello_) {
        said_hello_ = true;
        out.push_back(wire::Hello{"progressor", "Tindeq Progressor", false, true, std::nullopt});
    }
    for (std::size_t at = 0; at < payload.size(); at += kWeightSample) {
        const double kg = float_at(payload, at);
        const std::uint32_t us = uint32_at(payload, at + 4);
        if (!std::isfinite(kg) || std::fabs(kg) > kLargestKg) {
            ++counters_.malformed;
            continue;
        }
        if (last_device_us_) {
            // Differences in 32 bits: a wrap of the gauge's clock still moves forward.
            const auto step = static_cast<std::int32_t>(us - *last_device_us_);
            if (step <= 0) {
                ++counters_.seq_restarts;  // out of order or repeated: its moment has passed
                continue;
            }
            device_us_ += static_cast<std::uint32_t>(step);
        } else {
            device_us_ = us;
        }
        last_device_us_ = us;
        ++counters_.lines;
        wire::Sample s;
        s.seq = seq_++;
        s.t_ms = static_cast<std::uint32_t>(device_us_ / 1000);
        s.force_dn = static_cast<std::int32_t>(std::lround(newtons_of(kg) * 10.0));
        out.push_back(s);
    }
}

int battery_percent_from_mv(std::uint32_t millivolts) {
    constexpr double empty = 3300, full = 4200;
    const double pct = (static_cast<double>(millivolts) - empty) / (full - empty) * 100.0;
    return static_cast<int>(std::lround(std::clamp(pct, 0.0, 100.0)));
}

}  // namespace rs::core::ble
