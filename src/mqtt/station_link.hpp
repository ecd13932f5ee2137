// The station's link to the facility: usage events go into the durable outbox first and to the
// broker after, retained status, state and daily statistics are kept current, telemetry flows
// while a session runs. Everything here runs on the I/O thread; the public calls only post.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "io/io_thread.hpp"
#include "mqtt/id_guard.hpp"
#include "mqtt/mqtt_client.hpp"
#include "mqtt/topics.hpp"
#include "rollstation/core/clock.hpp"
#include "rollstation/core/clock_sync.hpp"
#include "rollstation/core/commands.hpp"
#include "rollstation/core/events.hpp"
#include "rollstation/core/library.hpp"
#include "storage/outbox.hpp"

namespace rs::mqtt {

struct LinkSettings {
    Topics topics;
    std::string station_name;                      // the display name, in the status
    std::vector<std::string> groups;               // their command topics are followed too
    std::shared_ptr<const core::Library> library;  // to check routine ids in commands
    // The house language: the routine titles the station publishes are in it.
    core::Language language = core::Language::en;
    std::optional<ClientSettings> broker;  // none: events are kept, nothing is published
    std::filesystem::path database;
    storage::OutboxLimits limits;
    std::string version;
    std::string boot_id;
    core::WallTime started_at{};
    std::string timezone = "UTC";  // the process's TZ must already be set to it (see main)
    std::size_t window = 50;       // events published and not yet acknowledged, at most
    // Events held in memory while the database cannot be written, at most; beyond it the
    // oldest are given up and counted in dropped_events (10,000 is about a week of use).
    std::size_t max_held_events = 10'000;
    // How a station finds and waits out another station with its id (see IdGuard).
    GuardTimes id_guard;
    // Set: announce the station to Home Assistant under this discovery prefix.
    std::optional<std::string> home_assistant_prefix;
};

struct LinkStatus {
    bool connected = false;
    std::int64_t outbox_depth = 0;
    std::int64_t dropped = 0;
    std::string storage_problem;  // why events are not being stored right now (empty: they are)
    std::string id_conflict;      // why nothing is being published (empty: nothing stops it)
    std::size_t held_events = 0;  // waiting in memory for the database
    int sessions_today = 0;       // the facility-local day, as the retained stats last said
    std::int64_t active_ms_today = 0;
    bool clock_synced = true;  // the wall clock is synchronised (NTP, an RTC)
};

class StationLink {
  public:
    using Log = std::function<void(const std::string&)>;

    // Opens the outbox, closes sessions a power cut left open (as session_abandoned with reason
    // power_loss) and connects. Returns once the outbox is open.
    // `clock` stamps what the link itself writes (power-loss closings, statistics, answers) and
    // finds the facility's midnight; events keep the time they were made at. `sync` says whether
    // that wall clock is synchronised: events recorded before it is are re-stamped once it is.
    StationLink(io::IoThread& io, LinkSettings settings, Log log,
                const core::Clock& clock = system_clock(),
                const core::ClockSync& sync = system_sync());
    // Says "offline" (retained) and disconnects cleanly, waiting a moment for the broker.
    ~StationLink();
    StationLink(const StationLink&) = delete;
    StationLink& operator=(const StationLink&) = delete;

    // From any thread.
    void record(const core::UsageEvent& event, std::string event_id);
    void publish_state(std::string payload);
    void publish_telemetry(std::string payload);
    // Where checked commands go (the UI's inbox). Commands that arrive before this is set wait.
    void on_commands(std::function<void(core::Command)> deliver);
    // Stops delivering commands, waiting until none is being delivered (before the UI goes).
    void detach_commands();
    // The station's answer to a command, on cmd/result (and the MQTT 5 response topic).
    void publish_result(const core::CommandResult& result);
    LinkStatus status();  // waits for the I/O thread

    static const core::Clock& system_clock();
    // The kernel's NTP state, or the file ROLLSTATION_CLOCK_SYNC_FLAG names.
    static const core::ClockSync& system_sync();

  private:
    struct Impl;
    io::IoThread& io_;
    std::shared_ptr<Impl> impl_;
};

}  // namespace rs::mqtt
