// Unit tests for mistakes in the station file: each located, with its message, and the setting
// kept at its default.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "rollstation/config/station_config.hpp"
#include "unit/station_file.hpp"
#include "unit/station_text.hpp"
#include "unit/support.hpp"

namespace fs = std::filesystem;
using namespace rs::test;
using namespace rs::test::station_text;

// ---------------------------------------------------------------------------------------------
// Station file mistakes

TEST_CASE("an unknown key in the station file is located", "[station][errors]") {
    {
        Loaded l;
        load_station(l, kBase.text() + "colour: red\n");
        check_one_error(l, 10, 1,
                        "unknown key 'colour'; allowed keys: station, display, routines, "
                        "safety_notice, session, coaching, "
                        "sensors, mqtt, storage, admin");
        CHECK(l.config.has_value());
    }
    check_station_error(
        kBase.replace_line(7, "  brightness: 5"), 7, 3,
        "unknown key 'display.brightness'; allowed keys: fullscreen, width, height, rotation, "
        "idle_timeout_s, sound, font_dir, dim_after_s, dim_brightness_pct, backlight, renderer, "
        "languages");
}

TEST_CASE("a PIN written where its hash belongs is refused", "[station][errors]") {
    Loaded l;
    load_station(l, kBase.text() + "admin:\n  pin_hash: \"1234\"\n");
    check_one_error(l, 11, 13,
                    "admin.pin_hash is not a PIN hash; set the PIN with `rollstation --config "
                    "FILE --set-pin`");
    REQUIRE(l.config.has_value());
    CHECK(l.config->admin.pin_hash.empty());
}

TEST_CASE("a rotation that is not a quarter turn is refused and 0 kept", "[station][errors]") {
    const auto config = despite_error(kBase.replace_line(7, "  rotation: 45"), 7, 13,
                                      "display.rotation must be 0, 90, 180 or 270");
    CHECK(config.display.rotation == 0);
    check_station_error(kBase.replace_line(7, "  rotation: 360"), 7, 13,
                        "display.rotation is 360; it must be between 0 and 270");
}

TEST_CASE("a renderer SDL does not offer is refused at its value and auto kept",
          "[station][errors]") {
    const auto config = despite_error(
        kBase.replace_line(7, "  renderer: vulkan"), 7, 13,
        "display.renderer: unknown value 'vulkan'; expected one of auto, software, opengl, "
        "opengles2");
    CHECK(config.display.renderer == "auto");
    Loaded l;
    load_station(l, kBase.replace_line(7, "  renderer: opengles2"));
    REQUIRE(l.config.has_value());
    CHECK(l.config->display.renderer == "opengles2");
}

TEST_CASE("width without height is refused at the display section", "[station][errors]") {
    const auto config =
        despite_error(kBase.replace_line(7, "  width: 800"), 6, 3,
                      "display.width and display.height go together: give both or neither");
    CHECK(config.display.width == 0);
    CHECK(config.display.height == 0);
    check_station_error(kBase.replace_line(7, "  height: 480"), 6, 3,
                        "display.width and display.height go together: give both or neither");
}

TEST_CASE("idle_timeout_s outside 15 to 3600 is refused and the default kept",
          "[station][errors]") {
    const auto config =
        despite_error(kBase.replace_line(7, "  idle_timeout_s: 5"), 7, 19,
                      "display.idle_timeout_s is 5; it must be between 15 and 3600");
    CHECK(config.display.idle_timeout_s == 90);
    check_station_error(kBase.replace_line(7, "  idle_timeout_s: 3601"), 7, 19,
                        "display.idle_timeout_s is 3601; it must be between 15 and 3600");
    check_station_error(kBase.replace_line(7, "  idle_timeout_s: 90s"), 7, 19,
                        "display.idle_timeout_s must be a whole number, not '90s'");
    check_station_error(kBase.replace_line(6, "  fullscreen: yes"), 6, 15,
                        "display.fullscreen must be true or false, not 'yes'");
}

