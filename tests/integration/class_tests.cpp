// A coach's class pushed to a group of three real kiosks over a real broker: they start
// together, a cancel stops them, and hostile payloads are refused while they keep running.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <set>

#include "integration/broker.hpp"
#include "integration/kiosk_file.hpp"
#include "integration/support.hpp"
#include "mqtt/command_codec.hpp"
#include "mqtt/payloads.hpp"

namespace rs::itest {
namespace {

const std::string kKiosk = ROLLSTATION_BINARY;
const std::string kGym = "class-gym";

std::filesystem::path station_file(const TempDir& dir, const std::string& id, int port) {
    const auto file = dir / (id + ".yaml");
    std::ofstream(file) << "station: {id: " << id << ", name: \"" << id << "\", facility: " << kGym
                        << ", groups: [team-room], timezone: UTC}\n"
                        << headless_kiosk_lines()
                        // The coach briefs the room: no "I'm ready" tap on a headless kiosk.
                        << "session: {class_confirmation: false}\n"
                        << loopback_kiosk_lines(port, dir / (id + ".db"));
    return file;
}

std::vector<nlohmann::json> results(const Subscriber& s, const std::string& command_id,
                                    const std::string& result) {
    std::vector<nlohmann::json> out;
    for (const auto& m : s.on("/cmd/result")) {
        const auto j = m.json();
        if (j.is_object() && j.value("command_id", "") == command_id &&
            j.value("result", "") == result)
            out.push_back(j);
    }
    return out;
}

std::vector<nlohmann::json> events(const Subscriber& s, const std::string& type) {
    std::vector<nlohmann::json> out;
    for (const auto& m : s.on("/event")) {
        const auto j = m.json();
        if (j.is_object() && j.value("type", "") == type)
            out.push_back(j);
    }
    return out;
}

// The kiosks started by these tests run on SDL's dummy drivers.
void headless_kiosks() {
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
}

// Waits until `count` stations have said they are online.
void wait_online(const Subscriber& watcher, std::size_t count) {
    require_eventually(std::to_string(count) + " stations online", [&] {
        std::set<std::string> online;
        for (const auto& m : watcher.on("/status"))
            if (m.json().value("online", false))
                online.insert(m.topic);
        return online.size() >= count;
    });
}

// The room a class runs in: a broker, a subscriber watching `filter` on it, and kiosks to come
// on SDL's dummy drivers.
struct ClassRoom {
    explicit ClassRoom(const std::string& filter = "rollstation/#")
        : watcher(started(broker), watching(filter)) {
        watcher.wait_ready();
        headless_kiosks();
    }
    static int started(Broker& broker) {
        broker.start();
        return broker.port();
    }
    TempDir dir;
    Broker broker{dir};
    Subscriber watcher;
};

// A room whose subscriber watches every topic, MQTT 5 response topics included.
struct RoomWatchingAll : ClassRoom {
    RoomWatchingAll() : ClassRoom("#") {}
};

}  // namespace

TEST_CASE_METHOD(
    ClassRoom,
    "a group push starts three kiosks together, a cancel stops them, hostile payloads are refused",
    "[integration][class]") {
    std::vector<std::unique_ptr<ChildProcess>> kiosks;
    for (const std::string id : {"s1", "s2", "s3"}) {
        kiosks.push_back(std::make_unique<ChildProcess>(
            std::vector<std::string>{kKiosk, "--config",
                                     station_file(dir, id, broker.port()).string()},
            dir.path(), id));
    }
    wait_online(watcher, 3);
    // Subscribed to their command topics once they said hello (it is their first act on connect).
    require_eventually(
        "the stations' subscriptions", [&] { return true; }, Millis{300});

    const auto start_at = std::chrono::system_clock::now() + std::chrono::seconds(3);
    const std::string push =
        R"({"v":1,"command_id":"grp-1","type":"class_warmup","routine_id":"pre-workout-lower",)"
        R"("start_at":")" +
        mqtt::iso8601(start_at) + R"(","coach":"Sam","message":"Team A"})";
    publish_once(dir, broker.port(), "rollstation/" + kGym + "/group/team-room/cmd", push);
    require_eventually("three accepted results",
                       [&] { return results(watcher, "grp-1", "accepted").size() == 3; });
    require_eventually(
        "three class sessions started",
        [&] { return events(watcher, "session_started").size() == 3; }, Millis{10'000});

    // Synchronized: the stations' session_started stamps lie within 100 ms of each other.
    std::vector<core::WallTime> starts;
    for (const auto& e : events(watcher, "session_started")) {
        CHECK(e["source"] == "class");
        CHECK(e["command_id"] == "grp-1");
        const auto t = mqtt::parse_utc(e["ts"].get<std::string>());
        REQUIRE(t);
        starts.push_back(*t);
    }
    const auto [first, last] = std::minmax_element(starts.begin(), starts.end());
    const auto skew = std::chrono::duration_cast<std::chrono::milliseconds>(*last - *first);
    INFO("start skew " << skew.count() << " ms");
    CHECK(skew.count() < 100);
    CHECK(std::chrono::abs(std::chrono::duration_cast<std::chrono::milliseconds>(*first - start_at))
              .count() < 200);
    CHECK(results(watcher, "grp-1", "started").size() == 3);

    publish_once(dir, broker.port(), "rollstation/" + kGym + "/all/cmd",
                 R"({"v":1,"command_id":"stop-1","type":"cancel","target":"grp-1"})");
    require_eventually("three cancelled classes",
                       [&] { return results(watcher, "grp-1", "cancelled").size() == 3; });
    require_eventually("three abandoned sessions",
                       [&] { return events(watcher, "session_abandoned").size() == 3; });
    for (const auto& e : events(watcher, "session_abandoned"))
        CHECK(e["reason"] == "preempted");

    // Hostile payloads: each refused with a reason, and every kiosk keeps running.
    const std::vector<std::string> hostile = {
        "{\"v\":1,\"command_id\":\"h1\"",                                     // truncated
        R"({"v":1,"command_id":"h2","type":"class_warmup","routine_id":7})",  // wrong type
        R"({"v":1,"command_id":"h3","type":"cancel","target":")" + std::string(5000, 'x') +
            "\"}",                                      // huge
        std::string(200, '[') + std::string(200, ']'),  // deep nesting
        "{\"v\":1,\"command_id\":\"h5\",\"type\":\"cancel\",\"target\":\"\xc3\x28\"}",  // bad UTF-8
        R"({"v":1,"command_id":"grp-1","type":"cancel","target":"grp-1"})",  // a replayed id
    };
    for (const auto& payload : hostile)
        publish_once(dir, broker.port(), "rollstation/" + kGym + "/all/cmd", payload);
    require_eventually("the refusals",
                       [&] { return results(watcher, "h3", "rejected").size() == 3; });
    CHECK(results(watcher, "h2", "rejected").size() == 3);
    CHECK(results(watcher, "h5", "rejected").size() == 0);  // not even its id could be read
    for (const auto& r : results(watcher, "h2", "rejected"))
        CHECK_FALSE(r.value("reason", "").empty());
    for (auto& k : kiosks) {
        INFO(k->describe());
        CHECK(k->running());
    }
}

