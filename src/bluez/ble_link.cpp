#include "bluez/ble_link.hpp"

#include <future>

namespace rs::bluez {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::seconds kGoodSpell{5};

std::string error_text(const sdbus::Error& e) {
    return e.getMessage().empty() ? e.getName() : e.getName() + " (" + e.getMessage() + ")";
}

}  // namespace

BleLink::BleLink(LinkTarget target, LinkEvents events)
    : target_(std::move(target)),
      events_(std::move(events)),
      adapter_path_("/org/bluez/" + target_.adapter),
      family_(core::ble::family(target_.kind)),
      bus_(std::make_unique<BusThread>()) {}

BleLink::~BleLink() {
    std::promise<void> done;
    bus_->post([&] {
        phase_ = Phase::no_bus;
        if (retry_)
            retry_->cancel();
        if (bus_->is_open() && !device_path_.empty()) {
            // Let the device go, so the next start (or another kiosk) finds it free. The call
            // is flushed when the connection closes.
            bus_->bluez(device_path_)
                .callMethodAsync("Disconnect")
                .onInterface(kDevice)
                .uponReplyInvoke([](const sdbus::Error*) {});
        }
        retry_.reset();
        done.set_value();
    });
    done.get_future().wait();
    bus_.reset();
}

void BleLink::start() {
    bus_->post([this] {
        retry_.emplace(bus_->context());
        open_bus();
    });
}

std::string BleLink::who() const {
    return (target_.address.empty() ? "the first " + std::string(family_.name) + " device"
                                    : std::string(family_.name) + " " + target_.address) +
           " on " + target_.adapter;
}

void BleLink::report(const std::string& problem) {
    if (problem == last_problem_)
        return;
    last_problem_ = problem;
    if (events_.problem)
        events_.problem(problem);
}

void BleLink::open_bus() {
    if (const auto error = bus_->open([this](sdbus::Message& m) { on_message(m); },
                                      [this](const std::string& why) {
                                          tree_.clear();
                                          loaded_ = false;
                                          drop(why);
                                          phase_ = Phase::no_bus;
                                          fail(why + "; trying again");
                                      })) {
        fail(*error + "; trying again");
        return;
    }
    load();
}

// Everything BlueZ has, at once; the signals keep it current from here on.
void BleLink::load() {
    phase_ = Phase::loading;
    bus_->bluez("/")
        .callMethodAsync("GetManagedObjects")
        .onInterface(kObjectManager)
        .withTimeout(kCallTimeout)
        .uponReplyInvoke([this](const sdbus::Error* error, const ManagedObjects& objects) {
            if (error) {
                fail("BlueZ does not answer (is bluetoothd running?): " + error_text(*error));
                return;
            }
            tree_.reset(objects);
            loaded_ = true;
            phase_ = Phase::idle;
            discovering_ = false;
            evaluate();
        });
}

void BleLink::on_message(sdbus::Message& message) {
    // A signal of the wrong shape (from a broken or hostile peer) is dropped, never fatal.
    try {
        const std::string member = message.getMemberName();
        if (member == "NameOwnerChanged") {
            std::string name, old_owner, new_owner;
            message >> name >> old_owner >> new_owner;
            tree_.clear();
            loaded_ = false;
            drop("bluetoothd " + std::string(new_owner.empty() ? "stopped" : "restarted"));
            phase_ = Phase::loading;
            if (!new_owner.empty())
                load();
            else
                report("BlueZ (bluetoothd) is not running; waiting for it");
            return;
        }
        if (phase_ == Phase::no_bus || phase_ == Phase::loading)
            return;
        if (member == "PropertiesChanged") {
            on_properties(message);
            return;
        }
        if (tree_.apply(message))
            evaluate();
    } catch (const sdbus::Error& e) {
        report("ignored a malformed BlueZ signal: " + error_text(e));
    }
}

void BleLink::on_properties(sdbus::Message& message) {
    const auto arrived = Clock::now();
    std::string interface;
    std::map<std::string, sdbus::Variant> changed;
    std::vector<std::string> invalidated;
    message >> interface >> changed >> invalidated;
    const std::string path = message.getPath();
    if (interface == kCharacteristic) {
        const auto value = changed.find("Value");
        if (value == changed.end() ||
            !value->second.containsValueOfType<std::vector<std::uint8_t>>())
            return;
        auto bytes = value->second.get<std::vector<std::uint8_t>>();
        if (path == characteristic_path_ && phase_ == Phase::streaming) {
            if (events_.notification)
                events_.notification(std::move(bytes), arrived);
        } else if (path == battery_path_ && phase_ == Phase::streaming && events_.radio) {
            if (const auto level = core::ble::battery_level(bytes))
                events_.radio(std::nullopt, level->battery_pct);
        }
        return;  // values are not kept in the tree: they are news, not state
    }
    tree_.changed(path, interface, changed, invalidated);
    if (interface == kDevice && changed.count("RSSI") && path == device_path_ && events_.radio) {
        if (const auto d = tree_.device(path))
            events_.radio(d->rssi, std::nullopt);
    }
    evaluate();
}

