// Unit tests for the station file: the shipped files, a good file with every section, where
// routine folders are looked for and the Home Assistant section.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "rollstation/config/setup.hpp"
#include "rollstation/config/station_config.hpp"
#include "unit/station_file.hpp"
#include "unit/station_text.hpp"
#include "unit/support.hpp"

namespace fs = std::filesystem;
using rs::config::Diagnostics;
using namespace rs::test;
using namespace rs::test::station_text;

namespace {

const fs::path kSourceDir = ROLLSTATION_SOURCE_DIR;
const fs::path kConfigDir = kSourceDir / "config";

}  // namespace

// ---------------------------------------------------------------------------------------------
// Shipped files

TEST_CASE("the shipped station.yaml loads without errors", "[station][shipped]") {
    Diagnostics errors;
    const fs::path file = kConfigDir / "station.yaml";
    const auto config = rs::config::load_station_config(file, {}, errors);
    INFO("errors:" << listing(errors));
    REQUIRE(config.has_value());
    CHECK(errors.empty());
    CHECK(config->file == file);
    CHECK(config->station.id == "roller-1");
    CHECK(config->station.name == "Roller station 1");
    CHECK(config->station.facility == "northside");
    CHECK(config->station.groups == std::vector<std::string>{"weight-room"});
    CHECK(config->station.timezone == "Europe/Berlin");
    CHECK(config->display.fullscreen);
    CHECK(config->display.rotation == 0);
    CHECK(config->display.idle_timeout_s == 90);
    CHECK(config->display.sound);
    CHECK(config->routine_dirs == std::vector<fs::path>{kConfigDir / "routines"});
    CHECK(config->safety_notice == kConfigDir / "safety.yaml");
    CHECK(config->storage.path == fs::path("/var/lib/rollstation/station.db"));
    CHECK_FALSE(config->mqtt.has_value());
    CHECK(config->sensors.empty());
}

TEST_CASE("the shipped demo.yaml loads without errors", "[station][shipped]") {
    Diagnostics errors;
    const auto config = rs::config::load_station_config(kConfigDir / "demo.yaml", {}, errors);
    INFO("errors:" << listing(errors));
    REQUIRE(config.has_value());
    CHECK(errors.empty());
    CHECK(config->station.id == "demo-1");
    CHECK(config->station.timezone == "UTC");
    CHECK_FALSE(config->display.fullscreen);
    CHECK(config->display.width == 800);
    CHECK(config->display.height == 480);
    CHECK(config->display.idle_timeout_s == 120);
    CHECK(config->routine_dirs == std::vector<fs::path>{kConfigDir / "routines"});
}

TEST_CASE("load_setup on the shipped station file is valid and describe() lists the library",
          "[station][setup][shipped]") {
    const auto setup = rs::config::load_setup(kConfigDir / "station.yaml", {});
    INFO("errors:" << listing(setup.errors));
    CHECK(setup.station_ok);
    CHECK(setup.errors.empty());
    CHECK(setup.valid());
    CHECK(setup.skipped_files.empty());
    REQUIRE(setup.library != nullptr);
    const auto& routines = setup.library->routines();
    CHECK(routines.size() >= 12);
    REQUIRE(setup.safety != nullptr);
    CHECK(setup.safety->title == "Before you roll");
    CHECK(setup.safety->points.size() == 6);
    CHECK(setup.station.timing.get_ready_s == 5);

    const std::string text = rs::config::describe(setup);
    INFO(text);
    CHECK_THAT(
        text,
        Catch::StartsWith(
            "station: roller-1 (Roller station 1), facility northside, groups weight-room\n"));
    CHECK_THAT(text, Catch::Contains("routines loaded: " + std::to_string(routines.size()) + "\n"));
    for (auto p : rs::core::all_values<rs::core::Purpose>()) {
        std::string line = "  " + std::string(rs::core::name_of(p)) + ":";
        for (auto l : rs::core::all_values<rs::core::Level>()) {
            const auto n = std::count_if(routines.begin(), routines.end(), [&](const auto& r) {
                return r->purpose == p && r->level == l;
            });
            line += " " + std::string(rs::core::name_of(l)) + " " + std::to_string(n);
        }
        CHECK_THAT(text, Catch::Contains(line + "\n"));
    }
    CHECK_THAT(text, Catch::EndsWith("errors: 0\n"));
    CHECK_THAT(text, !Catch::Contains("skipped"));
}

// ---------------------------------------------------------------------------------------------
// A good custom station file

