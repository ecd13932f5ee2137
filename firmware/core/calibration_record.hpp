// The load cell's calibration as it sits in EEPROM: a tag, a version, the factor and a check
// byte, so a blank (0xFF) or half-written EEPROM reads as "not calibrated", never as a factor.
#pragma once

#include <stdint.h>

namespace rsfw {

constexpr uint8_t kCalibrationRecordBytes = 8;

struct CalibrationRecord {
    int32_t counts_per_newton = 0;
};

void encode_calibration(const CalibrationRecord& record, uint8_t (&bytes)[kCalibrationRecordBytes]);
// False for anything but a valid record in range.
bool decode_calibration(const uint8_t (&bytes)[kCalibrationRecordBytes], CalibrationRecord& record);

}  // namespace rsfw
