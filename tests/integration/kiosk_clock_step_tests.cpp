// The real kiosk process with its wall clock stepped under it by libfaketime (the monotonic
// clock left alone, as an NTP step leaves it): a step forward by weeks while the broker is away
// deletes none of the session's waiting events, and a step back while a class waits to start
// does not spin the kiosk.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>

#include "integration/broker.hpp"
#include "integration/kiosk_file.hpp"
#include "integration/support.hpp"
#include "mqtt/payloads.hpp"

namespace rs::itest {
namespace {

const std::string kKiosk = ROLLSTATION_BINARY;
const std::string kFaketime = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1";
const std::string kGym = "clock-gym";

// Where the kiosk's libfaketime reads its offset from, at every clock reading.
struct FakeWallClock {
    explicit FakeWallClock(const TempDir& dir) : file(dir / "faketime.rc") { set("+0"); }
    void set(const std::string& offset) const { std::ofstream(file) << offset << "\n"; }
    std::filesystem::path file;
};

std::filesystem::path station_file(const TempDir& dir, int port) {
    const auto file = dir / "clock.yaml";
    std::ofstream(file) << "station: {id: clock, name: Clock, facility: " << kGym
                        << ", timezone: UTC}\n"
                        << headless_kiosk_lines() << "session: {class_confirmation: false}\n"
                        << loopback_kiosk_lines(port, dir / "clock.db");
    return file;
}

// The kiosk under libfaketime, its clock synchronised (the flag file exists).
std::unique_ptr<ChildProcess> start_kiosk(const TempDir& dir, const FakeWallClock& wall, int port) {
    std::ofstream(dir / "synced");
    std::vector<std::string> argv{"/usr/bin/env",
                                  "SDL_VIDEODRIVER=dummy",
                                  "SDL_AUDIODRIVER=dummy",
                                  "LD_PRELOAD=" + kFaketime,
                                  "FAKETIME_TIMESTAMP_FILE=" + wall.file.string(),
                                  "FAKETIME_NO_CACHE=1",
                                  "FAKETIME_DONT_FAKE_MONOTONIC=1",
                                  "ROLLSTATION_CLOCK_SYNC_FLAG=" + (dir / "synced").string()};
    // A sanitized kiosk: its runtime would refuse a library loaded ahead of it.
    if (const char* asan = std::getenv("ASAN_OPTIONS"))
        argv.push_back(std::string("ASAN_OPTIONS=") + asan + ":verify_asan_link_order=0");
    for (const auto& a : {kKiosk, std::string("--config"), station_file(dir, port).string()})
        argv.push_back(a);
    return std::make_unique<ChildProcess>(argv, dir.path(), "kiosk");
}

// The kiosk under libfaketime on a running broker, its wall clock not stepped yet.
struct FakedKiosk {
    FakedKiosk() {
        broker.start();
        kiosk = start_kiosk(dir, wall, broker.port());
    }
    TempDir dir;
    Broker broker{dir};
    const FakeWallClock wall{dir};
    std::unique_ptr<ChildProcess> kiosk;
};

// A class of one 10-second step (the shortest a step may be), starting `in` from now by the
// test's own, real clock.
std::string class_in(std::chrono::seconds in, const std::string& id) {
    return R"({"v":1,"command_id":")" + id +
           R"(","type":"class_warmup","coach":"Sam","start_at":")" +
           mqtt::iso8601(std::chrono::system_clock::now() + in) +
           R"(","routine":{"id":"quick","title":"Quick","purpose":"warm-up","level":"beginner",)"
           R"("tools":["foam-roller"],"summary":"Quick","when":"before","steps":[)"
           R"({"area":"calves","tool":"foam-roller","side":"both","duration":"10s",)"
           R"("pressure":"moderate","cues":["Slow"]}]}})";
}

void publish(const TempDir& dir, int port, const std::string& payload) {
    publish_once(dir, port, "rollstation/" + kGym + "/station/clock/cmd", payload);
}

std::size_t count_of(const Subscriber& s, const std::string& suffix, const std::string& field,
                     const std::string& value) {
    std::size_t n = 0;
    for (const auto& m : s.on(suffix))
        n += m.json().is_object() && m.json().value(field, "") == value;
    return n;
}

bool online(const Subscriber& s) {
    for (const auto& m : s.on("/status"))
        if (m.json().is_object() && m.json().value("online", false))
            return true;
    return false;
}

// CPU time the process has used (user and system), from /proc.
double cpu_seconds(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::istringstream fields(text.substr(text.rfind(')') + 2));
    std::vector<std::string> f{std::istream_iterator<std::string>(fields), {}};
    REQUIRE(f.size() > 13);
    return (std::stod(f[11]) + std::stod(f[12])) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// Waits for the kiosk to be online, pushes it a class starting `in` from now and waits for it to
// be accepted.
void push_class(const TempDir& dir, int port, std::chrono::seconds in, const std::string& id) {
    Subscriber watcher(port, watching("rollstation/" + kGym + "/#"));
    watcher.wait_ready();
    require_eventually(
        "the kiosk online", [&] { return online(watcher); }, Millis{15'000});
    publish(dir, port, class_in(in, id));
    require_eventually("the class accepted",
                       [&] { return count_of(watcher, "/cmd/result", "result", "accepted") == 1; });
}

}  // namespace

TEST_CASE_METHOD(
    FakedKiosk,
    "kiosk under libfaketime: the wall clock stepped 40 days forward while the broker is away "
    "deletes none of the session's waiting events",
    "[integration][clock][faketime]") {
    push_class(dir, broker.port(), std::chrono::seconds(3), "step-fwd");
    broker.stop();  // the network goes; the class starts anyway
    const auto db = dir / "clock.db";
    require_eventually(
        "the session's start stored",
        [&] {
            return std::filesystem::exists(db) &&
                   query_number(db,
                                "SELECT COUNT(*) FROM history WHERE type = 'session_started'") == 1;
        },
        Millis{25'000});
    wall.set("+40d");  // NTP steps the clock by weeks mid-session
    require_eventually(
        "the session's end stored",
        [&] {
            return query_number(
                       db, "SELECT COUNT(*) FROM history WHERE type = 'session_completed'") == 1;
        },
        Millis{25'000});
    INFO(kiosk->describe());
    // Every event of the session still waits: none was taken for 40 days old.
    CHECK(query_number(db, "SELECT COUNT(*) FROM outbox") == 3);
    CHECK(query_number(db, "SELECT value FROM meta WHERE key = 'dropped'") == 0);
    CHECK(query_number(db, "SELECT COUNT(*) FROM history WHERE type = 'session_started'") == 1);

    broker.start();  // the network is back: all of it arrives
    Subscriber late(broker.port(), watching("rollstation/" + kGym + "/station/clock/event"));
    late.wait_ready();
    require_eventually(
        "the session delivered",
        [&] { return query_number(db, "SELECT COUNT(*) FROM outbox") == 0; }, Millis{40'000});
    CHECK(kiosk->running());
}

TEST_CASE_METHOD(
    FakedKiosk,
    "kiosk under libfaketime: the wall clock stepped an hour back while a class waits to start "
    "does not spin the kiosk",
    "[integration][clock][faketime]") {
    Subscriber watcher(broker.port(), watching("rollstation/" + kGym + "/#"));
    watcher.wait_ready();
    push_class(dir, broker.port(), std::chrono::seconds(20), "step-back");
    wall.set("-1h");
    // Over the next seconds the waiting kiosk sleeps: a spinning one would use a whole core.
    const double before = cpu_seconds(kiosk->pid());
    const auto t0 = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(std::chrono::seconds(3));
    const double used = cpu_seconds(kiosk->pid()) - before;
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    INFO(kiosk->describe());
    CHECK(used / elapsed < 0.5);
    CHECK(kiosk->running());
    CHECK(count_of(watcher, "/event", "type", "session_started") == 0);
}

}  // namespace rs::itest
