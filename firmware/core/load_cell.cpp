#include "core/load_cell.hpp"

namespace rsfw {

int32_t Median3::add(int32_t value) {
    values_[next_] = value;
    next_ = static_cast<uint8_t>((next_ + 1) % 3);
    if (count_ < 3)
        ++count_;
    if (count_ < 3)
        return value;  // too few for a median yet: trust the newest
    const int32_t a = values_[0], b = values_[1], c = values_[2];
    if ((a <= b && b <= c) || (c <= b && b <= a))
        return b;
    if ((b <= a && a <= c) || (c <= a && a <= b))
        return a;
    return c;
}

void LoadCell::start_tare() {
    averaging_ = Averaging::tare;
    sum_ = 0;
    count_ = 0;
}

void LoadCell::start_calibration(int32_t known_dn) {
    averaging_ = Averaging::calibration;
    known_dn_ = known_dn;
    sum_ = 0;
    count_ = 0;
}

void LoadCell::add_reading(int32_t raw) {
    filtered_ = median_.add(raw);
    if (averaging_ == Averaging::none)
        return;
    // 24-bit readings: sixteen of them still fit an int32 sum.
    sum_ += filtered_;
    ++count_;
    if (averaging_ == Averaging::tare && count_ >= kTareReadings) {
        tare_ = sum_ / count_;
        tared_ = true;
        averaging_ = Averaging::none;
    } else if (averaging_ == Averaging::calibration && count_ >= kCalibrationReadings) {
        const int32_t delta = sum_ / count_ - tare_;
        // counts per newton = delta / (known_dn / 10), rounded.
        const int32_t factor = (delta * 10 + known_dn_ / 2) / known_dn_;
        calibration_result_ =
            (factor >= kMinCountsPerNewton && factor <= kMaxCountsPerNewton) ? factor : 0;
        calibration_finished_ = true;
        averaging_ = Averaging::none;
    }
}

int32_t LoadCell::force_dn() const {
    const int32_t delta = filtered_ - tare_;
    if (delta <= 0)
        return 0;  // the pad cannot pull: below zero is noise around an empty pad
    // delta * 10 stays below 2^31 for any 24-bit reading.
    const int32_t dn = (delta * 10 + counts_per_newton_ / 2) / counts_per_newton_;
    return dn > kMaxForceDn ? kMaxForceDn : dn;
}

}  // namespace rsfw
