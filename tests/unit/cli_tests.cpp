// Unit tests for the command line (rs::app::parse_cli) and the real binary's exit codes and output.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <regex>
#include <string>
#include <variant>
#include <vector>

#include "app/cli.hpp"
#include "kit/shell.hpp"
#include "unit/support.hpp"

namespace fs = std::filesystem;
using rs::app::CliError;
using rs::app::CliOptions;
using rs::app::parse_cli;
using rs::test::TempDir;

namespace {

const fs::path kSourceDir = ROLLSTATION_SOURCE_DIR;
const fs::path kConfigDir = kSourceDir / "config";
const std::string kBinary = ROLLSTATION_BINARY;

CliOptions parse_ok(const std::vector<std::string>& args,
                    const std::optional<std::string>& env = std::nullopt) {
    auto result = parse_cli(args, env);
    if (const auto* error = std::get_if<CliError>(&result))
        FAIL("unexpected CliError: " << error->message);
    return std::get<CliOptions>(result);
}

std::string parse_error(const std::vector<std::string>& args) {
    auto result = parse_cli(args, std::nullopt);
    const auto* error = std::get_if<CliError>(&result);
    if (!error)
        FAIL("expected a CliError");
    return error->message;
}

using RunResult = rs::kit::ShellResult;

// Runs the real binary with a clean environment for its own variables.
RunResult run_binary(const std::string& args, const std::string& env = "") {
    const std::string command = "env -u ROLLSTATION_CONFIG -u ROLLSTATION_SHARE_DIR " + env + " " +
                                rs::kit::shell_quoted(kBinary) + " " + args + " 2>&1";
    RunResult result = rs::kit::run_shell(command);
    REQUIRE(result.exit_code >= 0);
    return result;
}

int routines_loaded(const std::string& output) {
    static const std::regex pattern(R"(routines loaded: (\d+)\n)");
    std::smatch m;
    if (!std::regex_search(output, m, pattern))
        return -1;
    return std::stoi(m[1]);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// parse_cli

TEST_CASE("parse_cli defaults to /etc/rollstation/station.yaml with every flag off", "[cli]") {
    const CliOptions o = parse_ok({});
    CHECK(o.config == fs::path("/etc/rollstation/station.yaml"));
    CHECK_FALSE(o.check_config);
    CHECK_FALSE(o.windowed);
    CHECK_FALSE(o.show_version);
    CHECK_FALSE(o.show_help);
}

TEST_CASE("parse_cli takes the default station file from the environment", "[cli]") {
    CHECK(parse_ok({}, std::string("/srv/gym/station.yaml")).config ==
          fs::path("/srv/gym/station.yaml"));
    // The command line wins over the environment.
    CHECK(parse_ok({"--config", "local.yaml"}, std::string("/srv/gym/station.yaml")).config ==
          fs::path("local.yaml"));
}

TEST_CASE("parse_cli reads --config PATH and --config=PATH", "[cli]") {
    CHECK(parse_ok({"--config", "/tmp/a.yaml"}).config == fs::path("/tmp/a.yaml"));
    CHECK(parse_ok({"--config=/tmp/b.yaml"}).config == fs::path("/tmp/b.yaml"));
    CHECK(parse_ok({"--config=relative/c.yaml"}).config == fs::path("relative/c.yaml"));
    // The last one given wins.
    CHECK(parse_ok({"--config", "first.yaml", "--config=second.yaml"}).config ==
          fs::path("second.yaml"));
}

TEST_CASE("parse_cli recognises every flag", "[cli]") {
    CHECK(parse_ok({"--check-config"}).check_config);
    CHECK(parse_ok({"--windowed"}).windowed);
    CHECK(parse_ok({"--version"}).show_version);
    CHECK(parse_ok({"--help"}).show_help);
    CHECK(parse_ok({"-h"}).show_help);
    const CliOptions all =
        parse_ok({"--windowed", "--check-config", "--config", "x.yaml", "--version", "-h"});
    CHECK(all.windowed);
    CHECK(all.check_config);
    CHECK(all.show_version);
    CHECK(all.show_help);
    CHECK(all.config == fs::path("x.yaml"));
}

TEST_CASE("parse_cli refuses unknown options", "[cli]") {
    CHECK(parse_error({"--bogus"}) == "unknown option '--bogus'");
    CHECK(parse_error({"--check-config", "-x"}) == "unknown option '-x'");
    CHECK(parse_error({"station.yaml"}) == "unknown option 'station.yaml'");
    CHECK(parse_error({"--CONFIG", "a.yaml"}) == "unknown option '--CONFIG'");
    CHECK(parse_error({"--configs=a.yaml"}) == "unknown option '--configs=a.yaml'");
}

TEST_CASE("parse_cli refuses --config without a path", "[cli]") {
    CHECK(parse_error({"--config"}) == "--config needs a file path");
    CHECK(parse_error({"--check-config", "--config"}) == "--config needs a file path");
    CHECK(parse_error({"--config", ""}) == "--config needs a file path");
    CHECK(parse_error({"--config="}) == "--config needs a file path");
}

TEST_CASE("parse_cli takes --scan-sensors with --seconds, and alone", "[cli][ble]") {
    const CliOptions scan = parse_ok({"--scan-sensors", "--seconds", "5"});
    CHECK(scan.scan_sensors);
    CHECK(scan.probe_seconds == 5);
    CHECK_FALSE(parse_ok({"--scan-sensors"}).probe_seconds);
    CHECK(parse_error({"--scan-sensors", "--probe-sensor", "sim:steady"}) ==
          "--scan-sensors goes alone (with --seconds)");
    CHECK(parse_error({"--scan-sensors", "--check-config"}) ==
          "--scan-sensors goes alone (with --seconds)");
    CHECK(parse_error({"--seconds", "5"}) ==
          "--seconds goes with --probe-sensor or --scan-sensors");
    CHECK_THAT(rs::app::usage_text(), Catch::Contains("--scan-sensors"));
    CHECK_THAT(rs::app::usage_text(), Catch::Contains("ble:AA:BB:CC:DD:EE:FF?kind=witmotion"));
}

TEST_CASE("usage_text names every option and the exit codes", "[cli]") {
    const std::string usage = rs::app::usage_text();
    CHECK_THAT(usage, Catch::StartsWith("usage: rollstation "));
    for (const char* word :
         {"--config PATH", "--check-config", "--windowed", "--version", "--help",
          "$ROLLSTATION_CONFIG", "/etc/rollstation/station.yaml", "exit codes: 0"}) {
        CHECK_THAT(usage, Catch::Contains(word));
    }
}

// ---------------------------------------------------------------------------------------------
// The real binary

TEST_CASE("rollstation --check-config on the shipped station file exits 0", "[cli][binary]") {
    const RunResult r = run_binary("--check-config --config " +
                                   rs::kit::shell_quoted((kConfigDir / "station.yaml").string()));
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK(routines_loaded(r.output) >= 12);
    CHECK_THAT(r.output,
               Catch::StartsWith("station: roller-1 (Roller station 1), facility northside"));
    CHECK_THAT(r.output, Catch::Contains("errors: 0\n"));
    CHECK_THAT(r.output, Catch::EndsWith(": complete\n"));
}

TEST_CASE("rollstation reads the station file from ROLLSTATION_CONFIG", "[cli][binary]") {
    const RunResult r = run_binary(
        "--check-config",
        "ROLLSTATION_CONFIG=" + rs::kit::shell_quoted((kConfigDir / "demo.yaml").string()));
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.output, Catch::StartsWith("station: demo-1 (Demo station)"));
    CHECK(routines_loaded(r.output) >= 12);
}

TEST_CASE("rollstation --check-config reports a broken routine as file:line:col and exits 1",
          "[cli][binary]") {
    TempDir dir;
    const fs::path config = dir.path() / "config";
    fs::copy(kConfigDir, config, fs::copy_options::recursive);
    const int shipped = [&] {
        int n = 0;
        for (const auto& e : fs::directory_iterator(config / "routines"))
            n += e.path().extension() == ".yaml" ? 1 : 0;
        return n;
    }();
    const fs::path broken = dir.write("config/routines/broken-one.yaml",
                                      "id: broken-one\n"                         // 1
                                      "title: \"Broken one\"\n"                  // 2
                                      "purpose: recovery\n"                      // 3
                                      "level: beginner\n"                        // 4
                                      "tools: [foam-roller]\n"                   // 5
                                      "summary: \"A routine with a mistake\"\n"  // 6
                                      "when: after\n"                            // 7
                                      "steps:\n"                                 // 8
                                      "  - area: calves\n"                       // 9
                                      "    tool: foam-roller\n"                  // 10
                                      "    side: both\n"                         // 11
                                      "    duration: 45s\n"                      // 12
                                      "    pressure: hard\n"                     // 13
                                      "    cues: [\"Roll\"]\n");                 // 14
    const RunResult r = run_binary("--check-config --config " +
                                   rs::kit::shell_quoted((config / "station.yaml").string()));
    INFO(r.output);
    CHECK(r.exit_code == 1);
    CHECK_THAT(
        r.output,
        Catch::Contains(broken.string() +
                        ":13:15: steps[0].pressure: unknown value 'hard'; expected one of light, "
                        "moderate, firm\n"));
    CHECK_THAT(r.output, Catch::Contains("routine files skipped: 1\n  " + broken.string() + "\n"));
    CHECK_THAT(r.output, Catch::Contains("errors: 1\n"));
    // The good routines still load.
    CHECK(routines_loaded(r.output) == shipped);
}

TEST_CASE("rollstation --check-config with a missing station file exits 1", "[cli][binary]") {
    TempDir dir;
    const fs::path missing = dir.path() / "nope.yaml";
    const RunResult r =
        run_binary("--check-config --config " + rs::kit::shell_quoted(missing.string()));
    INFO(r.output);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.output, Catch::StartsWith("station: the station file could not be used\n"));
    CHECK_THAT(r.output, Catch::Contains(missing.string() + ": cannot read the file\n"));
}

