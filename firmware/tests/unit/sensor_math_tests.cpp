// Rotation from gyro counts and force from load-cell counts, on synthetic traces made from the
// simulator's motion profiles (the ones rollstation-sim and the emulator play too).
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <random>

#include "core/load_cell.hpp"
#include "core/rotation.hpp"
#include "sensors/simulator.hpp"

namespace {

using Profile = rs::core::SimProfile;

// What an MPU-6050 at ±1000 °/s reads when the roller turns at `rev_per_s`.
std::int16_t gyro_counts(double rev_per_s, double bias_counts, double noise) {
    return static_cast<std::int16_t>(
        std::lround(rev_per_s * 360.0 * rsfw::kGyroTenthCountsPerDps / 10.0 + bias_counts + noise));
}

}  // namespace

TEST_CASE("rotation follows each profile within 10 mrev over two minutes", "[firmware]") {
    const Profile profile = GENERATE(Profile::steady, Profile::fast, Profile::stop_and_go);
    rs::sensors::SimSettings settings;
    settings.profile = profile;
    const rs::sensors::Simulator sim(settings);
    std::mt19937 rng(7);
    std::normal_distribution<double> noise(0.0, 3.0);
    constexpr double kBias = 46.0;  // 1.4 °/s, a typical MPU-6050 offset

    rsfw::BiasCalibrator calibrator;
    while (!calibrator.done())
        REQUIRE(calibrator.add(gyro_counts(0, kBias, noise(rng))));
    rsfw::RotationIntegrator rotation;
    rotation.set_bias_tenths(calibrator.bias_tenths());
    CHECK(std::abs(calibrator.bias_tenths() - kBias * 10) < 10);

    double worst = 0;
    double turned = 0;  // revolutions
    for (int i = 1; i <= 120 * rsfw::kSampleRateHz; ++i) {
        // The rate over the 10 ms before the sample, as the firmware reads it at each tick.
        const double seen = sim.turn_rate_rev_s(i / 100.0 - 0.005);
        turned += seen / 100.0;
        rotation.add(gyro_counts(seen, kBias, noise(rng)));
        worst = std::max(worst, std::abs(rotation.mrev() - turned * 1000));
    }
    INFO("worst error " << worst << " mrev");
    CHECK(worst <= 10);
}

TEST_CASE("the gyro bias is not taken from a roller that moves", "[firmware]") {
    SECTION("a wobble") {
        rsfw::BiasCalibrator calibrator;
        CHECK(calibrator.add(10));
        CHECK_FALSE(calibrator.add(10 + rsfw::BiasCalibrator::kStillRangeCounts + 1));
    }
    SECTION("an even turn, which looks still but is far beyond any bias") {
        rsfw::BiasCalibrator calibrator;
        CHECK_FALSE(calibrator.add(gyro_counts(0.5, 0, 0)));
    }
}

TEST_CASE("force is tared, scaled and clamped to the protocol's range", "[firmware]") {
    rsfw::LoadCell cell(50);
    CHECK_FALSE(cell.has_force());
    cell.start_tare();
    for (int i = 0; i < rsfw::LoadCell::kTareReadings; ++i)
        cell.add_reading(84'000 + (i % 2 ? 100 : -100));
    REQUIRE(cell.has_force());
    CHECK(cell.tare_counts() == 84'000);
    for (int i = 0; i < 3; ++i)
        cell.add_reading(84'000 + 220'000);
    CHECK(cell.force_dn() == 44000);
    for (int i = 0; i < 3; ++i)
        cell.add_reading(84'000 - 5'000);  // below the tare: noise around an empty pad
    CHECK(cell.force_dn() == 0);
    for (int i = 0; i < 3; ++i)
        cell.add_reading(8'000'000);
    CHECK(cell.force_dn() == rsfw::kMaxForceDn);
}

TEST_CASE("one wild conversion does not reach the force", "[firmware]") {
    rsfw::LoadCell cell(1000);
    cell.start_tare();
    for (int i = 0; i < rsfw::LoadCell::kTareReadings; ++i)
        cell.add_reading(0);
    cell.add_reading(220'000);
    cell.add_reading(220'000);
    cell.add_reading(8'388'607);  // a read that raced the conversion
    CHECK(cell.force_dn() == 2200);
}

TEST_CASE("calibration with a known weight measures counts per newton", "[firmware]") {
    rsfw::LoadCell cell(rsfw::kDefaultCountsPerNewton);
    cell.start_tare();
    for (int i = 0; i < rsfw::LoadCell::kTareReadings; ++i)
        cell.add_reading(50'000);
    // The weight goes on the pad, then the command comes: the filter has settled by then.
    for (int i = 0; i < 3; ++i)
        cell.add_reading(50'000 + 28'616);
    cell.start_calibration(196);  // a 2 kg weight: 19.6 N
    for (int i = 0; i < rsfw::LoadCell::kCalibrationReadings - 1; ++i)
        cell.add_reading(50'000 + 28'616);  // a cell with 1460 counts per newton
    CHECK_FALSE(cell.calibration_finished());
    cell.add_reading(50'000 + 28'616);
    REQUIRE(cell.calibration_finished());
    CHECK(cell.calibration_result() == 1460);
    CHECK_FALSE(cell.calibration_finished());  // reported once

    for (int i = 0; i < 3; ++i)
        cell.add_reading(50'000);  // the weight is off again
    cell.start_calibration(196);
    for (int i = 0; i < rsfw::LoadCell::kCalibrationReadings; ++i)
        cell.add_reading(50'000);
    REQUIRE(cell.calibration_finished());
    CHECK(cell.calibration_result() == 0);
}
