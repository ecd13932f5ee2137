#include "storage/outbox.hpp"

#include <algorithm>
#include <ctime>
#include <system_error>

namespace rs::storage {
namespace fs = std::filesystem;
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS history (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    type       TEXT NOT NULL,
    ts_ms      INTEGER NOT NULL,
    session_id TEXT,
    routine_id TEXT,
    source     TEXT,
    active_ms  INTEGER NOT NULL DEFAULT 0,
    reason     TEXT,
    event_id   TEXT,
    payload    TEXT
);
CREATE INDEX IF NOT EXISTS history_ts ON history (ts_ms);
CREATE TABLE IF NOT EXISTS outbox (
    seq        INTEGER PRIMARY KEY,
    event_id   TEXT NOT NULL UNIQUE,
    payload    TEXT NOT NULL,
    created_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS open_sessions (
    session_id TEXT PRIMARY KEY,
    snapshot   TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT OR IGNORE INTO meta (key, value) VALUES ('dropped', 0);
CREATE TABLE IF NOT EXISTS recent (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    topic   TEXT NOT NULL,
    payload TEXT NOT NULL
);
)sql";

// Indexes and columns added after the first release, for databases made by it.
void upgrade(Database& db) {
    bool has_reason = false, has_payload = false;
    Statement columns = db.prepare("PRAGMA table_info(history)");
    while (columns.step()) {
        has_reason = has_reason || columns.text(1) == "reason";
        has_payload = has_payload || columns.text(1) == "payload";
    }
    if (!has_reason)
        db.exec("ALTER TABLE history ADD COLUMN reason TEXT");
    // The event as published, for backfill (rows from before this are rebuilt from the rest).
    if (!has_payload) {
        db.exec("ALTER TABLE history ADD COLUMN event_id TEXT");
        db.exec("ALTER TABLE history ADD COLUMN payload TEXT");
    }
    // Finds a session's start from its end, for the hour the session belongs to.
    db.exec("CREATE INDEX IF NOT EXISTS history_session ON history (session_id)");
}

// The events a dashboard's feed shows, and so the recent history keeps.
bool recent_event(const std::string& type) {
    return type == "session_started" || type == "session_completed" ||
           type == "session_abandoned" || type == "sensor_connected" || type == "sensor_lost";
}

std::unique_ptr<Database> open_checked(const fs::path& file) {
    auto db = std::make_unique<Database>(file);
    // WAL keeps readers and the writer apart; FULL makes every commit survive a power cut.
    db->exec("PRAGMA journal_mode=WAL");
    db->exec("PRAGMA synchronous=FULL");
    {
        Statement check = db->prepare("PRAGMA quick_check");
        if (!check.step() || check.text(0) != "ok")
            throw SqliteError(SQLITE_CORRUPT, "the database failed its integrity check");
    }
    db->exec(kSchema);
    upgrade(*db);
    return db;
}

std::string aside_name(const fs::path& file) {
    const std::time_t now = std::time(nullptr);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::gmtime(&now));
    std::string name = file.string() + ".unreadable-" + stamp;
    std::error_code ec;
    for (int n = 2; fs::exists(name, ec); ++n)
        name = file.string() + ".unreadable-" + stamp + "-" + std::to_string(n);
    return name;
}

}  // namespace

Outbox::Outbox(std::unique_ptr<Database> db, OutboxLimits limits)
    : db_(std::move(db)), limits_(limits) {
    if (limits_.max_database_bytes > 0) {
        Statement page = db_->prepare("PRAGMA page_size");
        page.step();
        const std::int64_t pages = std::max<std::int64_t>(
            1, limits_.max_database_bytes / std::max<std::int64_t>(1, page.integer(0)));
        const std::string cap = "PRAGMA max_page_count = " + std::to_string(pages);
        db_->exec(cap.c_str());
    }
}

void Outbox::count_dropped(std::int64_t events) {
    if (events > 0)
        db_->prepare("UPDATE meta SET value = value + ? WHERE key = 'dropped'")
            .bind(1, events)
            .run();
}

