// Helpers for the MQTT integration tests: a real mosquitto broker on a free loopback port (its
// configuration written to the test's temporary folder, stopped by pid however the test ends),
// a subscriber that records everything it receives with its QoS and retain flag, a log sink for
// the station link, and synthetic usage events.
#pragma once

#include <mosquitto.h>
#include <mqtt_protocol.h>
#include <netinet/in.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "io/io_thread.hpp"
#include "mqtt/station_link.hpp"
#include "rollstation/core/events.hpp"
#include "support.hpp"

namespace rs::itest {

inline const std::string kMosquitto = "/usr/sbin/mosquitto";
inline const std::string kMosquittoPasswd = "/usr/bin/mosquitto_passwd";

// ---------------------------------------------------------------------------------------------
// Loopback TCP

// A TCP port on 127.0.0.1 that nobody listens on right now.
inline int free_tcp_port() {
    boost::asio::ip::tcp::acceptor acceptor(
        test_io(), boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
    return acceptor.local_endpoint().port();
}

// Whether something accepts a TCP connection on 127.0.0.1:`port` (connects and closes again).
inline bool tcp_accepts(int port) {
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

// ---------------------------------------------------------------------------------------------
// The broker

struct BrokerOptions {
    bool persistence = false;             // true: sessions and queued messages survive a restart
    std::filesystem::path password_file;  // set: only these users, no anonymous clients
    std::vector<std::string> extra;       // more configuration lines
};

// A broker that keeps sessions and their queued messages across restarts, without a bound on a
// session's queue.
inline BrokerOptions persistent_broker() {
    BrokerOptions o;
    o.persistence = true;
    o.extra = {"max_queued_messages 0"};
    return o;
}

// mosquitto on 127.0.0.1:<free port>, started and stopped by the test (the port stays the same
// across restarts). Its log goes to a file per run in the temp folder.
class Broker {
  public:
    explicit Broker(const TempDir& dir, BrokerOptions options = {}, std::string name = "broker")
        : dir_(dir.path()),
          options_(std::move(options)),
          name_(std::move(name)),
          port_(free_tcp_port()) {}
    ~Broker() { stop(); }
    Broker(const Broker&) = delete;
    Broker& operator=(const Broker&) = delete;

    int port() const { return port_; }
    bool up() const { return process_ != nullptr; }

    // Starts it and waits until it accepts connections.
    void start() {
        REQUIRE_FALSE(process_);
        const auto conf = dir_ / (name_ + ".conf");
        std::ofstream(conf) << config();
        ++runs_;
        const std::string run = name_ + "-" + std::to_string(runs_);
        process_ = std::make_unique<ChildProcess>(
            std::vector<std::string>{kMosquitto, "-c", conf.string()}, dir_, run);
        logs_.push_back(dir_ / (run + ".err"));
        require_eventually("the broker on port " + std::to_string(port_),
                           [&] { return !process_->running() || tcp_accepts(port_); });
        INFO(process_->describe());
        REQUIRE(process_->running());
    }

    // SIGTERM (mosquitto saves its persistence file then), SIGKILL after 2 s; always reaped.
    void stop() {
        if (!process_)
            return;
        process_->kill_and_reap();
        process_.reset();
    }

    // Everything every run of this broker logged so far.
    std::string log() const {
        std::string all;
        for (const auto& file : logs_)
            all += read_text(file);
        return all;
    }
    // How many lines of the log match `pattern`.
    std::size_t log_lines_matching(const std::string& pattern) const {
        const std::regex re(pattern);
        std::istringstream in(log());
        std::size_t n = 0;
        for (std::string line; std::getline(in, line);)
            n += std::regex_search(line, re);
        return n;
    }

  private:
    std::string config() const {
        std::ostringstream c;
        c << "listener " << port_ << " 127.0.0.1\n";
        c << "log_dest stderr\n";
        c << "log_type error\nlog_type warning\nlog_type notice\nlog_type information\n";
        c << "log_timestamp_format %H:%M:%S\n";
        // Run as root (in a container), mosquitto would become the `mosquitto` user, which
        // cannot read or write the test's private temp folder: stay who we are.
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

    std::filesystem::path dir_;
    BrokerOptions options_;
    std::string name_;
    int port_;
    int runs_ = 0;
    std::vector<std::filesystem::path> logs_;
    std::unique_ptr<ChildProcess> process_;
};

// A password file for the broker with one user, made by mosquitto_passwd.
inline std::filesystem::path make_password_file(const TempDir& dir, const std::string& user,
                                                const std::string& password) {
    const auto file = dir / "passwords";
    std::ofstream(file).flush();
    ChildProcess tool({kMosquittoPasswd, "-b", file.string(), user, password}, dir.path(),
                      "mosquitto_passwd");
    const auto code = tool.wait_for_exit(kDeadline);
    INFO(tool.describe());
    REQUIRE(code == 0);
    REQUIRE(read_text(file).find(user + ":") == 0);
    return file;
}

// The one number `sql` answers on the database `file`, read-only (the station may still run).
inline std::int64_t query_number(const std::filesystem::path& file, const std::string& sql) {
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    std::unique_ptr<sqlite3, int (*)(sqlite3*)> closer(db, &sqlite3_close);
    INFO(file.string() << ": " << (db ? sqlite3_errmsg(db) : "cannot open"));
    REQUIRE(rc == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> finalizer(stmt, &sqlite3_finalize);
    REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
    return sqlite3_column_int64(stmt, 0);
}

// ---------------------------------------------------------------------------------------------
// A subscriber

struct Received {
    std::string topic;
    std::string payload;
    int qos = 0;
    bool retain = false;  // as published (MQTT 5 retain-as-published), or as a retained message
    std::chrono::steady_clock::time_point at;

    nlohmann::json json() const { return nlohmann::json::parse(payload, nullptr, false); }
    bool on(const std::string& suffix) const {
        return topic.size() >= suffix.size() &&
               topic.compare(topic.size() - suffix.size(), suffix.size(), suffix) == 0;
    }
};

struct SubscriberOptions {
    std::string client_id;  // empty: one is made up
    std::string username;   // empty: no account
    std::string password;
    bool persistent = false;  // clean start off, and a session the broker keeps for an hour
    int qos = 2;              // 2: every message arrives with the QoS it was published with
    std::string topic = "rollstation/#";
};

// Everything on `topic`, at QoS 2, from a fresh session.
inline SubscriberOptions watching(const std::string& topic) {
    SubscriberOptions o;
    o.topic = topic;
    return o;
}

// A QoS 1 subscription to `topic` in a session the broker keeps for `client_id`.
inline SubscriberOptions collecting(const std::string& client_id, const std::string& topic) {
    SubscriberOptions o;
    o.client_id = client_id;
    o.persistent = true;
    o.qos = 1;
    o.topic = topic;
    return o;
}

// libmosquitto (MQTT 5) on a thread of its own: connects (again and again, every 10 ms, while
// the broker is away), subscribes on every connection and keeps every message it gets.
class Subscriber {
  public:
    Subscriber(int port, SubscriberOptions options = {}) : port_(port), options_(options) {
        static std::once_flag once;
        std::call_once(once, [] { mosquitto_lib_init(); });
        if (options_.client_id.empty())
            options_.client_id = "itest-sub-" + std::to_string(::getpid()) + "-" +
                                 std::to_string(next_id().fetch_add(1));
        mosq_ = mosquitto_new(options_.client_id.c_str(), !options_.persistent, this);
        REQUIRE(mosq_);
        mosquitto_int_option(mosq_, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V5);
        if (!options_.username.empty())
            mosquitto_username_pw_set(mosq_, options_.username.c_str(), options_.password.c_str());
        mosquitto_connect_v5_callback_set(mosq_, &Subscriber::on_connect);
        mosquitto_subscribe_v5_callback_set(mosq_, &Subscriber::on_subscribe);
        mosquitto_message_v5_callback_set(mosq_, &Subscriber::on_message);
        mosquitto_disconnect_v5_callback_set(mosq_, &Subscriber::on_disconnect);
        thread_ = std::thread([this] { run(); });
    }
    ~Subscriber() {
        stop_ = true;
        if (thread_.joinable())
            thread_.join();
        mosquitto_destroy(mosq_);
    }
    Subscriber(const Subscriber&) = delete;
    Subscriber& operator=(const Subscriber&) = delete;

    // Subscribed on the current connection (the broker's SUBACK has arrived).
    bool ready() const { return ready_; }
    void wait_ready(Millis limit = kDeadline) {
        require_eventually(
            "the subscriber " + options_.client_id, [&] { return ready(); }, limit);
    }
    int connections() const { return connections_; }

    std::vector<Received> messages() const {
        std::lock_guard lock(mutex_);
        return messages_;
    }
    // The messages on topics that end with `suffix` ("/event", "/status"...).
    std::vector<Received> on(const std::string& suffix) const {
        std::vector<Received> out;
        for (auto& m : messages())
            if (m.on(suffix))
                out.push_back(std::move(m));
        return out;
    }
    std::size_t count() const {
        std::lock_guard lock(mutex_);
        return messages_.size();
    }

  private:
    static std::atomic<int>& next_id() {
        static std::atomic<int> id{0};
        return id;
    }

    void run() {
        bool up = false;
        while (!stop_) {
            if (!up) {
                mosquitto_property* props = nullptr;
                if (options_.persistent)
                    mosquitto_property_add_int32(&props, MQTT_PROP_SESSION_EXPIRY_INTERVAL, 3600);
                up = mosquitto_connect_bind_v5(mosq_, "127.0.0.1", port_, 60, nullptr, props) ==
                     MOSQ_ERR_SUCCESS;
                mosquitto_property_free_all(&props);
                if (!up) {
                    std::this_thread::sleep_for(Millis{10});
                    continue;
                }
            }
            if (mosquitto_loop(mosq_, 10, 1) != MOSQ_ERR_SUCCESS) {
                up = false;
                ready_ = false;
            }
        }
        if (up) {
            mosquitto_disconnect_v5(mosq_, 0, nullptr);
            mosquitto_loop(mosq_, 10, 1);
        }
    }

    static void on_connect(mosquitto* m, void* self_ptr, int rc, int, const mosquitto_property*) {
        auto* self = static_cast<Subscriber*>(self_ptr);
        if (rc != 0)
            return;
        ++self->connections_;
        mosquitto_subscribe_v5(m, nullptr, self->options_.topic.c_str(), self->options_.qos,
                               MQTT_SUB_OPT_RETAIN_AS_PUBLISHED, nullptr);
    }
    static void on_subscribe(mosquitto*, void* self_ptr, int, int, const int*,
                             const mosquitto_property*) {
        static_cast<Subscriber*>(self_ptr)->ready_ = true;
    }
    static void on_disconnect(mosquitto*, void* self_ptr, int, const mosquitto_property*) {
        static_cast<Subscriber*>(self_ptr)->ready_ = false;
    }
    static void on_message(mosquitto*, void* self_ptr, const mosquitto_message* message,
                           const mosquitto_property*) {
        auto* self = static_cast<Subscriber*>(self_ptr);
        Received r;
        r.topic = message->topic;
        r.payload.assign(static_cast<const char*>(message->payload),
                         static_cast<std::size_t>(message->payloadlen));
        r.qos = message->qos;
        r.retain = message->retain;
        r.at = std::chrono::steady_clock::now();
        std::lock_guard lock(self->mutex_);
        self->messages_.push_back(std::move(r));
    }

    int port_;
    SubscriberOptions options_;
    mosquitto* mosq_ = nullptr;
    std::atomic<bool> stop_{false};
    std::atomic<bool> ready_{false};
    std::atomic<int> connections_{0};
    mutable std::mutex mutex_;
    std::vector<Received> messages_;
    std::thread thread_;  // last: it uses everything above
};

// ---------------------------------------------------------------------------------------------
// The station link under test

// Collects what the link logs (from its I/O thread).
class LogCapture {
  public:
    mqtt::StationLink::Log sink() {
        return [this](const std::string& line) {
            std::lock_guard lock(mutex_);
            lines_.push_back(line);
        };
    }
    std::vector<std::string> lines() const {
        std::lock_guard lock(mutex_);
        return lines_;
    }
    std::vector<std::string> containing(const std::string& text) const {
        std::vector<std::string> out;
        for (auto& line : lines())
            if (line.find(text) != std::string::npos)
                out.push_back(std::move(line));
        return out;
    }
    std::string joined() const {
        std::string all;
        for (const auto& line : lines())
            all += line + "\n";
        return all;
    }

  private:
    mutable std::mutex mutex_;
    std::vector<std::string> lines_;
};

inline const std::string kFacility = "itest";

// Link settings for station `station` with its database `database`, publishing to the broker
// on 127.0.0.1:`port`.
inline mqtt::LinkSettings link_settings(int port, const std::filesystem::path& database,
                                        const std::string& station = "st-1") {
    mqtt::LinkSettings s;
    s.topics.facility = kFacility;
    s.topics.station = station;
    s.database = database;
    s.version = "9.9.9-itest";
    s.boot_id = "boot-" + station + "-" + std::to_string(::getpid());
    s.started_at = std::chrono::system_clock::now();
    mqtt::ClientSettings c;
    c.host = "127.0.0.1";
    c.port = port;
    c.client_id = "rollstation-" + station;
    s.broker = c;
    return s;
}

// The events of one synthetic session `k`: session_started, one step_completed and
// session_completed. Their ids are "<prefix>-<k>-<0|1|2>".
inline std::vector<std::pair<core::UsageEvent, std::string>> synthetic_session(
    int k, const std::string& prefix = "ev") {
    using namespace core;
    const WallTime now = std::chrono::system_clock::now();
    UsageEvent base;
    base.ts = now;
    base.session_id = prefix + "-session-" + std::to_string(k);
    base.routine_id = k % 2 ? "calves-and-shins" : "desk-posture";
    base.planned_s = 120;
    UsageEvent started = base;
    started.type = EventType::session_started;
    started.steps_total = 1;
    UsageEvent step = base;
    step.type = EventType::step_completed;
    step.planned_s = 60;
    step.active = Millis{60'000};
    step.step_index = 1;
    step.area = Area::calves;
    step.tool = Tool::foam_roller;
    step.side = Side::left;
    step.set = 1;
    UsageEvent completed = base;
    completed.type = EventType::session_completed;
    completed.active = Millis{60'000};
    completed.steps_completed = 1;
    completed.steps_skipped = 0;
    completed.steps_total = 1;
    completed.elapsed = Millis{65'000};
    const std::string id = prefix + "-" + std::to_string(k) + "-";
    return {{started, id + "0"}, {step, id + "1"}, {completed, id + "2"}};
}

// What arrived on an event topic, checked for at-least-once delivery without confusion.
struct Delivery {
    std::map<std::string, std::int64_t> seq_of;  // event_id -> seq
    std::vector<std::int64_t> first_seqs;        // seq of each distinct event, in arrival order
    std::size_t duplicates = 0;
    std::vector<std::string> problems;  // a bad payload, or one id with two numbers
};

inline Delivery delivery_of(const std::vector<Received>& events) {
    Delivery d;
    std::map<std::int64_t, std::string> id_of;
    for (const auto& m : events) {
        const auto j = m.json();
        if (!j.is_object() || !j.contains("event_id") || !j.contains("seq")) {
            d.problems.push_back("not an event: " + m.payload);
            continue;
        }
        const std::string id = j["event_id"];
        const std::int64_t seq = j["seq"];
        const auto [it, fresh] = d.seq_of.emplace(id, seq);
        if (!fresh) {
            ++d.duplicates;
            if (it->second != seq)
                d.problems.push_back("event " + id + " came with seq " +
                                     std::to_string(it->second) + " and " + std::to_string(seq));
            continue;
        }
        const auto [other, unused] = id_of.emplace(seq, id);
        if (other->second != id)
            d.problems.push_back("seq " + std::to_string(seq) + " names " + other->second +
                                 " and " + id);
        d.first_seqs.push_back(seq);
    }
    return d;
}

inline bool strictly_increasing(const std::vector<std::int64_t>& seqs) {
    return std::adjacent_find(seqs.begin(), seqs.end(),
                              [](std::int64_t a, std::int64_t b) { return b <= a; }) == seqs.end();
}

}  // namespace rs::itest
