// The ble: source grammar of the station file: every key, and a precise error for each mistake.
#include <catch2/catch.hpp>

#include "rollstation/core/source_spec.hpp"

using namespace rs::core;

TEST_CASE("ble: sources name a device or take the first of a kind", "[ble][config]") {
    const auto by_address = parse_source("ble:aa:bb:cc:dd:ee:ff?kind=witmotion&axis=x");
    REQUIRE(by_address.spec);
    CHECK(by_address.spec->kind == SourceSpec::Kind::ble);
    CHECK(by_address.spec->ble_address == "AA:BB:CC:DD:EE:FF");
    CHECK(by_address.spec->ble_kind == ble::DeviceKind::witmotion);
    CHECK(by_address.spec->axis == ble::Axis::x);
    CHECK(by_address.spec->adapter == "hci0");

    const auto any = parse_source("ble:any?kind=progressor&adapter=hci1");
    REQUIRE(any.spec);
    CHECK(any.spec->ble_address.empty());
    CHECK(any.spec->ble_kind == ble::DeviceKind::progressor);
    CHECK(any.spec->adapter == "hci1");
    CHECK(parse_source("ble:any?kind=nus").spec->axis == ble::Axis::z);
}

TEST_CASE("ble: source mistakes are named", "[ble][config]") {
    const auto error = [](const std::string& text) { return parse_source(text).error; };
    CHECK_THAT(error("ble:AA:BB:CC:DD:EE?kind=witmotion"),
               Catch::Contains("an address such as AA:BB:CC:DD:EE:FF"));
    CHECK_THAT(error("ble:AA:BB:CC:DD:EE:FF"), Catch::Contains("?kind=witmotion, progressor, nus"));
    CHECK_THAT(error("ble:any?kind=fitbit"),
               Catch::Contains("the kind must be one of witmotion, progressor, nus"));
    CHECK_THAT(error("ble:any?kind=witmotion&axis=w"), Catch::Contains("x, y or z"));
    CHECK_THAT(error("ble:any?kind=progressor&axis=x"), Catch::Contains("witmotion sensor only"));
    CHECK_THAT(error("ble:any?kind=nus&adapter=wlan0"), Catch::Contains("such as hci0"));
    CHECK_THAT(error("ble:any?kind=nus&speed=9"), Catch::Contains("unknown setting 'speed'"));
    CHECK_THAT(error("bluetooth:any"), Catch::Contains("serial:, udp:, sim: or ble:"));
}
