// The admin way in: the hidden corner long-press, the PIN pad and its back-off, the panel's
// tasks, force calibration and the dimmed attract screen. All on an injected clock.
#include <catch2/catch.hpp>

#include "rollstation/core/kiosk.hpp"
#include "unit/support.hpp"

using namespace rs::core;
using rs::test::at;
using rs::test::ms;
using rs::test::sec;

namespace {

struct Station {
    KioskState state;
    Millis now{0};
    std::uint16_t seq = 0;
    KioskEffects last;

    Station() {
        state.settings.admin.pin_matches = [](const std::string& pin) { return pin == "2468"; };
        state.sensors.emplace_back(SensorSpec{"pad", "pad", 0});
        state.last_input = at(now).mono;
    }

    void act(const Action& a) {
        KioskUpdate u = update(std::move(state), a, at(now));
        state = std::move(u.state);
        last = std::move(u.effects);
    }
    // Time passes as the kiosk sees it: a Tick at each deadline up to `later`.
    void wait(Millis length) {
        const Millis end = now + length;
        while (auto deadline = next_deadline(state)) {
            const Millis next = std::chrono::duration_cast<Millis>(*deadline - at(Millis{0}).mono);
            if (next > end)
                break;
            now = std::max(now, next);
            act(act::Tick{});
        }
        now = end;
        act(act::Tick{});
    }
    void type(const std::string& pin) {
        for (char c : pin)
            act(act::PinDigit{c - '0'});
        act(act::PinEnter{});
    }
    void open_panel() {
        act(act::AdminCorner{true});
        wait(kAdminHold);
        act(act::AdminCorner{false});
        type("2468");
        REQUIRE(state.admin.view == AdminView::panel);
    }
    void force(double newtons, Millis length) {
        for (Millis end = now + length; now < end; now += ms(50)) {
            act::SensorBatch batch;
            batch.sensor_id = "pad";
            wire::Sample s;
            s.seq = seq++;
            s.t_ms = static_cast<std::uint32_t>(now.count());
            s.force_dn = static_cast<std::int32_t>(std::lround(newtons * 10));
            batch.messages.push_back(s);
            act(batch);
        }
    }
};

}  // namespace

TEST_CASE("holding the admin corner for five seconds opens the PIN pad", "[admin]") {
    Station st;
    st.act(act::AdminCorner{true});
    REQUIRE(next_deadline(st.state).has_value());
    st.wait(kAdminHold - ms(1));
    CHECK(st.state.admin.view == AdminView::closed);
    st.wait(ms(1));
    CHECK(st.state.admin.view == AdminView::pin);
}

TEST_CASE("letting go of the corner early opens nothing", "[admin]") {
    Station st;
    st.act(act::AdminCorner{true});
    st.wait(sec(4));
    st.act(act::AdminCorner{false});
    st.wait(sec(10));
    CHECK(st.state.admin.view == AdminView::closed);
}

TEST_CASE("the right PIN opens the panel and the pad never shows what was typed", "[admin]") {
    Station st;
    st.act(act::AdminCorner{true});
    st.wait(kAdminHold);
    st.act(act::AdminCorner{false});
    st.act(act::PinDigit{2});
    st.act(act::PinDigit{4});
    st.act(act::PinErase{});
    CHECK(st.state.admin.digits == "2");
    st.act(act::PinDigit{4});
    st.act(act::PinDigit{6});
    st.act(act::PinDigit{8});
    st.act(act::PinEnter{});
    CHECK(st.state.admin.view == AdminView::panel);
    CHECK(st.state.admin.digits.empty());
    CHECK(st.state.admin.failures == 0);
}

TEST_CASE("a PIN shorter than four digits is not tried", "[admin]") {
    Station st;
    st.act(act::AdminCorner{true});
    st.wait(kAdminHold);
    st.type("246");
    CHECK(st.state.admin.view == AdminView::pin);
    CHECK(st.state.admin.failures == 0);
    CHECK(st.state.admin.digits == "246");
}

TEST_CASE("wrong PINs lock the pad for longer each time", "[admin]") {
    CHECK(lockout_after(2) == Millis{0});
    CHECK(lockout_after(3) == sec(30));
    CHECK(lockout_after(4) == sec(60));
    CHECK(lockout_after(5) == sec(120));
    CHECK(lockout_after(40) == kLongestLockout);

    Station st;
    st.act(act::AdminCorner{true});
    st.wait(kAdminHold);
    st.type("1111");
    st.type("2222");
    CHECK(st.state.admin.last_wrong);
    CHECK_FALSE(st.state.admin.locked_until);
    st.type("3333");
    REQUIRE(st.state.admin.locked_until);
    // Locked: even the right PIN is not taken, and the digits do not go in.
    st.type("2468");
    CHECK(st.state.admin.view == AdminView::pin);
    CHECK(st.state.admin.digits.empty());
    st.wait(sec(30));
    CHECK_FALSE(st.state.admin.locked_until);
    st.type("4444");  // the fourth wrong PIN locks for a minute
    REQUIRE(st.state.admin.locked_until);
    CHECK(*st.state.admin.locked_until - at(st.now).mono == sec(60));
    st.wait(sec(60));
    st.type("2468");
    CHECK(st.state.admin.view == AdminView::panel);
    CHECK(st.state.admin.failures == 0);
}

