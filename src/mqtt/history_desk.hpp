// The station's side of backfill: answers a recorder's history requests (MQTT 5
// request/response on <station>/history/request) with pages of its own SQLite history.
#pragma once

#include "mqtt/link_parts.hpp"

namespace rs::mqtt {

class HistoryDesk {
  public:
    explicit HistoryDesk(LinkParts& parts) : parts_(parts) {}

    bool handles(const Incoming& in) const;
    // Answers on the request's response topic when that lies under the station's own
    // history/response/ tree; a request naming any other place is logged and left unanswered.
    void on_request(const Incoming& in);

  private:
    LinkParts& parts_;
};

}  // namespace rs::mqtt
