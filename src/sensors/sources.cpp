#include <map>

#include "sources_internal.hpp"

namespace rs::sensors {
namespace asio = boost::asio;

void deliver(core::wire::Parser& parser, const std::string& sensor_id, std::string_view bytes,
             const Post& post) {
    core::act::SensorBatch batch;
    batch.sensor_id = sensor_id;
    parser.feed(bytes, [&](const core::wire::Message& m) { batch.messages.push_back(m); });
    batch.counters = parser.counters();
    post(std::move(batch));
}

// --- UDP ---------------------------------------------------------------------------------------

UdpSource::UdpSource(asio::io_context& io, SourceSpec spec, std::vector<std::string> sensor_ids,
                     Post post)
    : socket_(io),
      spec_(std::move(spec)),
      sensor_ids_(std::move(sensor_ids)),
      post_(std::move(post)) {}

void UdpSource::start() {
    const asio::ip::udp::endpoint local(asio::ip::make_address(spec_.host),
                                        static_cast<unsigned short>(spec_.port));
    socket_.open(local.protocol());
    socket_.set_option(asio::socket_base::reuse_address(true));
    socket_.bind(local);
    receive();
}

void UdpSource::stop() {
    stopped_ = true;
    boost::system::error_code ignored;
    socket_.close(ignored);
}

unsigned short UdpSource::bound_port() const {
    return socket_.local_endpoint().port();
}

void UdpSource::receive() {
    socket_.async_receive_from(
        asio::buffer(buffer_), sender_,
        [self = shared_from_this()](const boost::system::error_code& ec, std::size_t n) {
            if (self->stopped_ || ec == asio::error::operation_aborted)
                return;
            if (!ec) {
                Peer& peer = self->peers_[self->sender_];
                core::act::SensorBatch batch;
                peer.parser.feed(std::string_view(self->buffer_.data(), n),
                                 [&](const core::wire::Message& m) {
                                     if (const auto* hello = std::get_if<core::wire::Hello>(&m))
                                         peer.device_id = hello->device_id;
                                     batch.messages.push_back(m);
                                 });
                // A datagram ends its lines: a half line cannot continue in the next one.
                peer.parser.feed("\n", [](const core::wire::Message&) {});
                batch.counters = peer.parser.counters();
                const auto& ids = self->sensor_ids_;
                if (ids.size() == 1) {
                    batch.sensor_id = ids.front();
                } else if (std::find(ids.begin(), ids.end(), peer.device_id) != ids.end()) {
                    batch.sensor_id = peer.device_id;
                }
                if (!batch.sensor_id.empty())
                    self->post_(std::move(batch));
            }
            self->receive();
        });
}

// --- Simulator ---------------------------------------------------------------------------------

SimSource::SimSource(asio::io_context& io, std::string sensor_id, Profile profile, Post post)
    : timer_(io),
      sensor_id_(std::move(sensor_id)),
      simulator_(SimSettings{profile, 100, sensor_id_, "sim-1.0", 471, 1}),
      post_(std::move(post)) {}

void SimSource::start() {
    started_ = std::chrono::steady_clock::now();
    post_(core::act::SensorLink{sensor_id_, true});
    tick();
}

void SimSource::stop() {
    stopped_ = true;
    timer_.cancel();
}

void SimSource::tick() {
    const double t =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    const bool plugged = simulator_.plugged_in(t);
    if (plugged != plugged_) {
        plugged_ = plugged;
        if (!plugged)
            parser_.reset_stream();
        post_(core::act::SensorLink{sensor_id_, plugged});
    }
    const std::string bytes = simulator_.emit_until(t);
    if (!bytes.empty())
        deliver(parser_, sensor_id_, bytes, post_);
    timer_.expires_after(std::chrono::milliseconds(20));
    timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
        if (!ec && !self->stopped_)
            self->tick();
    });
}

// --- Wiring ------------------------------------------------------------------------------------

std::vector<std::shared_ptr<Source>> make_sources(asio::io_context& io,
                                                  const std::vector<SensorBinding>& sensors,
                                                  Post post) {
    std::vector<std::shared_ptr<Source>> out;
    std::map<std::pair<std::string, int>, std::vector<std::string>> udp_ports;
    std::map<std::pair<std::string, int>, SourceSpec> udp_specs;
    for (const auto& s : sensors) {
        switch (s.spec.kind) {
            case SourceSpec::Kind::serial:
                out.push_back(std::make_shared<SerialSource>(io, s.sensor_id, s.spec, post));
                break;
            case SourceSpec::Kind::udp: {
                const auto key = std::make_pair(s.spec.host, s.spec.port);
                udp_ports[key].push_back(s.sensor_id);
                udp_specs[key] = s.spec;
                break;
            }
            case SourceSpec::Kind::sim:
                out.push_back(std::make_shared<SimSource>(
                    io, s.sensor_id, parse_profile(s.spec.profile).value_or(Profile::steady),
                    post));
                break;
        }
    }
    for (auto& [key, ids] : udp_ports)
        out.push_back(std::make_shared<UdpSource>(io, udp_specs[key], ids, post));
    return out;
}

}  // namespace rs::sensors
