// The kiosk's installer check against the emulated roller on a pseudo-terminal: what
// `rollstation --probe-sensor` reports must be the profile's passes, tempo and force.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>

#include "sensors/simulator.hpp"
#include "tests/emulator_support.hpp"

namespace rs::fwtest {
namespace {

// Emulated time runs this many times the wall clock: a 6 s probe sees up to 18 s of rolling.
constexpr int kSpeed = 3;
constexpr int kProbeSeconds = 6;

std::string emulate_and_probe(const TempDir& dir, const std::string& profile,
                              std::vector<std::string> extra = {},
                              int probe_seconds = kProbeSeconds) {
    const auto link = dir / "roller";
    std::vector<std::string> argv{
        kEmulator, "--profile",           profile, "--link", link.string(),
        "--speed", std::to_string(kSpeed)};
    argv.insert(argv.end(), extra.begin(), extra.end());
    ChildProcess emulator(argv, dir.path(), "emulator");
    itest::require_eventually("the emulator's link " + link.string(), [&] {
        return std::filesystem::is_symlink(link) || !emulator.running();
    });
    INFO(emulator.describe());
    REQUIRE(emulator.running());
    ChildProcess probe({kKiosk, "--probe-sensor", "serial:" + link.string(), "--seconds",
                        std::to_string(probe_seconds)},
                       dir.path(), "probe");
    const std::optional<int> code = probe.wait_for_exit(Millis{(probe_seconds + 5) * 1000});
    INFO(probe.describe());
    REQUIRE(code);
    CHECK(*code == 0);
    CHECK(emulator.running());
    return probe.out();
}

rs::sensors::Simulator profile_answer(rs::core::SimProfile profile) {
    rs::sensors::SimSettings settings;
    settings.profile = profile;
    return rs::sensors::Simulator(settings);
}

}  // namespace

TEST_CASE("the probe reads the emulated roller: the profile's tempo and force within 5 %",
          "[firmware][emulator]") {
    struct Case {
        std::string name;
        rs::core::SimProfile profile;
        double force_at;  // a moment of the profile with its rolling force
    };
    const auto c = GENERATE(values<Case>({{"steady", rs::core::SimProfile::steady, 1},
                                          {"stop-and-go", rs::core::SimProfile::stop_and_go, 1},
                                          {"heavy", rs::core::SimProfile::heavy, 1}}));
    TempDir dir;
    // Stop-and-go's first rest ends 16 s into the profile: probe on past the round after it.
    const std::string out = emulate_and_probe(
        dir, c.name, {}, c.name == "stop-and-go" ? 3 * kProbeSeconds / 2 : kProbeSeconds);
    INFO(out);
    const auto answer = profile_answer(c.profile);
    CHECK_THAT(out, Catch::Contains("device: roller-nano, firmware fw-1.0.0, measures rotation "
                                    "force, circumference 471 mm"));
    CHECK_THAT(out, Catch::Contains("0 bad checksum, 0 too long, 0 malformed, 0 garbage bytes"));
    CHECK_THAT(out, Catch::Contains("lost samples: 0, sequence restarts: 0, disconnects: 0"));
    const auto passes = number_after(out, R"(passes: (\d+))");
    const auto spp = number_after(out, R"(mean ([0-9.]+) s per pass)");
    const auto force = number_after(out, R"(mean force ([0-9.]+) N)");
    const auto peak = number_after(out, R"(peak ([0-9.]+) N)");
    const auto lines = number_after(out, R"(lines: (\d+) good)");
    REQUIRE(passes);
    REQUIRE(spp);
    REQUIRE(force);
    REQUIRE(peak);
    REQUIRE(lines);
    // The device time the probe saw (100 samples a second; a busy host runs the emulator below
    // the asked speed), less 2 s lying still at start: every whole 3 s pass in it, but for the
    // one the probe joined halfway. Stop-and-go rests 5 s of every 14.
    const double rolling_s = *lines / 100.0 - 2;
    const double share = c.name == "stop-and-go" ? 9.0 / 14 : 1.0;
    CHECK(*passes >= std::floor(rolling_s * share / answer.seconds_per_pass()) - 1);
    CHECK(*passes <= std::ceil(rolling_s / answer.seconds_per_pass()) + 1);
    CHECK(*spp == Approx(answer.seconds_per_pass()).epsilon(0.05));
    CHECK(*peak == Approx(answer.force_n(c.force_at)).epsilon(0.05));
    // Stop-and-go's mean takes in the kiosk's smoothing as the load comes and goes.
    if (c.name != "stop-and-go")
        CHECK(*force == Approx(answer.force_n(c.force_at)).epsilon(0.05));
}

TEST_CASE("the probe shows an emulated roller without a load cell as rotation only",
          "[firmware][emulator]") {
    TempDir dir;
    const std::string out = emulate_and_probe(dir, "no-loadcell");
    INFO(out);
    CHECK_THAT(out, Catch::Contains("device: roller-nano, firmware fw-1.0.0, measures rotation,"));
    CHECK_THAT(out, !Catch::Contains("mean force"));
    const auto spp = number_after(out, R"(mean ([0-9.]+) s per pass)");
    REQUIRE(spp);
    CHECK(*spp == Approx(3.0).epsilon(0.05));
}

TEST_CASE("the probe takes an emulated roller's reset in its stride: no loss, still counting",
          "[firmware][emulator]") {
    TempDir dir;
    const std::string out = emulate_and_probe(dir, "steady", {"--reset-at", "7"});
    INFO(out);
    CHECK_THAT(out, Catch::Contains("lost samples: 0, sequence restarts: 0, disconnects: 0"));
    CHECK_THAT(out, Catch::Contains("0 bad checksum, 0 too long, 0 malformed"));
    const auto passes = number_after(out, R"(passes: (\d+))");
    REQUIRE(passes);
    CHECK(*passes >= 1);
    CHECK_THAT(out, Catch::Contains(std::to_string(kProbeSeconds) + " s: live"));
}

}  // namespace rs::fwtest
