// Backfill: the recorder asks each station for the history it missed (MQTT 5 request/response
// on `<root>/<facility>/station/<id>/history/request`, docs/mqtt.md "history") and turns the
// pages into events for the same store as live ones, where event_id keeps them from being
// stored twice. Pure: the service sends the asks and stores the events.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "mqtt/mqtt_client.hpp"
#include "recorder/event_store.hpp"
#include "recorder/recorded_event.hpp"

namespace rs::recorder {

// One request to send: to `topic`, answered on `response_topic` with `correlation` echoed.
struct BackfillAsk {
    std::string topic, payload, response_topic, correlation;
    int attempt = 0;  // 0: the first time; then how often it has been sent again unanswered
};

// What one answer brought.
struct BackfillPage {
    EventTopic from;
    std::vector<RecordedEvent> events;
    std::vector<std::string> problems;  // events of the page that were refused, and why
    std::string refusal;                // set: the station refused the request (its reason)
    std::optional<BackfillAsk> next;    // the next page's request, when there is more
    std::int64_t pages = 0;             // pages of this station's backfill so far
    std::int64_t received = 0;          // events of them so far
    // Of a page that was one, what is known stored once its events are: to store with them.
    std::optional<BackfillMark> mark;
};

class Backfill {
  public:
    // A request without an answer after `retry_ms` is sent again, then after twice as long, up
    // to an hour: a station that never answered is asked again without waiting for its boot.
    Backfill(std::string root, const std::string& client_id, int page_size,
             std::int64_t retry_ms = 60'000);

    // `<root>/+/station/+/history/response/<recorder>`: where every station answers this
    // recorder (the client id, made a safe topic level, keeps two recorders' answers apart).
    std::string response_subscription() const;

    // A station's retained or live status. True when it is online under a boot this run has
    // not asked yet: the service then looks up the newest event it holds and calls ask().
    // Online again under the boot already asked: a request it did not answer is sent again at
    // the next overdue().
    bool wants(const std::string& facility, const std::string& station, const std::string& boot);
    // The station said goodbye: its unanswered request waits for it instead of being repeated.
    void offline(const std::string& facility, const std::string& station);
    // The first request: everything the station keeps from `from.since_ms` on (inclusive: an
    // event of that very millisecond may not be stored yet; one that is comes back as a
    // duplicate), after `from.after_seq` when the mark is of this boot (a backfill cut short).
    BackfillAsk ask(const std::string& facility, const std::string& station,
                    const BackfillMark& from, std::int64_t now_ms);
    // The requests unanswered for too long, sent again (a new correlation: a late answer to the
    // old one is then ignored, the page comes again).
    std::vector<BackfillAsk> overdue(std::int64_t now_ms);

    // An answer on our response topic, or nothing when `message` is not one (or is an answer
    // to a request this run no longer waits for).
    std::optional<BackfillPage> on_response(const mqtt::Incoming& message, std::int64_t now_ms = 0);

  private:
    struct Progress {
        std::string boot;
        std::string correlation;  // of the request we wait for; empty when done
        std::int64_t since_ms = 0;
        std::int64_t cursor = 0;       // of that request
        std::int64_t newest_ms = 0;    // the newest event stamp this backfill brought
        std::int64_t asked_at_ms = 0;  // when that request went (0: send it again at once)
        int attempts = 0;              // sent again without an answer
        bool online = true;
        std::int64_t pages = 0, received = 0;
    };
    BackfillAsk request(const EventTopic& station, Progress& p, std::int64_t cursor,
                        std::int64_t now_ms);

    std::string root_;
    std::string level_;  // this recorder's level in the response topics
    int page_size_;
    std::int64_t retry_ms_;
    std::int64_t asked_ = 0;
    std::map<std::pair<std::string, std::string>, Progress> stations_;
};

}  // namespace rs::recorder
