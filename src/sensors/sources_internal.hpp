// The concrete sources; only sources.cpp and their own files need them.
#pragma once

#include <array>
#include <chrono>
#include <map>

#include "rollstation/core/wire.hpp"
#include "simulator.hpp"
#include "sources.hpp"

namespace rs::sensors {

// Parses a chunk and posts one batch with every message in it.
void deliver(core::wire::Parser& parser, const std::string& sensor_id, std::string_view bytes,
             const Post& post);

class SerialSource final : public Source, public std::enable_shared_from_this<SerialSource> {
  public:
    SerialSource(boost::asio::io_context& io, std::string sensor_id, SourceSpec spec, Post post);
    void start() override;
    void stop() override;

    static constexpr std::chrono::milliseconds kFirstRetry{100};
    static constexpr std::chrono::milliseconds kLastRetry{2000};

  private:
    void try_open();
    void schedule_retry();
    void read();

    boost::asio::io_context& io_;
    boost::asio::serial_port port_;
    boost::asio::steady_timer retry_;
    std::string sensor_id_;
    SourceSpec spec_;
    Post post_;
    core::wire::Parser parser_;
    std::array<char, 4096> buffer_{};
    std::chrono::milliseconds backoff_ = kFirstRetry;
    bool stopped_ = false;
};

class UdpSource final : public Source, public std::enable_shared_from_this<UdpSource> {
  public:
    // `sensor_ids`: the configured sensors on this port. A datagram's sender is matched by the
    // device_id of its hello; with a single sensor on the port, any device is taken as it.
    UdpSource(boost::asio::io_context& io, SourceSpec spec, std::vector<std::string> sensor_ids,
              Post post);
    void start() override;
    void stop() override;
    unsigned short bound_port() const;

  private:
    void receive();
    struct Peer {
        core::wire::Parser parser;
        std::string device_id;
    };

    boost::asio::ip::udp::socket socket_;
    SourceSpec spec_;
    std::vector<std::string> sensor_ids_;
    Post post_;
    std::array<char, 2048> buffer_{};
    boost::asio::ip::udp::endpoint sender_;
    std::map<boost::asio::ip::udp::endpoint, Peer> peers_;
    bool stopped_ = false;
};

class SimSource final : public Source, public std::enable_shared_from_this<SimSource> {
  public:
    SimSource(boost::asio::io_context& io, std::string sensor_id, Profile profile, Post post);
    void start() override;
    void stop() override;

  private:
    void tick();

    boost::asio::steady_timer timer_;
    std::string sensor_id_;
    Simulator simulator_;
    Post post_;
    core::wire::Parser parser_;
    std::chrono::steady_clock::time_point started_{};
    bool plugged_ = true;
    bool stopped_ = false;
};

}  // namespace rs::sensors
