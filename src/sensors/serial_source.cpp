#include <termios.h>

#include "rollstation/core/wire.hpp"
#include "sources_internal.hpp"

namespace rs::sensors {
namespace asio = boost::asio;

SerialSource::SerialSource(asio::io_context& io, std::string sensor_id, SourceSpec spec, Post post)
    : io_(io),
      port_(io),
      retry_(io),
      sensor_id_(std::move(sensor_id)),
      spec_(std::move(spec)),
      post_(std::move(post)) {}

void SerialSource::start() {
    try_open();
}

void SerialSource::stop() {
    stopped_ = true;
    retry_.cancel();
    boost::system::error_code ignored;
    port_.close(ignored);
}

void SerialSource::try_open() {
    if (stopped_)
        return;
    boost::system::error_code ec;
    port_.open(spec_.path, ec);
    if (!ec) {
        using base = asio::serial_port_base;
        // Boost puts the port in raw mode on open; these are the protocol's 8N1.
        port_.set_option(base::baud_rate(static_cast<unsigned>(spec_.baud)), ec);
        port_.set_option(base::character_size(8), ec);
        port_.set_option(base::parity(base::parity::none), ec);
        port_.set_option(base::stop_bits(base::stop_bits::one), ec);
        port_.set_option(base::flow_control(base::flow_control::none), ec);
        ec = {};  // a pseudo-terminal refuses some of these; it still carries bytes
    }
    if (ec) {
        schedule_retry();
        return;
    }
    backoff_ = kFirstRetry;
    parser_.reset_stream();
    post_(core::act::SensorLink{sensor_id_, true});
    read();
}

void SerialSource::schedule_retry() {
    retry_.expires_after(backoff_);
    backoff_ = std::min(backoff_ * 2, kLastRetry);
    retry_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
        if (!ec)
            self->try_open();
    });
}

void SerialSource::read() {
    port_.async_read_some(
        asio::buffer(buffer_),
        [self = shared_from_this()](const boost::system::error_code& ec, std::size_t n) {
            if (ec == asio::error::operation_aborted || self->stopped_)
                return;
            if (ec) {
                // Unplugged (EIO on a pty, ENODEV on USB) or closed: drop it and look again later.
                boost::system::error_code ignored;
                self->port_.close(ignored);
                self->post_(core::act::SensorLink{self->sensor_id_, false});
                self->backoff_ = kFirstRetry;
                self->schedule_retry();
                return;
            }
            deliver(self->parser_, self->sensor_id_, std::string_view(self->buffer_.data(), n),
                    self->post_);
            self->read();
        });
}

}  // namespace rs::sensors
