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

// The monotonic stamp and the sync flag of each row (rows from before count as synchronised,
// with no monotonic stamp: their ages stay on the wall clock, as they were).
void add_clock_columns(Database& db) {
    for (const char* table : {"history", "outbox"}) {
        bool has_boot = false;
        Statement columns = db.prepare((std::string("PRAGMA table_info(") + table + ")").c_str());
        while (columns.step())
            has_boot = has_boot || columns.text(1) == "boot_id";
        if (has_boot)
            continue;
        const std::string add = std::string("ALTER TABLE ") + table + " ADD COLUMN ";
        db.exec((add + "boot_id TEXT NOT NULL DEFAULT ''").c_str());
        db.exec((add + "mono_ms INTEGER").c_str());
        db.exec((add + "synced INTEGER NOT NULL DEFAULT 1").c_str());
    }
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
    add_clock_columns(*db);
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
        "INSERT INTO outbox (seq, event_id, payload, created_ms, boot_id, mono_ms, synced) "
        "VALUES (?,?,?,?,?,?,?)");
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
        bind_clock(history, 8, e.row);
        history.run();
        StoredEvent s;
        s.seq = db_->last_insert_rowid();
        s.event_id = e.event_id;
        s.payload = e.payload(s.seq);
        outbox.reset();
        outbox.bind(1, s.seq).bind(2, s.event_id).bind(3, s.payload).bind(4, now.wall_ms);
        bind_clock(outbox, 5, e.row);
        outbox.run();
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
        Statement update =
            db_->prepare("UPDATE outbox SET payload = ?, synced = 1, created_ms = ? WHERE seq = ?");
        while (waiting.step()) {
            const std::int64_t ts = waiting.integer(2) + offset;
            update.reset();
            update.bind(1, rewrite(waiting.text(1), ts)).bind(2, ts).bind(3, waiting.integer(0));
            update.run();
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
