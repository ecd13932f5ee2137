#include "recorder/postgres_store.hpp"

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <unordered_set>

#include "recorder/clock_correction.hpp"
#include "recorder/schema.hpp"

namespace rs::recorder {
namespace {

std::string dollar(int n) {
    return "$" + std::to_string(n);
}

// COPY's text format: a backslash, tab, newline or carriage return is escaped.
void append_field(std::string& out, std::string_view value) {
    for (const char ch : value) {
        switch (ch) {
            case '\\':
                out += "\\\\";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                out += ch;
        }
    }
}

template <typename... Fields>
void append_row(std::string& out, const Fields&... fields) {
    bool first = true;
    const auto one = [&](const auto& f) {
        if (!first)
            out += '\t';
        first = false;
        if constexpr (std::is_convertible_v<decltype(f), std::string_view>)
            append_field(out, f);
        else if constexpr (std::is_floating_point_v<std::decay_t<decltype(f)>>) {
            char buffer[32];
            std::snprintf(buffer, sizeof buffer, "%.17g", f);
            out += buffer;
        } else
            out += std::to_string(f);
    };
    (one(fields), ...);
    out += '\n';
}

// The user and password stay out of messages; host, port and database help the reader.
std::string without_password(const std::string& uri) {
    const auto scheme = uri.find("://");
    const auto at = uri.find('@');
    if (scheme == std::string::npos || at == std::string::npos)
        return uri;
    return uri.substr(0, scheme + 3) + "…@" + uri.substr(at + 1);
}

}  // namespace

PostgresStore::PostgresStore(std::string uri, const ZoneBook& zones)
    : uri_(std::move(uri)), zones_(zones) {
    ensure_connected();
}

std::string PostgresStore::describe() const {
    return without_password(uri_);
}

void PostgresStore::fail(const std::string& doing) {
    std::string message = conn_ ? PQerrorMessage(conn_.get()) : "no connection";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
        message.pop_back();
    // A connection that broke is dropped, so the next call connects afresh.
    if (conn_ && PQstatus(conn_.get()) != CONNECTION_OK)
        conn_.reset();
    throw StoreUnavailable(describe() + ": " + doing + ": " + message);
}

void PostgresStore::ensure_connected() {
    if (conn_ && PQstatus(conn_.get()) == CONNECTION_OK)
        return;
    conn_.reset(PQconnectdb(uri_.c_str()));
    if (!conn_ || PQstatus(conn_.get()) != CONNECTION_OK)
        fail("cannot connect");
    exec("SET client_min_messages = warning", PGRES_COMMAND_OK);
    for (const auto& sql : schema(false))
        exec(sql, PGRES_COMMAND_OK);
    // Columns later releases added, for databases an earlier one made.
    for (const char* table : {"rollup_hour", "rollup_day"})
        exec(std::string("ALTER TABLE ") + table +
                 " ADD COLUMN IF NOT EXISTS eased_steps BIGINT NOT NULL DEFAULT 0",
             PGRES_COMMAND_OK);
    exec("CREATE TEMP TABLE IF NOT EXISTS incoming_events (LIKE events) ON COMMIT DELETE ROWS",
         PGRES_COMMAND_OK);
    exec("CREATE TEMP TABLE IF NOT EXISTS incoming_hour (LIKE rollup_hour) ON COMMIT DELETE ROWS",
         PGRES_COMMAND_OK);
    exec("CREATE TEMP TABLE IF NOT EXISTS incoming_day (LIKE rollup_day) ON COMMIT DELETE ROWS",
         PGRES_COMMAND_OK);
}

PgResult PostgresStore::exec(const std::string& sql, ExecStatusType expect) {
    PgResult r(PQexec(conn_.get(), sql.c_str()));
    if (!r || PQresultStatus(r.get()) != expect)
        fail(sql.substr(0, 40));
    return r;
}

PgResult PostgresStore::exec_params(const std::string& sql, const std::vector<std::string>& params,
                                    ExecStatusType expect) {
    std::vector<const char*> values;
    for (const auto& p : params)
        values.push_back(p.c_str());
    PgResult r(PQexecParams(conn_.get(), sql.c_str(), static_cast<int>(values.size()), nullptr,
                            values.data(), nullptr, nullptr, 0));
    if (!r || PQresultStatus(r.get()) != expect)
        fail(sql.substr(0, 40));
    return r;
}

void PostgresStore::copy_in(const std::string& sql, const std::string& rows) {
    exec(sql, PGRES_COPY_IN);
    if (PQputCopyData(conn_.get(), rows.data(), static_cast<int>(rows.size())) != 1 ||
        PQputCopyEnd(conn_.get(), nullptr) != 1)
        fail("COPY");
    PgResult r(PQgetResult(conn_.get()));
    if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK)
        fail("COPY");
    while (PgResult more{PQgetResult(conn_.get())}) {
    }
}

