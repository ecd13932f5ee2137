#include "kit/bluez.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <stdexcept>

#include "kit/wait.hpp"

namespace rs::kit {
namespace {

using std::chrono::milliseconds;

// Anyone may own any name and call anything: the bus is the test's alone.
std::string bus_config(const std::filesystem::path& socket) {
    return "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
           " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
           "<busconfig>\n  <type>system</type>\n  <listen>unix:path=" +
           socket.string() +
           "</listen>\n  <auth>EXTERNAL</auth>\n  <policy context=\"default\">\n"
           "    <allow user=\"*\"/>\n    <allow own=\"*\"/>\n"
           "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
           "    <allow eavesdrop=\"true\"/>\n  </policy>\n</busconfig>\n";
}

std::string device_json(const FakeDevice& d) {
    return "{\"address\":\"" + d.address + "\",\"kind\":\"" + d.kind + "\",\"name\":\"" + d.name +
           "\",\"rssi\":" + std::to_string(d.rssi) + ",\"trace\":\"" + d.trace +
           "\",\"loop\":" + (d.loop ? "true" : "false") +
           ",\"known\":" + (d.known ? "true" : "false") +
           (d.battery ? ",\"battery\":" + std::to_string(*d.battery) : "") + "}";
}

}  // namespace

std::string fake_bluez_script() {
    return std::string(ROLLSTATION_SOURCE_DIR) + "/tests/kit/bluez/fake_bluez.py";
}

std::string ble_trace(const std::string& name) {
    return std::string(ROLLSTATION_SOURCE_DIR) + "/tests/data/ble/" + name + ".trace";
}

PrivateBus::PrivateBus(const std::filesystem::path& dir) {
    const auto socket = dir / "bus";
    const auto config = dir / "bus.conf";
    std::ofstream(config) << bus_config(socket);
    daemon_ = std::make_unique<Process>(
        std::vector<std::string>{"/usr/bin/dbus-daemon", "--nofork", "--nosyslog",
                                 "--config-file=" + config.string()},
        ProcessOutput{dir / "dbus-daemon.out", dir / "dbus-daemon.err"});
    const bool up = wait_until(
        [&] {
            struct stat st {};
            return ::stat(socket.c_str(), &st) == 0 || !daemon_->running();
        },
        milliseconds(5000));
    if (!up || !daemon_->running())
        throw std::runtime_error("the private dbus-daemon did not start: " + daemon_->describe());
    address_ = "unix:path=" + socket.string();
    ::setenv("DBUS_SYSTEM_BUS_ADDRESS", address_.c_str(), 1);
}

PrivateBus::~PrivateBus() {
    daemon_.reset();
    ::unsetenv("DBUS_SYSTEM_BUS_ADDRESS");
}

FakeBluez::FakeBluez(const std::filesystem::path& dir, const std::vector<FakeDevice>& devices,
                     const std::string& emit_log)
    : control_(dir / "bluez-control") {
    ::mkfifo(control_.c_str(), 0600);
    std::string json = "[";
    for (const auto& d : devices)
        json += (json.size() > 1 ? "," : "") + device_json(d);
    json += "]";
    std::vector<std::string> argv{"/usr/bin/python3", fake_bluez_script(), "--devices", json,
                                  "--control",        control_.string()};
    if (!emit_log.empty()) {
        argv.push_back("--emit-log");
        argv.push_back(emit_log);
    }
    process_ = std::make_unique<Process>(
        argv, ProcessOutput{dir / "fake-bluez.out", dir / "fake-bluez.err"});
    wait_until([&] { return output().find("ready") != std::string::npos || !process_->running(); },
               milliseconds(10000));
    if (output().find("ready") == std::string::npos || !process_->running())
        throw std::runtime_error("the fake BlueZ did not come up: " + describe());
    writer_.open(control_);  // the fake holds the FIFO open: this does not block
}

FakeBluez::~FakeBluez() {
    writer_.close();
    process_.reset();
}

bool FakeBluez::command(const std::string& line) {
    const std::size_t before = output().size();
    writer_ << line << "\n" << std::flush;
    wait_until(
        [&] {
            const std::string out = output();
            return out.find("done " + line + "\n", before) != std::string::npos ||
                   out.find("error", before) != std::string::npos;
        },
        milliseconds(5000));
    const std::string out = output();
    return out.find("done " + line + "\n", before) != std::string::npos &&
           out.find("error", before) == std::string::npos;
}

}  // namespace rs::kit
