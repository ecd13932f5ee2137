#include "sensors/sources_internal.hpp"

namespace rs::sensors {
namespace asio = boost::asio;

SimSource::SimSource(asio::io_context& io, std::string sensor_id, core::SimProfile profile,
                     Outputs out)
    : timer_(io),
      sensor_id_(std::move(sensor_id)),
      simulator_(SimSettings{profile, 100, sensor_id_, "sim-1.0", 471, 1}),
      out_(std::move(out)) {}

void SimSource::start() {
    started_ = std::chrono::steady_clock::now();
    out_.post(core::act::SensorLink{sensor_id_, true});
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
        out_.post(core::act::SensorLink{sensor_id_, plugged});
    }
    const std::string bytes = simulator_.emit_until(t);
    if (!bytes.empty())
        deliver(parser_, sensor_id_, bytes, out_.post);
    // The samples come at 100 Hz, in batches of five: as a serial driver hands a read over in
    // chunks, and the UI takes them no more often than this anyway.
    timer_.expires_after(std::chrono::milliseconds(50));
    timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
        if (!ec && !self->stopped_)
            self->tick();
    });
}

}  // namespace rs::sensors
