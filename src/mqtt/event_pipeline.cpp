#include "mqtt/event_pipeline.hpp"

#include <algorithm>
#include <boost/asio/post.hpp>

#include "mqtt/payloads.hpp"
#include "mqtt/station_link.hpp"

namespace rs::mqtt {

void EventPipeline::close_sessions_cut_short() {
    if (!parts_.outbox)
        return;
    for (const auto& open : parts_.outbox->open_sessions()) {
        const SessionProgress progress =
            session_progress(parts_.outbox->session_events(open.session_id));
        if (progress.ended) {
            // Its end is stored (a database an older release wrote, or one salvaged): a session
            // that ended is never closed a second time as power_loss.
            parts_.outbox->session_closed(open.session_id);
            continue;
        }
        const core::UsageEvent closing =
            cut_short_closing(open.session_id, open.snapshot, progress, parts_.wall_now());
        const bool completed = closing.type == core::EventType::session_completed;
        parts_.log("closing session " + open.session_id + " left open by a power loss or crash" +
                   (completed ? ": every step was done, so it is reported completed" : ""));
        record(closing, open.session_id + (completed ? "-completed" : "-power-loss"));
    }
    flush();
}

void EventPipeline::record(const core::UsageEvent& e, const std::string& event_id) {
    const storage::Moment now = parts_.moment();
    record(e, event_id, EventClock{{}, now.mono_ms - (now.wall_ms - unix_ms(e.ts)), now.synced});
}

void EventPipeline::record(const core::UsageEvent& e, const std::string& event_id,
                           EventClock clock) {
    clock.boot_id = parts_.boot;
    queued_.push_back({e, event_id, std::move(clock)});
    if (!flush_posted_) {
        flush_posted_ = true;
        boost::asio::post(parts_.io, [this, alive = parts_.alive] {
            if (alive.lock())
                flush();
        });
    }
}

storage::Outbox::NewEvent EventPipeline::stored_form(const Held& held) {
    const core::UsageEvent& e = held.event;
    storage::Outbox::NewEvent row{
        held.id,
        {std::string(core::name_of(e.type)), unix_ms(e.ts), e.session_id, e.routine_id,
         std::string(core::name_of(e.source)), e.active.count(),
         e.reason ? std::string(core::name_of(*e.reason)) : std::string(), held.clock.boot_id,
         held.clock.mono_ms, held.clock.synced},
        [station = parts_.settings.topics.station, held](std::int64_t seq) {
            return event_payload(held.event, station, seq, held.id, held.clock);
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

void EventPipeline::open_outbox() {
    try {
        auto opened = storage::Outbox::open(parts_.settings.database, parts_.settings.limits);
        if (!opened.problem.empty())
            parts_.log(opened.problem);
        parts_.outbox = std::move(opened.outbox);
        parts_.outbox->set_recent_event_topic(parts_.settings.topics.event());
    } catch (const std::exception& e) {
        storage_failed("the event database " + parts_.settings.database.string() +
                       " cannot be opened (" + e.what() + ")");
        retry_later([this] { open_outbox(); });
        return;
    }
    close_sessions_cut_short();  // stores what was held meanwhile, too
    stats_.refresh();
}

void EventPipeline::flush() {
    flush_posted_ = false;
    for (auto& event : std::exchange(queued_, {}))
        held_.push_back(std::move(event));
    // Memory is bounded too: past it the oldest go, counted, as the outbox's own bound does.
    const std::size_t most = std::max<std::size_t>(1, parts_.settings.max_held_events);
    while (held_.size() > most) {
        held_.pop_front();
        ++given_up_;
    }
    if (given_up_ > 0 && !giving_up_reported_) {
        giving_up_reported_ = true;
        parts_.log("events are being lost: " + std::to_string(most) +
                   " are held in memory already, so the oldest are given up and counted in "
                   "dropped_events (" +
                   storage_problem_ + ")");
    }
    if (!parts_.outbox || (held_.empty() && delivered_.empty()))
        return;  // a database that would not open is being retried
    bool sessions_changed = false;
    for (const Held& h : held_)
        sessions_changed = sessions_changed || h.event.type != core::EventType::step_completed;
    if (!forget_delivered() || !store_held()) {
        retry_later([this] { flush(); });
        return;
    }
    storage_works();
    restamp();  // before they are sent, when the clock is synchronised by now
    pump();
    if (sessions_changed) {
        stats_.refresh();
        stats_.publish_recent();
    }
}

bool EventPipeline::forget_delivered() {
    while (!delivered_.empty()) {
        try {
            parts_.outbox->acknowledge(*delivered_.begin());
        } catch (const storage::SqliteError& error) {
            storage_failed("delivered events cannot be removed from the outbox (" +
                           std::string(error.what()) + ")");
            return false;
        }
        delivered_.erase(delivered_.begin());
    }
    return true;
}

bool EventPipeline::store_held() {
    storage::Outbox& outbox = *parts_.outbox;
    const storage::Moment now = parts_.moment();
    std::vector<storage::Outbox::NewEvent> rows;
    for (const Held& h : held_) {
        rows.push_back(stored_form(h));
        unsynced_stored_ = unsynced_stored_ || !h.clock.synced;
    }
    try {
        outbox.append(rows, now);
        held_.clear();
        return true;
    } catch (const storage::SqliteError& error) {
        if ((error.code & 0xFF) != SQLITE_CONSTRAINT) {
            storage_failed("events cannot be stored (" + std::string(error.what()) + ")");
            return false;
        }
    }
    // One bad apple (a repeated event_id) must not cost the others: one by one.
    for (const auto& row : rows) {
        try {
            outbox.append(std::vector<storage::Outbox::NewEvent>{row}, now);
        } catch (const storage::SqliteError& error) {
            if ((error.code & 0xFF) != SQLITE_CONSTRAINT) {
                storage_failed("events cannot be stored (" + std::string(error.what()) + ")");
                return false;  // this one and those after it stay held
            }
            // Stored before. A closing written by an older release without its session mark
            // leaves the session open: it has its end, so it is not open any more.
            if (row.session == storage::Outbox::SessionMark::closes)
                outbox.session_closed(row.row.session_id);
        }
        held_.pop_front();
    }
    return true;
}

void EventPipeline::restamp() {
    if (!parts_.outbox || !unsynced_stored_)
        return;
    const storage::Moment now = parts_.moment();
    if (!now.synced)
        return;
    try {
        const auto done = parts_.outbox->restamp(now, last_sent_, restamped_payload);
        unsynced_stored_ = false;
        if (done.waiting == 0 && done.delivered == 0)
            return;
        parts_.log("the wall clock is synchronised: " + std::to_string(done.waiting) +
                   " waiting events were stamped afresh from the monotonic clock" +
                   (done.delivered > 0 ? ", and a clock_corrected event follows " +
                                             std::to_string(done.delivered) + " sent before"
                                       : std::string()));
        if (done.delivered == 0)
            return;
        const std::string id = now.boot_id + "-clock-" + std::to_string(now.mono_ms);
        const EventClock clock{now.boot_id, now.mono_ms, true};
        parts_.outbox->append(
            std::vector<storage::Outbox::NewEvent>{
                {id,
                 {"clock_corrected",
                  now.wall_ms,
                  {},
                  {},
                  {},
                  0,
                  {},
                  now.boot_id,
                  now.mono_ms,
                  true},
                 [station = parts_.settings.topics.station, id, clock, wall = parts_.wall_now(),
                  count = done.delivered](std::int64_t seq) {
                     return clock_corrected_payload(station, seq, id, clock, wall, count);
                 },
                 storage::Outbox::SessionMark::none,
                 {}}},
            now);
    } catch (const storage::SqliteError& error) {
        storage_failed("events cannot be re-stamped (" + std::string(error.what()) + ")");
    }
}

void EventPipeline::storage_failed(const std::string& problem) {
    if (problem != storage_problem_)
        parts_.log(problem + "; " + std::to_string(held_.size()) +
                   " events are held in memory and written as soon as it works again");
    storage_problem_ = problem;
}

void EventPipeline::storage_works() {
    backoff_ = kFirstRetry;
    if (given_up_ > 0) {
        try {
            parts_.outbox->count_dropped(given_up_);
            parts_.log(std::to_string(given_up_) +
                       " events were given up while the database could not be written; they "
                       "are counted in dropped_events");
            given_up_ = 0;
            giving_up_reported_ = false;
            stats_.refresh();  // the retained stats say so at once
        } catch (const storage::SqliteError&) {
            return;  // counted with the next write that works
        }
    }
    if (!storage_problem_.empty()) {
        parts_.log("events are stored again");
        storage_problem_.clear();
    }
}

void EventPipeline::retry_later(std::function<void()> again) {
    retry_.expires_after(backoff_);
    backoff_ = std::min(backoff_ * 2, kLongestRetry);
    retry_.async_wait(
        [alive = parts_.alive, again = std::move(again)](const boost::system::error_code& ec) {
            if (const auto keep = alive.lock(); keep && !ec)
                again();
        });
}

void EventPipeline::stop() {
    resend_check_.cancel();
    retry_.cancel();
    if (!held_.empty())
        parts_.log(std::to_string(held_.size()) +
                   " events could not be stored before the station stopped (" + storage_problem_ +
                   ")");
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
        const auto damaged = parts_.outbox->take_damage_reports();
        for (const auto& line : damaged)
            parts_.log(line);
        if (batch.empty() && damaged.empty())
            return;
        for (const auto& event : batch) {
            if (delivered_.count(event.seq)) {  // the broker has it; only its deletion waits
                last_sent_ = event.seq;
                continue;
            }
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
        // A locked or full database must not turn a delivered event into one sent again.
        delivered_.insert(seq);
        if (parts_.outbox && !forget_delivered()) {
            retry_later([this] { flush(); });
            return;
        }
        if (!storage_problem_.empty() && held_.empty() && parts_.outbox)
            storage_works();
    } else if (!refused_reported_) {
        // Kept: it goes again after the next reconnect (an ACL mistake is fixed by an operator).
        refused_reported_ = true;
        parts_.log("mqtt: the broker refused event " + std::to_string(seq) +
                   " (check the ACL for " + parts_.settings.topics.event() + "); it is kept");
    }
    // What the broker has is deleted from the outbox: that may be the room held events need.
    if (accepted && !held_.empty()) {
        flush();
        return;
    }
    pump();
    // Once everything is delivered the retained stats say so (outbox_depth 0).
    if (in_flight_.empty() && parts_.outbox && parts_.outbox->depth() == 0)
        stats_.refresh();
}

}  // namespace rs::mqtt
