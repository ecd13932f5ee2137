#include "sensors/sensor_hub.hpp"

namespace rs::sensors {

SensorHub::SensorHub(io::IoThread& io, const std::vector<SensorBinding>& sensors, Outputs out,
                     std::vector<std::string>& errors)
    : io_(io) {
    start(sensors, out, errors);
}

SensorHub::SensorHub(const std::vector<SensorBinding>& sensors, Outputs out,
                     std::vector<std::string>& errors)
    : own_io_(std::make_unique<io::IoThread>([report = out.report](const std::string& problem) {
          if (report)
              report("sensors", problem);
      })),
      io_(*own_io_) {
    start(sensors, out, errors);
}

void SensorHub::start(const std::vector<SensorBinding>& sensors, const Outputs& out,
                      std::vector<std::string>& errors) {
    io_.run_and_wait([&] {
        for (auto& source : make_sources(io_.context(), sensors, out)) {
            try {
                source->start();
                sources_.push_back(source);
            } catch (const std::exception& e) {
                errors.push_back(source->name + " could not start: " + e.what());
            }
        }
    });
}

SensorHub::~SensorHub() {
    // Stop the sources on their own thread; their pending handlers then end quietly.
    io_.run_and_wait([&] {
        for (auto& s : sources_)
            s->stop();
        sources_.clear();
    });
}

}  // namespace rs::sensors
