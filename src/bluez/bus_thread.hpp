// A thread of its own for the system bus: one sd-bus connection (sdbus-c++) driven by an Asio
// loop on that thread, so BlueZ calls, their replies and BlueZ's signals never hold up the I/O
// thread. Everything that touches the connection runs here; other threads hand work in with post.
#pragma once

#include <sdbus-c++/sdbus-c++.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "io/asio.hpp"

namespace rs::bluez {

inline constexpr const char* kBluezService = "org.bluez";

// Properties by interface, as ObjectManager reports them.
using Interfaces = std::map<std::string, std::map<std::string, sdbus::Variant>>;

class BusThread {
  public:
    BusThread();
    ~BusThread();  // stops the thread; the connection is closed on it
    BusThread(const BusThread&) = delete;
    BusThread& operator=(const BusThread&) = delete;

    // Runs `work` on the bus thread (from any thread).
    void post(std::function<void()> work);

    // On the bus thread: opens the system bus (DBUS_SYSTEM_BUS_ADDRESS, else the standard
    // socket) and calls `on_message` for every BlueZ signal and for org.bluez owner changes.
    // Returns an error to report, or nothing once connected.
    std::optional<std::string> open(std::function<void(sdbus::Message&)> on_message,
                                    std::function<void(const std::string&)> on_lost);
    bool is_open() const { return connection_ != nullptr; }
    void close();

    // On the bus thread: a proxy for one of BlueZ's objects (kept while the bus is open).
    sdbus::IProxy& bluez(const std::string& path);
    boost::asio::io_context& context() { return io_; }

    // On the bus thread, at the end of a handler of one's own (a timer): sends what it queued.
    void pump();

  private:
    void lost(const std::string& why);

    boost::asio::io_context io_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
    std::unique_ptr<sdbus::IConnection> connection_;
    std::map<std::string, std::unique_ptr<sdbus::IProxy>> proxies_;
    std::optional<boost::asio::posix::stream_descriptor> socket_;
    boost::asio::steady_timer timeout_;
    std::function<void(const std::string&)> on_lost_;
    bool read_armed_ = false;
    bool write_armed_ = false;
    std::uint64_t generation_ = 0;  // a closed connection's late wake-ups find a newer one
    std::thread thread_;
};

}  // namespace rs::bluez
