#include "core/rotation.hpp"

namespace rsfw {

void BiasCalibrator::reset() {
    sum_ = 0;
    count_ = 0;
    min_ = 0;
    max_ = 0;
}

bool BiasCalibrator::add(int16_t raw) {
    if (raw > kMaxBiasCounts || raw < -kMaxBiasCounts)
        return false;
    if (count_ == 0) {
        min_ = raw;
        max_ = raw;
    }
    if (raw < min_)
        min_ = raw;
    if (raw > max_)
        max_ = raw;
    if (static_cast<int32_t>(max_) - min_ > kStillRangeCounts)
        return false;
    if (count_ < kSamples) {
        sum_ += raw;
        ++count_;
    }
    return true;
}

int32_t BiasCalibrator::bias_tenths() const {
    if (count_ == 0)
        return 0;
    const int32_t tenths = sum_ * 10;
    // Round to nearest, symmetric about zero.
    const int32_t half = count_ / 2;
    return (tenths >= 0 ? tenths + half : tenths - half) / count_;
}

void RotationIntegrator::add(int16_t raw) {
    residual_ += static_cast<int32_t>(raw) * 10 - bias_tenths_;
    const int32_t whole = residual_ / kTenthCountSamplesPerMrev;  // truncates toward zero
    mrev_ += whole;
    residual_ -= whole * kTenthCountSamplesPerMrev;
}

}  // namespace rsfw
