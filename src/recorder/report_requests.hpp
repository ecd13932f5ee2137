// Reports over MQTT 5 request/response, for the dashboard's History view: a request on
// `<root>/<facility>/report/request` (`all` for every facility) with a response topic and
// correlation data; the answer carries the totals, the heatmap and the period by day, station
// and routine. The broker's ACL decides who may ask; the recorder answers only on
// `<root>/<facility>/report/response/…`, so a request cannot make it publish anywhere else.
#pragma once

#include <string>

#include "mqtt/mqtt_client.hpp"
#include "recorder/event_store.hpp"
#include "recorder/recorder_config.hpp"

namespace rs::recorder {

std::string report_request_subscription(const RecorderConfig& config);
bool is_report_request(const RecorderConfig& config, const std::string& topic);

// The answer's payload; {"v":1,"ok":false,"error":…} for a request that cannot be served.
std::string answer_report_request(EventStore& store, const RecorderConfig& config,
                                  const mqtt::Incoming& request);
// Whether the response topic is one the recorder may publish on for this request.
bool response_topic_allowed(const RecorderConfig& config, const mqtt::Incoming& request);

inline constexpr int kMaxReportDays = 400;

}  // namespace rs::recorder
