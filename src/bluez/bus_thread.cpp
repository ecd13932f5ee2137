#include "bluez/bus_thread.hpp"

#include <poll.h>
#include <unistd.h>

namespace rs::bluez {
namespace asio = boost::asio;

BusThread::BusThread()
    : work_(asio::make_work_guard(io_)), timeout_(io_), thread_([this] { io_.run(); }) {}

BusThread::~BusThread() {
    post([this] {
        close();
        work_.reset();
    });
    thread_.join();
}

void BusThread::post(std::function<void()> work) {
    asio::post(io_, [this, work = std::move(work)] {
        work();
        pump();  // the work may have queued calls
    });
}

std::optional<std::string> BusThread::open(std::function<void(sdbus::Message&)> on_message,
                                           std::function<void(const std::string&)> on_lost) {
    close();
    try {
        connection_ = sdbus::createSystemBusConnection();
        // Everything BlueZ says, and bluetoothd starting or stopping. Match rules with a
        // well-known sender follow whoever owns the name.
        connection_->addMatch("type='signal',sender='org.bluez'", on_message, sdbus::floating_slot);
        connection_->addMatch(
            "type='signal',sender='org.freedesktop.DBus',member='NameOwnerChanged',"
            "arg0='org.bluez'",
            std::move(on_message), sdbus::floating_slot);
        const int fd = ::dup(connection_->getEventLoopPollData().fd);
        if (fd < 0)
            throw std::runtime_error("cannot duplicate the bus socket");
        socket_.emplace(io_, fd);
    } catch (const std::exception& e) {
        close();
        return std::string("cannot reach the system bus: ") + e.what();
    }
    on_lost_ = std::move(on_lost);
    ++generation_;
    pump();
    return std::nullopt;
}

void BusThread::close() {
    ++generation_;
    proxies_.clear();  // cancels their pending calls
    if (socket_) {
        boost::system::error_code ignored;
        socket_->close(ignored);
        socket_.reset();
    }
    timeout_.cancel();
    connection_.reset();
    read_armed_ = write_armed_ = false;
}

sdbus::IProxy& BusThread::bluez(const std::string& path) {
    auto& proxy = proxies_[path];
    if (!proxy)
        proxy = sdbus::createProxy(*connection_, kBluezService, path);
    return *proxy;
}

void BusThread::lost(const std::string& why) {
    close();
    if (on_lost_)
        on_lost_(why);
}

// Lets sd-bus read, dispatch (signals, replies: their handlers run here) and write, then waits
// on its socket and its next timeout through Asio.
void BusThread::pump() {
    if (!connection_)
        return;
    sdbus::IConnection::PollData poll{};
    try {
        while (connection_ && connection_->processPendingRequest()) {
        }
        if (!connection_)
            return;  // a handler closed it
        poll = connection_->getEventLoopPollData();
    } catch (const std::exception& e) {
        lost(std::string("the system bus connection failed: ") + e.what());
        return;
    }
    const std::uint64_t generation = generation_;
    const auto again = [this, generation](bool& armed) {
        return [this, generation, &armed](const boost::system::error_code& ec) {
            if (generation != generation_)
                return;
            armed = false;
            if (!ec)
                pump();
        };
    };
    if (!read_armed_) {
        read_armed_ = true;
        socket_->async_wait(asio::posix::descriptor_base::wait_read, again(read_armed_));
    }
    if ((poll.events & POLLOUT) && !write_armed_) {
        write_armed_ = true;
        socket_->async_wait(asio::posix::descriptor_base::wait_write, again(write_armed_));
    }
    if (const auto wait = poll.getRelativeTimeout()) {
        timeout_.expires_after(*wait);
        timeout_.async_wait([this, generation](const boost::system::error_code& ec) {
            if (!ec && generation == generation_)
                pump();
        });
    }
}

}  // namespace rs::bluez
