// What the recorder's service tests share: a persistent broker (with PostgreSQL, if need be) in
// the test's folder, the recorder as a process, a station's real link (link_driver) as another,
// and how many events a store holds.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "recorder/event_store.hpp"
#include "recorder/postgres_server.hpp"

namespace rs::rtest {

inline const std::string kRecorder = ROLLSTATION_RECORDER_BINARY;

// The test's folder and a broker running in it that keeps sessions across restarts.
struct BrokerRig {
    BrokerRig() { broker.start(); }
    TempDir dir;
    Broker broker{dir, persistent_broker()};
};

// As BrokerRig, with a PostgreSQL server in the folder too, running before the broker starts.
struct PostgresRig {
    PostgresRig() {
        pg.start();
        broker.start();
    }
    TempDir dir;
    PostgresServer pg{dir / "pg"};
    Broker broker{dir, persistent_broker()};
};

inline std::unique_ptr<ChildProcess> start_recorder(const TempDir& dir, const std::string& name,
                                                    const std::filesystem::path& file,
                                                    int run = 1) {
    auto p = std::make_unique<ChildProcess>(
        std::vector<std::string>{kRecorder, "--config", file.string()}, dir.path(),
        name + "-" + std::to_string(run));
    require_eventually("the recorder " + name + " subscribed", [&] {
        return !p->running() || p->err().find("subscribed to") != std::string::npos;
    });
    INFO(p->describe());
    REQUIRE(p->running());
    return p;
}

inline std::unique_ptr<ChildProcess> station(const TempDir& dir, const std::string& db, int port,
                                             int count, const std::string& name) {
    return std::make_unique<ChildProcess>(
        std::vector<std::string>{ROLLSTATION_LINK_DRIVER, (dir / db).string(), std::to_string(port),
                                 std::to_string(count)},
        dir.path(), name);
}

inline std::int64_t stored_in(const std::string& uri) {
    const recorder::ZoneBook zones;
    return recorder::open_store(uri, zones)->event_count();
}

}  // namespace rs::rtest
