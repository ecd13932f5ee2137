// The soak's mosquitto on a free loopback port, with persistence: the collector's session and
// the QoS 1 messages queued for it survive a restart (mosquitto saves them when stopped with
// SIGTERM, as systemd stops it).
#pragma once

#include <filesystem>
#include <memory>

#include "process.hpp"

namespace rs::soak {

class Broker {
  public:
    explicit Broker(std::filesystem::path dir);
    int port() const { return port_; }
    bool up() const { return process_ != nullptr; }
    int starts() const { return starts_; }
    // Starts it and waits (at most 10 s) until it accepts connections; false if it did not.
    bool start();
    // SIGTERM and wait (it writes its persistence file), SIGKILL after 10 s.
    void stop();

  private:
    std::filesystem::path dir_;
    int port_;
    int starts_ = 0;
    std::unique_ptr<Process> process_;
};

// A TCP port on 127.0.0.1 that nobody listens on right now.
int free_tcp_port();
// Whether something accepts a TCP connection on 127.0.0.1:`port`.
bool tcp_accepts(int port);

}  // namespace rs::soak
