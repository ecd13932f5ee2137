// The I/O thread: one Asio io_context that runs every sensor source.
#pragma once

#include "asio.hpp"

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "sources.hpp"

namespace rs::sensors {

class SensorHub {
  public:
    // Starts the thread and the sources. A source that cannot start (a UDP port in use, say)
    // is reported through `errors` and left out; the others run.
    SensorHub(const std::vector<SensorBinding>& sensors, Outputs out,
              std::vector<std::string>& errors);
    ~SensorHub();
    SensorHub(const SensorHub&) = delete;
    SensorHub& operator=(const SensorHub&) = delete;

  private:
    boost::asio::io_context io_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
    std::vector<std::shared_ptr<Source>> sources_;
    std::thread thread_;
};

}  // namespace rs::sensors
