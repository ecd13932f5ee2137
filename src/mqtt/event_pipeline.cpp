#include "event_pipeline.hpp"

#include <boost/asio/post.hpp>

#include "payloads.hpp"
#include "station_link.hpp"

namespace rs::mqtt {

void EventPipeline::close_sessions_cut_short() {
    if (!parts_.outbox)
        return;
    for (const auto& open : parts_.outbox->open_sessions()) {
        parts_.log("closing session " + open.session_id + " left open by a power loss or crash");
        record(power_loss_closing(open.session_id, open.snapshot, parts_.wall_now()),
               open.session_id + "-power-loss");
    }
    flush();
}

void EventPipeline::record(const core::UsageEvent& e, const std::string& event_id) {
    queued_.emplace_back(e, event_id);
    if (!flush_posted_) {
        flush_posted_ = true;
        boost::asio::post(parts_.io, [this, alive = parts_.alive] {
            if (alive.lock())
                flush();
        });
    }
}

storage::Outbox::NewEvent EventPipeline::stored_form(const core::UsageEvent& e,
                                                     const std::string& event_id) {
    storage::Outbox::NewEvent row{
        event_id,
        {std::string(core::name_of(e.type)), unix_ms(e.ts), e.session_id, e.routine_id,
         std::string(core::name_of(e.source)), e.active.count(),
         e.reason ? std::string(core::name_of(*e.reason)) : std::string()},
        [station = parts_.settings.topics.station, e, event_id](std::int64_t seq) {
            return event_payload(e, station, seq, event_id);
        },
        storage::Outbox::SessionMark::none,
        {}};
    // A session is open from its start to its end, in the same transactions as those events.
    if (e.type == core::EventType::session_started) {
        row.session = storage::Outbox::SessionMark::opens;
        row.snapshot = session_snapshot(e);
    } else if (e.type == core::EventType::session_completed ||
               e.type == core::EventType::session_abandoned) {
        row.session = storage::Outbox::SessionMark::closes;
    }
    return row;
}

void EventPipeline::flush() {
    flush_posted_ = false;
    auto batch = std::exchange(queued_, {});
    storage::Outbox* outbox = parts_.outbox.get();
    if (!outbox || batch.empty())
        return;
    const std::int64_t now = unix_ms(parts_.wall_now());
    std::vector<storage::Outbox::NewEvent> rows;
    for (const auto& [e, id] : batch)
        rows.push_back(stored_form(e, id));
    try {
        outbox->append(rows, now);
    } catch (const storage::SqliteError&) {
        // One bad apple (a repeated event_id) must not cost the others: one by one.
        for (const auto& row : rows) {
            try {
                outbox->append(std::vector<storage::Outbox::NewEvent>{row}, now);
            } catch (const storage::SqliteError& error) {
                if ((error.code & 0xFF) != SQLITE_CONSTRAINT) {
                    parts_.log("an event could not be stored: " + std::string(error.what()));
                } else if (row.session == storage::Outbox::SessionMark::closes) {
                    // Stored before (a power-loss closing written by an older release without
                    // its mark): the session has its end, so it is not open.
                    outbox->session_closed(row.row.session_id);
                }
            }
        }
    }
    bool sessions_changed = false;
    for (const auto& [e, id] : batch)
        sessions_changed = sessions_changed || e.type != core::EventType::step_completed;
    pump();
    if (sessions_changed) {
        stats_.refresh();
        stats_.publish_recent();
    }
}

void EventPipeline::on_connected() {
    // libmosquitto sends again what was in flight when the connection dropped, under the same
    // message ids; we carry on after it. Should any of those never be acknowledged, the check
    // below starts over from the outbox (a repeat keeps its event_id).
    refused_reported_ = false;
    resend_check_.expires_after(kResendAfter);
    resend_check_.async_wait(
        [this, alive = parts_.alive, before = in_flight_](const boost::system::error_code& ec) {
            const auto keep = alive.lock();
            if (!keep || ec || !parts_.online())
                return;
            bool stuck = false;
            for (const auto& [mid, seq] : before)
                stuck = stuck || in_flight_.count(mid);
            if (stuck) {
                in_flight_.clear();
                last_sent_ = 0;
                pump();
            }
        });
}

void EventPipeline::pump() {
    if (!parts_.outbox || !parts_.online())
        return;
    const std::size_t window = parts_.settings.window;
    while (in_flight_.size() < window) {
        const auto batch = parts_.outbox->pending(last_sent_, window - in_flight_.size());
        if (batch.empty())
            return;
        for (const auto& event : batch) {
            const auto mid =
                parts_.client->publish(parts_.settings.topics.event(), event.payload, 1, false);
            if (!mid)
                return;
            in_flight_[*mid] = event.seq;
            last_sent_ = event.seq;
        }
    }
}

void EventPipeline::on_published(int mid, bool accepted) {
    const auto it = in_flight_.find(mid);
    if (it == in_flight_.end())
        return;  // a retained message, or an event sent before the last reconnect
    const std::int64_t seq = it->second;
    in_flight_.erase(it);
    if (accepted) {
        if (parts_.outbox)
            parts_.outbox->acknowledge(seq);
    } else if (!refused_reported_) {
        // Kept: it goes again after the next reconnect (an ACL mistake is fixed by an operator).
        refused_reported_ = true;
        parts_.log("mqtt: the broker refused event " + std::to_string(seq) +
                   " (check the ACL for " + parts_.settings.topics.event() + "); it is kept");
    }
    pump();
    // Once everything is delivered the retained stats say so (outbox_depth 0).
    if (in_flight_.empty() && parts_.outbox && parts_.outbox->depth() == 0)
        stats_.refresh();
}

}  // namespace rs::mqtt