TEST_CASE("a station file with every section is read completely", "[station]") {
    Loaded l;
    l.dir.write("extra/tiny-roll.yaml", rs::test::kTinyRoutine);
    l.dir.write("certs/ca.pem", "ca");
    load_station(l,
                 "station:\n"
                 "  id: gym_2-east\n"
                 "  name: \"East wall\"\n"
                 "  facility: north-side\n"
                 "  groups: [weights, cardio_zone]\n"
                 "  timezone: UTC\n"
                 "display:\n"
                 "  fullscreen: true\n"
                 "  width: 1280\n"
                 "  height: 800\n"
                 "  rotation: 270\n"
                 "  idle_timeout_s: 3600\n"
                 "  sound: false\n"
                 "  font_dir: fonts\n"
                 "  dim_after_s: 600\n"
                 "  dim_brightness_pct: 35\n"
                 "  backlight: /sys/class/backlight/10-0045\n"
                 "routines:\n"
                 "  dirs: [routines, extra]\n"
                 "safety_notice: notice.yaml\n"
                 "session:\n"
                 "  get_ready: 10s\n"
                 "  switch_side: 0\n"
                 "  next_step: 30\n"
                 "sensors:\n"
                 "  - id: roller-a\n"
                 "    source: serial:/dev/ttyACM0@115200\n"
                 "    circumference_mm: 470\n"
                 "  - id: pad-b\n"
                 "    kind: pad\n"
                 "    source: udp:0.0.0.0:5005\n"
                 "  - id: sim-c\n"
                 "    kind: roller\n"
                 "    source: sim:steady\n"
                 "    circumference_mm: 300\n"
                 "mqtt:\n"
                 "  host: broker.local\n"
                 "  port: 8883\n"
                 "  root: gym\n"
                 "  client_id: east\n"
                 "  username: station\n"
                 "  password_file: secret.txt\n"
                 "  keepalive_s: 60\n"
                 "  protocol: \"3.1.1\"\n"
                 "  tls:\n"
                 "    ca_file: certs/ca.pem\n"
                 "    cert_file: certs/client.pem\n"
                 "    key_file: certs/client.key\n"
                 "storage:\n"
                 "  path: data/station.db\n"
                 "admin:\n"
                 "  pin_hash: \"$y$j9T$abcd$efgh\"\n");
    INFO("errors:" << listing(l.errors));
    REQUIRE(l.config.has_value());
    CHECK(l.errors.empty());
    const auto& c = *l.config;
    const fs::path base = l.dir.path();
    CHECK(c.station.id == "gym_2-east");
    CHECK(c.station.groups == std::vector<std::string>{"weights", "cardio_zone"});
    CHECK(c.display.width == 1280);
    CHECK(c.display.height == 800);
    CHECK(c.display.rotation == 270);
    CHECK(c.display.idle_timeout_s == 3600);
    CHECK_FALSE(c.display.sound);
    CHECK(c.display.font_dir == base / "fonts");
    CHECK(c.routine_dirs == std::vector<fs::path>{base / "routines", base / "extra"});
    CHECK(c.safety_notice == base / "notice.yaml");
    CHECK(c.timing.get_ready_s == 10);
    CHECK(c.timing.switch_side_s == 0);
    CHECK(c.timing.next_step_s == 30);
    REQUIRE(c.sensors.size() == 3);
    CHECK(c.sensors[0].kind == "roller");
    CHECK(c.sensors[0].circumference_mm == 470);
    CHECK(c.sensors[1].kind == "pad");
    CHECK(c.sensors[1].source == "udp:0.0.0.0:5005");
    CHECK(c.sensors[2].source == "sim:steady");
    REQUIRE(c.mqtt.has_value());
    CHECK(c.mqtt->host == "broker.local");
    CHECK(c.mqtt->port == 8883);
    CHECK(c.mqtt->root == "gym");
    CHECK(c.mqtt->protocol == "3.1.1");
    CHECK(c.mqtt->keepalive_s == 60);
    CHECK(c.mqtt->password_file == base / "secret.txt");
    REQUIRE(c.mqtt->tls.has_value());
    CHECK(c.mqtt->tls->ca_file == base / "certs/ca.pem");
    CHECK(c.mqtt->tls->cert_file == base / "certs/client.pem");
    CHECK(c.mqtt->tls->key_file == base / "certs/client.key");
    CHECK(c.storage.path == base / "data/station.db");
    CHECK(c.admin.pin_hash == "$y$j9T$abcd$efgh");
    CHECK(c.display.dim_after_s == 600);
    CHECK(c.display.dim_brightness_pct == 35);
    CHECK(c.display.backlight == "/sys/class/backlight/10-0045");
}

// ---------------------------------------------------------------------------------------------
// Paths

