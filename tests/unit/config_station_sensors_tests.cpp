// Unit tests for the sensors in the station file: their sources, ids, devices, tools and weigh-in,
// and the mistakes in them.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "rollstation/config/station_config.hpp"
#include "unit/station_file.hpp"
#include "unit/station_text.hpp"
#include "unit/support.hpp"

using namespace rs::test;
using namespace rs::test::station_text;

TEST_CASE("a sensor source in an unknown form is refused", "[station][errors]") {
    check_station_error(
        kBase.text() +
            "sensors:\n"                    // 10
            "  - id: r1\n"                  // 11
            "    kind: roller\n"            // 12
            "    source: usb:roller\n"      // 13
            "    circumference_mm: 300\n",  // 14
        13, 13,
        "sensors[0]: sensor source 'usb:roller': it must start with serial:, udp:, sim: or ble:");
}

TEST_CASE("the station file accepts exactly the sources the kiosk can start", "[station][errors]") {
    const auto source_error = [](const std::string& source, const std::string& message) {
        check_station_error(kBase.text() + "sensors:\n  - id: r1\n    source: \"" + source + "\"\n",
                            12, 13, "sensors[0]: sensor source '" + source + "': " + message);
    };
    source_error("serial:/dev/ttyACM0@12345",
                 "the baud rate must be one of 9600 ... 921600, such as 115200");
    source_error("serial:dev/ttyACM0",
                 "a serial device needs an absolute path such as /dev/ttyACM0");
    source_error("udp:0.0.0.0:0", "the port must be 1 to 65535");
    source_error("udp:localhost:5005",
                 "listen on an IP address such as 0.0.0.0, 127.0.0.1 or [::1], not 'localhost'");
    source_error("sim:bogus",
                 "the simulator's profile must be one of steady, fast, stop-and-go, hold, heavy, "
                 "garbage, unplug");
    for (const std::string good :
         {"udp:[::1]:5005", "udp:0.0.0.0:5005", "serial:/dev/ttyUSB0", "sim:garbage"}) {
        Loaded l;
        load_station(l, kBase.text() + "sensors:\n  - id: r1\n    source: \"" + good + "\"\n");
        INFO(good << ":" << listing(l.errors));
        CHECK(l.errors.empty());
        REQUIRE(l.config->sensors.size() == 1);
    }
}

TEST_CASE("sensor ids and serial devices are each used once", "[station][errors]") {
    check_station_error(kBase.text() +
                            "sensors:\n"                // 10
                            "  - id: r1\n"              // 11
                            "    source: sim:steady\n"  // 12
                            "  - id: r1\n"              // 13
                            "    source: sim:fast\n",   // 14
                        13, 9, "sensors[1].id 'r1' is used by another sensor");
    check_station_error(kBase.text() +
                            "sensors:\n"                          // 10
                            "  - id: r1\n"                        // 11
                            "    source: serial:/dev/ttyACM0\n"   // 12
                            "  - id: r2\n"                        // 13
                            "    source: serial:/dev/ttyACM0\n",  // 14
                        14, 13, "sensors[1].source: /dev/ttyACM0 is already sensor r1's device");
    check_station_error(kBase.text() + "sensors:\n  - id: \"my roller\"\n    source: sim:steady\n",
                        11, 9,
                        "sensors[0].id 'my roller' may use only letters, digits, '-', '_' and '.'");
}

TEST_CASE("a roller's circumference may come from its hello, a sensor with a mistake is left out",
          "[station]") {
    Loaded l;
    load_station(l, kBase.text() +
                        "sensors:\n  - id: r1\n    source: sim:steady\n  - id: p1\n    kind: pad\n"
                        "    source: sim:steady\n  - id: bad\n    source: usb:x\n");
    REQUIRE(l.errors.size() == 1);
    REQUIRE(l.config.has_value());
    REQUIRE(l.config->sensors.size() == 2);
    CHECK(l.config->sensors[0].circumference_mm == 0);
    CHECK(l.config->sensors[1].kind == "pad");
    check_station_error(kBase.text() +
                            "sensors:\n  - id: p1\n    kind: mat\n    source: sim:steady\n    "
                            "circumference_mm: 300\n",
                        12, 11, "sensors[0].kind must be roller or pad, not 'mat'");
}

