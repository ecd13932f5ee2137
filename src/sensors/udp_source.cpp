#include "sensors/sources_internal.hpp"

namespace rs::sensors {
namespace asio = boost::asio;
namespace {

// Adds what a parser counted since `before` into a sensor's running totals.
void add_new(core::wire::Counters& into, const core::wire::Counters& now,
             const core::wire::Counters& before) {
    into.lines += now.lines - before.lines;
    into.bad_checksum += now.bad_checksum - before.bad_checksum;
    into.overlong += now.overlong - before.overlong;
    into.malformed += now.malformed - before.malformed;
    into.garbage_bytes += now.garbage_bytes - before.garbage_bytes;
    into.lost_samples += now.lost_samples - before.lost_samples;
    into.seq_restarts += now.seq_restarts - before.seq_restarts;
}

}  // namespace

UdpSource::UdpSource(asio::io_context& io, core::SourceSpec spec,
                     std::vector<std::string> sensor_ids, Outputs out)
    : socket_(io),
      spec_(std::move(spec)),
      sensor_ids_(std::move(sensor_ids)),
      out_(std::move(out)) {}

void UdpSource::start() {
    // No SO_REUSEADDR: a second listener (a probe, a second kiosk) must fail loudly rather
    // than quietly take the datagrams.
    const asio::ip::udp::endpoint local(asio::ip::make_address(spec_.host),
                                        static_cast<unsigned short>(spec_.port));
    socket_.open(local.protocol());
    socket_.bind(local);
    receive();
}

void UdpSource::stop() {
    stopped_ = true;
    boost::system::error_code ignored;
    socket_.close(ignored);
}

void UdpSource::receive() {
    socket_.async_receive_from(
        asio::buffer(buffer_), sender_,
        [self = shared_from_this()](const boost::system::error_code& ec, std::size_t n) {
            if (self->stopped_ || ec == asio::error::operation_aborted)
                return;
            if (!ec)
                self->on_datagram(std::string_view(self->buffer_.data(), n));
            self->receive();
        });
}

void UdpSource::on_datagram(std::string_view bytes) {
    if (peers_.size() >= kMaxPeers && !peers_.count(sender_))
        peers_.clear();  // senders come and go; each says hello again within 5 s
    Peer& peer = peers_[sender_];
    std::vector<core::wire::Message> messages;
    const auto take = [&](const core::wire::Message& m) {
        if (const auto* hello = std::get_if<core::wire::Hello>(&m))
            peer.device_id = hello->device_id;
        messages.push_back(m);
    };
    peer.parser.feed(bytes, take);
    // A datagram ends its lines (firmware often sends one line without '\n'); a half line
    // cannot continue in the next datagram.
    peer.parser.feed("\n", take);

    std::string sensor_id;
    if (sensor_ids_.size() == 1) {
        sensor_id = sensor_ids_.front();
    } else if (std::find(sensor_ids_.begin(), sensor_ids_.end(), peer.device_id) !=
               sensor_ids_.end()) {
        sensor_id = peer.device_id;
    } else {
        const std::string who =
            peer.device_id.empty() ? "a sender that has not said hello yet" : peer.device_id;
        if (!unknown_reported_[who] && out_.report) {
            unknown_reported_[who] = true;
            out_.report("udp:" + spec_.host + ":" + std::to_string(spec_.port),
                        "datagrams from " + who + " match no configured sensor id; ignored");
        }
        peer.reported = peer.parser.counters();
        return;
    }
    core::wire::Counters& totals = counters_[sensor_id];
    add_new(totals, peer.parser.counters(), peer.reported);
    peer.reported = peer.parser.counters();
    out_.post(core::act::SensorBatch{sensor_id, std::move(messages), totals});
}

}  // namespace rs::sensors