TEST_CASE("an mqtt protocol other than 5 or 3.1.1 is refused", "[station][errors]") {
    Loaded l;
    load_station(l, kBase.text() +
                        "mqtt:\n"                 // 10
                        "  host: broker.local\n"  // 11
                        "  protocol: \"4\"\n");   // 12
    check_one_error(l, 12, 13, "mqtt.protocol must be 5 or 3.1.1, not '4'");
    REQUIRE(l.config.has_value());
    REQUIRE(l.config->mqtt.has_value());
    CHECK(l.config->mqtt->protocol == "5");
}

TEST_CASE("a TLS client certificate without its key is refused at the tls section",
          "[station][errors]") {
    check_station_error(
        kBase.text() +
            "mqtt:\n"                       // 10
            "  host: broker.local\n"        // 11
            "  tls:\n"                      // 12
            "    ca_file: ca.pem\n"         // 13
            "    cert_file: client.pem\n",  // 14
        13, 5, "mqtt.tls.cert_file and mqtt.tls.key_file go together: give both or neither");
}

TEST_CASE("a station id with a space is refused", "[station][errors]") {
    const auto config =
        despite_error(kBase.replace_line(2, "  id: \"roller 1\""), 2, 7,
                      "station.id 'roller 1' may use only letters, digits, - and _");
    CHECK(config.station.id.empty());
}

TEST_CASE("an unknown time zone is refused", "[station][errors]") {
    for (const std::string tz : {"Mars/Olympus_Mons", "Europe/Atlantis", "../zoneinfo/UTC"}) {
        INFO("timezone " << tz);
        const auto config = despite_error(
            kBase.insert_after(4, "  timezone: " + tz), 5, 13,
            "station.timezone '" + tz + "' is not a known time zone (such as Europe/Berlin)");
        CHECK(config.station.timezone == "UTC");
    }
}

TEST_CASE("known time zones are accepted", "[station]") {
    for (const std::string tz : {"UTC", "Europe/Berlin", "America/New_York"}) {
        INFO("timezone " << tz);
        Loaded l;
        load_station(l, kBase.insert_after(4, "  timezone: " + tz));
        INFO("errors:" << listing(l.errors));
        CHECK(l.errors.empty());
        REQUIRE(l.config.has_value());
        CHECK(l.config->station.timezone == tz);
    }
}

// BUG: the time zone check only asks whether /usr/share/zoneinfo/<tz> exists. A folder such as
// "Europe" passes, and an absolute path replaces the zoneinfo prefix, so any existing file on
// the system (here the station file itself) is accepted as a time zone.
TEST_CASE("a folder or an absolute path is not a time zone", "[station][errors]") {
    SECTION("a zoneinfo folder") {
        check_station_error(
            kBase.insert_after(4, "  timezone: Europe"), 5, 13,
            "station.timezone 'Europe' is not a known time zone (such as Europe/Berlin)");
    }
    SECTION("an absolute path to some file") {
        Loaded l;
        const std::string path = (l.dir.path() / "station.yaml").string();
        load_station(l, kBase.insert_after(4, "  timezone: " + path));
        check_one_error(
            l, 5, 13,
            "station.timezone '" + path + "' is not a known time zone (such as Europe/Berlin)");
    }
}

TEST_CASE("a routine folder that does not exist is refused at its list item", "[station][errors]") {
    Loaded l;
    load_station(l, kBase.replace_line(9, "  dirs: [routines, nowhere]"));
    check_one_error(l, 9, 20,
                    "routines.dirs[1] 'nowhere' is not a folder (looked in " +
                        (l.dir.path() / "nowhere").string() + ")");
    REQUIRE(l.config.has_value());
    CHECK(l.config->routine_dirs == std::vector<fs::path>{l.dir.path() / "routines"});
}

TEST_CASE("missing required station sections are reported", "[station][errors]") {
    check_station_error(kBase.remove_lines(8, 9), 1, 1, "missing required key 'routines'");
    {
        Loaded l;
        load_station(l, kBase.replace_line(3, "  nom: \"Test station\""));
        INFO("errors:" << listing(l.errors));
        CHECK(l.errors.size() == 2);
    }
}

TEST_CASE("a station file that is not a mapping cannot be used", "[station][errors]") {
    Loaded l;
    load_station(l, "- station\n- display\n");
    CHECK_FALSE(l.config.has_value());
    check_one_error(l, 1, 1, "the station file must be a mapping of keys to values, not a list");
}
