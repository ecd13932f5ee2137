#include "sensors/ble_source.hpp"

namespace rs::sensors {
namespace asio = boost::asio;

BleSource::BleSource(asio::io_context& io, std::string sensor_id, core::SourceSpec spec,
                     Outputs out)
    : io_(io),
      sensor_id_(std::move(sensor_id)),
      spec_(std::move(spec)),
      out_(std::move(out)),
      decoder_(spec_.ble_kind, spec_.axis) {}

void BleSource::start() {
    // The link's callbacks run on its bus thread: each hops to the I/O thread, and a source
    // stopped meanwhile lets them fall.
    const std::weak_ptr<BleSource> weak = shared_from_this();
    auto on_io = [this, weak](auto work) {
        asio::post(io_, [weak, work = std::move(work)]() mutable {
            if (const auto self = weak.lock(); self && !self->stopped_)
                work(*self);
        });
    };
    bluez::LinkEvents events;
    events.notification = [on_io](std::vector<std::uint8_t> bytes,
                                  std::chrono::steady_clock::time_point arrived) {
        on_io([bytes = std::move(bytes), arrived](BleSource& s) {
            s.on_notification(bytes, arrived);
        });
    };
    events.link = [on_io](bool up, const std::string&) {
        on_io([up](BleSource& s) { s.on_link(up); });
    };
    events.radio = [on_io](std::optional<int> rssi, std::optional<int> battery) {
        on_io([rssi, battery](BleSource& s) { s.on_radio(rssi, battery); });
    };
    events.problem = [out = out_, id = sensor_id_](const std::string& problem) {
        if (out.report)
            out.report(id, problem);
    };
    link_ = std::make_unique<bluez::BleLink>(
        bluez::LinkTarget{spec_.ble_address, spec_.ble_kind, spec_.adapter}, std::move(events));
    link_->start();
}

void BleSource::stop() {
    stopped_ = true;
    link_.reset();  // waits for the bus thread to let the device go
}

void BleSource::on_notification(const std::vector<std::uint8_t>& bytes,
                                std::chrono::steady_clock::time_point arrived) {
    if (!up_)
        return;  // the tail of a link already reported down
    const auto at_ms = std::chrono::duration_cast<std::chrono::milliseconds>(arrived - epoch_);
    const core::wire::Counters before = decoder_.counters();
    messages_.clear();
    decoder_.feed(bytes, static_cast<std::uint32_t>(at_ms.count()), messages_);
    if (messages_.empty() && decoder_.counters() == before)
        return;
    out_.post(core::act::SensorBatch{sensor_id_, messages_, decoder_.counters()});
}

void BleSource::on_link(bool up) {
    if (up == up_)
        return;
    up_ = up;
    if (up)
        decoder_.reset_stream();
    out_.post(core::act::SensorLink{sensor_id_, up});
}

void BleSource::on_radio(std::optional<int> rssi, std::optional<int> battery) {
    if (!up_)
        return;  // a reading while searching is not a sign of life
    core::wire::Status status;
    status.battery_pct = battery;
    status.rssi_dbm = rssi;
    out_.post(core::act::SensorBatch{sensor_id_, {status}, decoder_.counters()});
}

}  // namespace rs::sensors
