// The durable outbox: every usage event is written here (numbered, with its payload) before it
// is published, and removed only when the broker has acknowledged it. The same database keeps
// the usage history the daily statistics come from, and the sessions open at a power cut.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/sqlite.hpp"

namespace rs::storage {

struct StoredEvent {
    std::int64_t seq = 0;  // per station, increasing across restarts
    std::string event_id;
    std::string payload;
};

// What the history remembers of each event, for the statistics.
struct HistoryRow {
    std::string type;
    std::int64_t ts_ms = 0;  // wall clock, UTC
    std::string session_id;
    std::string routine_id;
    std::string source;
    std::int64_t active_ms = 0;
    std::string reason;  // why a session was abandoned; empty otherwise
    // When it was recorded by the monotonic clock: the kernel boot it counts from and the offset
    // since then (unset for rows written without it). `synced`: the wall clock was synchronised,
    // so ts_ms can be trusted; an unsynchronised stamp is corrected by restamp() later.
    std::string boot_id;
    std::optional<std::int64_t> mono_ms;
    bool synced = true;
};

// "Now" for the bounds and for re-stamping: the wall clock, the monotonic clock of this boot
// and whether the wall clock is synchronised. Ages are measured on the monotonic clock for rows
// of this boot, and on the wall clock only for rows of other boots whose stamp and "now" are
// both synchronised: a step of the wall clock either way neither deletes nor keeps too long.
struct Moment {
    std::int64_t wall_ms = 0;
    std::int64_t mono_ms = 0;
    std::string boot_id;
    bool synced = true;
};

// One row of the usage history as kept, for backfill: the event as it was published (rows
// written before the history kept payloads have only `row`, and an empty event_id and payload).
struct HistoryEntry {
    std::int64_t seq = 0;
    std::string event_id;
    std::string payload;
    HistoryRow row;
};

struct OutboxLimits {
    std::int64_t max_events = 100'000;     // undelivered events kept at most
    std::chrono::hours max_age{24 * 30};   // and for at most this long
    std::chrono::hours history{24 * 400};  // statistics history
    // Set: the file never grows beyond this (SQLite then reports it full, as a full card does).
    std::int64_t max_database_bytes = 0;
};

struct RoutineStats {
    int sessions = 0;
    int completed = 0;
    int abandoned = 0;
};

// How the sessions that started in one local hour ended.
struct HourOutcomes {
    int completed = 0;
    int abandoned = 0;
    bool operator==(const HourOutcomes&) const = default;
};

struct DayStats {
    int sessions = 0;  // started
    int completed = 0;
    int abandoned = 0;
    // Abandoned sessions by reason ("user_stopped", ...); "unknown" for those recorded before
    // the history kept reasons.
    std::map<std::string, int> abandoned_by_reason;
    std::int64_t active_ms = 0;
    std::map<std::string, RoutineStats> by_routine;
    std::map<int, int> sessions_by_hour;  // local hour of day -> sessions started
    // Sessions that ended in the range, by the local hour they started (the hour they ended
    // when their start is no longer in the history), so they line up with sessions_by_hour.
    std::map<int, HourOutcomes> outcomes_by_hour;
};

// One message of the station's short retained history (see remember_recent).
struct RecentEntry {
    std::string topic;
    std::string payload;
};

struct OpenSession {
    std::string session_id;
    std::string snapshot;  // what the station needs to close it (routine, source, start, planned)
};

class Outbox {
  public:
    // Opens or creates the database. A damaged one (corrupt, not a database) is moved aside and
    // a fresh one started; `problem` then says so, for the log. Other failures (locked, no
    // permission, disk full) throw SqliteError and leave the file as it is.
    struct Opened {
        std::unique_ptr<Outbox> outbox;
        std::string problem;
    };
    static Opened open(const std::filesystem::path& file, OutboxLimits limits = {});

    // Numbers the event, builds its payload (which carries the number) and stores both with its
    // history row, in one durable transaction. The event is safe once this returns.
    StoredEvent append(const std::string& event_id, const HistoryRow& row,
                       const std::function<std::string(std::int64_t seq)>& payload,
                       std::int64_t now_ms);

    // What an event does to the sessions a power cut would leave open. It is written in the
    // event's own transaction: a crash between the two would otherwise leave a stored start
    // without its open session (never closed) or a stored end with its session still open (closed
    // a second time, as power_loss, at the next start).
    enum class SessionMark { none, opens, closes };

