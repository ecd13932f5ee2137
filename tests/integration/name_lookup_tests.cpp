// The broker's name looked up away from the I/O thread. A real kiosk whose name server never
// answers (a UDP socket on loopback that reads and never replies, named in a private
// resolv.conf bind-mounted in a user and mount namespace of its own) keeps its roller linked
// the whole time; and a lookup that hangs (an injected resolver) times out on the I/O thread,
// which meanwhile runs everything else, and the link connects once an answer comes.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <condition_variable>
#include <random>

#include "integration/broker.hpp"
#include "integration/support.hpp"
#include "mqtt/name_lookup.hpp"

namespace rs::itest {
namespace {

const std::string kKiosk = ROLLSTATION_BINARY;

// A name server that takes every query and answers none, on 127.a.b.c port 53 (a loopback
// address of its own, so no other server on the machine is in the way).
class SilentNameServer {
  public:
    SilentNameServer() {
        std::mt19937 random{std::random_device{}()};
        address_ = "127." + std::to_string(1 + random() % 250) + "." +
                   std::to_string(1 + random() % 250) + "." + std::to_string(1 + random() % 250);
        fd_ = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        sockaddr_in at{};
        at.sin_family = AF_INET;
        at.sin_port = htons(53);
        ::inet_pton(AF_INET, address_.c_str(), &at.sin_addr);
        bound_ = fd_ >= 0 && ::bind(fd_, reinterpret_cast<sockaddr*>(&at), sizeof at) == 0;
    }
    ~SilentNameServer() {
        if (fd_ >= 0)
            ::close(fd_);
    }
    bool bound() const { return bound_; }
    const std::string& address() const { return address_; }
    // Queries received so far (read and dropped).
    int queries() {
        char buffer[512];
        while (::recv(fd_, buffer, sizeof buffer, 0) > 0)
            ++queries_;
        return queries_;
    }

  private:
    std::string address_;
    int fd_ = -1;
    bool bound_ = false;
    int queries_ = 0;
};

bool namespaces_available(const TempDir& dir) {
    ChildProcess probe({"/usr/bin/unshare", "-rm", "/bin/true"}, dir.path(), "unshare-probe");
    return probe.wait_for_exit(kDeadline) == 0;
}

}  // namespace

TEST_CASE("name lookup: a name server that never answers holds up no sensor",
          "[integration][mqtt][lookup]") {
    TempDir dir;
    SilentNameServer server;
    if (!server.bound() || !namespaces_available(dir)) {
        WARN("skipped: needs port 53 on a loopback address and `unshare -rm` (user namespaces)");
        return;
    }
    // glibc gives up on a server after 2 s here: the old lookup on the I/O thread stalled the
    // roller for 2 s a connect, twice the 1 s after which a silent sensor counts as lost.
    const auto resolv = dir / "resolv.conf";
    std::ofstream(resolv) << "nameserver " << server.address()
                          << "\noptions timeout:2 attempts:1\n";
    const std::filesystem::path source = ROLLSTATION_SOURCE_DIR;
    const auto station = dir / "station.yaml";
    std::ofstream(station) << "station:\n  id: lookup-1\n  facility: itest\n"
                           << "display:\n  fullscreen: false\n  sound: false\n"
                           << "routines:\n  dirs: [" << (source / "config/routines").string()
                           << "]\n"
                           << "safety_notice: " << (source / "config/safety.yaml").string() << "\n"
                           << "sensors:\n  - id: roller\n    kind: roller\n"
                           << "    source: \"sim:steady\"\n    circumference_mm: 471\n"
                           << "mqtt:\n  host: broker.lookup.test\n  port: 1883\n"
                           << "storage:\n  path: " << (dir / "station.db").string() << "\n";
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    ChildProcess kiosk(
        {"/usr/bin/unshare", "-rm", "/bin/sh", "-c",
         "mount --bind \"$0\" /etc/resolv.conf && exec \"$@\"", resolv.string(), kKiosk, "--config",
         station.string(), "--state-dir", (dir / "state").string()},
        dir.path(), "kiosk");
    // Two lookups (A and AAAA each) reached the silent server, and each ran out of time.
    const bool asked = wait_until(
        [&] {
            return server.queries() >= 4 && kiosk.err().find("cannot resolve") != std::string::npos;
        },
        Millis{30'000});
    INFO("queries: " << server.queries() << "\n" << kiosk.describe());
    REQUIRE(asked);
    INFO(kiosk.describe());
    REQUIRE(kiosk.running());
    const std::string log = kiosk.err();
    CHECK(log.find("sensor_connected") != std::string::npos);
    CHECK(log.find("sensor_lost") == std::string::npos);  // no gap: the roller never paused
    CHECK(log.find("cannot resolve broker.lookup.test") != std::string::npos);
}

TEST_CASE("name lookup: a lookup that hangs times out while the I/O thread carries on",
          "[integration][mqtt][lookup]") {
    TempDir dir;
    Broker broker(dir);
    broker.start();
    // A resolver that hangs until the test lets it answer.
    std::mutex mutex;
    std::condition_variable release;
    bool answer = false;
    int asked = 0;
    const mqtt::NameLookup::Resolve hanging = [&](const std::string&) {
        std::unique_lock lock(mutex);
        ++asked;
        release.wait(lock, [&] { return answer; });
        return mqtt::LookupResult{"127.0.0.1", {}};
    };
    std::vector<std::string> problems;
    std::atomic<bool> connected{false};
    io::IoThread io;
    mqtt::ClientSettings settings;
    settings.host = "broker.hangs.test";
    settings.port = broker.port();
    settings.client_id = "lookup-hangs";
    settings.lookup_timeout = Millis{300};
    mqtt::ClientHandlers handlers;
    handlers.problem = [&](const std::string& p) { problems.push_back(p); };
    handlers.connected = [&] { connected = true; };
    std::shared_ptr<mqtt::MqttClient> client;
    io.run_and_wait([&] {
        client = mqtt::MqttClient::create(io.context(), settings, handlers, hanging);
        client->start();
    });
    std::vector<std::string> seen;
    require_eventually("the timeout reported", [&] {
        io.run_and_wait([&] { seen = problems; });  // the I/O thread answers at once meanwhile
        return !seen.empty();
    });
    CHECK(seen.front() ==
          "cannot reach the broker at broker.hangs.test:" + std::to_string(broker.port()) +
              ": cannot resolve broker.hangs.test (no answer from the name server within 300 ms)"
              "; retrying, events are kept");
    {
        // Retries wait behind the lookup that hangs: one thread, one lookup at a time.
        std::lock_guard lock(mutex);
        CHECK(asked == 1);
        answer = true;
    }
    release.notify_all();
    const bool up = wait_until([&] { return connected.load(); }, Millis{10'000});
    std::string said;
    io.run_and_wait([&] {
        for (const auto& p : problems)
            said += p + "\n";
    });
    INFO(said);
    CHECK(up);
    io.run_and_wait([&] { client.reset(); });
}

}  // namespace rs::itest
