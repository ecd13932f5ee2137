// Two stations given one id share one MQTT client id, and the broker keeps the connection of
// whichever connected last, dropping the other. Left alone they take it from each other without
// end, several times a second, overwriting each other's retained status and numbering events
// under one station. The guard stops the fight.
//
// Finding it: a station reads its own retained status whenever it connects again, before it
// publishes anything. Since its last connect it was the only writer of that topic (its status,
// its will), so a status with another run's boot_id means another station connected with this
// id in between. A broker that says "Session taken over" (MQTT 5; mosquitto only from 2.0.15)
// is believed at once. The first connect of a run is not checked: the retained status then
// holds this station's own previous run, whatever boot_id it had.
//
// Standing down: the station publishes nothing, keeps its events, says so once (log, admin
// screen) and connects only every few minutes (the client's taken_over_retry), without its will,
// to look: a look that holds the session for `probation` without losing it means the other
// station is gone (switched off, or given its own id). The station then connects again as usual.
// Looking writes nothing, so the other station, connecting again, finds only its own status.
#pragma once

#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <string>

#include "mqtt/link_parts.hpp"

namespace rs::mqtt {

struct GuardTimes {
    std::chrono::milliseconds status_wait{1000};  // for the retained status (there may be none)
    // Longer than the other station takes to connect again after a look took its session (its
    // backoff is at most 30 s, with jitter).
    std::chrono::milliseconds probation{std::chrono::seconds(45)};
};

class IdGuard {
  public:
    // `resume`: the link's usual work after a connect, run once the connection is known ours.
    IdGuard(LinkParts& parts, GuardTimes times, std::function<void()> resume);

    void on_connected();
    // The broker said "Session taken over".
    void on_taken_over();
    // A message on the station's own status topic: true (it is the guard's, used or not).
    bool handles(const Incoming& in);
    void stop();

    // Why the station is not publishing (empty: it is).
    const std::string& conflict() const { return conflict_; }

  private:
    void stand_down();
    void go_on();
    void look();

    LinkParts& parts_;
    GuardTimes times_;
    std::function<void()> resume_;
    boost::asio::steady_timer timer_;
    std::string conflict_;
    bool checking_ = false;
    bool trusted_next_ = false;  // the connect after a good look is not checked again
};

}  // namespace rs::mqtt
