// BlueZ's object tree as the Bluetooth link follows it: objects added, changed and removed, and
// properties of the wrong type (a broken or hostile peer) read as absent.
#include <catch2/catch.hpp>

#include "bluez/object_tree.hpp"

using namespace rs::bluez;

namespace {

const std::string kAdapterPath = "/org/bluez/hci0";
const std::string kDevicePath = "/org/bluez/hci0/dev_AA_BB_CC_00_00_01";
const std::string kCharPath = kDevicePath + "/service000a/char000c";

Interfaces device(bool connected) {
    return {{kDevice,
             {{"Address", sdbus::Variant(std::string("AA:BB:CC:00:00:01"))},
              {"Name", sdbus::Variant(std::string("WT901BLE68"))},
              {"Adapter", sdbus::Variant(sdbus::ObjectPath(kAdapterPath))},
              {"RSSI", sdbus::Variant(std::int16_t{-61})},
              {"Connected", sdbus::Variant(connected)},
              {"UUIDs",
               sdbus::Variant(std::vector<std::string>{"0000FFE5-0000-1000-8000-00805F9B34FB"})}}}};
}

ObjectTree loaded() {
    ObjectTree tree;
    ManagedObjects objects;
    objects[sdbus::ObjectPath(kAdapterPath)] = {{kAdapter, {{"Powered", sdbus::Variant(true)}}}};
    objects[sdbus::ObjectPath(kDevicePath)] = device(false);
    tree.reset(objects);
    return tree;
}

}  // namespace

TEST_CASE("the tree answers for adapters, devices and characteristics", "[ble][bluez]") {
    ObjectTree tree = loaded();
    CHECK(tree.has_adapter(kAdapterPath));
    CHECK(tree.powered(kAdapterPath));
    CHECK_FALSE(tree.has_adapter("/org/bluez/hci1"));
    const auto devices = tree.devices(kAdapterPath);
    REQUIRE(devices.size() == 1);
    CHECK(devices[0].address == "AA:BB:CC:00:00:01");
    CHECK(devices[0].name == "WT901BLE68");
    CHECK(devices[0].rssi == -61);
    CHECK_FALSE(devices[0].connected);
    CHECK(devices[0].uuids.front() == "0000ffe5-0000-1000-8000-00805f9b34fb");
    CHECK_FALSE(tree.characteristic(kDevicePath, "0000ffe4-0000-1000-8000-00805f9b34fb"));

    tree.added(kCharPath,
               {{kCharacteristic,
                 {{"UUID", sdbus::Variant(std::string("0000FFE4-0000-1000-8000-00805F9B34FB"))}}}});
    CHECK(tree.characteristic(kDevicePath, "0000ffe4-0000-1000-8000-00805f9b34fb") == kCharPath);
    // A device whose address starts the same is another device.
    CHECK_FALSE(tree.characteristic(kDevicePath.substr(0, kDevicePath.size() - 1),
                                    "0000ffe4-0000-1000-8000-00805f9b34fb"));

    tree.changed(kDevicePath, kDevice, {{"Connected", sdbus::Variant(true)}}, {});
    CHECK(tree.device(kDevicePath)->connected);
    tree.changed(kDevicePath, kDevice, {}, {"RSSI"});
    CHECK_FALSE(tree.device(kDevicePath)->rssi);
    tree.changed(kAdapterPath, kAdapter, {{"Powered", sdbus::Variant(false)}}, {});
    CHECK_FALSE(tree.powered(kAdapterPath));

    tree.removed(kCharPath, {kCharacteristic});
    CHECK_FALSE(tree.characteristic(kDevicePath, "0000ffe4-0000-1000-8000-00805f9b34fb"));
    tree.removed(kDevicePath, {kDevice, "org.freedesktop.DBus.Properties"});
    CHECK(tree.devices(kAdapterPath).empty());
    CHECK_FALSE(tree.device(kDevicePath));
}

TEST_CASE("properties of the wrong type read as absent", "[ble][bluez]") {
    ObjectTree tree = loaded();
    tree.changed(kDevicePath, kDevice,
                 {{"RSSI", sdbus::Variant(std::string("strong"))},
                  {"Connected", sdbus::Variant(std::int32_t{1})},
                  {"Address", sdbus::Variant(std::uint8_t{7})}},
                 {});
    const auto d = tree.device(kDevicePath);
    REQUIRE(d);
    CHECK_FALSE(d->rssi);
    CHECK_FALSE(d->connected);
    CHECK(d->address.empty());
    // Changes for objects or interfaces it does not have are ignored.
    tree.changed("/org/bluez/hci0/dev_00", kDevice, {{"Connected", sdbus::Variant(true)}}, {});
    tree.changed(kDevicePath, kAdapter, {{"Powered", sdbus::Variant(true)}}, {});
    CHECK(tree.devices(kAdapterPath).size() == 1);
}
