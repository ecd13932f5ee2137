// The outbox's tables, and the columns later releases added, so a database written by any
// earlier release opens as the current one.
#include "storage/outbox_schema.hpp"

#include <string>

namespace rs::storage {
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
CREATE TABLE IF NOT EXISTS quarantine (
    seq      INTEGER PRIMARY KEY,
    event_id TEXT,
    payload  BLOB,
    checksum INTEGER,
    found_ms INTEGER NOT NULL
);
INSERT OR IGNORE INTO meta (key, value) VALUES ('quarantined', 0);
)sql";

// Indexes and columns added after the first release, for databases made by it.
void upgrade(Database& db) {
    const bool has_reason = has_column(db, "history", "reason");
    const bool has_payload = has_column(db, "history", "payload");
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
        if (has_column(db, table, "boot_id"))
            continue;
        const std::string add = std::string("ALTER TABLE ") + table + " ADD COLUMN ";
        db.exec((add + "boot_id TEXT NOT NULL DEFAULT ''").c_str());
        db.exec((add + "mono_ms INTEGER").c_str());
        db.exec((add + "synced INTEGER NOT NULL DEFAULT 1").c_str());
    }
}

// The checksum of each stored payload (rows from before it have none and are trusted).
void add_checksums(Database& db) {
    for (const char* table : {"history", "outbox"}) {
        if (!has_column(db, table, "checksum"))
            db.exec((std::string("ALTER TABLE ") + table + " ADD COLUMN checksum INTEGER").c_str());
    }
}

}  // namespace

void create_or_upgrade(Database& db) {
    db.exec(kSchema);
    upgrade(db);
    add_clock_columns(db);
    add_checksums(db);
}

}  // namespace rs::storage
