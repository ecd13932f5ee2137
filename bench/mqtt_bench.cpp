// MQTT and outbox figures against a real local mosquitto: durable events per second written
// and acknowledged, the drain of a 10,000-event backlog, and the time from recording an event
// to its arrival at a subscriber.
#include <mosquitto.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "mqtt/station_link.hpp"

namespace fs = std::filesystem;
using namespace rs;
using Clock = std::chrono::steady_clock;

namespace {

int free_port() {
    const int s = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t n = sizeof a;
    getsockname(s, reinterpret_cast<sockaddr*>(&a), &n);
    close(s);
    return ntohs(a.sin_port);
}

bool port_open(int port) {
    const int s = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<uint16_t>(port));
    const bool ok = connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    close(s);
    return ok;
}

class Broker {
  public:
    Broker(const fs::path& dir, int port) {
        const fs::path conf = dir / "mosquitto.conf";
        std::ofstream(conf) << "listener " << port
                            << " 127.0.0.1\nallow_anonymous true\npersistence false\n"
                            << "max_queued_messages 100000\n";
        pid_ = fork();
        if (pid_ == 0) {
            const int devnull = ::open("/dev/null", O_WRONLY);
            dup2(devnull, 2);
            execl("/usr/sbin/mosquitto", "mosquitto", "-c", conf.c_str(), nullptr);
            _exit(127);
        }
        for (int i = 0; i < 200 && !port_open(port); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ~Broker() {
        kill(pid_, SIGTERM);
        waitpid(pid_, nullptr, 0);
    }

  private:
    pid_t pid_ = -1;
};

// A subscriber on the event topic, noting when each event_id first arrives.
class Subscriber {
  public:
    explicit Subscriber(int port) {
        mosquitto_lib_init();
        m_ = mosquitto_new("bench-subscriber", true, this);
        mosquitto_message_callback_set(
            m_, [](mosquitto*, void* self, const mosquitto_message* msg) {
                auto* s = static_cast<Subscriber*>(self);
                const auto j = nlohmann::json::parse(
                    static_cast<const char*>(msg->payload),
                    static_cast<const char*>(msg->payload) + msg->payloadlen, nullptr, false);
                if (!j.is_object() || !j.contains("event_id"))
                    return;
                std::lock_guard lock(s->mutex_);
                s->arrived_.emplace(j["event_id"].get<std::string>(), Clock::now());
            });
        mosquitto_connect(m_, "127.0.0.1", port, 30);
        mosquitto_subscribe(m_, nullptr, "rollstation/+/station/+/event", 1);
        mosquitto_loop_start(m_);
    }
    ~Subscriber() {
        mosquitto_disconnect(m_);
        mosquitto_loop_stop(m_, true);
        mosquitto_destroy(m_);
    }
    std::size_t count() {
        std::lock_guard lock(mutex_);
        return arrived_.size();
    }
    std::optional<Clock::time_point> arrival(const std::string& id) {
        std::lock_guard lock(mutex_);
        const auto it = arrived_.find(id);
        if (it == arrived_.end())
            return std::nullopt;
        return it->second;
    }

  private:
    mosquitto* m_ = nullptr;
    std::mutex mutex_;
    std::map<std::string, Clock::time_point> arrived_;
};

core::UsageEvent event(int i) {
    core::UsageEvent e;
    e.type = core::EventType::step_completed;
    e.ts = std::chrono::system_clock::now();
    e.session_id = "bench-" + std::to_string(i / 10);
    e.routine_id = "pre-run";
    e.planned_s = 45;
    e.active = core::Millis{45'000};
    e.step_index = i % 10;
    e.area = core::Area::calves;
    e.tool = core::Tool::foam_roller;
    e.side = core::Side::left;
    e.set = 1;
    return e;
}

mqtt::LinkSettings settings(const fs::path& db, int port) {
    mqtt::LinkSettings s;
    s.topics.facility = "bench";
    s.topics.station = "bench-1";
    s.database = db;
    s.version = "bench";
    s.boot_id = "bench";
    mqtt::ClientSettings c;
    c.port = port;
    c.client_id = "bench-station";
    s.broker = c;
    return s;
}

double seconds_since(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

bool wait_for(const std::function<bool()>& done, double limit_s) {
    const auto t0 = Clock::now();
    while (!done()) {
        if (seconds_since(t0) > limit_s)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v.empty()
               ? -1
               : v[std::min(v.size() - 1, static_cast<std::size_t>(p * (v.size() - 1) + 0.5))];
}

}  // namespace

int main() {
    const fs::path dir =
        fs::temp_directory_path() / ("rollstation-mqtt-bench-" + std::to_string(getpid()));
    fs::create_directories(dir);
    const int port = free_port();
    const auto quiet = [](const std::string&) {};

    // 1. Durable events per second, written and acknowledged by a local broker.
    double rate = 0;
    {
        Broker broker(dir, port);
        io::IoThread io;
        mqtt::StationLink link(io, settings(dir / "rate.db", port), quiet);
        wait_for([&] { return link.status().connected; }, 10);
        constexpr int kEvents = 5000;
        const auto t0 = Clock::now();
        for (int i = 0; i < kEvents; ++i)
            link.record(event(i), "rate-" + std::to_string(i));
        wait_for([&] { return link.status().outbox_depth == 0; }, 120);
        rate = kEvents / seconds_since(t0);
    }

    // 2. A 10,000-event backlog recorded with the broker away, drained when it comes.
    double drain_s = -1;
    std::size_t drained = 0;
    {
        io::IoThread io;
        mqtt::StationLink link(io, settings(dir / "drain.db", port), quiet);
        for (int i = 0; i < 10'000; ++i)
            link.record(event(i), "drain-" + std::to_string(i));
        wait_for([&] { return link.status().outbox_depth == 10'000; }, 120);
        Broker broker(dir, port);
        Subscriber subscriber(port);
        const auto t0 = Clock::now();
        wait_for([&] { return link.status().outbox_depth == 0; }, 120);
        drain_s = seconds_since(t0);
        wait_for([&] { return subscriber.count() >= 10'000; }, 10);
        drained = subscriber.count();
    }

    // 3. From recording a session's last event to its arrival at a subscriber.
    std::vector<double> latency;
    {
        Broker broker(dir, port);
        Subscriber subscriber(port);
        io::IoThread io;
        mqtt::StationLink link(io, settings(dir / "latency.db", port), quiet);
        wait_for([&] { return link.status().connected; }, 10);
        std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the subscription settles
        for (int i = 0; i < 200; ++i) {
            const std::string id = "latency-" + std::to_string(i);
            core::UsageEvent e = event(i);
            e.type = core::EventType::session_completed;
            const auto t0 = Clock::now();
            link.record(e, id);
            if (wait_for([&] { return subscriber.arrival(id).has_value(); }, 5))
                latency.push_back(
                    std::chrono::duration<double, std::milli>(*subscriber.arrival(id) - t0)
                        .count());
        }
    }
    fs::remove_all(dir);

    std::printf("%-48s %12s %12s\n", "measure", "value", "target");
    std::printf("%-48s %8.0f ev/s %8s ev/s\n", "durable events written and acknowledged", rate,
                "> 2000");
    std::printf("%-48s %10.2f s %10s s\n", "10,000-event backlog drain", drain_s, "< 10");
    std::printf("%-48s %12zu %12s\n", "  events the subscriber received", drained, "10000");
    std::printf("%-48s %9.2f ms %12s\n", "session end to event at subscriber p50",
                percentile(latency, 0.5), "");
    std::printf("%-48s %9.2f ms %12s\n", "session end to event at subscriber p99",
                percentile(latency, 0.99), "");
    return 0;
}
