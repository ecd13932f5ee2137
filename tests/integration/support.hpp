// Helpers shared by the integration tests: waiting on conditions (never on the clock alone),
// temporary folders, free loopback ports, child processes that are always reaped, one-off
// publishing with mosquitto_pub, and a small station that runs a SensorHub's actions through the
// kiosk's pure update.
#pragma once

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "app/inbox.hpp"
#include "io/asio.hpp"
#include "kit/ports.hpp"
#include "kit/process.hpp"
#include "kit/temp_dir.hpp"
#include "kit/wait.hpp"
#include "rollstation/core/clock.hpp"
#include "rollstation/core/kiosk.hpp"
#include "rollstation/core/source_spec.hpp"
#include "rollstation/core/wire.hpp"
#include "sensors/sensor_hub.hpp"
#include "sensors/simulator.hpp"
#include "tools/pty.hpp"

namespace rs::itest {

using namespace std::chrono_literals;
using Millis = std::chrono::milliseconds;

// How long a wait gives a condition before the test fails.
inline constexpr Millis kDeadline{5000};

// ---------------------------------------------------------------------------------------------
// Waiting

// Polls `condition` until it holds (true) or `limit` has passed (false).
template <typename Condition>
bool wait_until(Condition&& condition, Millis limit = kDeadline) {
    return kit::wait_until(std::forward<Condition>(condition), limit);
}

// As wait_until, but a condition that never comes fails the test, saying what it waited for.
template <typename Condition>
void require_eventually(const std::string& what, Condition&& condition, Millis limit = kDeadline) {
    if (!wait_until(std::forward<Condition>(condition), limit))
        FAIL("gave up after " << limit.count() << " ms waiting for " << what);
}

// ---------------------------------------------------------------------------------------------
// Files

using kit::read_text;
using kit::TempDir;

// ---------------------------------------------------------------------------------------------
// Loopback networking

inline boost::asio::io_context& test_io() {
    static boost::asio::io_context io;
    return io;
}

using kit::free_udp_port;

// A device on the loopback network: its own socket (so its own sender port) and a target.
class UdpSender {
  public:
    UdpSender(const std::string& host, int port)
        : target_(boost::asio::ip::make_address(host), static_cast<unsigned short>(port)),
          socket_(test_io(), boost::asio::ip::udp::endpoint(target_.address(), 0)) {}
    void send(std::string_view datagram) {
        socket_.send_to(boost::asio::buffer(datagram.data(), datagram.size()), target_);
    }
    // `bytes` cut at line ends into datagrams of at most `lines_per_datagram` lines each.
    void send_lines(std::string_view bytes, int lines_per_datagram) {
        while (!bytes.empty()) {
            std::size_t end = 0;
            for (int i = 0; i < lines_per_datagram && end < bytes.size(); ++i) {
                const auto nl = bytes.find('\n', end);
                end = nl == std::string_view::npos ? bytes.size() : nl + 1;
            }
            send(bytes.substr(0, end));
            bytes.remove_prefix(end);
        }
    }

  private:
    boost::asio::ip::udp::endpoint target_;
    boost::asio::ip::udp::socket socket_;
};

// ---------------------------------------------------------------------------------------------
// Child processes

// A program run with fork/exec, its output in `<name>.out` and `<name>.err` in `output_dir`.
class ChildProcess : public kit::Process {
  public:
    ChildProcess(std::vector<std::string> argv, const std::filesystem::path& output_dir,
                 const std::string& name)
        : kit::Process(std::move(argv),
                       {output_dir / (name + ".out"), output_dir / (name + ".err")}) {}
    // Asks politely (SIGTERM), then insists (SIGKILL); always reaps.
    void kill_and_reap() { stop(); }
};

// `payload` published once to `topic` at QoS 1 (retained when asked) by mosquitto_pub on the
// broker at loopback `port`, which must succeed within the deadline.
inline void publish_once(const TempDir& dir, int port, const std::string& topic,
                         const std::string& payload, bool retained = false) {
    std::vector<std::string> argv{"/usr/bin/mosquitto_pub",
                                  "-h",
                                  "127.0.0.1",
                                  "-p",
                                  std::to_string(port),
                                  "-q",
                                  "1",
                                  "-t",
                                  topic,
                                  "-m",
                                  payload};
    if (retained)
        argv.push_back("-r");
    ChildProcess pub(argv, dir.path(), "pub");
    REQUIRE(pub.wait_for_exit(kDeadline) == 0);
}

// ---------------------------------------------------------------------------------------------
// Sensors

inline core::SourceSpec spec(const std::string& text) {
    const core::SpecParse parsed = core::parse_source(text);
    INFO(parsed.error);
    REQUIRE(parsed.spec);
    return *parsed.spec;
}

inline std::string serial_source(const std::filesystem::path& device) {
    return "serial:" + device.string() + "@115200";
}

// The lines (good or with a bad checksum) a stream of simulator bytes holds: every frame the
// simulator builds starts with "$RS"; its garbage noise is not counted.
inline std::size_t frames_in(std::string_view bytes) {
    std::size_t n = 0;
    for (auto at = bytes.find("$RS"); at != std::string_view::npos; at = bytes.find("$RS", at + 1))
        ++n;
    return n;
}

// A simulated device and how far along its own clock it has been asked to speak.
struct Device {
    explicit Device(core::SimProfile profile, std::string device_id = "sim-roller",
                    std::uint32_t seed = 1)
        : sim(sensors::SimSettings{profile, 100, std::move(device_id), "sim-1.0", 471, seed}) {}
    // Everything sent from the last call up to device time `to` (seconds).
    std::string until(double to) {
        t = to;
        return sim.emit_until(to);
    }
    sensors::Simulator sim;
    double t = 0;
};

// A SensorHub posting into an Inbox, and the kiosk's pure update applied to what it posts: the
// same path as the kiosk, without SDL. No Tick is sent, so a sensor is only marked lost by a
// SensorLink{up=false} from its source, never by the wall clock.
class SensorStation {
  public:
    explicit SensorStation(std::vector<sensors::SensorBinding> bindings)
        : bindings_(std::move(bindings)) {
        for (const auto& b : bindings_)
            state.sensors.emplace_back(core::SensorSpec{b.sensor_id, "roller", 0});
        sensors::Outputs out;
        out.post = [this](core::Action a) { inbox_.post(std::move(a)); };
        out.report = [this](const std::string&, const std::string& problem) {
            std::lock_guard lock(problems_mutex_);
            problems_.push_back(problem);
        };
        hub_ = std::make_unique<sensors::SensorHub>(bindings_, out, errors_);
    }
    ~SensorStation() { hub_.reset(); }  // the I/O thread stops before the inbox goes
    SensorStation(const SensorStation&) = delete;
    SensorStation& operator=(const SensorStation&) = delete;

