// A Bluetooth LE sensor as a source: the BlueZ link runs on a bus thread of its own (see
// bluez/ble_link.hpp) and hands each notification here, to the I/O thread, where the family's
// decoder turns it into the same batches a serial sensor posts.
#pragma once

#include <chrono>
#include <memory>

#include "bluez/ble_link.hpp"
#include "rollstation/core/ble_decoders.hpp"
#include "sensors/sources.hpp"

namespace rs::sensors {

class BleSource final : public Source, public std::enable_shared_from_this<BleSource> {
  public:
    BleSource(boost::asio::io_context& io, std::string sensor_id, core::SourceSpec spec,
              Outputs out);
    void start() override;
    void stop() override;

  private:
    void on_notification(const std::vector<std::uint8_t>& bytes,
                         std::chrono::steady_clock::time_point arrived);
    void on_link(bool up);
    void on_radio(std::optional<int> rssi, std::optional<int> battery);

    boost::asio::io_context& io_;
    std::string sensor_id_;
    core::SourceSpec spec_;
    Outputs out_;
    core::ble::NotificationDecoder decoder_;
    std::vector<core::wire::Message> messages_;
    std::chrono::steady_clock::time_point epoch_ = std::chrono::steady_clock::now();
    std::unique_ptr<bluez::BleLink> link_;
    bool up_ = false;
    bool stopped_ = false;
};

}  // namespace rs::sensors