TEST_CASE("rollstation with an unknown option exits 2 and prints the usage", "[cli][binary]") {
    const RunResult r = run_binary("--bogus");
    INFO(r.output);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::StartsWith("rollstation: unknown option '--bogus'\n\n"));
    CHECK_THAT(r.output, Catch::EndsWith(rs::app::usage_text()));
}

TEST_CASE("rollstation --config without a path exits 2", "[cli][binary]") {
    const RunResult r = run_binary("--config");
    INFO(r.output);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains("--config needs a file path"));
}

TEST_CASE("rollstation --version exits 0 and prints the version", "[cli][binary]") {
    const RunResult r = run_binary("--version");
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK(std::regex_match(r.output, std::regex(R"(rollstation \d+\.\d+\.\d+\n)")));
}

TEST_CASE("rollstation --help exits 0 and prints only the usage", "[cli][binary]") {
    const RunResult r = run_binary("--help");
    CHECK(r.exit_code == 0);
    CHECK(r.output == rs::app::usage_text());
}

// ---------------------------------------------------------------------------------------------
// --render-demo

TEST_CASE("parse_cli reads --render-demo with its folder and size", "[cli][demo]") {
    const CliOptions o =
        parse_ok({"--render-demo", "pre-run", "--out", "/tmp/f", "--size", "1920x1080"});
    CHECK(o.render_demo == "pre-run");
    CHECK(o.render_out == fs::path("/tmp/f"));
    CHECK(o.render_w == 1920);
    CHECK(o.render_h == 1080);
    const CliOptions d = parse_ok({"--render-demo", "pre-run", "--out", "f"});
    CHECK(d.render_w == 800);
    CHECK(d.render_h == 480);
    CHECK(parse_error({"--render-demo"}) == "--render-demo needs a routine id such as pre-run");
    CHECK(parse_error({"--render-demo", "pre-run"}) ==
          "--render-demo needs --out DIR, the folder for its frames");
    CHECK(parse_error({"--out", "x"}) == "--out goes with --render-demo");
    for (const char* bad : {"1920", "1920x", "x1080", "10x10", "1920x1080px", "axb", "99999x480"}) {
        INFO(bad);
        CHECK_THAT(parse_error({"--render-demo", "pre-run", "--out", "f", "--size", bad}),
                   Catch::StartsWith("--size needs WIDTHxHEIGHT"));
    }
}

