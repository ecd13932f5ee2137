#include "sensor_hub.hpp"

#include <future>

namespace rs::sensors {

SensorHub::SensorHub(const std::vector<SensorBinding>& sensors, Post post,
                     std::vector<std::string>& errors)
    : work_(boost::asio::make_work_guard(io_)) {
    sources_ = make_sources(io_, sensors, std::move(post));
    std::vector<std::shared_ptr<Source>> running;
    for (auto& source : sources_) {
        try {
            source->start();
            running.push_back(source);
        } catch (const std::exception& e) {
            errors.push_back(std::string("a sensor source could not start: ") + e.what());
        }
    }
    sources_ = std::move(running);
    thread_ = std::thread([this] { io_.run(); });
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
