#include "sensor_hub.hpp"

#include <future>

namespace rs::sensors {

SensorHub::SensorHub(const std::vector<SensorBinding>& sensors, Outputs out,
                     std::vector<std::string>& errors)
    : work_(boost::asio::make_work_guard(io_)) {
    std::vector<std::shared_ptr<Source>> running;
    for (auto& source : make_sources(io_, sensors, out)) {
        try {
            source->start();
            running.push_back(source);
        } catch (const std::exception& e) {
            errors.push_back(source->name + " could not start: " + e.what());
        }
    }
    sources_ = std::move(running);
    thread_ = std::thread([this, report = out.report] {
        // A handler that throws must not take the kiosk down: say so and keep serving.
        for (;;) {
            try {
                io_.run();
                return;
            } catch (const std::exception& e) {
                if (report)
                    report("sensors",
                           std::string("the I/O thread recovered from an error: ") + e.what());
            }
        }
    });
}

SensorHub::~SensorHub() {
    // Stop the sources on their own thread, then let the loop run dry.
    std::promise<void> stopped;
    boost::asio::post(io_, [&] {
        for (auto& s : sources_)
            s->stop();
        stopped.set_value();
    });
    stopped.get_future().wait();
    work_.reset();
    io_.stop();
    if (thread_.joinable())
        thread_.join();
}

}  // namespace rs::sensors
