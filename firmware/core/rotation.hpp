// Rotation about the roller's axis from an MPU-6050's gyro: the bias measured while the roller
// lies still at start, then the rate integrated into milli-revolutions at the sample rate.
// Integer arithmetic only: the ATmega328P has no FPU, and integers make the host tests exact.
#pragma once

#include <stdint.h>

namespace rsfw {

// The gyro runs at ±1000 °/s full scale (a fast 1 s pass of a 15 cm roller turns ~540 °/s, past
// the ±500 range): 32.8 counts per °/s. Held for one 10 ms sample, one count turns
// 1 / (32.8 × 360 × 100) rev, so a milli-revolution is 1180.8 count-samples. Tenths of a count
// keep that exact: 11808 tenth-count-samples per mrev.
constexpr int32_t kSampleRateHz = 100;
constexpr int32_t kTenthCountSamplesPerMrev = 11808;
// Counts per °/s times ten, for tests and for the emulator's gyro model.
constexpr int32_t kGyroTenthCountsPerDps = 328;

// Averages the gyro while the roller is still. A reading that strays too far from the others
// means someone moved it: the caller starts over rather than bake motion into the bias.
class BiasCalibrator {
  public:
    static constexpr uint8_t kSamples = 50;           // 0.5 s at 100 Hz
    static constexpr int16_t kStillRangeCounts = 98;  // 3 °/s between the extremes
    // The MPU-6050's zero-rate offset is at most ±20 °/s: a steadier reading beyond that is a
    // roller turning at an even speed, not a bias.
    static constexpr int16_t kMaxBiasCounts = 656;

    void reset();
    // Adds a reading; false if the readings so far are not those of a still roller.
    bool add(int16_t raw);
    bool done() const { return count_ >= kSamples; }
    // The mean, in tenths of a count.
    int32_t bias_tenths() const;

  private:
    int32_t sum_ = 0;
    uint8_t count_ = 0;
    int16_t min_ = 0;
    int16_t max_ = 0;
};

class RotationIntegrator {
  public:
    void set_bias_tenths(int32_t bias) { bias_tenths_ = bias; }
    // One sample period at the rate `raw`.
    void add(int16_t raw);
    int32_t mrev() const { return mrev_; }

  private:
    int32_t bias_tenths_ = 0;
    // What is left below one mrev, carried so rounding never accumulates into drift.
    int32_t residual_ = 0;
    int32_t mrev_ = 0;
};

}  // namespace rsfw
