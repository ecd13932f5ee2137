// Bluetooth LE notifications turned into the wire protocol's messages, one decoder per device
// family, so a BLE sensor feeds the kiosk exactly as a serial one does. Pure: the caller passes
// each notification's bytes and the moment it arrived (milliseconds on any steady clock).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "rollstation/core/ble_devices.hpp"
#include "rollstation/core/wire.hpp"

namespace rs::core::ble {

using Bytes = std::span<const std::uint8_t>;

// WitMotion BLE 5.0: 20-byte packets 0x55 0x61 then nine little-endian int16s (acceleration,
// angular velocity, angle on x, y, z). The angular velocity about the roller's axis (full scale
// ±2000 °/s) is integrated over the arrival times into a cumulative rotation. Register replies
// (0x55 0x71) are known and passed over.
class WitMotionDecoder {
  public:
    explicit WitMotionDecoder(Axis axis = Axis::z) : axis_(axis) {}
    void feed(Bytes notification, std::uint32_t arrival_ms, std::vector<wire::Message>& out);
    const wire::Counters& counters() const { return counters_; }
    void reset_stream();

    static constexpr std::size_t kPacket = 20;
    static constexpr double kFullScaleDegS = 2000.0;
    // Arrival gaps longer than this are a radio drop-out: the rotation is not integrated over it.
    static constexpr std::uint32_t kLongestGapMs = 250;

  private:
    void decode_motion(Bytes packet, std::uint32_t arrival_ms, std::vector<wire::Message>& out);

    Axis axis_;
    wire::Counters counters_;
    std::optional<std::uint32_t> last_arrival_;
    std::optional<double> last_rate_deg_s_;
    double rotation_deg_ = 0;
    std::uint16_t seq_ = 0;
    bool said_hello_ = false;
};

// Tindeq Progressor: each notification is a response code, a payload length and the payload.
// Code 1 carries weight samples (float32 kilograms, uint32 microseconds, little-endian, several
// to a notification); code 0 answers a command (4 bytes: the battery in millivolts); code 4
// warns of a low battery. Timestamps run on the gauge's clock (wrapping every 71 minutes);
// a sample older than the last one is dropped as out of order.
class ProgressorDecoder {
  public:
    void feed(Bytes notification, std::uint32_t arrival_ms, std::vector<wire::Message>& out);
    const wire::Counters& counters() const { return counters_; }
    void reset_stream();

    static constexpr std::uint8_t kCommandResponse = 0x00;
    static constexpr std::uint8_t kWeightMeasure = 0x01;
    static constexpr std::uint8_t kRfdPeak = 0x02;
    static constexpr std::uint8_t kRfdPeakSeries = 0x03;
    static constexpr std::uint8_t kLowPowerWarning = 0x04;
    // Beyond what any Progressor measures (its largest reads 250 kg): a corrupted value.
    static constexpr double kLargestKg = 500.0;

  private:
    void decode_weights(Bytes payload, std::vector<wire::Message>& out);

    wire::Counters counters_;
    std::optional<std::uint32_t> last_device_us_;
    std::uint64_t device_us_ = 0;  // unwrapped
    std::uint16_t seq_ = 0;
    bool said_hello_ = false;
};

// Our own line protocol carried over the Nordic UART service: notifications are slices of the
// byte stream (a line may span several), so they go through the wire parser as they come.
class NusDecoder {
  public:
    void feed(Bytes notification, std::uint32_t arrival_ms, std::vector<wire::Message>& out);
    const wire::Counters& counters() const { return parser_.counters(); }
    void reset_stream() { parser_.reset_stream(); }

  private:
    wire::Parser parser_;
};

// One of the three, chosen by the sensor's family.
class NotificationDecoder {
  public:
    NotificationDecoder(DeviceKind kind, Axis axis);
    void feed(Bytes notification, std::uint32_t arrival_ms, std::vector<wire::Message>& out);
    const wire::Counters& counters() const;
    // A new connection: a half line and the integration start afresh; counters carry on.
    void reset_stream();

  private:
    std::variant<WitMotionDecoder, ProgressorDecoder, NusDecoder> decoder_;
};

// The standard battery level characteristic's value (one byte, 0-100) as a status message.
std::optional<wire::Status> battery_level(Bytes value);

// A lithium cell's voltage as a rough percentage (3.3 V empty, 4.2 V full), for gauges that
// report millivolts.
int battery_percent_from_mv(std::uint32_t millivolts);

}  // namespace rs::core::ble