std::optional<Device> BleLink::pick() const {
    std::optional<Device> best;
    for (auto& d : tree_.devices(adapter_path_)) {
        if (!target_.address.empty()) {
            if (d.address == target_.address)
                return d;
            continue;
        }
        if (core::ble::recognise(d.uuids, d.name) != target_.kind)
            continue;
        if (d.path == device_path_)
            return d;  // stay with the one already chosen
        if (!best || (d.connected && !best->connected) ||
            (d.connected == best->connected && d.rssi.value_or(-999) > best->rssi.value_or(-999)))
            best = d;
    }
    return best;
}

// Looks at what BlueZ has now and takes the next step; called after every change.
void BleLink::evaluate() {
    if (phase_ == Phase::no_bus || phase_ == Phase::loading)
        return;
    if (!tree_.has_adapter(adapter_path_)) {
        drop("adapter " + target_.adapter + " is gone");
        report("no Bluetooth adapter " + target_.adapter + " (is the Pi's Bluetooth enabled?)");
        return;
    }
    if (!tree_.powered(adapter_path_)) {
        drop("adapter " + target_.adapter + " powered off");
        discovering_ = false;
        report("Bluetooth adapter " + target_.adapter + " is powered off; waiting for it");
        return;
    }
    const auto device = pick();
    if (!device) {
        drop(who() + " is gone");
        report("looking for " + who());
        discover();
        return;
    }
    if (device->path != device_path_) {
        drop("another device was chosen");
        device_path_ = device->path;
    }
    if (phase_ == Phase::streaming) {
        if (!device->connected || !tree_.characteristic(device->path, family_.notify_uuid))
            drop(device->address + " disconnected");
        else
            return;
    }
    if (phase_ != Phase::idle)
        return;  // a call is on its way, or a retry is waiting
    if (!device->connected) {
        connect(*device);
        return;
    }
    if (!device->services_resolved)
        return;  // BlueZ says so when the GATT database is read
    const auto characteristic = tree_.characteristic(device->path, family_.notify_uuid);
    if (!characteristic) {
        fail(device->address + " has no characteristic " + std::string(family_.notify_uuid) +
             " (is it a " + std::string(family_.name) + "?)");
        return;
    }
    subscribe(*device, *characteristic);
}

void BleLink::discover() {
    if (discovering_)
        return;
    discovering_ = true;
    auto& adapter = bus_->bluez(adapter_path_);
    const std::map<std::string, sdbus::Variant> filter{
        {"Transport", sdbus::Variant(std::string("le"))}};
    adapter.callMethodAsync("SetDiscoveryFilter")
        .onInterface(kAdapter)
        .withArguments(filter)
        .withTimeout(kCallTimeout)
        .uponReplyInvoke([](const sdbus::Error*) {});  // an old BlueZ without filters still scans
    adapter.callMethodAsync("StartDiscovery")
        .onInterface(kAdapter)
        .withTimeout(kCallTimeout)
        .uponReplyInvoke([this](const sdbus::Error* error) {
            // InProgress: someone else is scanning, which serves as well.
            if (error && error->getName() != "org.bluez.Error.InProgress") {
                discovering_ = false;
                fail("cannot scan on " + target_.adapter + ": " + error_text(*error));
            }
        });
}

void BleLink::connect(const Device& device) {
    phase_ = Phase::connecting;
    if (discovering_) {
        // Scanning while connecting slows the connection down on most controllers.
        discovering_ = false;
        bus_->bluez(adapter_path_)
            .callMethodAsync("StopDiscovery")
            .onInterface(kAdapter)
            .uponReplyInvoke([](const sdbus::Error*) {});
    }
    const std::string address = device.address;
    bus_->bluez(device.path)
        .callMethodAsync("Connect")
        .onInterface(kDevice)
        .withTimeout(kConnectTimeout)
        .uponReplyInvoke([this, address](const sdbus::Error* error) {
            if (phase_ != Phase::connecting)
                return;
            if (error) {
                fail("cannot connect to " + address + ": " + error_text(*error));
                return;
            }
            phase_ = Phase::idle;  // now wait for ServicesResolved
            evaluate();
        });
}

