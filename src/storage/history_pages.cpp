// Reading the usage history back: in pages, for a recorder's backfill (docs/mqtt.md,
// "history"), and one session's events, for closing a session a power cut left open.
#include "storage/outbox.hpp"

namespace rs::storage {

std::vector<HistoryEntry> Outbox::history_page(std::int64_t since_ms, std::int64_t after_seq,
                                               std::size_t limit) {
    // By seq (the primary key), so a page is one range scan and the cursor never skips a row
    // written in the same millisecond as the previous page's last one.
    Statement q = db_->prepare(
        "SELECT seq, event_id, payload, type, ts_ms, session_id, routine_id, source, active_ms, "
        "reason, checksum FROM history WHERE seq > ? AND ts_ms >= ? ORDER BY seq LIMIT ?");
    q.bind(1, after_seq).bind(2, since_ms).bind(3, static_cast<std::int64_t>(limit));
    std::vector<HistoryEntry> page;
    while (q.step()) {
        HistoryEntry e;
        e.seq = q.integer(0);
        // A payload that fails its checksum is left out, as for rows from before payloads were
        // kept: the answer rebuilds the event from the row's columns.
        const bool damaged = !q.is_null(10) && payload_checksum(q.text(2)) != q.integer(10);
        if (!q.is_null(1) && !q.is_null(2) && !damaged) {
            e.event_id = q.text(1);
            e.payload = q.text(2);
        }
        e.row.type = q.text(3);
        e.row.ts_ms = q.integer(4);
        e.row.session_id = q.is_null(5) ? "" : q.text(5);
        e.row.routine_id = q.is_null(6) ? "" : q.text(6);
        e.row.source = q.is_null(7) ? "" : q.text(7);
        e.row.active_ms = q.integer(8);
        e.row.reason = q.is_null(9) ? "" : q.text(9);
        page.push_back(std::move(e));
    }
    return page;
}

std::vector<std::pair<std::string, std::string>> Outbox::session_events(
    const std::string& session_id) {
    // history_session indexes session_id: one lookup per session left open.
    Statement q =
        db_->prepare("SELECT type, payload FROM history WHERE session_id = ? ORDER BY seq");
    q.bind(1, session_id);
    std::vector<std::pair<std::string, std::string>> events;
    while (q.step())
        events.emplace_back(q.text(0), q.is_null(1) ? std::string() : q.text(1));
    return events;
}

}  // namespace rs::storage