TEST_CASE("relative routine folders fall back to the share directory", "[station][paths]") {
    TempDir etc;
    TempDir share;
    share.write("routines/tiny-roll.yaml", rs::test::kTinyRoutine);
    share.write("safety.yaml", kGoodSafety);
    const fs::path file = etc.write("station.yaml", kBase.text());
    Diagnostics errors;
    const auto config = rs::config::load_station_config(file, share.path(), errors);
    INFO("errors:" << listing(errors));
    REQUIRE(config.has_value());
    CHECK(errors.empty());
    CHECK(config->routine_dirs == std::vector<fs::path>{share.path() / "routines"});
    CHECK(config->safety_notice == share.path() / "safety.yaml");

    const auto setup = rs::config::load_setup(file, share.path());
    INFO("setup errors:" << listing(setup.errors));
    CHECK(setup.valid());
    CHECK(setup.library->routines().size() == 1);
    CHECK(setup.safety->title == "Careful now");
}

TEST_CASE("a routine folder next to the station file wins over the share directory",
          "[station][paths]") {
    TempDir etc;
    TempDir share;
    share.write("routines/tiny-roll.yaml", rs::test::kTinyRoutine);
    etc.write("routines/tiny-roll.yaml", rs::test::kTinyRoutine);
    const fs::path file = etc.write("station.yaml", kBase.text());
    Diagnostics errors;
    const auto config = rs::config::load_station_config(file, share.path(), errors);
    REQUIRE(config.has_value());
    CHECK(config->routine_dirs == std::vector<fs::path>{etc.path() / "routines"});
}

TEST_CASE("a routine folder missing in both places is reported where it was expected",
          "[station][paths]") {
    TempDir etc;
    TempDir share;
    const fs::path file = etc.write("station.yaml", kBase.text());
    Diagnostics errors;
    const auto config = rs::config::load_station_config(file, share.path(), errors);
    REQUIRE(config.has_value());
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].line == 9);
    CHECK(errors[0].column == 10);
    CHECK(errors[0].message == "routines.dirs[0] 'routines' is not a folder (looked in " +
                                   (etc.path() / "routines").string() + ")");
}

TEST_CASE("Home Assistant discovery is off unless the station file turns it on", "[station]") {
    {
        Loaded l;
        load_station(l, kBase.text() + "mqtt:\n  host: broker.local\n");
        REQUIRE(l.errors.empty());
        REQUIRE(l.config->mqtt.has_value());
        CHECK_FALSE(l.config->mqtt->home_assistant.enabled);
        CHECK(l.config->mqtt->home_assistant.prefix == "homeassistant");
    }
    Loaded l;
    load_station(l, kBase.text() +
                        "mqtt:\n"                                                 // 10
                        "  host: broker.local\n"                                  // 11
                        "  home_assistant: {enabled: true, prefix: site/ha}\n");  // 12
    REQUIRE(l.errors.empty());
    CHECK(l.config->mqtt->home_assistant.enabled);
    CHECK(l.config->mqtt->home_assistant.prefix == "site/ha");
}

TEST_CASE("a Home Assistant prefix with a wildcard or an empty level is refused where it stands",
          "[station][errors]") {
    for (const std::string prefix : {"ha/#", "ha/+/x", "/ha", "ha//x", "ha/"}) {
        INFO("prefix " << prefix);
        Loaded l;
        load_station(l, kBase.text() +
                            "mqtt:\n"                 // 10
                            "  host: broker.local\n"  // 11
                            "  home_assistant:\n"     // 12
                            "    enabled: true\n"     // 13
                            "    prefix: \"" +
                            prefix + "\"\n");  // 14
        check_one_error(l, 14, 13,
                        "mqtt.home_assistant.prefix '" + prefix +
                            "' must be topic levels of letters, digits, - and _ joined by / (no "
                            "wildcards, no empty level)");
        CHECK(l.config->mqtt->home_assistant.prefix == "homeassistant");
    }
}

TEST_CASE("a Home Assistant section must say whether it is enabled, with a boolean",
          "[station][errors]") {
    // The section on line 12: without `enabled`, then with one that is not a boolean.
    const std::string section =
        GENERATE(as<std::string>{}, "{prefix: homeassistant}", "{enabled: sometimes}");
    const std::string mqtt =
        "mqtt:\n"                 // 10
        "  host: broker.local\n"  // 11
        "  home_assistant: ";     // 12
    Loaded l;
    load_station(l, kBase.text() + mqtt + section + "\n");
    INFO("home_assistant: " << section);
    REQUIRE(l.errors.size() == 1);
    CHECK(l.errors.front().line == 12);
    CHECK_THAT(l.errors.front().message, Catch::Contains("mqtt.home_assistant.enabled"));
    CHECK_FALSE(l.config->mqtt->home_assistant.enabled);
}
