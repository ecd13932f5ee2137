// mosquitto on 127.0.0.1:<free port>, its configuration and its log in a folder of the caller's,
// started and stopped by pid (the port stays the same across restarts).
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "kit/process.hpp"

namespace rs::kit {

inline const std::string kMosquitto = "/usr/sbin/mosquitto";

struct BrokerOptions {
    bool persistence = false;             // true: sessions and queued messages survive a restart
    std::filesystem::path password_file;  // set: only these users, no anonymous clients
    std::vector<std::string> extra;       // more configuration lines
};

// A broker that keeps sessions and their queued messages across restarts (mosquitto saves them
// when stopped with SIGTERM, as systemd stops it), without a bound on a session's queue.
BrokerOptions persistent_broker();

class Broker {
  public:
    explicit Broker(std::filesystem::path dir, BrokerOptions options = {},
                    std::string name = "broker");
    ~Broker() { stop(); }
    Broker(const Broker&) = delete;
    Broker& operator=(const Broker&) = delete;

    int port() const { return port_; }
    bool up() const { return process_ != nullptr; }
    int runs() const { return runs_; }
    int pid() const { return process_ ? process_->pid() : -1; }  // -1 while it is down

    // Starts it and waits until it accepts connections; throws, with its log, if it does not
    // within `limit`.
    void start(std::chrono::milliseconds limit = std::chrono::milliseconds(10'000));
    // SIGTERM (mosquitto writes its persistence file then), SIGKILL after `grace`; reaped.
    void stop(std::chrono::milliseconds grace = std::chrono::milliseconds(2000));

    // Everything every run of this broker logged so far.
    std::string log() const;
    // How many lines of the log match `pattern` (a regular expression).
    std::size_t log_lines_matching(const std::string& pattern) const;

  private:
    std::string config() const;

    std::filesystem::path dir_;
    BrokerOptions options_;
    std::string name_;
    int port_;
    int runs_ = 0;
    std::vector<std::filesystem::path> logs_;
    std::unique_ptr<Process> process_;
};

}  // namespace rs::kit
