// rollstation-sim: a roller that speaks the sensor protocol over a pseudo-terminal, UDP or stdout.
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "io/asio.hpp"
#include "rollstation/core/source_spec.hpp"
#include "sensors/simulator.hpp"
#include "tools/pty.hpp"

namespace {

volatile std::sig_atomic_t g_stop = 0;

std::string usage() {
    return "usage: rollstation-sim [--profile NAME] [--rate HZ] [--seconds N] [--device-id ID]\n"
           "                       [--circumference MM] [--seed N] [--pty [--link PATH] | --udp "
           "HOST:PORT | --stdout]\n"
           "\n"
           "  --profile NAME    " +
           rs::core::profile_names() +
           " (default steady)\n"
           "  --rate HZ         samples per second, 1..200 (default 100)\n"
           "  --seconds N       stop after N seconds (default: run until interrupted)\n"
           "  --pty             a pseudo-terminal; prints 'pty: /dev/pts/N' (the default)\n"
           "  --link PATH       also make PATH a symlink to the pseudo-terminal\n"
           "  --udp HOST:PORT   send datagrams instead\n"
           "  --stdout          write the lines to standard output\n";
}

struct Options {
    rs::sensors::SimSettings sim;
    std::optional<double> seconds;
    enum class Out { pty, udp, stdout_ } out = Out::pty;
    std::optional<std::string> link;
    std::string udp_host;
    int udp_port = 0;
};

std::optional<Options> parse(int argc, char** argv, std::string& error) {
    Options o;
    o.sim.device_id = "sim-roller";
    std::vector<std::string> args(argv + 1, argv + argc);
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const auto value = [&]() -> std::optional<std::string> {
            if (i + 1 >= args.size())
                return std::nullopt;
            return args[++i];
        };
        const auto number = [&](int min, int max) -> std::optional<int> {
            auto v = value();
            try {
                std::size_t used = 0;
                const int n = v ? std::stoi(*v, &used) : 0;
                if (v && used == v->size() && n >= min && n <= max)
                    return n;
            } catch (const std::exception&) {
            }
            error = a + " needs a whole number from " + std::to_string(min) + " to " +
                    std::to_string(max);
            return std::nullopt;
        };
        if (a == "--profile") {
            auto v = value();
            auto p = v ? rs::core::parse_profile(*v) : std::nullopt;
            if (!p) {
                error = "--profile must be one of " + rs::core::profile_names();
                return std::nullopt;
            }
            o.sim.profile = *p;
        } else if (a == "--rate") {
            auto n = number(1, 200);
            if (!n)
                return std::nullopt;
            o.sim.rate_hz = *n;
        } else if (a == "--seconds") {
            auto n = number(1, 86400);
            if (!n)
                return std::nullopt;
            o.seconds = *n;
        } else if (a == "--seed") {
            auto n = number(0, 1 << 30);
            if (!n)
                return std::nullopt;
            o.sim.seed = static_cast<std::uint32_t>(*n);
        } else if (a == "--circumference") {
            auto n = number(50, 2000);
            if (!n)
                return std::nullopt;
            o.sim.circumference_mm = *n;
        } else if (a == "--device-id") {
            auto v = value();
            if (!v || !rs::core::is_device_id(*v)) {
                error = "--device-id needs 1 to 32 letters, digits, '-', '_' or '.'";
                return std::nullopt;
            }
            o.sim.device_id = *v;
        } else if (a == "--pty") {
            o.out = Options::Out::pty;
        } else if (a == "--link") {
            auto v = value();
            if (!v) {
                error = "--link needs a path";
                return std::nullopt;
            }
            o.link = *v;
        } else if (a == "--stdout") {
            o.out = Options::Out::stdout_;
        } else if (a == "--udp") {
            auto v = value();
            // The same grammar as the kiosk's udp: sources, so [::1]:5005 works here too.
            const auto parsed = rs::core::parse_source("udp:" + v.value_or(""));
            if (!v || !parsed.spec) {
                error = "--udp needs ADDRESS:PORT, such as 127.0.0.1:5005 or [::1]:5005";
                return std::nullopt;
            }
            o.out = Options::Out::udp;
            o.udp_host = parsed.spec->host;
            o.udp_port = parsed.spec->port;
        } else if (a == "--help" || a == "-h") {
            std::cout << usage();
            std::exit(0);
        } else {
            error = "unknown option '" + a + "'";
            return std::nullopt;
        }
    }
    return o;
}

}  // namespace

int main(int argc, char** argv) {
    std::string error;
    const auto options = parse(argc, argv, error);
    if (!options) {
        std::cerr << "rollstation-sim: " << error << "\n\n" << usage();
        return 2;
    }
    std::signal(SIGINT, [](int) { g_stop = 1; });
    std::signal(SIGTERM, [](int) { g_stop = 1; });
    std::signal(SIGPIPE, SIG_IGN);

    rs::sensors::Simulator sim(options->sim);
    std::unique_ptr<rs::tools::PseudoTerminal> pty;
    boost::asio::io_context io;
    boost::asio::ip::udp::socket udp(io);
    boost::asio::ip::udp::endpoint target;
    try {
        if (options->out == Options::Out::udp) {
            target = {boost::asio::ip::make_address(options->udp_host),
                      static_cast<unsigned short>(options->udp_port)};
            udp.open(target.protocol());
        }
    } catch (const std::exception& e) {
        std::cerr << "rollstation-sim: " << e.what() << "\n";
        return 1;
    }
    const auto plug_in = [&] {
        pty = std::make_unique<rs::tools::PseudoTerminal>(options->link);
        std::printf("pty: %s\n", pty->device().c_str());
        if (options->link)
            std::printf("link: %s\n", options->link->c_str());
        std::fflush(stdout);
    };
    try {
        if (options->out == Options::Out::pty)
            plug_in();
    } catch (const std::exception& e) {
        std::cerr << "rollstation-sim: " << e.what() << "\n";
        return 1;
    }

    const auto start = std::chrono::steady_clock::now();
    bool plugged = true;
    while (!g_stop) {
        const double t =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (options->seconds && t >= *options->seconds)
            break;
        if (options->out == Options::Out::pty && sim.plugged_in(t) != plugged) {
            // The unplug profile: the device vanishes (link and all) and comes back as a new one.
            plugged = !plugged;
            if (plugged) {
                try {
                    plug_in();
                } catch (const std::exception& e) {
                    std::cerr << "rollstation-sim: " << e.what() << "\n";
                    return 1;
                }
            } else {
                pty.reset();
                std::printf("unplugged\n");
                std::fflush(stdout);
            }
        }
        const std::string bytes = sim.emit_until(t);
        if (!bytes.empty()) {
            switch (options->out) {
                case Options::Out::pty:
                    if (pty)
                        pty->write(bytes);
                    break;
                case Options::Out::udp: {
                    boost::system::error_code ignored;
                    udp.send_to(boost::asio::buffer(bytes), target, 0, ignored);
                    break;
                }
                case Options::Out::stdout_:
                    std::fwrite(bytes.data(), 1, bytes.size(), stdout);
                    std::fflush(stdout);
                    break;
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return 0;
}
