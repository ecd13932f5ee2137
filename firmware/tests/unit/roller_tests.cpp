// The whole firmware logic tick by tick, fed synthetic traces from the simulator's profiles:
// every line it sends must pass the kiosk's own parser, with rotation and force right.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "core/roller.hpp"
#include "rollstation/core/wire.hpp"
#include "sensors/simulator.hpp"

namespace {

namespace wire = rs::core::wire;
using Profile = rs::core::SimProfile;

class Collect final : public rsfw::LineSink {
  public:
    void send(const char* line, std::uint8_t length) override { text.append(line, length); }
    std::string text;
};

struct Run {
    std::vector<wire::Sample> samples;
    std::vector<wire::Hello> hellos;
    std::vector<wire::Status> statuses;
    wire::Counters counters;
    std::string text;
    std::map<std::uint32_t, double> expected_mrev;  // by t_ms
};

constexpr int kCountsPerNewton = 1000;
constexpr std::int32_t kTareCounts = 84'123;
constexpr double kStillS = 1.0;  // lying still and unloaded before the profile starts

struct Bench {
    rsfw::PartsFound parts{true, true};
    Profile profile = Profile::steady;
    double seconds = 30;
    double load_cell_dies_at = 1e9;
    std::vector<std::pair<double, std::string>> typed;
};

Run run(const Bench& bench, std::uint8_t (&eeprom)[rsfw::kCalibrationRecordBytes]) {
    rs::sensors::SimSettings settings;
    settings.profile = bench.profile;
    const rs::sensors::Simulator sim(settings);
    rsfw::Roller roller({"roller-test", "fw-test", 471}, bench.parts, eeprom);
    Collect out;
    Run result;
    double turned = 0;  // revolutions, as the gyro saw them
    std::size_t typed = 0;
    for (int tick = 0; tick < bench.seconds * 100; ++tick) {
        const double t = tick / 100.0;
        const double p = t - kStillS;
        rsfw::TickReadings r;
        if (bench.parts.gyro) {
            const double seen = p <= 0 ? 0 : sim.turn_rate_rev_s(p);
            result.expected_mrev[static_cast<std::uint32_t>(tick * 10)] = turned * 1000;
            turned += seen * 0.01;
            r.gyro_ok = true;
            r.gyro_rate = static_cast<std::int16_t>(
                std::lround(seen * 360 * rsfw::kGyroTenthCountsPerDps / 10.0 + 40));
        }
        if (bench.parts.load_cell && t < bench.load_cell_dies_at && tick % 2 == 0) {
            r.load_fresh = true;
            r.load_raw = kTareCounts + static_cast<std::int32_t>(std::lround(
                                           (p <= 0 ? 0 : sim.force_n(p)) * kCountsPerNewton));
        }
        while (typed < bench.typed.size() && bench.typed[typed].first <= t) {
            for (char c : bench.typed[typed].second)
                roller.serial_byte(c, out);
            ++typed;
        }
        roller.tick(static_cast<std::uint32_t>(tick * 10), r, out);
        if (roller.take_calibration_to_store(eeprom))
            out.text += "[stored]\n";
    }
    result.text = out.text;
    wire::Parser parser;
    parser.feed(out.text, [&](const wire::Message& m) {
        if (const auto* s = std::get_if<wire::Sample>(&m))
            result.samples.push_back(*s);
        if (const auto* h = std::get_if<wire::Hello>(&m))
            result.hellos.push_back(*h);
        if (const auto* s = std::get_if<wire::Status>(&m))
            result.statuses.push_back(*s);
    });
    result.counters = parser.counters();
    return result;
}

struct BlankEeprom {
    std::uint8_t bytes[rsfw::kCalibrationRecordBytes];
    BlankEeprom() { std::memset(bytes, 0xFF, sizeof bytes); }
};

}  // namespace

TEST_CASE("every line of a roller's session passes the kiosk's parser, figures within 1 %",
          "[firmware]") {
    const Profile profile = GENERATE(Profile::steady, Profile::stop_and_go, Profile::heavy);
    Bench bench;
    bench.profile = profile;
    BlankEeprom eeprom;
    const Run r = run(bench, eeprom.bytes);
    CHECK(r.counters.bad_lines() == 0);
    CHECK(r.counters.garbage_bytes == 0);
    CHECK(r.counters.lost_samples == 0);
    // Calibration takes ~0.5 s, then a sample every tick and a hello every 5 s.
    CHECK(r.samples.size() >= 2900);
    REQUIRE(r.hellos.size() >= 6);
    CHECK(r.hellos.front().device_id == "roller-test");
    CHECK(r.hellos.front().measures_rotation);
    CHECK(r.hellos.front().measures_force);
    CHECK(r.hellos.front().circumference_mm == 471);
    REQUIRE_FALSE(r.statuses.empty());
    CHECK(r.statuses.front().flags == rsfw::kFlagUncalibrated);

    rs::sensors::SimSettings settings;
    settings.profile = profile;
    const rs::sensors::Simulator sim(settings);
    for (const auto& s : r.samples) {
        const double p = s.t_ms / 1000.0 - kStillS;
        REQUIRE(s.rotation_mrev);
        REQUIRE(s.force_dn);
        const double rotation = r.expected_mrev.at(s.t_ms);
        const auto force_at = [&](double q) { return q <= 0 ? 0.0 : sim.force_n(q) * 10; };
        const double force = force_at(p);
        // A tick's rate is held for its 10 ms: up to 15 mrev behind at 1.5 rev/s.
        CHECK(std::abs(*s.rotation_mrev - rotation) <= 15);
        // A change of force shows up to two conversions (the median's) and a tick later.
        if (std::abs(force - force_at(p - 0.06)) < 1e-9)
            CHECK(std::abs(*s.force_dn - force) <= std::max(1.0, force * 0.01));
    }
}