Outbox::Opened Outbox::open(const fs::path& file, OutboxLimits limits) {
    std::error_code ec;
    if (file.has_parent_path())
        fs::create_directories(file.parent_path(), ec);
    try {
        return {std::unique_ptr<Outbox>(new Outbox(open_checked(file), limits)), {}};
    } catch (const SqliteError& e) {
        // Only a damaged file is set aside. A locked, unreadable or full one is left alone (its
        // events are still good): the caller reports it and runs without the outbox for now.
        const int primary = e.code & 0xFF;
        if (primary != SQLITE_CORRUPT && primary != SQLITE_NOTADB)
            throw;
        // Never refuse to start over a bad file: keep it for inspection and begin anew.
        const std::string aside = aside_name(file);
        fs::rename(file, aside, ec);
        for (const char* suffix : {"-wal", "-shm"})
            fs::rename(file.string() + suffix, aside + suffix, ec);
        std::string problem = "the event database " + file.string() + " could not be used (" +
                              e.what() + "); it was moved to " + aside + " and a new one started";
        return {std::unique_ptr<Outbox>(new Outbox(open_checked(file), limits)),
                std::move(problem)};
    }
}

StoredEvent Outbox::append(const std::string& event_id, const HistoryRow& row,
                           const std::function<std::string(std::int64_t)>& payload,
                           std::int64_t now_ms) {
    return append(std::vector<NewEvent>{{event_id, row, payload, SessionMark::none, {}}}, now_ms)
        .front();
}

std::vector<StoredEvent> Outbox::append(const std::vector<NewEvent>& events, std::int64_t now_ms) {
    Transaction tx(*db_);
    Statement history = db_->prepare(
        "INSERT INTO history (type, ts_ms, session_id, routine_id, source, active_ms, reason) "
        "VALUES (?,?,?,?,?,?,?)");
    Statement outbox =
        db_->prepare("INSERT INTO outbox (seq, event_id, payload, created_ms) VALUES (?,?,?,?)");
    // The payload carries the seq the history row just got, so it is written after the row.
    Statement published =
        db_->prepare("UPDATE history SET event_id = ?, payload = ? WHERE seq = ?");
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
        history.run();
        StoredEvent s;
        s.seq = db_->last_insert_rowid();
        s.event_id = e.event_id;
        s.payload = e.payload(s.seq);
        outbox.reset();
        outbox.bind(1, s.seq).bind(2, s.event_id).bind(3, s.payload).bind(4, now_ms).run();
        published.reset();
        published.bind(1, s.event_id).bind(2, s.payload).bind(3, s.seq).run();
        if (e.session == SessionMark::opens)
            session_opened(e.row.session_id, e.snapshot);
        if (e.session == SessionMark::closes)
            session_closed(e.row.session_id);
        if (!recent_event_topic_.empty() && recent_event(e.row.type))
            remember_recent(recent_event_topic_, s.payload);
        stored.push_back(std::move(s));
    }
    enforce_bounds(now_ms);
    tx.commit();
    return stored;
}

void Outbox::enforce_bounds(std::int64_t now_ms) {
    // Full: keep the newest, count what goes. The count is published with the station status.
    const std::int64_t oldest_kept =
        now_ms - std::chrono::duration_cast<std::chrono::milliseconds>(limits_.max_age).count();
    db_->prepare("DELETE FROM outbox WHERE created_ms < ?").bind(1, oldest_kept).run();
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
    const std::int64_t history_from =
        now_ms - std::chrono::duration_cast<std::chrono::milliseconds>(limits_.history).count();
    db_->prepare("DELETE FROM history WHERE ts_ms < ?").bind(1, history_from).run();
}

std::vector<StoredEvent> Outbox::pending(std::int64_t after_seq, std::size_t limit) {
    Statement q = db_->prepare(
        "SELECT seq, event_id, payload FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?");
    q.bind(1, after_seq).bind(2, static_cast<std::int64_t>(limit));
    std::vector<StoredEvent> out;
    while (q.step())
        out.push_back({q.integer(0), q.text(1), q.text(2)});
    return out;
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
