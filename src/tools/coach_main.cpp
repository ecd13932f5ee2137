// rollstation-coach: push a class warm-up to a station, a group or all stations, cancel one, or
// list the stations, from a terminal. Speaks MQTT through the kiosk's own client code.
#include <cstdio>
#include <ctime>
#include <fstream>
#include <future>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "io/io_thread.hpp"
#include "mqtt/mqtt_client.hpp"
#include "mqtt/payloads.hpp"
#include "rollstation/config/station_config.hpp"
#include "rollstation/core/duration.hpp"

namespace {

using namespace rs;
using nlohmann::json;

std::string usage() {
    return "usage: rollstation-coach [BROKER] push --routine ID --to TARGET (--in 60s | --at "
           "18:30)\n"
           "                         [--name NAME] [--message TEXT] [--wait 10s]\n"
           "       rollstation-coach [BROKER] cancel COMMAND_ID --to TARGET [--wait 10s]\n"
           "       rollstation-coach [BROKER] stations\n"
           "\n"
           "  TARGET   all, group:NAME or station:ID\n"
           "  NAME     the coach's name as the stations show it (none: the class is unnamed)\n"
           "  BROKER   --config STATION_FILE (its mqtt section and facility), or\n"
           "           --host H --port P --facility F [--root rollstation] [--username U "
           "--password-file F]\n"
           "\n"
           "Prints each station's answer as it arrives (accepted, started, not_joined, ...); exits "
           "1 "
           "if any station rejected, 2 on bad usage.\n";
}

struct Options {
    std::string command;
    std::string host = "127.0.0.1";
    int port = 1883;
    std::string root = "rollstation", facility, username, password;
    // No name unless one is given: the account name is not a name to show an athlete.
    std::string routine, target, coach, message, cancel_id;
    std::optional<std::chrono::seconds> in;
    std::string at;
    std::chrono::seconds wait{10};
};

struct UsageError {
    std::string what;
};

Options parse(int argc, char** argv) {
    Options o;
    std::vector<std::string> a(argv + 1, argv + argc);
    const auto value = [&](std::size_t& i) {
        if (i + 1 >= a.size())
            throw UsageError{a[i] + " needs a value"};
        return a[++i];
    };
    const auto seconds = [&](const std::string& text) {
        const auto d = core::parse_duration(text);
        if (!d.seconds)
            throw UsageError{d.error};
        return std::chrono::seconds(*d.seconds);
    };
    for (std::size_t i = 0; i < a.size(); ++i) {
        const std::string& s = a[i];
        if (s == "--config") {
            config::Diagnostics errors;
            auto station = config::load_station_config(value(i), {}, errors);
            if (!station || !station->mqtt)
                throw UsageError{"the station file has no usable mqtt section"};
            o.host = station->mqtt->host;
            o.port = station->mqtt->port;
            o.root = station->mqtt->root;
            o.facility = station->station.facility;
            o.username = station->mqtt->username;
        } else if (s == "--host") {
            o.host = value(i);
        } else if (s == "--port") {
            o.port = std::atoi(value(i).c_str());
        } else if (s == "--root") {
            o.root = value(i);
        } else if (s == "--facility") {
            o.facility = value(i);
        } else if (s == "--username") {
            o.username = value(i);
        } else if (s == "--password-file") {
            std::ifstream in(value(i));
            std::getline(in, o.password);
        } else if (s == "--routine") {
            o.routine = value(i);
        } else if (s == "--to") {
            o.target = value(i);
        } else if (s == "--name" || s == "--coach") {  // --coach: the earlier spelling
            o.coach = value(i);
        } else if (s == "--message") {
            o.message = value(i);
        } else if (s == "--in") {
            o.in = seconds(value(i));
        } else if (s == "--at") {
            o.at = value(i);
        } else if (s == "--wait") {
            o.wait = seconds(value(i));
        } else if (s == "--help" || s == "-h") {
            std::cout << usage();
            std::exit(0);
        } else if (o.command.empty() && (s == "push" || s == "cancel" || s == "stations")) {
            o.command = s;
        } else if (o.command == "cancel" && o.cancel_id.empty() && s.rfind("--", 0) != 0) {
            o.cancel_id = s;
        } else {
            throw UsageError{"unknown argument '" + s + "'"};
        }
    }
    if (o.command.empty())
        throw UsageError{"say push, cancel or stations"};
    if (o.facility.empty())
        throw UsageError{"name the facility (--facility or --config)"};
    if (o.port < 1 || o.port > 65535)
        throw UsageError{"--port must be 1 to 65535"};
    if (o.command == "push" && (o.routine.empty() || o.target.empty() || (!o.in && o.at.empty())))
        throw UsageError{"push needs --routine, --to and --in or --at"};
    if (o.command == "cancel" && (o.cancel_id.empty() || o.target.empty()))
        throw UsageError{"cancel needs a command id and --to"};
    return o;
}

std::string command_topic(const Options& o) {
    const std::string base = o.root + "/" + o.facility;
    if (o.target == "all")
        return base + "/all/cmd";
    if (o.target.rfind("group:", 0) == 0)
        return base + "/group/" + o.target.substr(6) + "/cmd";
    if (o.target.rfind("station:", 0) == 0)
        return base + "/station/" + o.target.substr(8) + "/cmd";
    throw UsageError{"--to must be all, group:NAME or station:ID"};
}

core::WallTime start_time(const Options& o) {
    const auto now = std::chrono::system_clock::now();
    if (o.in)
        return now + *o.in;
    int hour = 0, minute = 0;
    if (std::sscanf(o.at.c_str(), "%d:%d", &hour, &minute) != 2 || hour > 23 || minute > 59)
        throw UsageError{"--at takes a local time such as 18:30"};
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    std::tm local{};
    localtime_r(&t, &local);
    local.tm_hour = hour;
    local.tm_min = minute;
    local.tm_sec = 0;
    auto at = std::chrono::system_clock::from_time_t(std::mktime(&local));
    if (at < now)
        at += std::chrono::hours(24);  // 18:30 when it is 19:00 means tomorrow
    return at;
}

std::string new_id() {
    std::random_device r;
    char out[32];
    std::snprintf(out, sizeof out, "coach-%08x", r());
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    std::string topic, payload, command_id;
    try {
        o = parse(argc, argv);
        if (o.command == "push") {
            command_id = new_id();
            topic = command_topic(o);
            json j{{"v", 1},
                   {"command_id", command_id},
                   {"type", "class_warmup"},
                   {"routine_id", o.routine},
                   {"start_at", mqtt::iso8601(start_time(o))}};
            if (!o.coach.empty())
                j["coach"] = o.coach;
            if (!o.message.empty())
                j["message"] = o.message;
            payload = j.dump();
        } else if (o.command == "cancel") {
            command_id = new_id();
            topic = command_topic(o);
            payload = json{{"v", 1},
                           {"command_id", command_id},
                           {"type", "cancel"},
                           {"target", o.cancel_id}}
                          .dump();
        }
    } catch (const UsageError& e) {
        std::cerr << "rollstation-coach: " << e.what << "\n\n" << usage();
        return 2;
    }

    std::mutex mutex;
    std::map<std::string, json> statuses, states, stats;
    int rejected = 0, answers = 0;
    std::promise<void> connected;
    io::IoThread io;
    mqtt::ClientSettings settings;
    settings.host = o.host;
    settings.port = o.port;
    settings.username = o.username;
    settings.password = o.password;
    settings.client_id = "rollstation-coach-" + new_id();
    std::shared_ptr<mqtt::MqttClient> client;
    mqtt::ClientHandlers handlers;
    const std::string stations = o.root + "/" + o.facility + "/station/";
    handlers.connected = [&] {
        client->subscribe(stations + "+/cmd/result", 1);
        client->subscribe(stations + "+/status", 1);
        client->subscribe(stations + "+/state", 1);
        client->subscribe(stations + "+/stats", 1);
        try {
            connected.set_value();
        } catch (...) {
        }
    };
    handlers.problem = [](const std::string& p) {
        std::cerr << "rollstation-coach: " << p << "\n";
    };
    handlers.message = [&](const mqtt::Incoming& in) {
        const json j = json::parse(in.payload, nullptr, false);
        if (!j.is_object() || in.topic.rfind(stations, 0) != 0)
            return;
        const std::string rest = in.topic.substr(stations.size());
        const std::string station = rest.substr(0, rest.find('/'));
        std::lock_guard lock(mutex);
        if (rest.ends_with("/cmd/result")) {
            if (j.value("command_id", "") != command_id)
                return;
            ++answers;
            const std::string result = j.value("result", "");
            rejected += result == "rejected" ? 1 : 0;
            std::cout << station << ": " << result;
            if (j.contains("reason"))
                std::cout << " (" << j["reason"].get<std::string>() << ")";
            std::cout << std::endl;
        } else if (rest.ends_with("/status")) {
            statuses[station] = j;
        } else if (rest.ends_with("/state")) {
            states[station] = j;
        } else if (rest.ends_with("/stats")) {
            stats[station] = j;
        }
    };
    io.run_and_wait([&] {
        client = mqtt::MqttClient::create(io.context(), settings, handlers);
        client->start();
    });
    if (connected.get_future().wait_for(std::chrono::seconds(5)) != std::future_status::ready) {
        std::cerr << "rollstation-coach: cannot reach the broker at " << o.host << ":" << o.port
                  << "\n";
        return 1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));  // retained messages arrive
    if (o.command == "stations") {
        std::lock_guard lock(mutex);
        std::printf("%-16s %-8s %-16s %-22s %s\n", "station", "online", "mode", "routine", "today");
        for (const auto& [station, status] : statuses) {
            const json state = states.count(station) ? states[station] : json::object();
            const json day = stats.count(station) ? stats[station] : json::object();
            std::printf(
                "%-16s %-8s %-16s %-22s %d started, %d completed, %d abandoned, %.0f active min\n",
                station.c_str(), status.value("online", false) ? "yes" : "no",
                state.value("mode", "?").c_str(), state.value("routine_id", "-").c_str(),
                day.value("sessions", 0), day.value("completed", 0), day.value("abandoned", 0),
                day.value("active_minutes", 0.0));
        }
    } else {
        std::cout << "sent " << command_id << " to " << topic << std::endl;
        io.run_and_wait([&] { client->publish(topic, payload, 1, false); });
        std::this_thread::sleep_for(o.wait);  // answers are printed as they arrive
        std::lock_guard lock(mutex);
        if (answers == 0)
            std::cout << "no station answered within " << o.wait.count() << " s" << std::endl;
    }
    std::promise<void> closed;
    io.post([&] {
        client->shutdown("", "", std::chrono::milliseconds(0), [&] { closed.set_value(); });
    });
    closed.get_future().wait_for(std::chrono::seconds(2));
    io.run_and_wait([&] { client.reset(); });
    return rejected > 0 ? 1 : 0;
}