TEST_CASE("a missing part leaves its field empty and raises its status flag", "[firmware]") {
    const bool gyro = GENERATE(false, true);
    Bench bench;
    bench.parts = {gyro, !gyro};
    bench.seconds = 6;
    BlankEeprom eeprom;
    const Run r = run(bench, eeprom.bytes);
    CHECK(r.counters.bad_lines() == 0);
    REQUIRE_FALSE(r.samples.empty());
    REQUIRE_FALSE(r.hellos.empty());
    CHECK(r.hellos.front().measures_rotation == gyro);
    CHECK(r.hellos.front().measures_force == !gyro);
    for (const auto& s : r.samples) {
        CHECK(s.rotation_mrev.has_value() == gyro);
        CHECK(s.force_dn.has_value() == !gyro);
    }
    REQUIRE_FALSE(r.statuses.empty());
    CHECK((r.statuses.back().flags & (gyro ? rsfw::kFlagLoadCellMissing : rsfw::kFlagGyroMissing)));
}

TEST_CASE("a load cell that stops answering is flagged and its force goes empty", "[firmware]") {
    Bench bench;
    bench.seconds = 8;
    bench.load_cell_dies_at = 4;
    BlankEeprom eeprom;
    const Run r = run(bench, eeprom.bytes);
    REQUIRE_FALSE(r.samples.empty());
    CHECK(r.samples.back().force_dn == std::nullopt);
    CHECK(r.samples.back().rotation_mrev.has_value());
    CHECK((r.statuses.back().flags & rsfw::kFlagLoadCellFailed));
    // The flag showed at once, not at the next 2 s status.
    bool flagged_in_time = false;
    for (const auto& s : r.statuses)
        flagged_in_time = flagged_in_time || (s.flags & rsfw::kFlagLoadCellFailed);
    CHECK(flagged_in_time);
}

TEST_CASE("the EEPROM is written only when a calibration is confirmed", "[firmware]") {
    Bench bench;
    bench.profile = Profile::steady;  // 220 N from 1 s on
    bench.seconds = 8;
    SECTION("CAL then SAVE: answered, stored once, and force scaled by the new factor") {
        bench.typed = {{3.0, "CAL 1100\n"}, {5.0, "SAVE\n"}};
        BlankEeprom eeprom;
        const Run r = run(bench, eeprom.bytes);
        CHECK_THAT(r.text, Catch::Contains("$RSACK,CAL,1100,measuring*"));
        CHECK_THAT(r.text, Catch::Contains("$RSACK,CAL,2000,unsaved*"));
        CHECK_THAT(r.text, Catch::Contains("$RSACK,SAVE,2000,stored*"));
        rsfw::CalibrationRecord stored;
        REQUIRE(rsfw::decode_calibration(eeprom.bytes, stored));
        CHECK(stored.counts_per_newton == 2000);
        CHECK(r.samples.back().force_dn == 1100);  // the 220 N, read with twice the factor
        CHECK(r.statuses.back().flags == 0);       // calibrated now
        // Stored on the next start: the factor is in use from the first sample.
        const Run again = run(bench, eeprom.bytes);
        CHECK(again.statuses.front().flags == 0);
        CHECK(again.samples.back().force_dn == 1100);
    }
    SECTION("CAL without SAVE, CANCEL, bad input: answered, nothing stored") {
        bench.typed = {{3.0, "CAL 1100\n"},      {4.0, "CANCEL\n"},
                       {4.5, "SAVE\n"},          {5.0, "CAL 1.5\n"},
                       {5.2, "FORMAT EEPROM\n"}, {5.4, std::string(80, 'x') + "\n"},
                       {5.6, "\x01\x02\x7f\n"}};
        BlankEeprom eeprom;
        const Run r = run(bench, eeprom.bytes);
        CHECK_THAT(r.text, Catch::Contains("$RSERR,SAVE,nothing-pending*"));
        CHECK_THAT(r.text, Catch::Contains("$RSERR,COMMAND,bad-number*"));
        CHECK_THAT(r.text, Catch::Contains("$RSERR,COMMAND,unknown*"));
        CHECK_THAT(r.text, Catch::Contains("$RSERR,COMMAND,too-long*"));
        CHECK_THAT(r.text, !Catch::Contains("[stored]"));
        for (std::uint8_t b : eeprom.bytes)
            CHECK(b == 0xFF);
        CHECK(r.samples.back().force_dn == 2200);
    }
    SECTION("no load cell: calibration is refused") {
        bench.parts = {true, false};
        bench.typed = {{3.0, "CAL 1100\n"}, {3.5, "TARE\n"}};
        BlankEeprom eeprom;
        const Run r = run(bench, eeprom.bytes);
        CHECK_THAT(r.text, Catch::Contains("$RSERR,CAL,no-load-cell*"));
        CHECK_THAT(r.text, Catch::Contains("$RSERR,TARE,no-load-cell*"));
    }
}
