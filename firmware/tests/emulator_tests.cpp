// The firmware's very .hex in the emulator, as fast as the host runs it: its lines, its clock,
// its handling of missing parts, resets and the serial command line.
#include <catch2/catch.hpp>

#include <cmath>

#include "tests/emulator_support.hpp"

namespace rs::fwtest {
namespace {

constexpr unsigned kGyroMissing = 1, kLoadCellMissing = 4, kUncalibrated = 16;

}  // namespace

TEST_CASE("the firmware holds 100 Hz on its own clock, drifting < 0.1 % from the cycle clock",
          "[firmware][emulator]") {
    TempDir dir;
    const Transcript t = run_unpaced(dir, "steady", 60);
    INFO(t.report);
    CHECK(t.counters.bad_lines() == 0);
    CHECK(t.counters.garbage_bytes == 0);
    CHECK(t.counters.lost_samples == 0);
    CHECK(t.samples.size() >= 5900);  // 60 s less the start-up calibration
    const auto drift = number_after(t.report, R"(drift ([-+0-9.]+) ppm)");
    REQUIRE(drift);
    CHECK(std::abs(*drift) < 1000);
    // Every tick's work (two part reads, the lines) ends well inside its 10 ms.
    const auto busy = number_after(t.report, R"(max ([0-9.]+) us \()");
    REQUIRE(busy);
    CHECK(*busy < 5000);
    CHECK_THAT(t.report, Catch::Contains("longest tick-to-tick 10.00 ms"));
    // Consecutive samples are 10 ms apart on the device clock, always.
    for (std::size_t i = 1; i < t.samples.size(); ++i)
        REQUIRE(t.samples[i].t_ms - t.samples[i - 1].t_ms == 10);
    CHECK_THAT(t.report, Catch::Contains("eeprom: 0 bytes written"));
}

TEST_CASE("a missing part leaves its field empty and sets its status flag",
          "[firmware][emulator]") {
    const std::string profile = GENERATE(as<std::string>{}, "no-gyro", "no-loadcell");
    const bool gyro = profile != "no-gyro";
    TempDir dir;
    const Transcript t = run_unpaced(dir, profile, 8);
    INFO(t.report);
    CHECK(t.counters.bad_lines() == 0);
    REQUIRE_FALSE(t.hellos.empty());
    CHECK(t.hellos.front().device_id == "roller-nano");
    CHECK(t.hellos.front().measures_rotation == gyro);
    CHECK(t.hellos.front().measures_force == !gyro);
    REQUIRE(t.samples.size() > 500);
    for (const auto& s : t.samples) {
        REQUIRE(s.rotation_mrev.has_value() == gyro);
        REQUIRE(s.force_dn.has_value() == !gyro);
    }
    REQUIRE_FALSE(t.statuses.empty());
    const unsigned expected = gyro ? kLoadCellMissing : kGyroMissing | kUncalibrated;
    CHECK(t.statuses.back().flags == expected);
}

TEST_CASE("a reset mid-stream restarts the sequence behind a fresh hello, losing nothing",
          "[firmware][emulator]") {
    TempDir dir;
    const Transcript t = run_unpaced(dir, "steady", 12, {"--reset-at", "6"});
    INFO(t.report);
    // The hello says "a new connection": the kiosk starts the sequence afresh, so the jump
    // back to 0 is neither a loss nor an unexplained restart.
    CHECK(t.counters.seq_restarts == 0);
    CHECK(t.counters.lost_samples == 0);
    CHECK(t.counters.bad_lines() == 0);
    CHECK(t.hellos.size() >= 3);  // start, 5 s, after the reset
    std::size_t restart = 0;
    for (std::size_t i = 1; i < t.samples.size(); ++i) {
        if (t.samples[i].seq < t.samples[i - 1].seq)
            restart = i;
    }
    REQUIRE(restart > 0);
    CHECK(t.samples[restart].seq == 0);
    CHECK(t.samples[restart].t_ms < t.samples[restart - 1].t_ms);  // the clock started over
    const auto hello_then_zero = t.text.find("$RSHEL", t.text.find("$RSDAT,0,", 100));
    CHECK(hello_then_zero < t.text.find("$RSDAT,0,", hello_then_zero));
    CHECK(t.samples.back().force_dn.value_or(0) > 2000);  // tared again at rest, then loaded
}

TEST_CASE("a calibration over the serial line is confirmed, stored and used after a restart",
          "[firmware][emulator]") {
    TempDir dir;
    const std::string eeprom = (dir / "eeprom.bin").string();
    // A load cell twice as sensitive as the firmware's default; 220 N on the pad from 2 s.
    const std::vector<std::string> cell{"--counts-per-newton", "2000", "--eeprom", eeprom};
    auto with = [&](std::vector<std::string> more) {
        more.insert(more.end(), cell.begin(), cell.end());
        return more;
    };
    const Transcript before = run_unpaced(dir, "steady", 5, with({}));
    CHECK(before.samples.back().force_dn.value_or(0) == Approx(4400).epsilon(0.02));
    CHECK_THAT(before.report, Catch::Contains("eeprom: 0 bytes written"));

    const Transcript calibrated =
        run_unpaced(dir, "steady", 8, with({"--send-at", "4:CAL 2200", "--send-at", "6:save"}));
    INFO(calibrated.text.substr(0, 2000));
    CHECK_THAT(calibrated.text, Catch::Contains("$RSACK,CAL,2200,measuring*"));
    CHECK_THAT(calibrated.text, Catch::Contains("$RSACK,CAL,2000,unsaved*"));
    CHECK_THAT(calibrated.text, Catch::Contains("$RSACK,SAVE,2000,stored*"));
    CHECK_THAT(calibrated.report, Catch::Contains("eeprom: 8 bytes written"));
    CHECK(calibrated.samples.back().force_dn.value_or(0) == Approx(2200).epsilon(0.02));
    CHECK(calibrated.statuses.back().flags == 0);

    const Transcript restarted = run_unpaced(dir, "steady", 5, with({}));
    CHECK(restarted.statuses.front().flags == 0);  // calibrated from the first line
    CHECK(restarted.samples.back().force_dn.value_or(0) == Approx(2200).epsilon(0.02));
    CHECK_THAT(restarted.report, Catch::Contains("eeprom: 0 bytes written"));
}

TEST_CASE("bad serial input is answered or ignored and never reaches the EEPROM",
          "[firmware][emulator]") {
    TempDir dir;
    const Transcript t =
        run_unpaced(dir, "steady", 8,
                    {"--send-at", "3:CAL 22.5", "--send-at", "3.5:" + std::string(120, 'Z'),
                     "--send-at", "4:\x01\x02\x7f\xfe garbage", "--send-at", "4.5:ERASE",
                     "--send-at", "5:CAL 2200", "--send-at", "7:CANCEL", "--send-at", "7.5:SAVE"});
    INFO(t.text.substr(0, 3000));
    CHECK_THAT(t.text, Catch::Contains("$RSERR,COMMAND,bad-number*"));
    CHECK_THAT(t.text, Catch::Contains("$RSERR,COMMAND,too-long*"));
    CHECK_THAT(t.text, Catch::Contains("$RSERR,COMMAND,unknown*"));
    CHECK_THAT(t.text, Catch::Contains("$RSACK,CANCEL*"));
    CHECK_THAT(t.text, Catch::Contains("$RSERR,SAVE,nothing-pending*"));
    CHECK_THAT(t.report, Catch::Contains("eeprom: 0 bytes written"));
    CHECK(t.counters.lost_samples == 0);  // answering never cost a sample
}

}  // namespace rs::fwtest
