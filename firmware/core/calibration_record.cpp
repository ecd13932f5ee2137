#include "core/calibration_record.hpp"

#include "core/load_cell.hpp"

namespace rsfw {
namespace {

constexpr uint8_t kTag0 = 'R';
constexpr uint8_t kTag1 = 'S';
constexpr uint8_t kVersion = 1;

// A CRC-8 (polynomial 0x07) rather than a XOR: it also catches two swapped bytes.
uint8_t crc8(const uint8_t* bytes, uint8_t n) {
    uint8_t crc = 0;
    for (uint8_t i = 0; i < n; ++i) {
        crc = static_cast<uint8_t>(crc ^ bytes[i]);
        for (int bit = 0; bit < 8; ++bit)
            crc = static_cast<uint8_t>((crc & 0x80) ? (crc << 1) ^ 0x07 : crc << 1);
    }
    return crc;
}

}  // namespace

void encode_calibration(const CalibrationRecord& record,
                        uint8_t (&bytes)[kCalibrationRecordBytes]) {
    const uint32_t factor = static_cast<uint32_t>(record.counts_per_newton);
    bytes[0] = kTag0;
    bytes[1] = kTag1;
    bytes[2] = kVersion;
    bytes[3] = static_cast<uint8_t>(factor);
    bytes[4] = static_cast<uint8_t>(factor >> 8);
    bytes[5] = static_cast<uint8_t>(factor >> 16);
    bytes[6] = static_cast<uint8_t>(factor >> 24);
    bytes[7] = crc8(bytes, 7);
}

bool decode_calibration(const uint8_t (&bytes)[kCalibrationRecordBytes],
                        CalibrationRecord& record) {
    if (bytes[0] != kTag0 || bytes[1] != kTag1 || bytes[2] != kVersion ||
        bytes[7] != crc8(bytes, 7))
        return false;
    const uint32_t factor = static_cast<uint32_t>(bytes[3]) | static_cast<uint32_t>(bytes[4]) << 8 |
                            static_cast<uint32_t>(bytes[5]) << 16 |
                            static_cast<uint32_t>(bytes[6]) << 24;
    const int32_t value = static_cast<int32_t>(factor);
    if (value < kMinCountsPerNewton || value > kMaxCountsPerNewton)
        return false;
    record.counts_per_newton = value;
    return true;
}

}  // namespace rsfw
