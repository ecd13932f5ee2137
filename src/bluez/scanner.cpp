#include "bluez/scanner.hpp"

#include <algorithm>
#include <future>
#include <thread>

#include "bluez/bus_thread.hpp"
#include "bluez/object_tree.hpp"

namespace rs::bluez {

ScanResult scan(std::chrono::milliseconds duration, const std::string& adapter) {
    const std::string adapter_path = "/org/bluez/" + adapter;
    // Declared before the bus thread, which is stopped first: its handlers use them.
    ObjectTree tree;
    std::promise<std::string> started;  // empty: scanning
    ScanResult result;
    BusThread bus;
    bus.post([&] {
        const auto error = bus.open(
            [&](sdbus::Message& m) {
                try {
                    tree.apply(m);
                } catch (const sdbus::Error&) {
                    // a malformed signal tells the scan nothing
                }
            },
            [](const std::string&) {});
        if (error) {
            started.set_value(*error);
            return;
        }
        bus.bluez("/")
            .callMethodAsync("GetManagedObjects")
            .onInterface(kObjectManager)
            .withTimeout(std::chrono::seconds(5))
            .uponReplyInvoke([&](const sdbus::Error* e, const ManagedObjects& objects) {
                if (e) {
                    started.set_value("BlueZ does not answer (is bluetoothd running?): " +
                                      e->getName());
                    return;
                }
                tree.reset(objects);
                if (!tree.has_adapter(adapter_path)) {
                    started.set_value("no Bluetooth adapter " + adapter);
                    return;
                }
                if (!tree.powered(adapter_path)) {
                    started.set_value("Bluetooth adapter " + adapter +
                                      " is powered off (bluetoothctl power on)");
                    return;
                }
                const std::map<std::string, sdbus::Variant> filter{
                    {"Transport", sdbus::Variant(std::string("le"))}};
                auto& a = bus.bluez(adapter_path);
                a.callMethodAsync("SetDiscoveryFilter")
                    .onInterface(kAdapter)
                    .withArguments(filter)
                    .uponReplyInvoke([](const sdbus::Error*) {});
                a.callMethodAsync("StartDiscovery")
                    .onInterface(kAdapter)
                    .withTimeout(std::chrono::seconds(5))
                    .uponReplyInvoke([&](const sdbus::Error* s) {
                        started.set_value(s && s->getName() != "org.bluez.Error.InProgress"
                                              ? "cannot scan on " + adapter + ": " + s->getName()
                                              : "");
                    });
            });
    });
    auto future = started.get_future();
    if (future.wait_for(std::chrono::seconds(15)) != std::future_status::ready) {
        result.error = "the system bus does not answer";
        bus.post([&] { bus.close(); });
        return result;
    }
    result.error = future.get();
    if (!result.error.empty())
        return result;
    std::this_thread::sleep_for(duration);
    std::promise<void> done;
    bus.post([&] {
        for (const auto& d : tree.devices(adapter_path))
            result.devices.push_back(
                {d.address, d.name, core::ble::recognise(d.uuids, d.name), d.rssi});
        bus.bluez(adapter_path)
            .callMethodAsync("StopDiscovery")
            .onInterface(kAdapter)
            .uponReplyInvoke([](const sdbus::Error*) {});
        done.set_value();
    });
    done.get_future().wait();
    bus.post([&] { bus.close(); });  // flushes StopDiscovery
    std::sort(result.devices.begin(), result.devices.end(), [](const auto& a, const auto& b) {
        return a.rssi_dbm.value_or(-999) > b.rssi_dbm.value_or(-999);
    });
    return result;
}

}  // namespace rs::bluez
