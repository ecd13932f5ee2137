// rollstation-recorder: the facility recorder service, and its reports on the command line.
//
//   rollstation-recorder --config FILE                 run the service
//   rollstation-recorder --check-config --config FILE  check the file, print each error
//   rollstation-recorder report --config FILE --from DATE --to DATE [--facility F]
//                        [--by station|routine|day|hour] --format csv|json|table
//
// Exit codes: 0 success, 1 a problem you can fix (a bad file, a database away), 2 bad usage.
#include <signal.h>
#include <systemd/sd-daemon.h>

#include <algorithm>
#include <future>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "io/io_thread.hpp"
#include "recorder/recorder_config.hpp"
#include "recorder/recorder_service.hpp"
#include "recorder/report.hpp"

namespace {

using namespace rs::recorder;

constexpr const char* kUsage =
    "usage: rollstation-recorder --config FILE\n"
    "       rollstation-recorder --check-config --config FILE\n"
    "       rollstation-recorder report --config FILE --from YYYY-MM-DD --to YYYY-MM-DD\n"
    "                            [--facility ID] [--by station|routine|day|hour]\n"
    "                            --format csv|json|table\n";

int usage_error(const std::string& message) {
    std::cerr << "rollstation-recorder: " << message << "\n" << kUsage;
    return 2;
}

std::optional<RecorderConfig> load(const std::string& file) {
    rs::config::Diagnostics errors;
    auto config = load_recorder_config(file, errors);
    for (const auto& e : errors)
        std::cerr << e.to_string() << "\n";
    return config;
}

void log_line(const std::string& line) {
    std::cerr << line << std::endl;  // journald stamps it
}

int run_service(const RecorderConfig& config) {
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);  // every thread leaves them to sigwait

    const ZoneBook zones = zones_of(config);
    std::unique_ptr<EventStore> store;
    // A database that is not up yet at boot is waited for, not a reason to give up.
    for (int attempt = 0;; ++attempt) {
        try {
            store = open_store(config.store, zones);
            break;
        } catch (const StoreUnavailable& e) {
            if (attempt == 0)
                log_line(std::string("cannot open the store: ") + e.what() + "; retrying");
            timespec wait{1, 0};
            siginfo_t info;
            if (sigtimedwait(&stop_signals, &info, &wait) > 0)
                return 1;
        }
    }
    log_line("recording into " + store->describe());
    rs::io::IoThread io(log_line);
    RecorderService service(io.context(), config, *store, log_line);
    io.run_and_wait([&] { service.start(); });
    sd_notify(0, "READY=1");
    int signal = 0;
    sigwait(&stop_signals, &signal);
    sd_notify(0, "STOPPING=1");
    std::promise<void> stopped;
    io.post([&] { service.stop([&] { stopped.set_value(); }); });
    stopped.get_future().wait_for(std::chrono::seconds(5));
    const auto& c = service.counters();
    log_line("stopping: received " + std::to_string(c.received.load()) + ", stored " +
             std::to_string(c.stored.load()) + ", duplicates " +
             std::to_string(c.duplicates.load()) + ", skipped " +
             std::to_string(c.rejected.load()));
    return 0;
}

int run_report(const std::map<std::string, std::string>& flags) {
    const auto flag = [&](const char* name) -> std::optional<std::string> {
        const auto it = flags.find(name);
        return it == flags.end() ? std::nullopt : std::optional(it->second);
    };
    for (const char* required : {"--config", "--from", "--to", "--format"})
        if (!flag(required))
            return usage_error(std::string("report needs ") + required);
    ReportRequest request;
    const auto from = parse_date(*flag("--from"));
    const auto to = parse_date(*flag("--to"));
    if (!from)
        return usage_error("--from '" + *flag("--from") + "' is not a date (YYYY-MM-DD)");
    if (!to)
        return usage_error("--to '" + *flag("--to") + "' is not a date (YYYY-MM-DD)");
    if (*to < *from)
        return usage_error("--to " + *flag("--to") + " is before --from " + *flag("--from"));
    request.from = *from;
    request.to = *to;
    request.facility = flag("--facility").value_or("");
    if (const auto by = flag("--by")) {
        const auto g = parse_grouping(*by);
        if (!g)
            return usage_error("--by '" + *by + "' must be station, routine, day or hour");
        request.by = *g;
    }
    const std::string format = *flag("--format");
    if (format != "csv" && format != "json" && format != "table")
        return usage_error("--format '" + format + "' must be csv, json or table");
    const auto config = load(*flag("--config"));
    if (!config)
        return 1;
    try {
        const ZoneBook zones = zones_of(*config);
        auto store = open_store(config->store, zones);
        const Report report = build_report(*store, *config, request);
        std::cout << (format == "csv"    ? report_csv(report)
                      : format == "json" ? report_json(report) + "\n"
                                         : report_table(report));
        return 0;
    } catch (const StoreUnavailable& e) {
        std::cerr << "rollstation-recorder: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    const bool report = !args.empty() && args[0] == "report";
    std::map<std::string, std::string> flags;
    bool check = false;
    for (std::size_t i = report ? 1 : 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--help" || a == "-h") {
            std::cout << kUsage;
            return 0;
        }
        if (a == "--version") {
            std::cout << "rollstation-recorder " << ROLLSTATION_VERSION << "\n";
            return 0;
        }
        if (a == "--check-config" && !report) {
            check = true;
            continue;
        }
        static const std::vector<std::string> with_value =
            report ? std::vector<std::string>{"--config",   "--from", "--to",
                                              "--facility", "--by",   "--format"}
                   : std::vector<std::string>{"--config"};
        if (std::find(with_value.begin(), with_value.end(), a) == with_value.end())
            return usage_error("unknown option '" + a + "'");
        if (i + 1 >= args.size())
            return usage_error(a + " needs a value");
        if (flags.contains(a))
            return usage_error(a + " given twice");
        flags[a] = args[++i];
    }
    if (report)
        return run_report(flags);
    if (!flags.contains("--config"))
        return usage_error("--config FILE is required");
    const auto config = load(flags["--config"]);
    if (!config)
        return 1;
    if (check) {
        std::cout << flags["--config"] << ": ok; store " << config->store << ", broker "
                  << config->mqtt.host << ":" << config->mqtt.port << ", "
                  << config->facilities.size() << " facilities\n";
        return 0;
    }
    return run_service(*config);
}
