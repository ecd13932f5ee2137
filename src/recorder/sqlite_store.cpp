#include "sqlite_store.hpp"

#include "schema.hpp"

namespace rs::recorder {
namespace {

storage::Database open_database(const std::filesystem::path& file) {
    try {
        storage::Database db(file);
        // Durable: a committed batch is on disk before store() returns.
        db.exec("PRAGMA journal_mode=WAL");
        db.exec("PRAGMA synchronous=FULL");
        sqlite3_busy_timeout(db.handle(), 5000);  // another recorder on the same file
        for (const char* sql : kSchema)
            db.exec(sql);
        return db;
    } catch (const storage::SqliteError& e) {
        throw StoreUnavailable(e.what());
    }
}

std::string question_mark(int) {
    return "?";
}

const std::string kUpsertRollup =
    std::string(
        "INSERT INTO rollup VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?)") +
    kRollupOnConflict;

}  // namespace

SqliteStore::SqliteStore(const std::filesystem::path& file, const ZoneBook& zones)
    : file_(file),
      zones_(zones),
      db_(open_database(file)),
      insert_event_(db_.prepare("INSERT OR IGNORE INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)")),
      upsert_rollup_(db_.prepare(kUpsertRollup.c_str())),
      upsert_station_(db_.prepare(
          "INSERT INTO stations VALUES (?, ?, ?, ?, 1) ON CONFLICT (facility, station) DO "
          "UPDATE SET last_seq = max(last_seq, excluded.last_seq), "
          "last_ts_ms = max(last_ts_ms, excluded.last_ts_ms), events = events + 1")) {}

StoreOutcome SqliteStore::store(const std::vector<RecordedEvent>& batch) {
    try {
        return store_now(batch);
    } catch (const storage::SqliteError& e) {
        throw StoreUnavailable(describe() + ": " + e.what());
    }
}

StoreOutcome SqliteStore::store_now(const std::vector<RecordedEvent>& batch) {
    StoreOutcome outcome;
    Rollup rollup;
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
        upsert_station_.reset();
        upsert_station_.bind(1, e->facility)
            .bind(2, e->station)
            .bind(3, e->seq)
            .bind(4, e->ts_ms)
            .run();
    }
    outcome.duplicates = batch.size() - outcome.stored;
    for (const auto& [k, c] : rows_of(rollup)) {
        auto& s = upsert_rollup_;
        s.reset();
        s.bind(1, k.facility).bind(2, k.station).bind(3, k.routine).bind(4, k.source);
        s.bind(5, k.day).bind(6, std::int64_t{k.hour}).bind(7, std::int64_t{k.weekday});
        s.bind(8, c.started).bind(9, c.completed).bind(10, c.abandoned);
        s.bind(11, c.user_stopped).bind(12, c.idle_timeout).bind(13, c.preempted);
        s.bind(14, c.power_loss).bind(15, c.other).bind_real(16, c.active_s);
        s.bind_real(17, c.force_sum).bind(18, c.force_n).bind_real(19, c.tempo_sum);
        s.bind(20, c.tempo_n);
        s.run();
    }
    tx.commit();
    return outcome;
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
            RollupCounts& c = row.counts;
            c.started = s.integer(k);
            c.completed = s.integer(k + 1);
            c.abandoned = s.integer(k + 2);
            c.user_stopped = s.integer(k + 3);
            c.idle_timeout = s.integer(k + 4);
            c.preempted = s.integer(k + 5);
            c.power_loss = s.integer(k + 6);
            c.other = s.integer(k + 7);
            c.active_s = s.real(k + 8);
            c.force_sum = s.real(k + 9);
            c.force_n = s.integer(k + 10);
            c.tempo_sum = s.real(k + 11);
            c.tempo_n = s.integer(k + 12);
            c.class_started = s.integer(k + 13);
            c.class_completed = s.integer(k + 14);
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
