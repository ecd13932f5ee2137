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

#include "integration/support.hpp"
#include "io/io_thread.hpp"
#include "kit/broker.hpp"
#include "kit/ports.hpp"
#include "kit/subscriber.hpp"
#include "kit/usage_events.hpp"
#include "mqtt/station_link.hpp"
#include "rollstation/core/events.hpp"

namespace rs::itest {

using kit::kMosquitto;
inline const std::string kMosquittoPasswd = "/usr/bin/mosquitto_passwd";

using kit::BrokerOptions;
using kit::collecting;
using kit::free_tcp_port;
using kit::persistent_broker;
using kit::Received;
using kit::SubscriberOptions;
using kit::tcp_accepts;
using kit::watching;

// mosquitto on a free loopback port, its configuration and log in the test's folder.
class Broker : public kit::Broker {
  public:
    explicit Broker(const TempDir& dir, BrokerOptions options = {}, std::string name = "broker")
        : kit::Broker(dir.path(), std::move(options), std::move(name)) {}
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

class Subscriber : public kit::Subscriber {
  public:
    using kit::Subscriber::Subscriber;
    void wait_ready(Millis limit = kDeadline) {
        require_eventually(
            "the subscriber " + client_id(), [&] { return ready(); }, limit);
    }
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
    UsageEvent step = kit::calves_step(1, 60, Millis{60'000});
    step.ts = base.ts;
    step.session_id = base.session_id;
    step.routine_id = base.routine_id;
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
