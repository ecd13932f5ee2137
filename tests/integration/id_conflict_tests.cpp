// Two stations configured with one id on a real broker (mosquitto 2.0.11, which drops the older
// connection without telling it why): the station that finds, on connecting again, that another
// run has said "online" under its id stops publishing instead of taking the session back. It
// keeps its events, logs one line naming the id, looks again now and then, and when the other
// station is gone it publishes again and delivers what it kept.
#include <catch2/catch.hpp>

#include "integration/broker.hpp"
#include "integration/support.hpp"

namespace rs::itest {
namespace {

struct Twin {
    Twin(const TempDir& dir, int port, const std::string& name) {
        mqtt::LinkSettings s = link_settings(port, dir / (name + ".db"), "twin");
        s.boot_id = "boot-" + name;                // two runs, one id
        s.broker->taken_over_retry = Millis{800};  // short enough for a test
        s.id_guard.probation = Millis{2'000};
        link = std::make_unique<mqtt::StationLink>(*io, std::move(s), log.sink());
    }
    std::string conflict() { return link->status().id_conflict; }
    void play(const std::string& prefix) {
        for (const auto& [event, id] : synthetic_session(0, prefix))
            link->record(event, id);
    }
    LogCapture log;
    std::unique_ptr<io::IoThread> io = std::make_unique<io::IoThread>();
    std::unique_ptr<mqtt::StationLink> link;
};

const std::string kConflict =
    "another station is connected with this station's id 'rollstation-twin'";

}  // namespace

TEST_CASE(
    "mqtt: of two stations with one id, the one that finds the other stops publishing, keeps "
    "its events, says so once and publishes again when the other is gone",
    "[integration][mqtt][id-conflict]") {
    TempDir dir;
    Broker broker(dir);
    broker.start();
    Subscriber events(broker.port(), watching("rollstation/itest/station/twin/event"));
    events.wait_ready();

    auto first = std::make_unique<Twin>(dir, broker.port(), "first");
    first->play("first-a");
    require_eventually("the first station to deliver its session",
                       [&] { return events.count() == 3; });

    // The second takes the session; the first, connecting again, finds its "online".
    auto second = std::make_unique<Twin>(dir, broker.port(), "second");
    const bool found = wait_until([&] { return first->conflict() == kConflict; }, Millis{10'000});
    INFO("first logged:\n" << first->log.joined() << "second logged:\n" << second->log.joined());
    REQUIRE(found);

    // The first keeps what it records; the second publishes as usual.
    first->play("first-b");
    second->play("second-a");
    require_eventually("the first station to keep its session",
                       [&] { return first->link->status().outbox_depth == 3; });
    require_eventually("the second station's session to arrive",
                       [&] { return events.count() == 6; });

    // Several looks: each takes the session for a moment, none takes it for good.
    const auto connects = [&] { return broker.log_lines_matching("as rollstation-twin"); };
    const std::size_t before = connects();
    require_eventually(
        "four more connects with the id", [&] { return connects() >= before + 4; }, Millis{15'000});
    CHECK(first->conflict() == kConflict);
    CHECK(second->conflict().empty());
    CHECK(first->link->status().outbox_depth == 3);
    CHECK_FALSE(first->link->status().connected);
    CHECK(first->log.containing(kConflict).size() == 1);
    CHECK(second->log.containing(kConflict).empty());
    CHECK(events.count() == 6);

    // The second station is switched off (it says "offline"): the first's next look finds the id
    // free and delivers what it kept.
    second.reset();
    require_eventually(
        "the first station to publish again", [&] { return first->conflict().empty(); },
        Millis{10'000});
    require_eventually("its kept session to arrive", [&] { return events.count() == 9; });
    require_eventually("its outbox to drain",
                       [&] { return first->link->status().outbox_depth == 0; });
    CHECK(first->log.containing("for 2 s: publishing again (3 events waiting)").size() == 1);
    // Every event once or more (the two numbered theirs apart, so seqs repeat across them).
    CHECK(delivery_of(events.on("/event")).seq_of.size() == 9);
}

TEST_CASE(
    "mqtt: a station whose last run's \"online\" is still retained, or whose own is, goes on "
    "publishing",
    "[integration][mqtt][id-conflict]") {
    TempDir dir;
    Broker broker(dir, persistent_broker());  // retained messages survive its restarts
    broker.start();
    // The previous run ended in a power cut: its "online" is what the broker still holds.
    ChildProcess pub(
        {"/usr/bin/mosquitto_pub", "-h", "127.0.0.1", "-p", std::to_string(broker.port()), "-q",
         "1", "-r", "-t", "rollstation/itest/station/twin/status", "-m",
         R"({"v":1,"online":true,"boot_id":"boot-before-the-power-cut"})"},
        dir.path(), "pub");
    REQUIRE(pub.wait_for_exit(kDeadline) == 0);
    Subscriber events(broker.port(), watching("rollstation/itest/station/twin/event"));
    events.wait_ready();

    Twin station(dir, broker.port(), "after");
    station.play("after");
    require_eventually("the session to arrive", [&] { return events.count() == 3; });
    // The broker restarts: connecting again, the station finds its own "online".
    broker.stop();
    broker.start();
    require_eventually(
        "the station to connect again", [&] { return station.link->status().connected; },
        Millis{10'000});
    INFO(station.log.joined());
    CHECK(station.conflict().empty());
    CHECK(station.log.containing("another station").empty());
}

}  // namespace rs::itest
