// The I/O thread: one Asio io_context that runs sensors, MQTT and the outbox, so that nothing
// the UI thread does waits on a device, a socket or a disk.
#pragma once

#include <functional>
#include <string>
#include <thread>

#include "io/asio.hpp"

namespace rs::io {

class IoThread {
  public:
    // `report` hears about exceptions that escaped a handler (the thread carries on).
    explicit IoThread(std::function<void(const std::string&)> report = {});
    ~IoThread();
    IoThread(const IoThread&) = delete;
    IoThread& operator=(const IoThread&) = delete;

    boost::asio::io_context& context() { return io_; }
    void post(std::function<void()> work) { boost::asio::post(io_, std::move(work)); }
    // Runs `work` on the I/O thread and waits for it (never call it from the I/O thread).
    void run_and_wait(const std::function<void()>& work);

  private:
    boost::asio::io_context io_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
    std::thread thread_;
};

}  // namespace rs::io
