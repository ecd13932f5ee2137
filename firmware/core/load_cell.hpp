// Force from an HX711 load-cell amplifier: spikes filtered, zero tared at start with nothing on
// the pad, counts scaled to tenths of a newton by the calibration factor (counts per newton).
#pragma once

#include <stdint.h>

namespace rsfw {

constexpr int32_t kMaxForceDn = 100000;  // the protocol's ceiling
// Until a calibration is saved: about what four 50 kg half-bridge cells under a pad give with
// the HX711's gain of 128. Lines carry the "uncalibrated" status flag meanwhile.
constexpr int32_t kDefaultCountsPerNewton = 1000;
constexpr int32_t kMinCountsPerNewton = 1;
constexpr int32_t kMaxCountsPerNewton = 1000000;

// The median of the last three conversions: the HX711 now and then returns one wild value (a
// read that raced a conversion); a median drops it without the lag of an average.
class Median3 {
  public:
    int32_t add(int32_t value);

  private:
    int32_t values_[3] = {0, 0, 0};
    uint8_t count_ = 0;
    uint8_t next_ = 0;
};

class LoadCell {
  public:
    static constexpr uint8_t kTareReadings = 8;
    static constexpr uint8_t kCalibrationReadings = 16;

    explicit LoadCell(int32_t counts_per_newton) : counts_per_newton_(counts_per_newton) {}

    // Averages the next readings as the new zero; no force is reported until it is done.
    void start_tare();
    // Averages the next readings with `known_dn` on the pad; the factor is then `result()`.
    void start_calibration(int32_t known_dn);
    // A fresh conversion from the HX711.
    void add_reading(int32_t raw);

    bool busy() const { return averaging_ != Averaging::none; }
    bool has_force() const { return tared_ && averaging_ != Averaging::tare; }
    int32_t force_dn() const;  // 0..kMaxForceDn

    // After a calibration finishes: the factor it measured, or 0 if the load did not change.
    bool calibration_finished() { return take(calibration_finished_); }
    int32_t calibration_result() const { return calibration_result_; }

    int32_t counts_per_newton() const { return counts_per_newton_; }
    void set_counts_per_newton(int32_t factor) { counts_per_newton_ = factor; }
    int32_t tare_counts() const { return tare_; }

  private:
    enum class Averaging : uint8_t { none, tare, calibration };
    static bool take(bool& flag) {
        const bool was = flag;
        flag = false;
        return was;
    }

    Median3 median_;
    int32_t counts_per_newton_;
    int32_t tare_ = 0;
    int32_t filtered_ = 0;
    bool tared_ = false;
    Averaging averaging_ = Averaging::none;
    int32_t sum_ = 0;
    uint8_t count_ = 0;
    int32_t known_dn_ = 0;
    bool calibration_finished_ = false;
    int32_t calibration_result_ = 0;
};

}  // namespace rsfw
