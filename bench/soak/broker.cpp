#include "broker.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <stdexcept>
#include <thread>

namespace rs::soak {

int free_tcp_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        throw std::runtime_error("socket");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    const bool ok = ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0 &&
                    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
    ::close(fd);
    if (!ok)
        throw std::runtime_error("no free port");
    return ntohs(address.sin_port);
}

bool tcp_accepts(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return ok;
}

Broker::Broker(std::filesystem::path dir) : dir_(std::move(dir)), port_(free_tcp_port()) {
    std::ofstream conf(dir_ / "mosquitto.conf");
    conf << "listener " << port_ << " 127.0.0.1\n"
         << "allow_anonymous true\n"
         << "log_dest stderr\n"
         << "log_timestamp_format %H:%M:%S\n"
         << "persistence true\n"
         << "persistence_location " << (dir_ / "").string() << "\n"
         << "persistence_file mosquitto.db\n"
         // The collector may be the slow one: never drop what is queued for it.
         << "max_queued_messages 0\n"
         // Hostile payloads of a few MiB must reach the station (it refuses them itself).
         << "message_size_limit 0\n";
    // As root (in a container) mosquitto would become `mosquitto`, who cannot write here.
    if (::geteuid() == 0)
        conf << "user root\n";
}

bool Broker::start() {
    if (process_)
        return true;
    ++starts_;
    process_ = std::make_unique<Process>(
        std::vector<std::string>{"/usr/sbin/mosquitto", "-c", (dir_ / "mosquitto.conf").string()},
        dir_ / "mosquitto.log");
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < until) {
        if (!process_->running())
            break;
        if (tcp_accepts(port_))
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    process_.reset();
    return false;
}

void Broker::stop() {
    if (!process_)
        return;
    process_->stop(std::chrono::seconds(10));
    process_.reset();
}

}  // namespace rs::soak
