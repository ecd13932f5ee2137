// The admin shell's pieces on real files: the PIN hash and --set-pin, calibrations and the last
// good station file in the state directory, the backlight on a sysfs-shaped folder, and the
// start-up checks on a /dev-shaped folder.
#include <catch2/catch.hpp>

#include <sstream>

#include "app/admin_pin.hpp"
#include "app/backlight.hpp"
#include "app/calibration_store.hpp"
#include "app/cli.hpp"
#include "app/last_good_config.hpp"
#include "app/startup_checks.hpp"
#include "rollstation/config/setup.hpp"
#include "unit/support.hpp"

namespace fs = std::filesystem;
using namespace rs::app;
using rs::test::TempDir;

namespace {

std::string read(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

const std::string kStation =
    "# A station\n"
    "station:\n"
    "  id: pin-test\n"
    "  facility: gym\n"
    "\n"
    "storage:\n"
    "  path: station.db\n";

}  // namespace

// ---------------------------------------------------------------------------------------------
// PIN

TEST_CASE("a PIN hash is salted and only the same PIN matches it", "[admin][pin]") {
    const std::string a = hash_pin("2468");
    const std::string b = hash_pin("2468");
    CHECK(a.rfind("$y$", 0) == 0);
    CHECK(a != b);  // a fresh salt each time
    CHECK(a.find("2468") == std::string::npos);
    CHECK(pin_matches("2468", a));
    CHECK(pin_matches("2468", b));
    CHECK_FALSE(pin_matches("2469", a));
    CHECK_FALSE(pin_matches("", a));
    CHECK_FALSE(pin_matches("2468", ""));
    CHECK_FALSE(pin_matches("2468", "2468"));  // a PIN in clear is never a hash
}

TEST_CASE("a PIN has 4 to 8 digits", "[admin][pin]") {
    CHECK_FALSE(pin_problem("1234"));
    CHECK_FALSE(pin_problem("12345678"));
    CHECK(pin_problem("123"));
    CHECK(pin_problem("123456789"));
    CHECK(pin_problem("12a4"));
    CHECK(pin_problem(""));
}

TEST_CASE("the hash goes into the station file with its comments kept", "[admin][pin]") {
    std::string error;
    SECTION("appended as a new admin block") {
        const auto out = with_pin_hash(kStation, "$y$abc", error);
        REQUIRE(out);
        CHECK(*out == kStation + "admin:\n  pin_hash: \"$y$abc\"\n");
    }
    SECTION("replacing the line where it is") {
        const std::string text = kStation +
                                 "admin:  # the installer's\n    pin_hash: \"\"\n"
                                 "display:\n  sound: true\n";
        const auto out = with_pin_hash(text, "$y$new", error);
        REQUIRE(out);
        CHECK(*out == kStation +
                          "admin:  # the installer's\n    pin_hash: \"$y$new\"\n"
                          "display:\n  sound: true\n");
    }
    SECTION("added under an admin block without one") {
        const std::string text = "admin:\n  # nothing yet\n\nstation:\n  id: x\n";
        const auto out = with_pin_hash(text, "$y$h", error);
        REQUIRE(out);
        CHECK(*out == "admin:\n  pin_hash: \"$y$h\"\n  # nothing yet\n\nstation:\n  id: x\n");
    }
    SECTION("refused for an admin section in flow style") {
        CHECK_FALSE(with_pin_hash("admin: {pin_hash: x}\n", "$y$h", error));
        CHECK(error.find("line 1") != std::string::npos);
    }
}

TEST_CASE("rollstation --set-pin writes a hash the kiosk then accepts", "[admin][pin]") {
    TempDir dir;
    const fs::path file = dir.write("station.yaml", kStation);
    std::istringstream in("13579\n13579\n");
    std::ostringstream out, err;
    REQUIRE(set_pin_command(file, in, out, err) == 0);
    CHECK(err.str().empty());
    const auto setup = rs::config::load_setup(file, {});
    REQUIRE(setup.station_ok);
    CHECK(pin_matches("13579", setup.station.admin.pin_hash));
    CHECK(read(file).find("13579") == std::string::npos);
    CHECK(read(file).rfind(kStation, 0) == 0);  // the rest of the file as it was
    CHECK_FALSE(fs::exists(file.string() + ".new"));
    CHECK_FALSE(fs::exists(file.string() + ".check"));
}

TEST_CASE("rollstation --set-pin refuses a bad or mistyped PIN and leaves the file alone",
          "[admin][pin]") {
    TempDir dir;
    const fs::path file = dir.write("station.yaml", kStation);
    for (const char* typed : {"12\n12\n", "1234\n1243\n", "abcd\nabcd\n"}) {
        std::istringstream in(typed);
        std::ostringstream out, err;
        CHECK(set_pin_command(file, in, out, err) == 1);
        CHECK(err.str().find("unchanged") != std::string::npos);
        CHECK(read(file) == kStation);
    }
    std::istringstream in("1234\n1234\n");
    std::ostringstream out, err;
    CHECK(set_pin_command(dir.path() / "missing.yaml", in, out, err) == 1);
    CHECK(err.str().find("cannot read") != std::string::npos);
}

TEST_CASE("parse_cli reads --set-pin and --state-dir", "[cli]") {
    auto parsed = parse_cli({"--set-pin", "--config", "s.yaml"}, std::nullopt);
    REQUIRE(std::holds_alternative<CliOptions>(parsed));
    CHECK(std::get<CliOptions>(parsed).set_pin);
    parsed = parse_cli({"--state-dir", "/var/lib/x"}, std::nullopt);
    REQUIRE(std::holds_alternative<CliOptions>(parsed));
    CHECK(std::get<CliOptions>(parsed).state_dir == fs::path("/var/lib/x"));
    CHECK(std::holds_alternative<CliError>(parse_cli({"--state-dir"}, std::nullopt)));
    CHECK(
        std::holds_alternative<CliError>(parse_cli({"--set-pin", "--check-config"}, std::nullopt)));
}

// ---------------------------------------------------------------------------------------------
// Calibrations

TEST_CASE("calibrations survive in the state directory, one per sensor", "[admin][calibration]") {
    TempDir dir;
    CalibrationStore store(dir.path() / "calibration.json");
    std::string problem;
    CHECK(store.load(problem).empty());
    store.save("pad", {12.5, 2.0});
    store.save("roller", {1.0, 0.5});
    store.save("roller", {});  // reset: gone from the file
    const Calibrations kept = CalibrationStore(dir.path() / "calibration.json").load(problem);
    CHECK(problem.empty());
    REQUIRE(kept.size() == 1);
    CHECK(kept.at("pad") == rs::core::Calibration{12.5, 2.0});
}

TEST_CASE("a damaged calibration file is reported and ignored", "[admin][calibration]") {
    TempDir dir;
    const fs::path file = dir.write("calibration.json",
                                    "{\"sensors\": {\"pad\": {\"scale\": -1, "
                                    "\"zero_n\": 0}, \"ok\": {\"scale\": 2, "
                                    "\"zero_n\": 1}}}");
    std::string problem;
    const Calibrations kept = CalibrationStore(file).load(problem);
    CHECK(problem.find("pad") != std::string::npos);
    CHECK(kept.size() == 1);
    dir.write("calibration.json", "not json");
    problem.clear();
    CHECK(CalibrationStore(file).load(problem).empty());
    CHECK(problem.find("not a calibration file") != std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// The last good station file

TEST_CASE("the last good station file is kept with the folder its paths point from",
          "[admin][config]") {
    TempDir etc, state;
    const fs::path file = etc.write("station.yaml", kStation + "routines:\n  dirs: [routines]\n");
    etc.write("routines/tiny-roll.yaml", rs::test::kTinyRoutine);
    LastGoodConfig keeper(state.path());
    CHECK_FALSE(keeper.recall());
    keeper.remember(file);
    etc.write("station.yaml", "station: [broken");
    const auto copy = keeper.recall();
    REQUIRE(copy);
    CHECK(copy->base_dir == fs::absolute(etc.path()));
    const auto setup = rs::config::load_setup(copy->file, {}, copy->base_dir);
    CHECK(setup.station_ok);
    CHECK(setup.station.station.id == "pin-test");
    CHECK(setup.library->routines().size() == 1);  // found next to the original file
}

// ---------------------------------------------------------------------------------------------
// Backlight

TEST_CASE("the backlight dims to a share of its brightness and comes back", "[admin][dim]") {
    TempDir sys;
    sys.write("panel/max_brightness", "255\n");
    sys.write("panel/brightness", "200\n");
    std::string problem;
    auto light = Backlight::find({}, sys.path(), problem);
    REQUIRE(light);
    CHECK(problem.empty());
    CHECK(light->device() == sys.path() / "panel");
    REQUIRE(light->dim(20, problem));
    CHECK(read(sys.path() / "panel/brightness") == "40\n");
    REQUIRE(light->restore(problem));
    CHECK(read(sys.path() / "panel/brightness") == "200\n");
}

TEST_CASE("no backlight means dimming the picture instead", "[admin][dim]") {
    TempDir sys;
    std::string problem;
    CHECK_FALSE(Backlight::find({}, sys.path(), problem));
    CHECK(problem.empty());
    sys.write("broken/brightness", "x");
    CHECK_FALSE(Backlight::find({}, sys.path(), problem));
    CHECK(problem.find("no readable brightness") != std::string::npos);
}

TEST_CASE("a backlight left dark comes back at full brightness", "[admin][dim]") {
    TempDir sys;
    sys.write("panel/max_brightness", "100\n");
    sys.write("panel/brightness", "0\n");
    std::string problem;
    auto light = Backlight::find(sys.path() / "panel", "/nonexistent", problem);
    REQUIRE(light);
    CHECK(light->normal() == 100);
}

// ---------------------------------------------------------------------------------------------
// Start-up checks

TEST_CASE("start-up checks name the fix for missing groups, DRM and fonts", "[admin][startup]") {
    TempDir root;
    root.write("dev/dri/card0", "");
    root.write("dev/input/event0", "");
    root.write("fonts/DejaVuSans.ttf", "");
    root.write("fonts/DejaVuSans-Bold.ttf", "");
    StartupEnvironment env;
    env.kmsdrm = true;
    env.dev_dir = root.path() / "dev";
    env.font_dir = root.path() / "fonts";
    env.user = "rollstation";
    const auto everything = [](const fs::path& p, bool) { return fs::exists(p); };

    CHECK(check_startup(env, everything).empty());

    SECTION("no input group") {
        const auto problems = check_startup(env, [&](const fs::path& p, bool w) {
            return p.parent_path().filename() != "input" && everything(p, w);
        });
        REQUIRE(problems.size() == 1);
        CHECK_FALSE(problems[0].fatal);
        CHECK(problems[0].message.find("usermod -aG input rollstation") != std::string::npos);
    }
    SECTION("no video group") {
        const auto problems = check_startup(env, [&](const fs::path& p, bool w) {
            return !(w && p.filename() == "card0") && everything(p, w);
        });
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].fatal);
        CHECK(problems[0].message.find("usermod -aG video") != std::string::npos);
    }
    SECTION("no DRM device") {
        fs::remove(root.path() / "dev/dri/card0");
        const auto problems = check_startup(env, everything);
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].message.find("vc4-kms-v3d") != std::string::npos);
    }
    SECTION("no fonts") {
        fs::remove(root.path() / "fonts/DejaVuSans-Bold.ttf");
        const auto problems = check_startup(env, everything);
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].fatal);
        CHECK(problems[0].message.find("fonts-dejavu-core") != std::string::npos);
    }
    SECTION("on a desktop only the fonts matter") {
        env.kmsdrm = false;
        CHECK(check_startup(env, [](const fs::path& p, bool) {
                  return p.extension() == ".ttf";
              }).empty());
    }
}