TEST_CASE("rollstation --render-demo writes frames for every step of a shipped routine",
          "[cli][binary][demo]") {
    TempDir dir;
    const fs::path out = dir.path() / "frames";
    const RunResult r = run_binary(
        "--config " + rs::kit::shell_quoted((kConfigDir / "station.yaml").string()) +
        " --render-demo pre-run --out " + rs::kit::shell_quoted(out.string()) + " --size 640x360");
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    int frames = 0;
    for (const auto& e : fs::directory_iterator(out)) {
        CHECK(e.path().extension() == ".png");
        ++frames;
    }
    CHECK(frames >= 9);
    CHECK(frames % 9 == 0);  // the starting position and eight moments of the loop, each step
    CHECK(fs::exists(out / "step-01-calves-foam-roller-00.png"));
    CHECK_THAT(r.output, Catch::Contains("frames in"));
    CHECK_THAT(r.output, !Catch::Contains("no demonstration"));

    const RunResult unknown =
        run_binary("--config " + rs::kit::shell_quoted((kConfigDir / "station.yaml").string()) +
                   " --render-demo no-such-routine --out " + rs::kit::shell_quoted(out.string()));
    CHECK(unknown.exit_code == 1);
    CHECK_THAT(unknown.output, Catch::Contains("no routine 'no-such-routine'"));
}

TEST_CASE("rollstation --check-config exits 1 while a step has no demonstration",
          "[cli][binary][demo]") {
    TempDir dir;
    const fs::path config = dir.path() / "config";
    fs::copy(kConfigDir, config, fs::copy_options::recursive);
    fs::remove(config / "demos" / "shins-foam-roller.yaml");
    const RunResult r = run_binary("--check-config --config " +
                                   rs::kit::shell_quoted((config / "station.yaml").string()));
    INFO(r.output);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.output, Catch::Contains("steps without a demonstration: "));
    CHECK_THAT(r.output, Catch::Contains("(shins, foam-roller) has no demonstration"));
    CHECK_THAT(r.output, Catch::Contains("errors: 0\n"));
    CHECK_THAT(r.output, Catch::EndsWith(": complete\n"));
}
