#include "storage/outbox.hpp"

#include <algorithm>

namespace rs::storage {
namespace {

// The events a dashboard's feed shows, and so the recent history keeps.
bool recent_event(const std::string& type) {
    return type == "session_started" || type == "session_completed" ||
           type == "session_abandoned" || type == "sensor_connected" || type == "sensor_lost";
}

}  // namespace

void Outbox::count_dropped(std::int64_t events) {
    if (events > 0)
        db_->prepare("UPDATE meta SET value = value + ? WHERE key = 'dropped'")
            .bind(1, events)
            .run();
}

StoredEvent Outbox::append(const std::string& event_id, const HistoryRow& row,
                           const std::function<std::string(std::int64_t)>& payload,
                           std::int64_t now_ms) {
    return append(std::vector<NewEvent>{{event_id, row, payload, SessionMark::none, {}}}, now_ms)
        .front();
}

std::vector<StoredEvent> Outbox::append(const std::vector<NewEvent>& events, std::int64_t now_ms) {
    return append(events, Moment{now_ms, now_ms, {}, true});
}

namespace {
void bind_clock(Statement& q, int first, const HistoryRow& row) {
    q.bind(first, row.boot_id);
    if (row.mono_ms)
        q.bind(first + 1, *row.mono_ms);
    else
        q.bind_null(first + 1);
    q.bind(first + 2, std::int64_t{row.synced ? 1 : 0});
}
}  // namespace

std::vector<StoredEvent> Outbox::append(const std::vector<NewEvent>& events, const Moment& now) {
    Transaction tx(*db_);
    Statement history = db_->prepare(
        "INSERT INTO history (type, ts_ms, session_id, routine_id, source, active_ms, reason, "
        "boot_id, mono_ms, synced) VALUES (?,?,?,?,?,?,?,?,?,?)");
    Statement outbox = db_->prepare(
        "INSERT INTO outbox (seq, event_id, payload, created_ms, boot_id, mono_ms, synced, "
        "checksum) VALUES (?,?,?,?,?,?,?,?)");
    // The payload carries the seq the history row just got, so it is written after the row.
    Statement published =
        db_->prepare("UPDATE history SET event_id = ?, payload = ?, checksum = ? WHERE seq = ?");
    std::vector<StoredEvent> stored;
    stored.reserve(events.size());
    for (const NewEvent& e : events) {
        history.reset();
        history.bind(1, e.row.type)
            .bind(2, e.row.ts_ms)
            .bind(3, e.row.session_id)
            .bind(4, e.row.routine_id)
            .bind(5, e.row.source)
            .bind(6, e.row.active_ms);
        if (e.row.reason.empty())
            history.bind_null(7);
        else
            history.bind(7, e.row.reason);
        bind_clock(history, 8, e.row);
        history.run();
        StoredEvent s;
        s.seq = db_->last_insert_rowid();
        reserve_seq(s.seq);
        s.event_id = e.event_id;
        s.payload = e.payload(s.seq);
        const std::int64_t checksum = payload_checksum(s.payload);
        outbox.reset();
        outbox.bind(1, s.seq).bind(2, s.event_id).bind(3, s.payload).bind(4, now.wall_ms);
        bind_clock(outbox, 5, e.row);
        outbox.bind(8, checksum);
        outbox.run();
        published.reset();
        published.bind(1, s.event_id).bind(2, s.payload).bind(3, checksum).bind(4, s.seq).run();
        if (e.session == SessionMark::opens)
            session_opened(e.row.session_id, e.snapshot);
        if (e.session == SessionMark::closes)
            session_closed(e.row.session_id);
        if (!recent_event_topic_.empty() && recent_event(e.row.type))
            remember_recent(recent_event_topic_, s.payload);
        stored.push_back(std::move(s));
    }
    enforce_bounds(now);
    tx.commit();
    return stored;
}

namespace {
// Rows older than `age` by "now": on the monotonic clock within this boot, on the wall clock
// across boots only when both stamps are synchronised. `wall` names the table's wall column.
std::string older_than(const std::string& wall) {
    return "(boot_id = :boot AND mono_ms IS NOT NULL AND mono_ms < :mono - :age) OR "
           "((boot_id <> :boot OR mono_ms IS NULL) AND synced = 1 AND :synced = 1 AND " +
           wall + " < :wall - :age)";
}
Statement& bind_age(Statement& q, const Moment& now, std::chrono::hours age) {
    return q.bind(1, now.boot_id)
        .bind(2, now.mono_ms)
        .bind(3, std::chrono::duration_cast<std::chrono::milliseconds>(age).count())
        .bind(4, std::int64_t{now.synced ? 1 : 0})
        .bind(5, now.wall_ms);
}
}  // namespace

void Outbox::enforce_bounds(const Moment& now) {
    // Full: keep the newest, count what goes. The count is published with the station status.
    Statement aged = db_->prepare(("DELETE FROM outbox WHERE " + older_than("created_ms")).c_str());
    bind_age(aged, now, limits_.max_age).run();
    std::int64_t dropped = db_->changes();
    db_->prepare(
           "DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox ORDER BY seq DESC LIMIT -1 "
           "OFFSET ?)")
        .bind(1, limits_.max_events)
        .run();
    dropped += db_->changes();
    if (dropped > 0)
        db_->prepare("UPDATE meta SET value = value + ? WHERE key = 'dropped'")
            .bind(1, dropped)
            .run();
    Statement history = db_->prepare(("DELETE FROM history WHERE " + older_than("ts_ms")).c_str());
    bind_age(history, now, limits_.history).run();
}

Outbox::Restamped Outbox::restamp(
    const Moment& now, std::int64_t sent_through,
    const std::function<std::string(const std::string&, std::int64_t)>& rewrite) {
    Restamped done;
    if (!now.synced || now.boot_id.empty())
        return done;
    const std::int64_t offset = now.wall_ms - now.mono_ms;  // wall = mono + offset, from now on
    Transaction tx(*db_);
    {
        Statement waiting = db_->prepare(
            "SELECT seq, payload, mono_ms FROM outbox WHERE boot_id = ? AND synced = 0 AND "
            "mono_ms IS NOT NULL");
        waiting.bind(1, now.boot_id);
        Statement update = db_->prepare(
            "UPDATE outbox SET payload = ?, checksum = ?, synced = 1, created_ms = ? WHERE seq = "
            "?");
        while (waiting.step()) {
            const std::int64_t ts = waiting.integer(2) + offset;
            const std::string payload = rewrite(waiting.text(1), ts);
            update.reset();
            update.bind(1, payload).bind(2, payload_checksum(payload)).bind(3, ts);
            update.bind(4, waiting.integer(0)).run();
            ++done.waiting;
        }
    }
    Statement delivered = db_->prepare(
        "SELECT COUNT(*) FROM history WHERE boot_id = ? AND synced = 0 AND mono_ms IS NOT NULL "
        "AND (seq <= ? OR seq NOT IN (SELECT seq FROM outbox))");
    delivered.bind(1, now.boot_id).bind(2, sent_through);
    delivered.step();
    done.delivered = delivered.integer(0);
    db_->prepare(
           "UPDATE history SET ts_ms = mono_ms + ?, synced = 1 WHERE boot_id = ? AND synced = 0 "
           "AND mono_ms IS NOT NULL")
        .bind(1, offset)
        .bind(2, now.boot_id)
        .run();
    tx.commit();
    return done;
}

std::int64_t Outbox::unsynced(const std::string& boot_id) {
    Statement q = db_->prepare("SELECT COUNT(*) FROM history WHERE boot_id = ? AND synced = 0");
    q.bind(1, boot_id);
    q.step();
    return q.integer(0);
}

std::vector<StoredEvent> Outbox::pending(std::int64_t after_seq, std::size_t limit) {
    std::vector<StoredEvent> out;
    struct Damaged {
        StoredEvent event;
        std::int64_t checksum;
    };
    std::vector<Damaged> damaged;
    {
        Statement q = db_->prepare(
            "SELECT seq, event_id, payload, checksum FROM outbox WHERE seq > ? ORDER BY seq "
            "LIMIT ?");
        q.bind(1, after_seq).bind(2, static_cast<std::int64_t>(limit));
        while (q.step()) {
            StoredEvent e{q.integer(0), q.text(1), q.text(2)};
            // Rows stored before checksums were kept have none, and are sent as they are.
            if (!q.is_null(3) && payload_checksum(e.payload) != q.integer(3))
                damaged.push_back({std::move(e), q.integer(3)});
            else
                out.push_back(std::move(e));
        }
    }
    for (const auto& d : damaged) {
        try {
            quarantine(d.event.seq, d.event.event_id, d.event.payload, d.checksum);
        } catch (const SqliteError&) {
            // Cannot be written now (locked, full): it waits, unpublished, for the next look.
        }
    }
    return out;
}

void Outbox::quarantine(std::int64_t seq, const std::string& event_id, const std::string& payload,
                        std::int64_t checksum) {
    {
        Transaction tx(*db_);
        db_->prepare(
               "INSERT OR REPLACE INTO quarantine (seq, event_id, payload, checksum, found_ms) "
               "VALUES (?, ?, CAST(? AS BLOB), ?, CAST(strftime('%s', 'now') AS INTEGER) * 1000)")
            .bind(1, seq)
            .bind(2, event_id)
            .bind(3, payload)
            .bind(4, checksum)
            .run();
        db_->prepare("DELETE FROM outbox WHERE seq = ?").bind(1, seq).run();
        // Never published: consumers see its seq missing, and dropped_events says why.
        db_->exec("UPDATE meta SET value = value + 1 WHERE key IN ('dropped', 'quarantined')");
        tx.commit();
    }
    damage_reports_.push_back("the stored event seq " + std::to_string(seq) + " (" + event_id +
                              ") failed its checksum: it was set aside in the quarantine table, "
                              "not published, and counted in dropped_events");
}

std::int64_t Outbox::quarantined_total() {
    Statement q = db_->prepare("SELECT value FROM meta WHERE key = 'quarantined'");
    return q.step() ? q.integer(0) : 0;
}

void Outbox::acknowledge(std::int64_t seq) {
    db_->prepare("DELETE FROM outbox WHERE seq = ?").bind(1, seq).run();
}

std::int64_t Outbox::depth() {
    Statement q = db_->prepare("SELECT COUNT(*) FROM outbox");
    q.step();
    return q.integer(0);
}

std::int64_t Outbox::dropped_total() {
    Statement q = db_->prepare("SELECT value FROM meta WHERE key = 'dropped'");
    return q.step() ? q.integer(0) : 0;
}

void Outbox::session_opened(const std::string& session_id, const std::string& snapshot) {
    db_->prepare("INSERT OR REPLACE INTO open_sessions (session_id, snapshot) VALUES (?,?)")
        .bind(1, session_id)
        .bind(2, snapshot)
        .run();
}

void Outbox::session_closed(const std::string& session_id) {
    db_->prepare("DELETE FROM open_sessions WHERE session_id = ?").bind(1, session_id).run();
}

std::vector<OpenSession> Outbox::open_sessions() {
    Statement q = db_->prepare("SELECT session_id, snapshot FROM open_sessions");
    std::vector<OpenSession> out;
    while (q.step())
        out.push_back({q.text(0), q.text(1)});
    return out;
}

void Outbox::remember_recent(const std::string& topic, const std::string& payload,
                             std::size_t keep) {
    db_->prepare("INSERT INTO recent (topic, payload) VALUES (?,?)")
        .bind(1, topic)
        .bind(2, payload)
        .run();
    trim_recent(keep);
}

void Outbox::trim_recent(std::size_t keep) {
    db_->prepare("DELETE FROM recent WHERE id <= (SELECT MAX(id) FROM recent) - ?")
        .bind(1, static_cast<std::int64_t>(keep))
        .run();
}

std::vector<RecentEntry> Outbox::recent() {
    Statement q = db_->prepare("SELECT topic, payload FROM recent ORDER BY id");
    std::vector<RecentEntry> out;
    while (q.step())
        out.push_back({q.text(0), q.text(1)});
    return out;
}

DayStats Outbox::stats(std::int64_t from_ms, std::int64_t to_ms,
                       const std::function<int(std::int64_t)>& local_hour) {
    DayStats d;
    // An end's hour is its session's start, looked up by session_id (indexed).
    Statement q = db_->prepare(
        "SELECT h.type, h.ts_ms, h.routine_id, h.active_ms, h.reason, "
        "CASE WHEN h.type = 'session_started' THEN h.ts_ms ELSE (SELECT s.ts_ms FROM history s "
        "WHERE s.session_id = h.session_id AND s.type = 'session_started' LIMIT 1) END "
        "FROM history h WHERE h.ts_ms >= ? AND h.ts_ms < ? "
        "AND h.type IN ('session_started', 'session_completed', 'session_abandoned')");
    q.bind(1, from_ms).bind(2, to_ms);
    while (q.step()) {
        const std::string type = q.text(0);
        const std::string routine = q.text(2);
        const int hour = local_hour(q.is_null(5) ? q.integer(1) : q.integer(5));
        if (type == "session_started") {
            ++d.sessions;
            ++d.by_routine[routine].sessions;
            ++d.sessions_by_hour[hour];
        } else {
            d.active_ms += q.integer(3);
            if (type == "session_completed") {
                ++d.completed;
                ++d.by_routine[routine].completed;
                ++d.outcomes_by_hour[hour].completed;
            } else {
                ++d.abandoned;
                ++d.by_routine[routine].abandoned;
                ++d.outcomes_by_hour[hour].abandoned;
                ++d.abandoned_by_reason[q.is_null(4) ? "unknown" : q.text(4)];
            }
        }
    }
    return d;
}

}  // namespace rs::storage