    // What the sources reported about their links so far.
    std::vector<std::string> problems() {
        std::lock_guard lock(problems_mutex_);
        return problems_;
    }

    // Takes what the I/O thread posted and runs it through core::update.
    void pump() {
        for (auto& action : inbox_.take()) {
            if (const auto* link = core::action_as<core::act::SensorLink>(action))
                links.push_back(*link);
            if (const auto* batch = core::action_as<core::act::SensorBatch>(action)) {
                ++batches[batch->sensor_id];
                for (const auto& m : batch->messages) {
                    if (const auto* s = std::get_if<core::wire::Sample>(&m))
                        samples[batch->sensor_id].push_back(*s);
                    if (const auto* h = std::get_if<core::wire::Hello>(&m))
                        hellos[batch->sensor_id].push_back(*h);
                }
            }
            core::KioskUpdate result = core::update(std::move(state), action, clock_.now());
            state = std::move(result.state);
            for (auto& e : result.effects.events)
                events.push_back(std::move(e));
        }
    }

    const core::SensorState& sensor(const std::string& id) const {
        for (const auto& s : state.sensors) {
            if (s.spec.id == id)
                return s;
        }
        FAIL("no sensor " << id);
        throw std::logic_error("unreachable");
    }
    // Good lines plus lines with a bad checksum: every frame that arrived whole.
    std::uint64_t frames_seen(const std::string& id) const {
        const auto& c = sensor(id).counters;
        return c.lines + c.bad_checksum;
    }
    int link_count(const std::string& id, bool up) const {
        int n = 0;
        for (const auto& l : links)
            n += l.sensor_id == id && l.up == up;
        return n;
    }
    int event_count(core::EventType type, const std::string& id) const {
        int n = 0;
        for (const auto& e : events)
            n += e.type == type && e.sensor_id == id;
        return n;
    }
    const std::vector<std::string>& errors() const { return errors_; }

    // Pumps until the sensor has `count` more whole frames than `before`.
    void wait_for_frames(const std::string& id, std::uint64_t before, std::size_t count) {
        require_eventually(std::to_string(count) + " more lines from " + id, [&] {
            pump();
            return frames_seen(id) >= before + count;
        });
    }

    // Sends the device's output up to device time `to`, a second (or `step`) at a time through
    // `write`, waiting after each piece until every line of it has been parsed: nothing is
    // dropped for want of buffer space, and the result does not depend on timing.
    template <typename Write>
    void feed(const std::string& id, Device& device, double to, Write&& write, double step = 1.0) {
        while (device.t < to) {
            const std::string bytes = device.until(std::min(to, device.t + step));
            const std::uint64_t before = frames_seen(id);
            write(std::string_view(bytes));
            wait_for_frames(id, before, frames_in(bytes));
        }
    }

    core::KioskState state;
    std::vector<core::act::SensorLink> links;
    std::map<std::string, int> batches;
    std::map<std::string, std::vector<core::wire::Sample>> samples;
    std::map<std::string, std::vector<core::wire::Hello>> hellos;
    std::vector<core::UsageEvent> events;

  private:
    std::vector<sensors::SensorBinding> bindings_;
    core::SystemClock clock_;
    app::Inbox inbox_;
    std::vector<std::string> errors_;
    std::mutex problems_mutex_;
    std::vector<std::string> problems_;        // what the sources reported
    std::unique_ptr<sensors::SensorHub> hub_;  // last: it posts into the inbox
};

// A writer for SensorStation::feed that puts the bytes into a pseudo-terminal.
inline auto into(tools::PseudoTerminal& pty) {
    return [&pty](std::string_view bytes) { pty.write(bytes); };
}

}  // namespace rs::itest
