// The inbox between the I/O thread and the UI: a streaming sensor wakes the UI at most once per
// patience, nothing it sends is lost or waits longer, and every other action wakes it at once.
#include <catch2/catch.hpp>

#include "app/inbox.hpp"

using namespace rs;
using namespace std::chrono_literals;

namespace {

struct FakeSteady {
    app::Inbox::Steady::time_point now{};
    std::function<app::Inbox::Steady::time_point()> source() {
        return [this] { return now; };
    }
};

core::Action batch(const std::string& sensor, int samples) {
    core::act::SensorBatch b;
    b.sensor_id = sensor;
    b.messages.resize(static_cast<std::size_t>(samples));
    return b;
}

std::size_t samples_in(const std::vector<core::Action>& actions) {
    std::size_t n = 0;
    for (const auto& a : actions)
        if (const auto* b = core::action_as<core::act::SensorBatch>(a))
            n += b->messages.size();
    return n;
}

}  // namespace

TEST_CASE("without a patience every sensor batch wakes the UI", "[app][inbox]") {
    FakeSteady clock;
    app::Inbox inbox(0, clock.source());
    for (int i = 0; i < 5; ++i) {
        inbox.post(batch("roller", 1));
        clock.now += 10ms;
    }
    CHECK(inbox.wakes() == 5);
    CHECK_FALSE(inbox.sensor_wait_cap());
    CHECK(samples_in(inbox.take()) == 5);
}

TEST_CASE("a 100 Hz stream wakes the UI once per patience and loses no sample", "[app][inbox]") {
    FakeSteady clock;
    app::Inbox inbox(0, clock.source());
    inbox.set_sensor_patience(50ms);
    CHECK_FALSE(inbox.sensor_wait_cap());  // nothing streams yet: the loop may sleep long

    std::size_t taken = 0;
    for (int i = 0; i < 100; ++i) {  // one second of samples, the UI taking them every 30 ms
        inbox.post(batch("roller", 1));
        if (i % 3 == 2)
            taken += samples_in(inbox.take());
        clock.now += 10ms;
    }
    taken += samples_in(inbox.take());
    CHECK(taken == 100);
    CHECK(inbox.wakes() == 20);  // once every 50 ms, not 100 times
    // While it streams the loop sleeps no longer than the patience, so no sample waits longer.
    REQUIRE(inbox.sensor_wait_cap());
    CHECK(*inbox.sensor_wait_cap() == 50ms);

    // Two seconds after the last sample the loop may sleep as long as it likes again.
    clock.now += app::Inbox::kStreamMemory + 1ms;
    CHECK_FALSE(inbox.sensor_wait_cap());
    // The first sample after a quiet spell wakes the UI at once.
    inbox.post(batch("roller", 1));
    CHECK(inbox.wakes() == 21);
}

TEST_CASE("actions other than sensor batches always wake the UI", "[app][inbox]") {
    FakeSteady clock;
    app::Inbox inbox(0, clock.source());
    inbox.set_sensor_patience(50ms);
    inbox.post(batch("roller", 2));
    inbox.post(batch("roller", 3));  // folded into the waiting one, without a wake
    inbox.post(core::act::Tick{});
    CHECK(inbox.wakes() == 2);
    const auto actions = inbox.take();
    REQUIRE(actions.size() == 2);
    CHECK(samples_in(actions) == 5);
    CHECK(inbox.empty());
}
