#include "io/io_thread.hpp"

#include <future>

namespace rs::io {

IoThread::IoThread(std::function<void(const std::string&)> report)
    : work_(boost::asio::make_work_guard(io_)) {
    thread_ = std::thread([this, report = std::move(report)] {
        // A handler that throws must not take the kiosk down: say so and keep serving.
        for (;;) {
            try {
                io_.run();
                return;
            } catch (const std::exception& e) {
                if (report)
                    report(std::string("the I/O thread recovered from an error: ") + e.what());
            }
        }
    });
}

IoThread::~IoThread() {
    work_.reset();
    io_.stop();
    if (thread_.joinable())
        thread_.join();
}

void IoThread::run_and_wait(const std::function<void()>& work) {
    std::promise<void> done;
    boost::asio::post(io_, [&] {
        try {
            work();
        } catch (...) {
            done.set_exception(std::current_exception());
            return;
        }
        done.set_value();
    });
    done.get_future().get();
}

}  // namespace rs::io
