#include "mqtt/id_guard.hpp"

#include <nlohmann/json.hpp>

#include "mqtt/station_link.hpp"

namespace rs::mqtt {
namespace {

std::string spoken(std::chrono::milliseconds d) {
    const auto m = std::chrono::duration_cast<std::chrono::minutes>(d).count();
    if (m >= 1)
        return std::to_string(m) + (m == 1 ? " minute" : " minutes");
    if (d >= std::chrono::seconds(1))
        return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(d).count()) + " s";
    return std::to_string(d.count()) + " ms";
}

// The boot_id a status (online, or offline from a goodbye or a will) names; empty if none.
std::string boot_of(const std::string& payload) {
    const auto j = nlohmann::json::parse(payload, nullptr, false);
    if (!j.is_object())
        return {};
    const auto boot = j.find("boot_id");
    return boot != j.end() && boot->is_string() ? boot->get<std::string>() : std::string();
}

}  // namespace

IdGuard::IdGuard(LinkParts& parts, GuardTimes times, std::function<void()> resume)
    : parts_(parts), times_(times), resume_(std::move(resume)), timer_(parts.io) {}

void IdGuard::on_connected() {
    if (!conflict_.empty()) {
        look();
        return;
    }
    if (parts_.client->connections() == 1 || std::exchange(trusted_next_, false)) {
        go_on();
        return;
    }
    parts_.id_conflict = true;  // nothing goes out until the status has been read
    checking_ = true;
    parts_.client->subscribe(parts_.settings.topics.status(), 1);
    timer_.expires_after(times_.status_wait);
    timer_.async_wait([this, alive = parts_.alive](const boost::system::error_code& ec) {
        if (!ec && !alive.expired() && checking_)
            go_on();  // no retained status: nobody has written it
    });
}

bool IdGuard::handles(const Incoming& in) {
    if (in.topic != parts_.settings.topics.status())
        return false;
    if (!checking_ || !in.retained)
        return true;  // its own publishes, while connected
    const std::string boot = boot_of(in.payload);
    if (!boot.empty() && boot != parts_.settings.boot_id)
        stand_down();
    else
        go_on();
    return true;
}

void IdGuard::on_taken_over() {
    if (conflict_.empty())
        stand_down();
}

void IdGuard::stand_down() {
    checking_ = false;
    timer_.cancel();
    parts_.id_conflict = true;
    MqttClient& client = *parts_.client;
    const auto retry = parts_.settings.broker->taken_over_retry;
    client.use_will(false);  // a look must not write the other station's status
    client.hold_reconnects(retry);
    client.pause_for(retry);
    if (!conflict_.empty())
        return;
    conflict_ = "another station is connected with this station's id '" +
                parts_.settings.broker->client_id + "'";
    parts_.log("mqtt: " + conflict_ + ": this station stops publishing, keeps its events and " +
               "looks again every " + spoken(retry) + "; give each station its own station.id");
}

void IdGuard::look() {
    // Holding the session quietly: losing it again means the other station is still there.
    timer_.expires_after(times_.probation);
    timer_.async_wait([this, alive = parts_.alive, connection = parts_.client->connections()](
                          const boost::system::error_code& ec) {
        if (ec || alive.expired() || !parts_.client->connected() ||
            parts_.client->connections() != connection)
            return;
        const std::int64_t waiting = parts_.outbox ? parts_.outbox->depth() : 0;
        parts_.log("mqtt: no other station has used the id '" + parts_.settings.broker->client_id +
                   "' for " + spoken(times_.probation) + ": publishing again (" +
                   std::to_string(waiting) + " events waiting)");
        conflict_.clear();
        MqttClient& client = *parts_.client;
        client.use_will(true);
        client.hold_reconnects(std::nullopt);
        trusted_next_ = true;
        client.pause_for(std::chrono::milliseconds(0));  // again, with the will
    });
}

void IdGuard::go_on() {
    checking_ = false;
    timer_.cancel();
    parts_.id_conflict = false;
    resume_();
}

void IdGuard::stop() {
    checking_ = false;
    timer_.cancel();
}

}  // namespace rs::mqtt
