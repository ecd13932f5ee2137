// link_driver: the station link (I/O thread, outbox, MQTT client) in a process of its own, for
// the tests that kill it.
//
//   link_driver DATABASE PORT COUNT
//
// Publishes as station "drv-1" of facility "itest" to 127.0.0.1:PORT. Records COUNT synthetic
// usage events: sessions of session_started, step_completed and session_completed, so a COUNT
// that is not a multiple of three leaves the last session open. The ids are "drv-<k>-<i>" for
// event i of session k, the sessions "drv-session-<k>". Prints "recorded <COUNT> depth <D>"
// once the outbox holds COUNT events (D: what it holds then), then runs until SIGTERM or SIGINT
// and stops cleanly.
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>

#include "io/io_thread.hpp"
#include "mqtt/station_link.hpp"

namespace {

using namespace rs;

core::UsageEvent event_of(int index) {
    const int k = index / 3;
    core::UsageEvent e;
    e.ts = std::chrono::system_clock::now();
    e.session_id = "drv-session-" + std::to_string(k);
    e.routine_id = "calves-and-shins";
    e.planned_s = 120;
    switch (index % 3) {
        case 0:
            e.type = core::EventType::session_started;
            e.steps_total = 1;
            break;
        case 1:
            e.type = core::EventType::step_completed;
            e.planned_s = 60;
            e.active = core::Millis{60'000};
            e.step_index = 1;
            e.area = core::Area::calves;
            e.tool = core::Tool::foam_roller;
            e.side = core::Side::left;
            e.set = 1;
            break;
        default:
            e.type = core::EventType::session_completed;
            e.active = core::Millis{60'000};
            e.steps_completed = 1;
            e.steps_skipped = 0;
            e.steps_total = 1;
            e.elapsed = core::Millis{65'000};
            break;
    }
    return e;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: link_driver DATABASE PORT COUNT\n";
        return 2;
    }
    const std::string database = argv[1];
    const int port = std::atoi(argv[2]);
    const int count = std::atoi(argv[3]);

    // Every thread started from here on leaves SIGTERM and SIGINT to sigwait below.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    mqtt::LinkSettings settings;
    settings.topics.facility = "itest";
    settings.topics.station = "drv-1";
    settings.database = database;
    settings.version = "link-driver";
    settings.boot_id = "drv-boot-" + std::to_string(::getpid());
    settings.started_at = std::chrono::system_clock::now();
    mqtt::ClientSettings broker;
    broker.host = "127.0.0.1";
    broker.port = port;
    broker.client_id = "rollstation-drv-1";
    settings.broker = broker;

    const auto log = [](const std::string& line) { std::cerr << "link: " << line << std::endl; };
    io::IoThread io(log);
    {
        mqtt::StationLink link(io, settings, log);
        for (int i = 0; i < count; ++i)
            link.record(event_of(i), "drv-" + std::to_string(i / 3) + "-" + std::to_string(i % 3));
        // Records are written in batches a moment later: wait until the outbox holds them all
        // (or 10 s have passed, and say what it holds).
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        mqtt::LinkStatus status = link.status();
        while (status.outbox_depth < count && std::chrono::steady_clock::now() < until) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            status = link.status();
        }
        std::cout << "recorded " << count << " depth " << status.outbox_depth << std::endl;
        int signal = 0;
        sigwait(&stop_signals, &signal);
        std::cout << "stopping on signal " << signal << std::endl;
    }
    return 0;
}