StoreOutcome PostgresStore::store(const std::vector<RecordedEvent>& batch,
                                  const std::vector<BackfillMark>& backfill) {
    ensure_connected();
    try {
        return store_now(batch, backfill);
    } catch (...) {
        if (conn_ && PQtransactionStatus(conn_.get()) != PQTRANS_IDLE)
            PgResult(PQexec(conn_.get(), "ROLLBACK"));
        throw;
    }
}

void PostgresStore::store_marks(const std::vector<BackfillMark>& backfill) {
    for (const BackfillMark& m : backfill)
        exec_params(std::string("INSERT INTO backfill_marks VALUES ($1, $2, $3, $4, $5)") +
                        kUpsertBackfillMark,
                    {m.facility, m.station, std::to_string(m.since_ms), std::to_string(m.after_seq),
                     m.boot},
                    PGRES_COMMAND_OK);
}

std::optional<BackfillMark> PostgresStore::backfill_mark(const std::string& facility,
                                                         const std::string& station) {
    ensure_connected();
    const PgResult r = exec_params(
        "SELECT since_ms, after_seq, boot FROM backfill_marks WHERE facility = $1 AND "
        "station = $2",
        {facility, station}, PGRES_TUPLES_OK);
    if (PQntuples(r.get()) == 0)
        return std::nullopt;
    return BackfillMark{facility, station, std::atoll(PQgetvalue(r.get(), 0, 0)),
                        std::atoll(PQgetvalue(r.get(), 0, 1)), PQgetvalue(r.get(), 0, 2)};
}