    // The same for several events in one transaction (one disk sync for all). All or none.
    struct NewEvent {
        std::string event_id;
        HistoryRow row;  // row.session_id names the session a mark opens or closes
        std::function<std::string(std::int64_t seq)> payload;
        SessionMark session = SessionMark::none;
        std::string snapshot;  // for `opens`: what the station needs to close it after a crash
    };
    std::vector<StoredEvent> append(const std::vector<NewEvent>& events, const Moment& now);
    // The same with only the wall clock known (tools and older tests): ages by the wall clock.
    std::vector<StoredEvent> append(const std::vector<NewEvent>& events, std::int64_t now_ms);

    // Once the wall clock is synchronised: the rows of `now.boot_id` recorded before that get
    // the stamp their monotonic offset gives (now.wall - (now.mono - mono)), in the history and,
    // through `rewrite(payload, ts_ms)`, in the waiting payloads. Returns how many of them had
    // already been sent with the old stamp (those need a correction sent after them): the ones
    // delivered and those still waiting up to `sent_through` (in flight).
    struct Restamped {
        std::int64_t waiting = 0;
        std::int64_t delivered = 0;
    };
    Restamped restamp(const Moment& now, std::int64_t sent_through,
                      const std::function<std::string(const std::string&, std::int64_t)>& rewrite);
    // Rows of this boot still stamped by an unsynchronised clock.
    std::int64_t unsynced(const std::string& boot_id);
    // The topic events are remembered under in the recent history (set by the station link;
    // empty: events are not remembered).
    void set_recent_event_topic(std::string topic) { recent_event_topic_ = std::move(topic); }

    // Waiting events in order, after `seq`.
    std::vector<StoredEvent> pending(std::int64_t after_seq, std::size_t limit);
    void acknowledge(std::int64_t seq);
    std::int64_t depth();
    std::int64_t dropped_total();  // events the size and age bounds have thrown away, ever
    // Events the station gave up before they could be stored (held in memory too long).
    void count_dropped(std::int64_t events);

    // Outside any event (tools and tests); the station marks sessions through its events.
    void session_opened(const std::string& session_id, const std::string& snapshot);
    void session_closed(const std::string& session_id);
    std::vector<OpenSession> open_sessions();
    // The history's events of one session in seq order, each as (type, payload as published):
    // how far a session a power cut left open had come, and whether its end is stored already.
    std::vector<std::pair<std::string, std::string>> session_events(const std::string& session_id);

    // The last messages a dashboard needs to rebuild its feed after a reload (session and sensor
    // events, commands and their answers), newest last; at most `keep` are kept. Events are
    // remembered by append() in their own transaction, once the station link
    // has named their topic (set_recent_event_topic).
    void remember_recent(const std::string& topic, const std::string& payload,
                         std::size_t keep = kRecentKept);
    std::vector<RecentEntry> recent();
    static constexpr std::size_t kRecentKept = 40;

    // Sessions between two wall-clock instants; `local_hour` turns an instant into local hours.
    DayStats stats(std::int64_t from_ms, std::int64_t to_ms,
                   const std::function<int(std::int64_t)>& local_hour);

    // Up to `limit` history rows from `since_ms` on (inclusive) with a seq above `after_seq`,
    // in seq order: one page of a backfill, the last row's seq being the next page's cursor.
    std::vector<HistoryEntry> history_page(std::int64_t since_ms, std::int64_t after_seq,
                                           std::size_t limit);

    // Damaged payloads found by pending() since the last call, one line each, for the log.
    std::vector<std::string> take_damage_reports() { return std::exchange(damage_reports_, {}); }
    std::int64_t quarantined_total();  // payloads set aside as damaged, ever

  private:
    Outbox(std::unique_ptr<Database> db, OutboxLimits limits);
    // Seqs from here on come after every seq this station gave, in this file or one set aside.
    void start_numbering(std::filesystem::path floor_file,
                         std::optional<std::int64_t> set_aside_seq);
    // Before `seq` is committed: the floor file says it is taken.
    void reserve_seq(std::int64_t seq);
    // A waiting payload that fails its checksum: moved to the quarantine table, counted.
    void quarantine(std::int64_t seq, const std::string& event_id, const std::string& payload,
                    std::int64_t checksum);
    void enforce_bounds(const Moment& now);

    void trim_recent(std::size_t keep);

    std::unique_ptr<Database> db_;
    OutboxLimits limits_;
    std::string recent_event_topic_;
    std::filesystem::path floor_file_;
    std::int64_t floor_ = 0;  // every seq given is below this
    std::vector<std::string> damage_reports_;
};

// The checksum stored with each payload (CRC-32).
std::int64_t payload_checksum(std::string_view payload);

}  // namespace rs::storage
