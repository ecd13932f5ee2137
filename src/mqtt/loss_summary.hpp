// What the log says of a broker that keeps dropping the connection: the first loss in full, then
// at most one line a minute counting the losses since. A flapping broker (a bad bridge, a
// firewall cutting idle links) would otherwise write a line per disconnect, hiding everything
// else in the journal.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace rs::mqtt {

class LossSummary {
  public:
    using Instant = std::chrono::steady_clock::time_point;
    static constexpr std::chrono::seconds kWindow{60};

    // A loss described by `line`: the line to log now, if any.
    std::optional<std::string> lost(Instant now, const std::string& line);
    // Called now and then (the client's one-second tick): the summary due, if any.
    std::optional<std::string> tick(Instant now);
    // No loss is being counted (none in the last window).
    bool quiet() const { return !window_start_; }

  private:
    std::optional<Instant> window_start_;  // set while losses are being counted
    int count_ = 0;                        // losses since the last line logged
    std::string last_;
};

}  // namespace rs::mqtt
