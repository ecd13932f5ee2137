#include "mqtt/command_desk.hpp"

#include <utility>

#include "mqtt/command_codec.hpp"
#include "mqtt/payloads.hpp"
#include "mqtt/recent_history.hpp"
#include "mqtt/station_link.hpp"

namespace rs::mqtt {

void CommandDesk::on_command(const Incoming& in) {
    const core::Library empty;
    const auto& library = parts_.settings.library;
    const DecodedCommand d = decode_command(in.payload, in.retained, library ? *library : empty);
    if (!d.command) {
        parts_.log("mqtt: refused a command on " + in.topic + ": " + d.error);
        answer(in, {d.command_id, core::CommandOutcome::rejected, d.error});
        return;
    }
    remember(in.topic, command_summary(*d.command, parts_.wall_now()));
    requests_[d.command_id] = in;
    if (requests_.size() > kRequestsKept)
        requests_.erase(requests_.begin());
    if (deliver_) {
        deliver_(*d.command);
    } else {
        waiting_.push_back(*d.command);
    }
}

void CommandDesk::attach(std::function<void(core::Command)> deliver) {
    deliver_ = std::move(deliver);
    for (auto& c : std::exchange(waiting_, {}))
        deliver_(c);
}

void CommandDesk::answer(const Incoming& request, const core::CommandResult& r) {
    const std::string payload =
        result_payload(r, parts_.settings.topics.station, parts_.wall_now());
    if (parts_.client) {
        parts_.client->publish(parts_.settings.topics.command_result(), payload, 1, false);
        parts_.client->respond(request, payload);
    }
    remember(parts_.settings.topics.command_result(), payload);  // after: the live answer first
}

void CommandDesk::publish_result(const core::CommandResult& r) {
    const auto it = requests_.find(r.command_id);
    answer(it != requests_.end() ? it->second : Incoming{}, r);
    const bool final =
        r.outcome != core::CommandOutcome::accepted && r.outcome != core::CommandOutcome::started;
    if (final && it != requests_.end())
        requests_.erase(it);
}

// Events join the history in their own transaction (EventPipeline::flush); a history that
// cannot be written costs only the history.
void CommandDesk::remember(const std::string& topic, const std::string& payload) {
    try {
        if (parts_.outbox)
            parts_.outbox->remember_recent(topic, payload);
    } catch (const storage::SqliteError& e) {
        parts_.log("the recent history could not be stored: " + std::string(e.what()));
    }
    stats_.publish_recent();
}

}  // namespace rs::mqtt
