// The MQTT topic tree: rollstation/<facility>/station/<id>/..., see docs/mqtt.md.
#pragma once

#include <string>

namespace rs::mqtt {

struct Topics {
    std::string root = "rollstation";
    std::string facility;
    std::string station;

    std::string station_base() const { return root + "/" + facility + "/station/" + station; }
    std::string status() const { return station_base() + "/status"; }
    std::string state() const { return station_base() + "/state"; }
    std::string event() const { return station_base() + "/event"; }
    std::string telemetry() const { return station_base() + "/telemetry"; }
    std::string stats() const { return station_base() + "/stats"; }
    std::string routines() const { return station_base() + "/routines"; }
    std::string recent() const { return station_base() + "/recent"; }
    // Backfill (MQTT 5 request/response): a recorder asks here, and names a response topic
    // under history_responses(), the only place the station answers.
    std::string history_request() const { return station_base() + "/history/request"; }
    std::string history_responses() const { return station_base() + "/history/response/"; }
    std::string command() const { return station_base() + "/cmd"; }
    std::string command_result() const { return station_base() + "/cmd/result"; }
    std::string group_command(const std::string& group) const {
        return root + "/" + facility + "/group/" + group + "/cmd";
    }
    std::string all_command() const { return root + "/" + facility + "/all/cmd"; }
};

}  // namespace rs::mqtt
