#include <cerrno>

#include "rollstation/core/wire.hpp"
#include "sensors/sources_internal.hpp"

namespace rs::sensors {
namespace asio = boost::asio;

SerialSource::SerialSource(asio::io_context& io, std::string sensor_id, core::SourceSpec spec,
                           Outputs out)
    : port_(io),
      retry_(io),
      sensor_id_(std::move(sensor_id)),
      spec_(std::move(spec)),
      out_(std::move(out)) {}

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
    if (ec) {
        // Absent (unplugged, or not yet enumerated), or not ours to open (the dialout group).
        const std::string hint =
            ec.value() == EACCES ? " (is the kiosk's user in the dialout group?)" : "";
        problems_.report(
            out_, sensor_id_,
            "cannot open " + spec_.path + ": " + ec.message() + hint + "; trying again");
        schedule_retry();
        return;
    }
    using base = asio::serial_port_base;
    // Boost puts the port in raw mode on open; these are the protocol's 8N1. A pseudo-terminal
    // refuses some of them (ENOTTY/EINVAL) and still carries the bytes; anything else means
    // the adapter would mangle the data, so it is reported and the port dropped.
    const auto set = [&](const auto& option) {
        boost::system::error_code e;
        port_.set_option(option, e);
        if (e && e.value() != ENOTTY && e.value() != EINVAL)
            ec = e;
    };
    set(base::baud_rate(static_cast<unsigned>(spec_.baud)));
    set(base::character_size(8));
    set(base::parity(base::parity::none));
    set(base::stop_bits(base::stop_bits::one));
    set(base::flow_control(base::flow_control::none));
    if (ec) {
        problems_.report(out_, sensor_id_,
                         "cannot set " + spec_.path + " to " + std::to_string(spec_.baud) +
                             " 8N1: " + ec.message() + "; trying again");
        boost::system::error_code ignored;
        port_.close(ignored);
        schedule_retry();
        return;
    }
    problems_.clear();
    opened_at_ = std::chrono::steady_clock::now();
    parser_.reset_stream();
    out_.post(core::act::SensorLink{sensor_id_, true});
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
                self->out_.post(core::act::SensorLink{self->sensor_id_, false});
                // A device that keeps failing right after opening must not make the link flap
                // ten times a second: the backoff only starts afresh after a good spell.
                if (std::chrono::steady_clock::now() - self->opened_at_ > std::chrono::seconds(5))
                    self->backoff_ = kFirstRetry;
                self->schedule_retry();
                return;
            }
            deliver(self->parser_, self->sensor_id_, std::string_view(self->buffer_.data(), n),
                    self->out_.post);
            self->read();
        });
}

}  // namespace rs::sensors