void BleLink::subscribe(const Device& device, const std::string& characteristic) {
    phase_ = Phase::subscribing;
    characteristic_path_ = characteristic;
    bus_->bluez(characteristic)
        .callMethodAsync("StartNotify")
        .onInterface(kCharacteristic)
        .withTimeout(kCallTimeout)
        .uponReplyInvoke([this, device](const sdbus::Error* error) {
            if (phase_ != Phase::subscribing)
                return;
            // Already notifying (a session left from before a restart) is as good.
            if (error && error->getName() != "org.bluez.Error.InProgress") {
                fail("cannot turn on notifications from " + device.address + ": " +
                     error_text(*error));
                return;
            }
            streaming_started(device);
        });
}

void BleLink::streaming_started(const Device& device) {
    phase_ = Phase::streaming;
    link_up_ = true;
    up_since_ = Clock::now();
    last_problem_.clear();
    if (events_.link)
        events_.link(true, device.address + (device.name.empty() ? "" : " " + device.name));
    if (events_.radio && device.rssi)
        events_.radio(device.rssi, std::nullopt);
    write_command(family_.start_command);
    write_command(family_.battery_command);
    read_battery(device.path);
}

void BleLink::write_command(const std::vector<std::uint8_t>& bytes) {
    if (bytes.empty() || family_.write_uuid.empty())
        return;
    const auto path = tree_.characteristic(device_path_, family_.write_uuid);
    if (!path) {
        report(who() + " has no command characteristic " + std::string(family_.write_uuid));
        return;
    }
    const std::map<std::string, sdbus::Variant> options{
        {"type", sdbus::Variant(std::string("request"))}};
    bus_->bluez(*path)
        .callMethodAsync("WriteValue")
        .onInterface(kCharacteristic)
        .withArguments(bytes, options)
        .withTimeout(kCallTimeout)
        .uponReplyInvoke([this](const sdbus::Error* error) {
            if (error)
                report("a command to " + who() + " failed: " + error_text(*error));
        });
}

// The standard battery level, where the device has one: read once, then notified if it can.
void BleLink::read_battery(const std::string& device_path) {
    const auto path = tree_.characteristic(device_path, core::ble::kBatteryLevelUuid);
    battery_path_ = path.value_or("");
    if (!path)
        return;
    const std::map<std::string, sdbus::Variant> options;
    bus_->bluez(*path)
        .callMethodAsync("ReadValue")
        .onInterface(kCharacteristic)
        .withArguments(options)
        .withTimeout(kCallTimeout)
        .uponReplyInvoke([this](const sdbus::Error* error, const std::vector<std::uint8_t>& value) {
            if (error || phase_ != Phase::streaming || !events_.radio)
                return;
            if (const auto level = core::ble::battery_level(value))
                events_.radio(std::nullopt, level->battery_pct);
        });
    bus_->bluez(*path)
        .callMethodAsync("StartNotify")
        .onInterface(kCharacteristic)
        .withTimeout(kCallTimeout)
        .uponReplyInvoke([](const sdbus::Error*) {});  // a level that cannot notify is read once
}

// The link is down (if it was up); the next evaluate starts over.
void BleLink::drop(const std::string& why) {
    if (phase_ == Phase::streaming || phase_ == Phase::subscribing || phase_ == Phase::connecting)
        phase_ = Phase::idle;
    characteristic_path_.clear();
    battery_path_.clear();
    if (!link_up_)
        return;
    link_up_ = false;
    // A device that keeps dropping right after connecting must not be hammered: the back-off
    // only starts afresh after a good spell.
    if (Clock::now() - up_since_ > kGoodSpell)
        backoff_ = kFirstRetry;
    report(why);
    if (events_.link)
        events_.link(false, why);
}

void BleLink::fail(const std::string& problem) {
    report(problem);
    retry_after(backoff_);
    backoff_ = std::min(backoff_ * 2, std::chrono::milliseconds(kLastRetry));
}

void BleLink::retry_after(std::chrono::milliseconds wait) {
    phase_ = bus_->is_open() ? Phase::waiting : Phase::no_bus;  // holds evaluate off till then
    if (!retry_)
        return;
    retry_->expires_after(wait);
    retry_->async_wait([this](const boost::system::error_code& ec) {
        if (ec || !retry_)
            return;
        if (!bus_->is_open()) {
            open_bus();
        } else if (!loaded_) {
            load();
        } else {
            phase_ = Phase::idle;
            evaluate();
        }
        bus_->pump();
    });
}

}  // namespace rs::bluez
