#include "recorder/sqlite_store.hpp"

#include "recorder/clock_correction.hpp"
#include "recorder/schema.hpp"

namespace rs::recorder {
namespace {

storage::Database open_database(const std::filesystem::path& file) {
    try {
        storage::Database db(file);
        // Durable: a committed batch is on disk before store() returns.
        db.exec("PRAGMA journal_mode=WAL");
        db.exec("PRAGMA synchronous=FULL");
        sqlite3_busy_timeout(db.handle(), 5000);  // another recorder on the same file
        for (const auto& sql : schema(true))
            db.exec(sql.c_str());
        // Columns later releases added, for files an earlier one made.
        for (const char* table : {"rollup_hour", "rollup_day"})
            if (!storage::has_column(db, table, "eased_steps"))
                db.exec((std::string("ALTER TABLE ") + table +
                         " ADD COLUMN eased_steps BIGINT NOT NULL DEFAULT 0")
                            .c_str());
        return db;
    } catch (const storage::SqliteError& e) {
        throw StoreUnavailable(e.what());
    }
}

std::string question_mark(int) {
    return "?";
}

std::string upsert_sql(const std::string& table, const std::string& key, int key_columns) {
    std::string sql = "INSERT INTO " + table + " VALUES (";
    for (int i = 0; i < key_columns + kCountColumnCount; ++i)
        sql += i == 0 ? "?" : ", ?";
    return sql + ")" + rollup_on_conflict(table, key);
}

// Binds the counts from parameter `at` on.
void bind_counts(storage::Statement& s, int at, const RollupCounts& c) {
    s.bind(at, c.started).bind(at + 1, c.completed).bind(at + 2, c.abandoned);
    s.bind(at + 3, c.user_stopped).bind(at + 4, c.idle_timeout).bind(at + 5, c.preempted);
    s.bind(at + 6, c.power_loss).bind(at + 7, c.other).bind_real(at + 8, c.active_s);
    s.bind_real(at + 9, c.force_sum).bind(at + 10, c.force_n).bind_real(at + 11, c.tempo_sum);
    s.bind(at + 12, c.tempo_n).bind(at + 13, c.class_started).bind(at + 14, c.class_completed);
    s.bind(at + 15, c.eased_steps);
}

}  // namespace

SqliteStore::SqliteStore(const std::filesystem::path& file, const ZoneBook& zones)
    : file_(file),
      zones_(zones),
      db_(open_database(file)),
      insert_event_(db_.prepare("INSERT OR IGNORE INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)")),
      upsert_hour_(db_.prepare(upsert_sql("rollup_hour", kHourKey, 5).c_str())),
      upsert_day_(db_.prepare(upsert_sql("rollup_day", kDayKey, 4).c_str())),
      upsert_station_(db_.prepare(
          "INSERT INTO stations VALUES (?, ?, ?, ?, 1) ON CONFLICT (facility, station) DO "
          "UPDATE SET last_seq = max(last_seq, excluded.last_seq), "
          "last_ts_ms = max(last_ts_ms, excluded.last_ts_ms), events = events + 1")),
      upsert_mark_(db_.prepare(
          (std::string("INSERT INTO backfill_marks VALUES (?, ?, ?, ?, ?)") + kUpsertBackfillMark)
              .c_str())) {}

StoreOutcome SqliteStore::store(const std::vector<RecordedEvent>& batch,
                                const std::vector<BackfillMark>& marks) {
    try {
        return store_now(batch, marks);
    } catch (const storage::SqliteError& e) {
        throw StoreUnavailable(describe() + ": " + e.what());
    }
}

std::optional<BackfillMark> SqliteStore::backfill_mark(const std::string& facility,
                                                       const std::string& station) {
    try {
        auto s = db_.prepare(
            "SELECT since_ms, after_seq, boot FROM backfill_marks WHERE facility = ? AND "
            "station = ?");
        s.bind(1, facility).bind(2, station);
        if (!s.step())
            return std::nullopt;
        return BackfillMark{facility, station, s.integer(0), s.integer(1), s.text(2)};
    } catch (const storage::SqliteError& e) {
        throw StoreUnavailable(describe() + ": " + e.what());
    }
}

StoreOutcome SqliteStore::store_now(const std::vector<RecordedEvent>& batch,
                                    const std::vector<BackfillMark>& marks) {
    StoreOutcome outcome;
    Rollup rollup;
    std::vector<const RecordedEvent*> corrections;
    storage::Transaction tx(db_);
    for (const RecordedEvent* e : distinct_events(batch)) {
        insert_event_.reset();
        insert_event_.bind(1, e->event_id)
            .bind(2, e->facility)
            .bind(3, e->station)
            .bind(4, e->seq)
            .bind(5, e->type)
            .bind(6, e->ts_ms)
            .bind(7, e->session_id)
            .bind(8, e->payload)
            .run();
        if (db_.changes() == 0)
            continue;  // stored before
        ++outcome.stored;
        add_to_rollup(rollup, *e, zones_);
        if (!e->clock_synced && e->mono_ms && !e->boot_id.empty())
            db_.prepare("INSERT OR IGNORE INTO unsynced_events VALUES (?, ?, ?, ?)")
                .bind(1, e->facility)
                .bind(2, e->station)
                .bind(3, e->boot_id)
                .bind(4, e->event_id)
                .run();
        if (e->corrects_clock())
            corrections.push_back(e);
        upsert_station_.reset();
        upsert_station_.bind(1, e->facility)
            .bind(2, e->station)
            .bind(3, e->seq)
            .bind(4, e->ts_ms)
            .run();
    }
    outcome.duplicates = batch.size() - outcome.stored;
    for (const RecordedEvent* c : corrections)
        restamp(*c, rollup, outcome);
    const StoredRollup rows = stored_rollup(rollup);
    for (const auto& [k, c] : rows.by_hour) {
        upsert_hour_.reset();
        upsert_hour_.bind(1, k.day).bind(2, k.facility).bind(3, k.station);
        upsert_hour_.bind(4, std::int64_t{k.hour}).bind(5, std::int64_t{k.weekday});
        bind_counts(upsert_hour_, 6, c);
        upsert_hour_.run();
    }
    for (const auto& [k, c] : rows.by_day) {
        upsert_day_.reset();
        upsert_day_.bind(1, k.day).bind(2, k.facility).bind(3, k.station).bind(4, k.routine);
        bind_counts(upsert_day_, 5, c);
        upsert_day_.run();
    }
    for (const BackfillMark& m : marks) {
        upsert_mark_.reset();
        upsert_mark_.bind(1, m.facility).bind(2, m.station).bind(3, m.since_ms);
        upsert_mark_.bind(4, m.after_seq).bind(5, m.boot).run();
    }
    tx.commit();
    return outcome;
}

void SqliteStore::restamp(const RecordedEvent& correction, Rollup& rollup, StoreOutcome& outcome) {
    std::vector<StampedEvent> stamped;
    auto q = db_.prepare(
        "SELECT e.event_id, e.payload FROM unsynced_events u JOIN events e ON e.event_id = "
        "u.event_id WHERE u.facility = ? AND u.station = ? AND u.boot_id = ?");
    q.bind(1, correction.facility).bind(2, correction.station).bind(3, correction.boot_id);
    while (q.step())
        stamped.push_back({q.text(0), q.text(1)});
    const ClockCorrection fix = correct_clock(correction, stamped, zones_);
    auto update = db_.prepare("UPDATE events SET ts_ms = ?, payload = ? WHERE event_id = ?");
    for (const RestampedEvent& e : fix.events) {
        update.reset();
        update.bind(1, e.ts_ms).bind(2, e.payload).bind(3, e.event_id).run();
    }
    db_.prepare("DELETE FROM unsynced_events WHERE facility = ? AND station = ? AND boot_id = ?")
        .bind(1, correction.facility)
        .bind(2, correction.station)
        .bind(3, correction.boot_id)
        .run();
    for (const auto& [key, counts] : fix.delta)
        rollup[key].add(counts);
    outcome.restamped += fix.events.size();
    outcome.problems.insert(outcome.problems.end(), fix.skipped.begin(), fix.skipped.end());
}

std::vector<GroupRow> SqliteStore::grouped(const RollupQuery& query, Grouping by) {
    const bool one = !query.facility.empty();
    const std::string sql = grouped_sql(by, one, &question_mark);
    try {
        auto s = db_.prepare(sql.c_str());
        s.bind(1, format_date(query.from)).bind(2, format_date(query.to));
        if (one)
            s.bind(3, query.facility);
        const int k = static_cast<int>(key_columns(by));
        std::vector<GroupRow> rows;
        while (s.step()) {
            if (s.is_null(k))
                continue;  // a total over no rows
            GroupRow row;
            for (int i = 0; i < k; ++i)
                row.key.push_back(s.text(i));
            row.counts = grouped_counts(
                by, k, [&](int col) { return s.integer(col); },
                [&](int col) { return s.real(col); });
            rows.push_back(std::move(row));
        }
        return rows;
    } catch (const storage::SqliteError& e) {
        throw StoreUnavailable(describe() + ": " + e.what());
    }
}

std::vector<StationSeen> SqliteStore::stations(const std::string& facility) {
    try {
        auto s = db_.prepare(
            facility.empty()
                ? "SELECT facility, station, last_seq, last_ts_ms, events FROM stations "
                  "ORDER BY facility, station"
                : "SELECT facility, station, last_seq, last_ts_ms, events FROM stations WHERE "
                  "facility = ? ORDER BY facility, station");
        if (!facility.empty())
            s.bind(1, facility);
        std::vector<StationSeen> out;
        while (s.step())
            out.push_back({s.text(0), s.text(1), s.integer(2), s.integer(3), s.integer(4)});
        return out;
    } catch (const storage::SqliteError& e) {
        throw StoreUnavailable(describe() + ": " + e.what());
    }
}

std::int64_t SqliteStore::event_count() {
    auto s = db_.prepare("SELECT count(*) FROM events");
    s.step();
    return s.integer(0);
}

}  // namespace rs::recorder
