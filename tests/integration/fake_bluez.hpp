// A private system bus and the fake BlueZ on it (tests/kit/bluez/fake_bluez.py), started by a
// test and stopped by pid: dbus-daemon with a config of its own on a socket in a temp folder,
// DBUS_SYSTEM_BUS_ADDRESS pointed at it for this process and the children it starts.
#pragma once

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "support.hpp"

namespace rs::itest {

inline const std::string kFakeBluez =
    std::string(ROLLSTATION_SOURCE_DIR) + "/tests/kit/bluez/fake_bluez.py";
inline std::string ble_trace(const std::string& name) {
    return std::string(ROLLSTATION_SOURCE_DIR) + "/tests/data/ble/" + name + ".trace";
}

// A dbus-daemon on `dir`/bus that lets anyone own any name and call anything: the test's alone.
class PrivateBus {
  public:
    explicit PrivateBus(const std::filesystem::path& dir) : socket_(dir / "bus") {
        const auto config = dir / "bus.conf";
        std::ofstream(config) << "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus "
                                 "Configuration 1.0//EN\"\n"
                                 " \"http://www.freedesktop.org/standards/dbus/1.0/"
                                 "busconfig.dtd\">\n"
                                 "<busconfig>\n  <type>system</type>\n  <listen>unix:path="
                              << socket_.string()
                              << "</listen>\n  <auth>EXTERNAL</auth>\n"
                                 "  <policy context=\"default\">\n"
                                 "    <allow user=\"*\"/>\n    <allow own=\"*\"/>\n"
                                 "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
                                 "    <allow eavesdrop=\"true\"/>\n  </policy>\n</busconfig>\n";
        daemon_ = std::make_unique<ChildProcess>(
            std::vector<std::string>{"/usr/bin/dbus-daemon", "--nofork", "--nosyslog",
                                     "--config-file=" + config.string()},
            dir, "dbus-daemon");
        require_eventually("the private dbus-daemon's socket", [&] {
            struct stat st {};
            return ::stat(socket_.c_str(), &st) == 0 || !daemon_->running();
        });
        INFO(daemon_->describe());
        REQUIRE(daemon_->running());
        address_ = "unix:path=" + socket_.string();
        ::setenv("DBUS_SYSTEM_BUS_ADDRESS", address_.c_str(), 1);
    }
    ~PrivateBus() {
        daemon_.reset();
        ::unsetenv("DBUS_SYSTEM_BUS_ADDRESS");
    }
    const std::string& address() const { return address_; }

  private:
    std::filesystem::path socket_;
    std::string address_;
    std::unique_ptr<ChildProcess> daemon_;
};

struct FakeDevice {
    std::string address;
    std::string kind = "witmotion";
    std::string name;
    int rssi = -60;
    std::string trace;  // a file; empty: no notifications
    bool loop = false;
    std::optional<int> battery{};
    bool known = false;
};

// The fake BlueZ with `devices`, taking commands through a FIFO.
class FakeBluez {
  public:
    FakeBluez(const std::filesystem::path& dir, const std::vector<FakeDevice>& devices,
              const std::string& emit_log = "")
        : control_(dir / "bluez-control") {
        ::mkfifo(control_.c_str(), 0600);
        std::string json = "[";
        for (const auto& d : devices) {
            json += std::string(json.size() > 1 ? "," : "") + "{\"address\":\"" + d.address +
                    "\",\"kind\":\"" + d.kind + "\",\"name\":\"" + d.name +
                    "\",\"rssi\":" + std::to_string(d.rssi) + ",\"trace\":\"" + d.trace +
                    "\",\"loop\":" + (d.loop ? "true" : "false") +
                    ",\"known\":" + (d.known ? "true" : "false") +
                    (d.battery ? ",\"battery\":" + std::to_string(*d.battery) : "") + "}";
        }
        json += "]";
        std::vector<std::string> argv{"/usr/bin/python3", kFakeBluez,       "--devices", json,
                                      "--control",        control_.string()};
        if (!emit_log.empty()) {
            argv.push_back("--emit-log");
            argv.push_back(emit_log);
        }
        process_ = std::make_unique<ChildProcess>(argv, dir, "fake-bluez");
        require_eventually("the fake BlueZ to own org.bluez", [&] {
            return process_->out().find("ready") != std::string::npos || !process_->running();
        });
        INFO(process_->describe());
        REQUIRE(process_->running());
        writer_.open(control_);
    }
    ~FakeBluez() {
        writer_.close();
        process_.reset();
    }

    // A control command (see fake_bluez.py); returns once the fake has acted on it.
    void command(const std::string& line) {
        const std::size_t before = process_->out().size();
        writer_ << line << "\n" << std::flush;
        require_eventually("the fake BlueZ to carry out '" + line + "'", [&] {
            const std::string out = process_->out();
            return out.find("done " + line + "\n", before) != std::string::npos ||
                   out.find("error", before) != std::string::npos;
        });
        INFO(process_->out().substr(before));
        REQUIRE(process_->out().find("error", before) == std::string::npos);
    }
    std::string output() const { return process_->out(); }
    std::string describe() const { return process_->describe(); }

  private:
    std::filesystem::path control_;
    std::unique_ptr<ChildProcess> process_;
    std::ofstream writer_;
};

}  // namespace rs::itest
