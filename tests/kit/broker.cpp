#include "kit/broker.hpp"

#include <unistd.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "kit/ports.hpp"
#include "kit/temp_dir.hpp"
#include "kit/wait.hpp"

namespace rs::kit {

BrokerOptions persistent_broker() {
    BrokerOptions o;
    o.persistence = true;
    o.extra = {"max_queued_messages 0"};
    return o;
}

Broker::Broker(std::filesystem::path dir, BrokerOptions options, std::string name)
    : dir_(std::move(dir)),
      options_(std::move(options)),
      name_(std::move(name)),
      port_(free_tcp_port()) {}

void Broker::start(std::chrono::milliseconds limit) {
    if (process_)
        throw std::logic_error("the broker " + name_ + " is already running");
    const auto conf = dir_ / (name_ + ".conf");
    std::ofstream(conf) << config();
    ++runs_;
    const std::string run = name_ + "-" + std::to_string(runs_);
    logs_.push_back(dir_ / (run + ".err"));
    process_ = std::make_unique<Process>(std::vector<std::string>{kMosquitto, "-c", conf.string()},
                                         ProcessOutput{dir_ / (run + ".out"), logs_.back()});
    wait_until([&] { return !process_->running() || tcp_accepts(port_); }, limit);
    if (!process_->running() || !tcp_accepts(port_)) {
        const std::string what = process_->describe();
        process_.reset();
        throw std::runtime_error("mosquitto did not start on port " + std::to_string(port_) +
                                 ":\n" + what);
    }
}

void Broker::stop(std::chrono::milliseconds grace) {
    if (!process_)
        return;
    process_->stop(grace);
    process_.reset();
}

std::string Broker::log() const {
    std::string all;
    for (const auto& file : logs_)
        all += read_text(file);
    return all;
}

std::size_t Broker::log_lines_matching(const std::string& pattern) const {
    const std::regex re(pattern);
    std::istringstream in(log());
    std::size_t n = 0;
    for (std::string line; std::getline(in, line);)
        n += std::regex_search(line, re);
    return n;
}

std::string Broker::config() const {
    std::ostringstream c;
    c << "listener " << port_ << " 127.0.0.1\n";
    c << "log_dest stderr\n";
    c << "log_type error\nlog_type warning\nlog_type notice\nlog_type information\n";
    c << "log_timestamp_format %H:%M:%S\n";
    // Run as root (in a container), mosquitto would become the `mosquitto` user, which cannot
    // read or write the caller's private folder: stay who we are.
    if (::geteuid() == 0)
        c << "user root\n";
    if (options_.password_file.empty()) {
        c << "allow_anonymous true\n";
    } else {
        c << "allow_anonymous false\n";
        c << "password_file " << options_.password_file.string() << "\n";
    }
    if (options_.persistence) {
        c << "persistence true\n";
        c << "persistence_location " << (dir_ / "").string() << "\n";
        c << "persistence_file " << name_ << ".db\n";
    } else {
        c << "persistence false\n";
    }
    for (const auto& line : options_.extra)
        c << line << "\n";
    return c.str();
}

}  // namespace rs::kit
