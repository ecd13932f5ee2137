// A kiosk state with sensors, driven by hand: made-up devices that roll, hold and press, and a
// station that feeds their batches through rs::core::update. Shared by the kiosk tests (with or
// without sensors) and the session engine's sensor tests.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "rollstation/core/clock.hpp"
#include "rollstation/core/kiosk.hpp"
#include "rollstation/core/station_sensors.hpp"
#include "rollstation/core/wire.hpp"
#include "unit/support.hpp"

namespace rs::test::sensors {

using namespace rs::core;

inline RoutinePtr single_step(const std::string& id, Pressure pressure,
                              std::optional<Timer> timer = std::nullopt) {
    Step step = make_step(Area::thoracic_spine, Side::both, 20);
    step.pressure = pressure;  // tempo stays the default 2-4 s per pass
    Routine r = make_routine(id, id, Purpose::recovery, Level::beginner, {step});
    r.timer = timer;
    return std::make_shared<const Routine>(std::move(r));
}

// Every routine: get ready 5 s, then one 20 s segment (5-25 s after the start).
inline std::shared_ptr<const Library> sensor_library() {
    return std::make_shared<const Library>(std::vector<RoutinePtr>{
        single_step("moderate-one", Pressure::moderate),
        single_step("light-one", Pressure::light),
        single_step("firm-one", Pressure::firm),
        single_step("active-one", Pressure::moderate, Timer::active),
    });
}

inline SensorSpec roller_spec(int circumference_mm = 471) {
    return SensorSpec{"roller-1", "roller", circumference_mm};
}
inline SensorSpec pad_spec() {
    return SensorSpec{"pad-1", "pad", 0};
}

inline wire::Message hello(bool rotation, bool force,
                           std::optional<int> circumference = std::nullopt) {
    wire::Hello h;
    h.device_id = "dev";
    h.firmware = "1.0";
    h.measures_rotation = rotation;
    h.measures_force = force;
    h.circumference_mm = circumference;
    return h;
}

// One sensor's device: a sample every 20 ms of its own clock. Rolling moves 1 mrev per ms as a
// triangle wave whose one-way pass lasts `pass`, so with the default 150 mrev reversal a pass is
// counted 150 ms after each turning point and every pass lasts exactly `pass`.
class Device {
  public:
    std::vector<wire::Message> roll(Millis duration, Millis pass, std::optional<double> force_n) {
        std::vector<wire::Message> out;
        const long long p = pass.count();
        for (long long i = 0; i < duration.count() / kStepMs; ++i) {
            const long long phase = travel_ms_ % (2 * p);
            position_ = static_cast<std::int32_t>(phase <= p ? phase : 2 * p - phase);
            out.emplace_back(next(position_, force_n));
            travel_ms_ += kStepMs;
        }
        return out;
    }
    std::vector<wire::Message> still(Millis duration, std::optional<double> force_n) {
        std::vector<wire::Message> out;
        for (long long i = 0; i < duration.count() / kStepMs; ++i)
            out.emplace_back(next(position_, force_n));
        return out;
    }
    // A pad: force only, no rotation.
    std::vector<wire::Message> press(Millis duration, double force_n) {
        std::vector<wire::Message> out;
        for (long long i = 0; i < duration.count() / kStepMs; ++i)
            out.emplace_back(next(std::nullopt, force_n));
        return out;
    }

  private:
    static constexpr long long kStepMs = 20;
    wire::Sample next(std::optional<std::int32_t> position, std::optional<double> force_n) {
        wire::Sample s;
        s.seq = seq_++;
        s.t_ms = t_ms_;
        s.rotation_mrev = position;
        if (force_n)
            s.force_dn = static_cast<std::int32_t>(*force_n * 10);
        t_ms_ += kStepMs;
        return s;
    }
    std::uint16_t seq_ = 0;
    std::uint32_t t_ms_ = 0;
    long long travel_ms_ = 0;
    std::int32_t position_ = 0;
};

inline constexpr Millis kBatch{100};

struct Station {
    KioskState state;
    KioskEffects last;
    std::vector<UsageEvent> events;
    std::map<std::string, Device> devices;
    std::vector<std::pair<Millis, CoachCue>> cue_log;  // the live cue after every action

    explicit Station(std::vector<SensorSpec> specs = {roller_spec(), pad_spec()}) {
        state.library = sensor_library();
        state.safety = std::make_shared<const SafetyNotice>(
            SafetyNotice{"Before you roll", {"Stop at once if you feel sharp pain."}});
        state.settings.idle_timeout_s = 90;
        state.last_input = mono_at(Millis{0});
        for (auto& spec : specs)
            state.sensors.emplace_back(std::move(spec));
    }
    void act(const Action& action, Millis t) {
        KioskUpdate u = update(std::move(state), action, at(t));
        state = std::move(u.state);
        last = std::move(u.effects);
        events.insert(events.end(), last.events.begin(), last.events.end());
        cue_log.emplace_back(t, state.cue);
    }
    void tick(Millis t) { act(act::Tick{}, t); }
    void send(const std::string& id, std::vector<wire::Message> messages, Millis t) {
        act::SensorBatch batch;
        batch.sensor_id = id;
        batch.counters.lines = messages.size();
        batch.messages = std::move(messages);
        act(batch, t);
    }
    void link(const std::string& id, bool up, Millis t) { act(act::SensorLink{id, up}, t); }
    void start(const std::string& routine_id, Millis t, const std::string& session_id = "sess-1") {
        act(act::OpenLibrary{}, t);
        act(act::OpenRoutine{routine_id}, t);
        act(act::StartRoutine{session_id}, t);
        if (state.safety_visible)
            act(act::AcknowledgeSafety{}, t);
    }
    // A batch every 100 ms after `from` up to `until`, each holding the device's last 100 ms.
    void roll(Millis from, Millis until, Millis pass, std::optional<double> force,
              const std::string& id = "roller-1") {
        for (Millis t = from + kBatch; t <= until; t += kBatch)
            send(id, devices[id].roll(kBatch, pass, force), t);
    }
    void still(Millis from, Millis until, std::optional<double> force,
               const std::string& id = "roller-1") {
        for (Millis t = from + kBatch; t <= until; t += kBatch)
            send(id, devices[id].still(kBatch, force), t);
    }
    void press(Millis from, Millis until, double force, const std::string& id = "pad-1") {
        for (Millis t = from + kBatch; t <= until; t += kBatch)
            send(id, devices[id].press(kBatch, force), t);
    }
    const SensorState& sensor(const std::string& id) const {
        for (const auto& s : state.sensors) {
            if (s.spec.id == id)
                return s;
        }
        FAIL("no sensor " << id);
        return state.sensors.front();
    }
    std::vector<UsageEvent> of_type(EventType type) const {
        std::vector<UsageEvent> out;
        for (const auto& e : events)
            if (e.type == type)
                out.push_back(e);
        return out;
    }
    // The distinct cues seen after actions from `from` to `until`, both included.
    std::vector<CoachCue> cues_between(Millis from, Millis until) const {
        std::vector<CoachCue> out;
        for (const auto& [t, cue] : cue_log) {
            if (t >= from && t <= until && std::find(out.begin(), out.end(), cue) == out.end())
                out.push_back(cue);
        }
        return out;
    }
    // The first time the cue showed, if it did.
    std::optional<Millis> first_shown(CoachCue cue) const {
        for (const auto& [t, c] : cue_log) {
            if (c == cue)
                return t;
        }
        return std::nullopt;
    }
};

inline const std::vector<CoachCue> kNoCue{CoachCue::none};

}  // namespace rs::test::sensors
