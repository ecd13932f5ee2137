// Two real kiosk processes given one station id (a copied SD card) on a real broker: the one
// that finds the other stops publishing and says so in one log line naming the id, while the
// other goes on; neither crashes. (How the two then keep apart, look after look, is
// id_conflict_tests.cpp, on the link with short waits.)
#include <catch2/catch.hpp>

#include <fstream>

#include "integration/broker.hpp"
#include "integration/kiosk_file.hpp"
#include "integration/support.hpp"

namespace rs::itest {
namespace {

const std::string kKiosk = ROLLSTATION_BINARY;

std::filesystem::path copied_card(const TempDir& dir, int port, const std::string& name) {
    const auto file = dir / (name + ".yaml");
    std::ofstream(file) << "station: {id: twin, name: Twin, facility: copied-gym, timezone: UTC}\n"
                        << headless_kiosk_lines()
                        << loopback_kiosk_lines(port, dir / (name + ".db"));
    return file;
}

const std::string kLine = "another station is connected with this station's id 'rollstation-twin'";

std::size_t said(const ChildProcess& kiosk) {
    std::size_t n = 0;
    const std::string err = kiosk.err();
    for (auto at = err.find(kLine); at != std::string::npos; at = err.find(kLine, at + 1))
        ++n;
    return n;
}

}  // namespace

TEST_CASE("two kiosks with one id: the one that finds the other stops publishing and says so once",
          "[integration][mqtt][id-conflict]") {
    TempDir dir;
    Broker broker(dir);
    broker.start();
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    Subscriber status(broker.port(), watching("rollstation/copied-gym/station/twin/status"));
    status.wait_ready();
    ChildProcess first({kKiosk, "--config", copied_card(dir, broker.port(), "first").string()},
                       dir.path(), "first");
    require_eventually(
        "the first kiosk online", [&] { return !status.on("/status").empty(); }, Millis{15'000});
    ChildProcess second({kKiosk, "--config", copied_card(dir, broker.port(), "second").string()},
                        dir.path(), "second");
    require_eventually(
        "one of them to find the other", [&] { return said(first) + said(second) == 1; },
        Millis{15'000});
    INFO(first.describe() << second.describe());
    // The other goes on: the station's retained status ends as its "online".
    require_eventually(
        "the other kiosk online",
        [&] {
            const auto all = status.on("/status");
            return !all.empty() && all.back().json().value("online", false);
        },
        Millis{15'000});
    CHECK(said(first) + said(second) == 1);
    CHECK(first.running());
    CHECK(second.running());
}

}  // namespace rs::itest