TEST_CASE("a sensor names the tools it measures, a pad may be stood on", "[station][tools]") {
    Loaded l;
    load_station(l,
                 kBase.text() +
                     "sensors:\n  - id: r1\n    source: sim:steady\n"
                     "  - id: r2\n    source: sim:steady\n    tools: [peanut-ball, foam-roller]\n"
                     "  - id: p1\n    kind: pad\n    source: sim:steady\n"
                     "  - id: p2\n    kind: pad\n    source: sim:steady\n    weigh_in: false\n");
    INFO(listing(l.errors));
    REQUIRE(l.errors.empty());
    REQUIRE(l.config->sensors.size() == 4);
    using rs::core::Tool;
    CHECK(l.config->sensors[0].tools == std::vector<Tool>{Tool::foam_roller});
    CHECK_FALSE(l.config->sensors[0].weigh_in);
    CHECK(l.config->sensors[1].tools == std::vector<Tool>{Tool::peanut_ball, Tool::foam_roller});
    CHECK(l.config->sensors[2].tools.size() == 4);
    CHECK(l.config->sensors[2].weigh_in);
    CHECK_FALSE(l.config->sensors[3].weigh_in);
}

TEST_CASE("sensor tools and weigh-in mistakes are located", "[station][tools][errors]") {
    const std::string head = kBase.text() + "sensors:\n  - id: r1\n    source: sim:steady\n";
    check_station_error(head + "    tools: [kettlebell]\n", 13, 13,
                        "sensors[0].tools[0]: unknown value 'kettlebell'; expected one of "
                        "foam-roller, tennis-ball, lacrosse-ball, peanut-ball");
    check_station_error(head + "    tools: []\n", 13, 12,
                        "sensors[0].tools must be a non-empty list such as [foam-roller]");
    check_station_error(head + "    tools: [foam-roller, foam-roller]\n", 13, 26,
                        "sensors[0].tools lists 'foam-roller' twice");
    check_station_error(head + "    weigh_in: true\n", 13, 15,
                        "sensors[0].weigh_in: only a pad can be stood on; a roller cannot weigh "
                        "an athlete");
}

TEST_CASE("a Bluetooth sensor in the station file: good, mistyped, and two on one device",
          "[station][errors][ble]") {
    const std::string sensors =
        "sensors:\n"                                                      // 10
        "  - id: r1\n"                                                    // 11
        "    kind: roller\n"                                              // 12
        "    source: \"ble:AA:BB:CC:DD:EE:01?kind=witmotion&axis=x\"\n";  // 13
    Loaded good;
    load_station(good, kBase.text() + sensors);
    INFO("errors:" << listing(good.errors));
    CHECK(good.errors.empty());
    check_station_error(kBase.text() + sensors +
                            "  - id: r2\n"                                             // 14
                            "    kind: roller\n"                                       // 15
                            "    source: \"ble:aa:bb:cc:dd:ee:01?kind=witmotion\"\n",  // 16
                        16, 13,
                        "sensors[1].source: device AA:BB:CC:DD:EE:01 is already sensor r1's");
    check_station_error(kBase.text() +
                            "sensors:\n"                                  // 10
                            "  - id: p1\n"                                // 11
                            "    kind: pad\n"                             // 12
                            "    source: \"ble:any?kind=progressor\"\n"   // 13
                            "  - id: p2\n"                                // 14
                            "    kind: pad\n"                             // 15
                            "    source: \"ble:any?kind=progressor\"\n",  // 16
                        16, 13,
                        "sensors[1].source: the first progressor device (give each its address, "
                        "from rollstation --scan-sensors) is already sensor p1's");
    check_station_error(kBase.text() +
                            "sensors:\n"                           // 10
                            "  - id: r1\n"                         // 11
                            "    kind: roller\n"                   // 12
                            "    source: \"ble:any?kind=imu\"\n",  // 13
                        13, 13,
                        "sensors[0]: sensor source 'ble:any?kind=imu': the kind must be one of "
                        "witmotion, progressor, nus");
}