TEST_CASE("without a PIN set the pad opens nothing", "[admin]") {
    Station st;
    st.state.settings.admin.pin_matches = nullptr;
    st.act(act::AdminCorner{true});
    st.wait(kAdminHold);
    st.type("2468");
    CHECK(st.state.admin.view == AdminView::pin);
}

TEST_CASE("the panel's tasks reach the shell only from an open panel", "[admin]") {
    Station st;
    st.act(act::RunAdminTask{AdminTask::restart});
    CHECK(st.last.admin_tasks.empty());
    st.open_panel();
    st.act(act::RunAdminTask{AdminTask::reload});
    REQUIRE(st.last.admin_tasks.size() == 1);
    CHECK(st.last.admin_tasks[0] == AdminTask::reload);
}

TEST_CASE("an unattended panel closes itself after two minutes", "[admin]") {
    Station st;
    st.open_panel();
    st.wait(sec(60));
    st.act(act::RunAdminTask{AdminTask::test_sound});  // a touch keeps it open
    st.wait(sec(119));
    CHECK(st.state.admin.view == AdminView::panel);
    st.wait(sec(1));
    CHECK(st.state.admin.view == AdminView::closed);
}

TEST_CASE("calibration zeroes the sensor and scales it by a known weight", "[admin][calibration]") {
    Station st;
    st.open_panel();
    st.force(12, sec(1));  // an empty pad that reads 12 N
    st.act(act::StartCalibration{"pad"});
    REQUIRE(st.state.admin.view == AdminView::calibrate);
    st.act(act::CalibrationZero{});
    REQUIRE(st.state.admin.step == AdminState::Step::weight);
    st.act(act::CalibrationWeight{-10});  // 20 kg - 10 = 10 kg
    CHECK(st.state.admin.known_kg == 10);
    st.force(12 + 49.0, sec(1));  // the device reads half the true 98 N
    st.act(act::CalibrationMeasure{});
    REQUIRE(st.state.admin.step == AdminState::Step::done);
    REQUIRE(st.last.calibrations.size() == 1);
    const Calibration c = st.last.calibrations[0].second;
    CHECK(st.last.calibrations[0].first == "pad");
    CHECK(c.zero_n == Approx(12).margin(0.2));
    CHECK(c.scale == Approx(2.0).epsilon(0.01));
    // From now on the readings are corrected: 12 + 100 raw is 200 N.
    st.force(112, sec(1));
    REQUIRE(gauge_force(st.state.sensors));
    CHECK(*gauge_force(st.state.sensors) == Approx(200).margin(1));
}

TEST_CASE("calibration refuses a weight that did not move the reading", "[admin][calibration]") {
    Station st;
    st.open_panel();
    st.force(0, sec(1));
    st.act(act::StartCalibration{"pad"});
    st.act(act::CalibrationZero{});
    st.force(2, sec(1));
    st.act(act::CalibrationMeasure{});
    CHECK(st.state.admin.step == AdminState::Step::weight);
    CHECK_FALSE(st.state.admin.calibration_error.empty());
    CHECK(st.last.calibrations.empty());
    CHECK(st.state.sensors[0].calibration == Calibration{});
}

TEST_CASE("calibration without a reading says so", "[admin][calibration]") {
    Station st;
    st.state.sensors[0].hello = wire::Hello{};
    st.state.sensors[0].hello->measures_force = true;
    st.open_panel();
    st.act(act::StartCalibration{"pad"});
    st.act(act::CalibrationZero{});
    CHECK(st.state.admin.step == AdminState::Step::zero);
    CHECK(st.state.admin.calibration_error.find("linked") != std::string::npos);
}

TEST_CASE("the idle attract screen dims and the next touch only wakes it", "[admin][dim]") {
    Station st;
    st.state.settings.dim_after_s = 300;
    st.wait(sec(299));
    CHECK_FALSE(st.state.dimmed);
    st.wait(sec(1));
    CHECK(st.state.dimmed);
    st.act(act::Wake{});
    CHECK_FALSE(st.state.dimmed);
    CHECK(st.state.screen == Screen::home);
    st.wait(sec(10));
    CHECK_FALSE(st.state.dimmed);
}

TEST_CASE("a screen in use never dims", "[admin][dim]") {
    Station st;
    st.state.settings.dim_after_s = 60;
    st.act(act::OpenLibrary{});
    st.wait(sec(80));  // the library's idle timeout (90 s) has not come yet
    CHECK_FALSE(st.state.dimmed);
    st.state.settings.dim_after_s = 0;
    st.act(act::GoHome{});
    st.wait(sec(3600));
    CHECK_FALSE(st.state.dimmed);
}

TEST_CASE("an idle home screen wakes the kiosk once to dim, then sleeps", "[admin][dim]") {
    Station st;
    st.state.settings.dim_after_s = 120;
    REQUIRE(next_deadline(st.state).has_value());
    CHECK(*next_deadline(st.state) == at(sec(120)).mono);
    st.wait(sec(120));
    CHECK(st.state.dimmed);
    CHECK_FALSE(next_deadline(st.state).has_value());
}
