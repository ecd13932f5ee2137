// The concrete sources; only the sources' own files need them.
#pragma once

#include <array>
#include <chrono>
#include <map>
#include <vector>

#include "rollstation/core/wire.hpp"
#include "sensors/simulator.hpp"
#include "sensors/sources.hpp"

namespace rs::sensors {

// Parses a chunk and posts one batch with every message in it (nothing when it held no news).
void deliver(core::wire::Parser& parser, const std::string& sensor_id, std::string_view bytes,
             const Post& post);

// Remembers the last problem reported for a sensor, so each is logged once, not per retry.
class ProblemLatch {
  public:
    void report(const Outputs& out, const std::string& sensor_id, const std::string& problem);
    void clear() { last_.clear(); }

  private:
    std::string last_;
};

class SerialSource final : public Source, public std::enable_shared_from_this<SerialSource> {
  public:
    SerialSource(boost::asio::io_context& io, std::string sensor_id, core::SourceSpec spec,
                 Outputs out);
    void start() override;
    void stop() override;

    static constexpr std::chrono::milliseconds kFirstRetry{100};
    static constexpr std::chrono::milliseconds kLastRetry{2000};

  private:
    void try_open();
    void schedule_retry();
    void read();

    boost::asio::serial_port port_;
    boost::asio::steady_timer retry_;
    std::string sensor_id_;
    core::SourceSpec spec_;
    Outputs out_;
    ProblemLatch problems_;
    core::wire::Parser parser_;
    std::array<char, 4096> buffer_{};
    std::chrono::milliseconds backoff_ = kFirstRetry;
    std::chrono::steady_clock::time_point opened_at_{};
    bool stopped_ = false;
};

class UdpSource final : public Source, public std::enable_shared_from_this<UdpSource> {
  public:
    // `sensor_ids`: the configured sensors on this port. A datagram's sender is matched by the
    // device_id of its hello; with a single sensor on the port, any device is taken as it.
    UdpSource(boost::asio::io_context& io, core::SourceSpec spec,
              std::vector<std::string> sensor_ids, Outputs out);
    void start() override;
    void stop() override;

    static constexpr std::size_t kMaxPeers = 64;

  private:
    void receive();
    void on_datagram(std::string_view bytes);

    struct Peer {
        core::wire::Parser parser;
        core::wire::Counters reported;  // the part of the parser's counters already added in
        std::string device_id;
    };

    boost::asio::ip::udp::socket socket_;
    core::SourceSpec spec_;
    std::vector<std::string> sensor_ids_;
    Outputs out_;
    std::vector<char> buffer_ = std::vector<char>(65536);  // the largest UDP payload
    boost::asio::ip::udp::endpoint sender_;
    std::map<boost::asio::ip::udp::endpoint, Peer> peers_;
    std::map<std::string, core::wire::Counters> counters_;  // per sensor, over all its senders
    std::map<std::string, bool> unknown_reported_;
    bool stopped_ = false;
};

class SimSource final : public Source, public std::enable_shared_from_this<SimSource> {
  public:
    SimSource(boost::asio::io_context& io, std::string sensor_id, core::SimProfile profile,
              Outputs out);
    void start() override;
    void stop() override;

  private:
    void tick();

    boost::asio::steady_timer timer_;
    std::string sensor_id_;
    Simulator simulator_;
    Outputs out_;
    core::wire::Parser parser_;
    std::chrono::steady_clock::time_point started_{};
    bool plugged_ = true;
    bool stopped_ = false;
};

}  // namespace rs::sensors
