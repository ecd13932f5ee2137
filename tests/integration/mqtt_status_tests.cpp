// The real kiosk program against a real broker: its retained status (online, then offline by
// its own goodbye or by the broker's will), what a late subscriber finds retained, and the
// sensor_connected event of its simulated roller.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <regex>

#include "integration/broker.hpp"
#include "integration/support.hpp"

namespace rs::itest {
namespace {

const std::string kKiosk = ROLLSTATION_BINARY;
const std::string kStation = "kiosk-1";
const std::string kBase = "rollstation/" + kFacility + "/station/" + kStation;
const std::regex kIsoMs(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)");

// A station file shaped like config/demo.yaml: the repository's routines and safety notice by
// absolute path, a simulated steady roller, the test broker, the database in the temp folder.
std::filesystem::path write_station_file(const TempDir& dir, int port) {
    const std::filesystem::path source = ROLLSTATION_SOURCE_DIR;
    const auto file = dir / "station.yaml";
    std::ofstream(file) << "station:\n"
                        << "  id: " << kStation << "\n"
                        << "  name: \"Integration kiosk\"\n"
                        << "  facility: " << kFacility << "\n"
                        << "  groups: [itest]\n"
                        << "  timezone: UTC\n"
                        << "display:\n"
                        << "  fullscreen: false\n"
                        << "  width: 800\n"
                        << "  height: 480\n"
                        << "  idle_timeout_s: 120\n"
                        << "  sound: false\n"
                        << "routines:\n"
                        << "  dirs: [" << (source / "config/routines").string() << "]\n"
                        << "safety_notice: " << (source / "config/safety.yaml").string() << "\n"
                        << "sensors:\n"
                        << "  - id: demo-roller\n"
                        << "    kind: roller\n"
                        << "    source: \"sim:steady\"\n"
                        << "    circumference_mm: 471\n"
                        << "mqtt:\n"
                        << "  host: 127.0.0.1\n"
                        << "  port: " << port << "\n"
                        << "  root: rollstation\n"
                        << "storage:\n"
                        << "  path: " << (dir / "station.db").string() << "\n";
    return file;
}

// What `rollstation --version` says the version is.
std::string kiosk_version(const TempDir& dir) {
    ChildProcess version({kKiosk, "--version"}, dir.path(), "version");
    REQUIRE(version.wait_for_exit(kDeadline) == 0);
    std::smatch m;
    const std::string out = version.out();
    REQUIRE(std::regex_search(out, m, std::regex(R"(rollstation (\S+))")));
    return m[1];
}

std::unique_ptr<ChildProcess> start_kiosk(const TempDir& dir, const std::filesystem::path& file,
                                          const std::string& name) {
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    return std::make_unique<ChildProcess>(
        std::vector<std::string>{kKiosk, "--config", file.string()}, dir.path(), name);
}

// The status messages `subscriber` got that say `online` for `boot_id`.
std::vector<Received> statuses(const Subscriber& subscriber, bool online,
                               const std::string& boot_id) {
    std::vector<Received> out;
    for (auto& m : subscriber.on("/status")) {
        const auto j = m.json();
        if (j.is_object() && j.value("online", !online) == online &&
            j.value("boot_id", "") == boot_id)
            out.push_back(std::move(m));
    }
    return out;
}

// The boot_id of the first "online" status that is not `other`.
std::string wait_online(const Subscriber& subscriber, ChildProcess& kiosk,
                        const std::string& other = {}) {
    std::string boot_id;
    require_eventually("the kiosk's online status", [&] {
        for (const auto& m : subscriber.on("/status")) {
            const auto j = m.json();
            if (j.is_object() && j.value("online", false) && j.value("boot_id", "") != other) {
                boot_id = j["boot_id"];
                return true;
            }
        }
        return !kiosk.running();
    });
    INFO(kiosk.describe());
    REQUIRE(kiosk.running());
    return boot_id;
}

std::optional<Received> sensor_connected(const Subscriber& subscriber, std::int64_t after_seq) {
    for (const auto& m : subscriber.on("/event")) {
        const auto j = m.json();
        if (j.is_object() && j.value("type", "") == "sensor_connected" &&
            j.value("seq", std::int64_t{0}) > after_seq)
            return m;
    }
    return std::nullopt;
}

void check_sensor_connected(const Received& m) {
    INFO(m.topic << " " << m.payload);
    CHECK(m.topic == kBase + "/event");
    CHECK(m.qos == 1);
    CHECK_FALSE(m.retain);
    const auto j = m.json();
    CHECK(j["v"] == 1);
    CHECK(j["type"] == "sensor_connected");
    CHECK(j["station"] == kStation);
    CHECK(j["sensor_id"] == "demo-roller");
    REQUIRE(j["event_id"].is_string());
    CHECK(std::regex_match(
        j["event_id"].get<std::string>(),
        std::regex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")));
    REQUIRE(j["seq"].is_number_integer());
    CHECK(j["seq"].get<std::int64_t>() >= 1);
    REQUIRE(j["ts"].is_string());
    CHECK(std::regex_match(j["ts"].get<std::string>(), kIsoMs));
}

}  // namespace

TEST_CASE(
    "mqtt: the kiosk's retained status, a late subscriber, the will on kill -9 and the "
    "goodbye on a clean stop",
    "[integration][mqtt]") {
    TempDir dir;
    Broker broker(dir);
    broker.start();
    const std::string version = kiosk_version(dir);
    const auto file = write_station_file(dir, broker.port());
    Subscriber watcher(broker.port(), watching(kBase + "/#"));
    watcher.wait_ready();

    // --- First run: online, its sensor connects, then kill -9.
    auto kiosk = start_kiosk(dir, file, "kiosk-1");
    const std::string boot1 = wait_online(watcher, *kiosk);
    {
        const auto online = statuses(watcher, true, boot1).front();
        INFO(online.payload);
        CHECK(online.topic == kBase + "/status");
        CHECK(online.retain);
        CHECK(online.qos == 1);
        const auto j = online.json();
        CHECK(j["v"] == 1);
        CHECK(j["online"] == true);
        CHECK(j["version"] == version);
        REQUIRE(j["started_at"].is_string());
        CHECK(std::regex_match(j["started_at"].get<std::string>(), kIsoMs));
        CHECK_FALSE(boot1.empty());
    }
    require_eventually("sensor_connected from the simulated roller",
                       [&] { return sensor_connected(watcher, 0).has_value(); });
    const Received first_event = *sensor_connected(watcher, 0);
    check_sensor_connected(first_event);
    require_eventually("the kiosk's state and stats", [&] {
        return !watcher.on("/state").empty() && !watcher.on("/stats").empty();
    });

    // A late subscriber finds status, state and stats retained, at once.
    {
        Subscriber late(broker.port(), watching(kBase + "/#"));
        const auto subscribed = std::chrono::steady_clock::now();
        require_eventually(
            "retained status, state and stats at the late subscriber",
            [&] {
                return !late.on("/status").empty() && !late.on("/state").empty() &&
                       !late.on("/stats").empty();
            },
            Millis{2000});
        for (const std::string topic : {"/status", "/state", "/stats"}) {
            const Received m = late.on(topic).front();
            INFO(m.topic << " " << m.payload);
            CHECK(m.retain);
            CHECK(m.qos == 1);
            CHECK(m.json()["v"] == 1);
            CHECK(m.at - subscribed < Millis{1000});
        }
        const auto status = late.on("/status").front().json();
        CHECK(status["online"] == true);
        CHECK(status["boot_id"] == boot1);
        CHECK(late.on("/state").front().json()["sensors"].is_array());
        CHECK(late.on("/stats").front().json()["timezone"] == "UTC");
    }

    ::kill(kiosk->pid(), SIGKILL);
    REQUIRE(kiosk->wait_for_exit(kDeadline) == 128 + SIGKILL);
    // The connection dropped without a DISCONNECT: the broker publishes the will.
    require_eventually("the will for " + boot1,
                       [&] { return !statuses(watcher, false, boot1).empty(); });
    CHECK(broker.log_lines_matching("Client rollstation-" + kStation +
                                    " closed its connection\\.") == 1);
    {
        const Received will = statuses(watcher, false, boot1).front();
        INFO(will.payload);
        CHECK(will.retain);
        CHECK(will.qos == 1);
        CHECK(will.json() == nlohmann::json{{"v", 1}, {"online", false}, {"boot_id", boot1}});
    }

    // --- Second run: a new boot_id, the next seq, then a clean stop says "offline" itself.
    kiosk = start_kiosk(dir, file, "kiosk-2");
    const std::string boot2 = wait_online(watcher, *kiosk, boot1);
    CHECK(boot2 != boot1);
    const std::int64_t first_seq = first_event.json()["seq"];
    require_eventually("the second run's sensor_connected",
                       [&] { return sensor_connected(watcher, first_seq).has_value(); });
    check_sensor_connected(*sensor_connected(watcher, first_seq));

    const std::size_t disconnects_before =
        broker.log_lines_matching("Client rollstation-" + kStation + " disconnected\\.");
    const auto stopping = std::chrono::steady_clock::now();
    ::kill(kiosk->pid(), SIGTERM);
    require_eventually("the goodbye for " + boot2,
                       [&] { return !statuses(watcher, false, boot2).empty(); });
    const auto said_offline = statuses(watcher, false, boot2).front();
    CHECK(said_offline.at - stopping < Millis{1000});
    CHECK(said_offline.retain);
    CHECK(said_offline.json() == nlohmann::json{{"v", 1}, {"online", false}, {"boot_id", boot2}});
    const std::optional<int> code = kiosk->wait_for_exit(kDeadline);
    INFO(kiosk->describe());
    CHECK(code == 0);
    // A clean DISCONNECT (not a dropped connection): the offline message was the kiosk's own,
    // the broker discarded the will.
    require_eventually("the broker to log the clean disconnect", [&] {
        return broker.log_lines_matching("Client rollstation-" + kStation + " disconnected\\.") >
               disconnects_before;
    });
    INFO(broker.log());
    CHECK(statuses(watcher, false, boot2).size() == 1);
}

}  // namespace rs::itest
