// One Bluetooth LE sensor through BlueZ: finds the adapter, finds the device (a configured
// address or the first of its kind, discovering if BlueZ does not know it yet), connects,
// resolves the family's characteristic, turns notifications on and hands each Value change out
// with the moment it arrived. Device gone, link dropped, adapter powered off or bluetoothd
// restarted: it says so and starts again, with a back-off for calls that fail.
// Runs on a BusThread of its own; the callbacks are called there.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bluez/bus_thread.hpp"
#include "bluez/object_tree.hpp"
#include "rollstation/core/ble_decoders.hpp"

namespace rs::bluez {

struct LinkTarget {
    std::string address;  // empty: the first device of the kind
    core::ble::DeviceKind kind = core::ble::DeviceKind::witmotion;
    std::string adapter = "hci0";
};

struct LinkEvents {
    std::function<void(std::vector<std::uint8_t>, std::chrono::steady_clock::time_point)>
        notification;
    std::function<void(bool up, const std::string& device)> link;
    std::function<void(const std::string& problem)> problem;
    std::function<void(std::optional<int> rssi_dbm, std::optional<int> battery_pct)> radio;
};

class BleLink {
  public:
    BleLink(LinkTarget target, LinkEvents events);
    ~BleLink();  // disconnects the device (so it is free for the next start) and stops
    BleLink(const BleLink&) = delete;
    BleLink& operator=(const BleLink&) = delete;

    void start();

    static constexpr std::chrono::milliseconds kFirstRetry{250};
    static constexpr std::chrono::milliseconds kLastRetry{8000};
    static constexpr std::chrono::seconds kConnectTimeout{20};
    static constexpr std::chrono::seconds kCallTimeout{5};

  private:
    // waiting: a retry's back-off runs; loading: BlueZ's objects are being read (or bluetoothd is
    // away).
    enum class Phase { no_bus, loading, waiting, idle, connecting, subscribing, streaming };

    void open_bus();
    void on_message(sdbus::Message& message);
    void on_properties(sdbus::Message& message);
    void load();
    void evaluate();
    void discover();
    void connect(const Device& device);
    void subscribe(const Device& device, const std::string& characteristic);
    void streaming_started(const Device& device);
    void write_command(const std::vector<std::uint8_t>& bytes);
    void read_battery(const std::string& device_path);
    void drop(const std::string& why);
    void fail(const std::string& problem);
    void retry_after(std::chrono::milliseconds wait);
    void report(const std::string& problem);
    std::string who() const;
    std::optional<Device> pick() const;

    LinkTarget target_;
    LinkEvents events_;
    std::string adapter_path_;
    const core::ble::DeviceFamily& family_;
    ObjectTree tree_;
    Phase phase_ = Phase::no_bus;
    std::string device_path_;
    std::string characteristic_path_;
    std::string battery_path_;
    bool loaded_ = false;
    bool discovering_ = false;
    bool link_up_ = false;
    std::chrono::steady_clock::time_point up_since_{};
    std::chrono::milliseconds backoff_ = kFirstRetry;
    std::string last_problem_;
    std::unique_ptr<BusThread> bus_;  // last: its thread stops before the rest goes
    std::optional<boost::asio::steady_timer> retry_;
};

}  // namespace rs::bluez
