// The real kiosk under a stand-in for systemd: a datagram socket as NOTIFY_SOCKET that hears
// READY=1 after the first frame, WATCHDOG=1 from the render loop at half the watchdog period,
// and STOPPING=1 on SIGTERM; and a broken station file that falls back to the last good copy.
#include <catch2/catch.hpp>

#include <sys/socket.h>
#include <sys/un.h>

#include <cstring>

#include "integration/support.hpp"

namespace rs::itest {
namespace {

const std::string kKiosk = ROLLSTATION_BINARY;

// systemd's end of sd_notify: one datagram per message.
class NotifySocket {
  public:
    explicit NotifySocket(const std::filesystem::path& path) : path_(path) {
        fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        REQUIRE(fd_ >= 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        REQUIRE(path.string().size() < sizeof addr.sun_path);
        std::strcpy(addr.sun_path, path.c_str());
        REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    }
    ~NotifySocket() { ::close(fd_); }
    NotifySocket(const NotifySocket&) = delete;
    NotifySocket& operator=(const NotifySocket&) = delete;

    // Every message received so far, in order.
    const std::vector<std::string>& messages() {
        char buffer[4096];
        for (;;) {
            const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
            if (n <= 0)
                break;
            messages_.emplace_back(buffer, static_cast<std::size_t>(n));
        }
        return messages_;
    }
    int count(const std::string& needle) {
        int n = 0;
        for (const auto& m : messages())
            n += m.find(needle) != std::string::npos;
        return n;
    }

  private:
    std::filesystem::path path_;
    int fd_ = -1;
    std::vector<std::string> messages_;
};

std::filesystem::path write_station(const TempDir& dir, const std::string& id) {
    const std::filesystem::path source = ROLLSTATION_SOURCE_DIR;
    const auto file = dir / "station.yaml";
    std::ofstream(file) << "station:\n  id: " << id << "\n  facility: itest\n"
                        << "display:\n  fullscreen: false\n  sound: false\n"
                        << "routines:\n  dirs: [" << (source / "config/routines").string() << "]\n"
                        << "safety_notice: " << (source / "config/safety.yaml").string() << "\n"
                        << "storage:\n  path: " << (dir / "station.db").string() << "\n";
    return file;
}

std::unique_ptr<ChildProcess> start_supervised(const TempDir& dir,
                                               const std::filesystem::path& station,
                                               const std::string& name) {
    setenv("NOTIFY_SOCKET", (dir / "notify").c_str(), 1);
    setenv("WATCHDOG_USEC", "200000", 1);  // a ping every 100 ms
    unsetenv("WATCHDOG_PID");              // any pid: the child's is not known before fork
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    auto child = std::make_unique<ChildProcess>(
        std::vector<std::string>{kKiosk, "--config", station.string(), "--state-dir",
                                 (dir / "state").string()},
        dir.path(), name);
    unsetenv("NOTIFY_SOCKET");
    unsetenv("WATCHDOG_USEC");
    return child;
}

}  // namespace

TEST_CASE("the kiosk tells systemd it is ready, pings the watchdog and says it is stopping",
          "[service]") {
    TempDir dir;
    NotifySocket systemd(dir / "notify");
    auto kiosk = start_supervised(dir, write_station(dir, "svc-1"), "kiosk");
    require_eventually("READY=1",
                       [&] { return systemd.count("READY=1") == 1 || !kiosk->running(); });
    INFO(kiosk->describe());
    REQUIRE(kiosk->running());
    // READY comes first, with a status line for `systemctl status`.
    REQUIRE_FALSE(systemd.messages().empty());
    CHECK(systemd.messages().front().find("READY=1") != std::string::npos);
    CHECK(systemd.messages().front().find("STATUS=") != std::string::npos);
    // The idle home screen draws once a second; the watchdog hears from the loop ten times as
    // often, as WATCHDOG_USEC asks.
    require_eventually("five watchdog pings", [&] { return systemd.count("WATCHDOG=1") >= 5; });
    ::kill(kiosk->pid(), SIGTERM);
    CHECK(kiosk->wait_for_exit(kDeadline) == 0);
    CHECK(systemd.count("STOPPING=1") == 1);
}

TEST_CASE("a broken station file falls back to the last good copy and says so", "[service]") {
    TempDir dir;
    NotifySocket systemd(dir / "notify");
    const auto station = write_station(dir, "svc-3");
    {
        auto first = start_supervised(dir, station, "first");
        require_eventually("READY=1", [&] { return systemd.count("READY=1") == 1; });
        ::kill(first->pid(), SIGTERM);
        REQUIRE(first->wait_for_exit(kDeadline) == 0);
    }
    std::ofstream(station) << "station: [this is not\n";
    auto second = start_supervised(dir, station, "second");
    require_eventually("READY=1 again", [&] { return systemd.count("READY=1") == 2; });
    INFO(second->describe());
    CHECK(second->err().find("running on the last good copy") != std::string::npos);
    ::kill(second->pid(), SIGTERM);
    CHECK(second->wait_for_exit(kDeadline) == 0);

    // Without a copy there is nothing to fall back on: a clear error and exit 1.
    std::filesystem::remove_all(dir / "state");
    auto third = start_supervised(dir, station, "third");
    CHECK(third->wait_for_exit(kDeadline) == 1);
    CHECK(third->err().find("cannot start without a usable station file") != std::string::npos);
}

}  // namespace rs::itest