TEST_CASE_METHOD(
    ClassRoom,
    "rollstation-coach pushes a class, prints the station's answers and fails on a rejection",
    "[integration][class][tools]") {
    const auto file = station_file(dir, "c1", broker.port());
    ChildProcess kiosk({kKiosk, "--config", file.string()}, dir.path(), "kiosk");
    wait_online(watcher, 1);
    const std::string coach = ROLLSTATION_COACH_BINARY;
    ChildProcess push({coach, "--config", file.string(), "push", "--routine", "pre-run", "--to",
                       "station:c1", "--in", "2s", "--wait", "3s"},
                      dir.path(), "push");
    REQUIRE(push.wait_for_exit(Millis{10'000}) == 0);
    CHECK_THAT(push.out(), Catch::Contains("c1: accepted") && Catch::Contains("c1: started"));
    // Without --name the class carries no coach's name; with it, that name.
    const auto pushed = [&](const std::string& command_id) {
        for (const auto& m : watcher.on("/cmd")) {
            const auto j = m.json();
            if (j.is_object() && j.value("command_id", "") == command_id)
                return j;
        }
        return nlohmann::json();
    };
    const auto sent_id = [](const std::string& out) {
        const auto at = out.find("sent ");
        return at == std::string::npos ? std::string()
                                       : out.substr(at + 5, out.find(' ', at + 5) - at - 5);
    };
    const auto unnamed = pushed(sent_id(push.out()));
    REQUIRE(unnamed.is_object());
    CHECK_FALSE(unnamed.contains("coach"));
    ChildProcess named({coach, "--config", file.string(), "push", "--routine", "pre-run", "--to",
                        "station:c1", "--in", "20s", "--name", "Sam", "--wait", "1s"},
                       dir.path(), "named");
    REQUIRE(named.wait_for_exit(Millis{10'000}) == 0);
    CHECK(pushed(sent_id(named.out())).value("coach", "") == "Sam");

    ChildProcess bad({coach, "--config", file.string(), "push", "--routine", "nope", "--to", "all",
                      "--in", "30s", "--wait", "1s"},
                     dir.path(), "bad");
    REQUIRE(bad.wait_for_exit(Millis{10'000}) == 1);
    CHECK_THAT(bad.out(), Catch::Contains("c1: rejected (unknown routine 'nope')"));

    // The list tells sessions started from those completed and abandoned.
    ChildProcess list({coach, "--config", file.string(), "stations"}, dir.path(), "list");
    REQUIRE(list.wait_for_exit(Millis{10'000}) == 0);
    CHECK_THAT(list.out(), Catch::Matches("(.|\n)*c1 +yes +session +pre-run +[1-9] started, 0 "
                                          "completed, 0 abandoned(.|\n)*"));

    ChildProcess usage({coach, "push"}, dir.path(), "usage");
    CHECK(usage.wait_for_exit(Millis{5000}) == 2);
    CHECK(kiosk.running());
}

TEST_CASE_METHOD(
    RoomWatchingAll,
    "an inline routine starts, and an MQTT 5 request gets its answer on its response topic",
    "[integration][class]") {
    ChildProcess kiosk({kKiosk, "--config", station_file(dir, "solo", broker.port()).string()},
                       dir.path(), "kiosk");
    wait_online(watcher, 1);
    const auto start_at = std::chrono::system_clock::now() + std::chrono::seconds(2);
    const std::string inline_class =
        R"({"v":1,"command_id":"inl-1","type":"class_warmup","coach":"Sam","start_at":")" +
        mqtt::iso8601(start_at) +
        R"(","routine":{"id":"team-a","title":"Team A","purpose":"warm-up","level":"beginner","tools":["foam-roller"],)"
        R"("summary":"Quick","when":"before","steps":[{"area":"calves","tool":"foam-roller","side":"both",)"
        R"("duration":"30s","pressure":"moderate","cues":["Slow"]}]}})";
    ChildProcess pub({"/usr/bin/mosquitto_pub",
                      "-h",
                      "127.0.0.1",
                      "-p",
                      std::to_string(broker.port()),
                      "-V",
                      "5",
                      "-q",
                      "1",
                      "-t",
                      "rollstation/" + kGym + "/station/solo/cmd",
                      "-D",
                      "publish",
                      "response-topic",
                      "coach/replies/42",
                      "-D",
                      "publish",
                      "correlation-data",
                      "req-42",
                      "-m",
                      inline_class},
                     dir.path(), "pub");
    REQUIRE(pub.wait_for_exit(kDeadline) == 0);
    require_eventually("the answers on the response topic", [&] {
        return watcher.on("coach/replies/42").size() >= 2;  // accepted, then started
    });
    CHECK(watcher.on("coach/replies/42").front().json()["result"] == "accepted");
    std::vector<nlohmann::json> started;
    require_eventually("the inline class started", [&] {
        started = events(watcher, "session_started");
        return !started.empty();
    });
    CHECK(started.front()["routine_id"] == "team-a");
    CHECK(started.front()["command_id"] == "inl-1");
    CHECK(kiosk.running());
}

}  // namespace rs::itest
