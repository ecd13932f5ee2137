// A command published retained is never acted on: not when a station subscribes later and finds
// it, and not on its first, live delivery to a station already connected (the station subscribes
// retain-as-published, so the broker tells it the message was retained).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "integration/broker.hpp"
#include "integration/received_commands.hpp"
#include "integration/support.hpp"

namespace rs::itest {

TEST_CASE("mqtt: a command published retained to a connected station is refused, live or later",
          "[integration][mqtt]") {
    TempDir dir;
    Broker broker(dir);
    broker.start();
    const auto settings = link_settings(broker.port(), dir / "station.db", "keeper");
    const std::string cmd = "rollstation/" + kFacility + "/station/keeper/cmd";
    LogCapture log;
    io::IoThread io;
    mqtt::StationLink link(io, settings, log.sink());
    require_eventually("the link to connect", [&] { return link.status().connected; });
    const ReceivedCommands commands(link);
    publish_once(dir, broker.port(), cmd,
                 R"({"v":1,"command_id":"kept-1","type":"cancel","target":"x"})", true);
    publish_once(dir, broker.port(), cmd,
                 R"({"v":1,"command_id":"live-1","type":"cancel","target":"x"})", false);
    require_eventually("the live command delivered", [&] { return !commands.ids().empty(); });
    CHECK(commands.ids() == std::vector<std::string>{"live-1"});
    INFO(log.joined());
    CHECK(log.containing("a retained command is ignored").size() == 1);
    publish_once(dir, broker.port(), cmd, "", true);  // cleared, as an operator would
}

}  // namespace rs::itest
