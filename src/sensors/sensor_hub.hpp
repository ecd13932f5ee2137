// The sensor sources of a station, running on the I/O thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "io/io_thread.hpp"
#include "sensors/sources.hpp"

namespace rs::sensors {

class SensorHub {
  public:
    // Starts the sources on `io`. A source that cannot start (a UDP port in use, say) is
    // reported through `errors` and left out; the others run.
    SensorHub(io::IoThread& io, const std::vector<SensorBinding>& sensors, Outputs out,
              std::vector<std::string>& errors);
    // The same, on an I/O thread of its own (the probe, tests).
    SensorHub(const std::vector<SensorBinding>& sensors, Outputs out,
              std::vector<std::string>& errors);
    ~SensorHub();
    SensorHub(const SensorHub&) = delete;
    SensorHub& operator=(const SensorHub&) = delete;

  private:
    void start(const std::vector<SensorBinding>& sensors, const Outputs& out,
               std::vector<std::string>& errors);

    std::unique_ptr<io::IoThread> own_io_;
    io::IoThread& io_;
    std::vector<std::shared_ptr<Source>> sources_;
};

}  // namespace rs::sensors
