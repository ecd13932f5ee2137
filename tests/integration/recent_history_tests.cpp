// The station's short retained history (<station>/recent) against a real broker and a real
// SQLite file: a dashboard that subscribes late (a reload) gets the last session events, the
// commands the station was sent and its answers, in order, and still after the station restarts.
#include <catch2/catch.hpp>

#include "integration/broker.hpp"
#include "integration/received_commands.hpp"
#include "integration/support.hpp"

namespace rs::itest {
namespace {

using nlohmann::json;

const std::string kStation = "recent-1";

// The entries of the latest retained history a subscriber got, as (topic suffix, what).
std::vector<std::pair<std::string, std::string>> entries(const Subscriber& s) {
    std::vector<std::pair<std::string, std::string>> out;
    const auto recent = s.on("/recent");
    if (recent.empty())
        return out;
    const json j = recent.back().json();
    for (const auto& e : j.value("entries", json::array())) {
        const std::string topic = e.value("topic", "");
        const json p = e.value("payload", json::object());
        const std::string what = p.contains("type")
                                     ? p.value("type", "")
                                     : p.value("result", "") + " " + p.value("command_id", "");
        out.emplace_back(topic.substr(topic.find("/" + kStation) + kStation.size() + 1), what);
    }
    return out;
}

}  // namespace

TEST_CASE("mqtt: a late subscriber gets the station's recent events, commands and answers",
          "[integration][mqtt]") {
    TempDir dir;
    Broker broker(dir);
    broker.start();
    LogCapture log;
    const auto settings = link_settings(broker.port(), dir / "station.db", kStation);
    const std::string cmd = "rollstation/" + kFacility + "/station/" + kStation + "/cmd";
    const std::vector<std::pair<std::string, std::string>> expected{
        {"/event", "session_started"},
        {"/event", "session_completed"},
        {"/cmd", "cancel"},
        {"/cmd/result", "accepted stop-1"},
        {"/cmd/result", "rejected bad-1"}};
    {
        io::IoThread io;
        mqtt::StationLink link(io, settings, log.sink());
        require_eventually("the link to connect", [&] { return link.status().connected; });
        for (const auto& [event, id] : synthetic_session(0, "recent"))
            link.record(event, id);
        require_eventually("the events delivered", [&] { return link.status().outbox_depth == 0; });
        const ReceivedCommands commands(link);
        publish_once(dir, broker.port(), cmd,
                     R"({"v":1,"command_id":"stop-1","type":"cancel","target":"x"})");
        require_eventually("the cancel delivered", [&] { return commands.ids().size() == 1; });
        link.publish_result({"stop-1", core::CommandOutcome::accepted, {}});
        publish_once(dir, broker.port(), cmd, R"({"v":1,"command_id":"bad-1","type":"nonsense"})");

        Subscriber late(broker.port(), watching("rollstation/+/station/+/recent"));
        late.wait_ready();
        require_eventually("the whole history retained", [&] { return entries(late) == expected; });
        CHECK(late.on("/recent").back().retain);
        link.detach_commands();
    }
    INFO(log.joined());

    SECTION("it is the same after the station restarts, and goes on from there") {
        io::IoThread io;
        mqtt::StationLink link(io, settings, log.sink());
        Subscriber reload(broker.port(), watching("rollstation/+/station/+/recent"));
        reload.wait_ready();
        require_eventually("the history again", [&] { return entries(reload) == expected; });
        link.record(synthetic_session(1, "recent")[0].first, "recent-1-0");
        auto more = expected;
        more.emplace_back("/event", "session_started");
        require_eventually("the new start added", [&] { return entries(reload) == more; });
    }
}

}  // namespace rs::itest