StoreOutcome PostgresStore::store_now(const std::vector<RecordedEvent>& batch,
                                      const std::vector<BackfillMark>& backfill) {
    if (batch.empty()) {  // a backfill's last page, empty: only its mark
        exec("BEGIN", PGRES_COMMAND_OK);
        store_marks(backfill);
        exec("COMMIT", PGRES_COMMAND_OK);
        return {};
    }
    const auto distinct = distinct_events(batch);
    std::string rows;
    for (const RecordedEvent* e : distinct)
        append_row(rows, e->event_id, e->facility, e->station, e->seq, e->type, e->ts_ms,
                   e->session_id, e->payload);
    exec("BEGIN", PGRES_COMMAND_OK);
    copy_in("COPY incoming_events FROM STDIN", rows);
    // What is new: the rows of this batch no earlier transaction stored.
    const PgResult inserted = exec(
        "INSERT INTO events SELECT * FROM incoming_events ON CONFLICT (event_id) DO NOTHING "
        "RETURNING event_id",
        PGRES_TUPLES_OK);
    std::unordered_set<std::string> fresh;
    for (int i = 0; i < PQntuples(inserted.get()); ++i)
        fresh.insert(PQgetvalue(inserted.get(), i, 0));
    Rollup rollup;
    struct Mark {
        std::int64_t seq = 0, ts_ms = 0, events = 0;
    };
    std::map<std::pair<std::string, std::string>, Mark> marks;
    StoreOutcome outcome;
    outcome.stored = fresh.size();
    outcome.duplicates = batch.size() - fresh.size();
    std::vector<const RecordedEvent*> corrections;
    for (const RecordedEvent* e : distinct) {
        if (!fresh.contains(e->event_id))
            continue;
        add_to_rollup(rollup, *e, zones_);
        if (!e->clock_synced && e->mono_ms && !e->boot_id.empty())
            exec_params(
                "INSERT INTO unsynced_events VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                {e->facility, e->station, e->boot_id, e->event_id}, PGRES_COMMAND_OK);
        if (e->corrects_clock())
            corrections.push_back(e);
        Mark& m = marks[{e->facility, e->station}];
        m.seq = std::max(m.seq, e->seq);
        m.ts_ms = std::max(m.ts_ms, e->ts_ms);
        ++m.events;
    }
    for (const RecordedEvent* c : corrections)
        restamp(*c, rollup, outcome);
    if (!rollup.empty()) {
        const StoredRollup rows = stored_rollup(rollup);
        std::string hours, days;
        for (const auto& [k, c] : rows.by_hour)
            append_row(hours, k.day, k.facility, k.station, k.hour, k.weekday, c.started,
                       c.completed, c.abandoned, c.user_stopped, c.idle_timeout, c.preempted,
                       c.power_loss, c.other, c.active_s, c.force_sum, c.force_n, c.tempo_sum,
                       c.tempo_n, c.class_started, c.class_completed, c.eased_steps);
        for (const auto& [k, c] : rows.by_day)
            append_row(days, k.day, k.facility, k.station, k.routine, c.started, c.completed,
                       c.abandoned, c.user_stopped, c.idle_timeout, c.preempted, c.power_loss,
                       c.other, c.active_s, c.force_sum, c.force_n, c.tempo_sum, c.tempo_n,
                       c.class_started, c.class_completed, c.eased_steps);
        copy_in("COPY incoming_hour FROM STDIN", hours);
        copy_in("COPY incoming_day FROM STDIN", days);
        // In key order, so concurrent recorders take row locks in the same order.
        exec("INSERT INTO rollup_hour SELECT * FROM incoming_hour ORDER BY " + kHourKey +
                 rollup_on_conflict("rollup_hour", kHourKey),
             PGRES_COMMAND_OK);
        exec("INSERT INTO rollup_day SELECT * FROM incoming_day ORDER BY " + kDayKey +
                 rollup_on_conflict("rollup_day", kDayKey),
             PGRES_COMMAND_OK);
    }
    for (const auto& [who, m] : marks)
        exec_params(
            "INSERT INTO stations VALUES ($1, $2, $3, $4, $5) ON CONFLICT (facility, station) DO "
            "UPDATE SET last_seq = GREATEST(stations.last_seq, excluded.last_seq), "
            "last_ts_ms = GREATEST(stations.last_ts_ms, excluded.last_ts_ms), "
            "events = stations.events + excluded.events",
            {who.first, who.second, std::to_string(m.seq), std::to_string(m.ts_ms),
             std::to_string(m.events)},
            PGRES_COMMAND_OK);
    store_marks(backfill);
    exec("COMMIT", PGRES_COMMAND_OK);
    return outcome;
}

void PostgresStore::restamp(const RecordedEvent& correction, Rollup& rollup,
                            StoreOutcome& outcome) {
    const std::vector<std::string> who{correction.facility, correction.station, correction.boot_id};
    const PgResult found = exec_params(
        "SELECT e.event_id, e.payload FROM unsynced_events u JOIN events e ON e.event_id = "
        "u.event_id WHERE u.facility = $1 AND u.station = $2 AND u.boot_id = $3",
        who, PGRES_TUPLES_OK);
    std::vector<StampedEvent> stamped;
    for (int i = 0; i < PQntuples(found.get()); ++i)
        stamped.push_back({PQgetvalue(found.get(), i, 0), PQgetvalue(found.get(), i, 1)});
    const ClockCorrection fix = correct_clock(correction, stamped, zones_);
    for (const RestampedEvent& e : fix.events)
        exec_params("UPDATE events SET ts_ms = $1, payload = $2 WHERE event_id = $3",
                    {std::to_string(e.ts_ms), e.payload, e.event_id}, PGRES_COMMAND_OK);
    exec_params("DELETE FROM unsynced_events WHERE facility = $1 AND station = $2 AND boot_id = $3",
                who, PGRES_COMMAND_OK);
    for (const auto& [key, counts] : fix.delta)
        rollup[key].add(counts);
    outcome.restamped += fix.events.size();
    outcome.problems.insert(outcome.problems.end(), fix.skipped.begin(), fix.skipped.end());
}

std::vector<GroupRow> PostgresStore::grouped(const RollupQuery& query, Grouping by) {
    ensure_connected();
    const bool one = !query.facility.empty();
    std::vector<std::string> params{format_date(query.from), format_date(query.to)};
    if (one)
        params.push_back(query.facility);
    const PgResult r = exec_params(grouped_sql(by, one, &dollar), params, PGRES_TUPLES_OK);
    const int k = static_cast<int>(key_columns(by));
    const auto integer = [&](int row, int col) {
        return PQgetisnull(r.get(), row, col) ? 0 : std::atoll(PQgetvalue(r.get(), row, col));
    };
    const auto real = [&](int row, int col) {
        return PQgetisnull(r.get(), row, col) ? 0.0 : std::atof(PQgetvalue(r.get(), row, col));
    };
    std::vector<GroupRow> rows;
    for (int i = 0; i < PQntuples(r.get()); ++i) {
        if (PQgetisnull(r.get(), i, k))
            continue;
        GroupRow row;
        for (int c = 0; c < k; ++c)
            row.key.push_back(PQgetvalue(r.get(), i, c));
        row.counts = grouped_counts(
            by, k, [&](int col) { return integer(i, col); }, [&](int col) { return real(i, col); });
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<StationSeen> PostgresStore::stations(const std::string& facility) {
    ensure_connected();
    const PgResult r =
        facility.empty()
            ? exec(
                  "SELECT facility, station, last_seq, last_ts_ms, events FROM stations ORDER BY "
                  "facility, station",
                  PGRES_TUPLES_OK)
            : exec_params(
                  "SELECT facility, station, last_seq, last_ts_ms, events FROM stations "
                  "WHERE facility = $1 ORDER BY facility, station",
                  {facility}, PGRES_TUPLES_OK);
    std::vector<StationSeen> out;
    for (int i = 0; i < PQntuples(r.get()); ++i)
        out.push_back({PQgetvalue(r.get(), i, 0), PQgetvalue(r.get(), i, 1),
                       std::atoll(PQgetvalue(r.get(), i, 2)), std::atoll(PQgetvalue(r.get(), i, 3)),
                       std::atoll(PQgetvalue(r.get(), i, 4))});
    return out;
}

std::int64_t PostgresStore::event_count() {
    ensure_connected();
    const PgResult r = exec("SELECT count(*) FROM events", PGRES_TUPLES_OK);
    return std::atoll(PQgetvalue(r.get(), 0, 0));
}

}  // namespace rs::recorder
