#include "kit/ports.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <cstdint>

namespace rs::kit {
namespace {

boost::asio::io_context& ports_io() {
    static boost::asio::io_context io;
    return io;
}

}  // namespace

int free_tcp_port(const std::string& host) {
    boost::asio::ip::tcp::acceptor acceptor(
        ports_io(), boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address(host), 0));
    return acceptor.local_endpoint().port();
}

int free_udp_port(const std::string& host) {
    boost::asio::ip::udp::socket socket(
        ports_io(), boost::asio::ip::udp::endpoint(boost::asio::ip::make_address(host), 0));
    return socket.local_endpoint().port();
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

}  // namespace rs::kit
