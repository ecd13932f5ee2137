// Sensor sources on the I/O thread: serial devices, UDP sockets and the built-in simulator.
// Each parses its bytes there and posts compact actions (a batch per read, link up/down).
#pragma once

#include "io/asio.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "rollstation/core/kiosk.hpp"
#include "rollstation/core/source_spec.hpp"

namespace rs::sensors {

// Delivers an action to the UI thread. Called on the I/O thread; must be thread-safe.
using Post = std::function<void(core::Action)>;
// Says what is wrong with a sensor's link (a device that cannot be opened, an unknown UDP
// sender), once each time the problem changes. Called on the I/O thread; must be thread-safe.
using Report = std::function<void(const std::string& sensor_id, const std::string& problem)>;

struct Outputs {
    Post post;
    Report report;
};

class Source {
  public:
    std::string name;  // for messages: "sensor roller-1 on serial:/dev/ttyACM0"
    virtual ~Source() = default;
    virtual void start() = 0;
    virtual void stop() = 0;  // on the I/O thread
};

struct SensorBinding {
    std::string sensor_id;
    core::SourceSpec spec;
};

// Makes the sources for a station's sensors; sensors sharing a UDP port share one socket.
std::vector<std::shared_ptr<Source>> make_sources(boost::asio::io_context& io,
                                                  const std::vector<SensorBinding>& sensors,
                                                  const Outputs& out);

}  // namespace rs::sensors
