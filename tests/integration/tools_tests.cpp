// The real programs as an installer runs them: rollstation-sim plays a roller on a
// pseudo-terminal (or UDP, or stdout) and `rollstation --probe-sensor` reads it.
#include <catch2/catch.hpp>

#include <regex>

#include "integration/support.hpp"

namespace rs::itest {
namespace {

const std::string kSim = ROLLSTATION_SIM_BINARY;
const std::string kKiosk = ROLLSTATION_BINARY;

struct ProbeReport {
    int passes = -1;
    std::optional<double> seconds_per_pass;
    std::optional<long> bad_checksum;
    std::optional<long> good_lines;
};

ProbeReport read_report(const std::string& out) {
    ProbeReport r;
    std::smatch m;
    if (std::regex_search(out, m, std::regex(R"(passes: (\d+))")))
        r.passes = std::stoi(m[1]);
    if (std::regex_search(out, m, std::regex(R"(mean ([0-9.]+) s per pass)")))
        r.seconds_per_pass = std::stod(m[1]);
    if (std::regex_search(out, m, std::regex(R"(lines: (\d+) good, (\d+) bad checksum)"))) {
        r.good_lines = std::stol(m[1]);
        r.bad_checksum = std::stol(m[2]);
    }
    return r;
}

// Starts the simulator on a pseudo-terminal behind `link`, waits for the link, then probes it
// for 7 s; returns the probe's output after checking it ended well.
std::string simulate_and_probe(const TempDir& dir, const std::string& profile) {
    const auto link = dir / "roller";
    ChildProcess sim({kSim, "--profile", profile, "--link", link.string(), "--seconds", "12"},
                     dir.path(), "sim");
    require_eventually("the simulator's link " + link.string(),
                       [&] { return std::filesystem::is_symlink(link) || !sim.running(); });
    INFO(sim.describe());
    REQUIRE(sim.running());

    ChildProcess probe({kKiosk, "--probe-sensor", "serial:" + link.string(), "--seconds", "7"},
                       dir.path(), "probe");
    const std::optional<int> code = probe.wait_for_exit(Millis{9000});
    INFO(probe.describe());
    REQUIRE(code);
    CHECK(*code == 0);
    const std::string out = probe.out();
    CHECK_THAT(out, Catch::Contains("probing serial:" + link.string() + " for 7 s"));
    CHECK_THAT(out, Catch::Contains("device: sim-roller, firmware sim-1.0"));
    CHECK_THAT(out, Catch::Contains("disconnects: 0"));
    CHECK(sim.running());  // 12 s: still going when the probe is done; killed on the way out
    return out;
}

// How a program that ends on its own (within 5 s) ended, and what it wrote.
struct Ended {
    int code;
    std::string out;
    std::string err;
};

Ended run_to_end(std::vector<std::string> argv, const TempDir& dir, const std::string& name) {
    ChildProcess program(std::move(argv), dir.path(), name);
    const std::optional<int> code = program.wait_for_exit(Millis{5000});
    INFO(program.describe());
    REQUIRE(code);
    return {*code, program.out(), program.err()};
}

struct Probed {
    std::string out;
    ProbeReport report;
};

// Probes the simulator playing `profile` and checks what every profile gives: at least
// `min_passes` passes, at a mean pace from `min_s` to `max_s` a pass, and a bad-checksum count.
Probed probe_at_pace(const std::string& profile, int min_passes, double min_s, double max_s) {
    TempDir dir;
    Probed probed;
    probed.out = simulate_and_probe(dir, profile);
    INFO(probed.out);
    probed.report = read_report(probed.out);
    CHECK(probed.report.passes >= min_passes);
    REQUIRE(probed.report.seconds_per_pass);
    CHECK(*probed.report.seconds_per_pass >= min_s);
    CHECK(*probed.report.seconds_per_pass <= max_s);
    REQUIRE(probed.report.bad_checksum);
    return probed;
}

}  // namespace

TEST_CASE("the probe reads the simulator's steady roller: 3 s a pass, no bad lines",
          "[integration][tools]") {
    const auto [out, r] = probe_at_pace("steady", 2, 2.8, 3.2);
    INFO(out);
    CHECK(*r.bad_checksum == 0);
    CHECK(*r.good_lines >= 600);  // 100 a second for 7 s, less a start-up moment
    CHECK_THAT(out, Catch::Contains("0 bad checksum, 0 too long, 0 malformed, 0 garbage bytes"));
    CHECK_THAT(out, Catch::Contains("lost samples: 0"));
}

TEST_CASE("the probe reads the simulator's garbage: passes still right, bad checksums counted",
          "[integration][tools]") {
    const auto [out, r] = probe_at_pace("garbage", 2, 2.8, 3.2);
    INFO(out);
    CHECK(*r.bad_checksum > 0);
    CHECK_THAT(out, !Catch::Contains(" 0 garbage bytes"));
}

TEST_CASE("the probe reads the simulator's fast roller: about 1 s a pass", "[integration][tools]") {
    const auto [out, r] = probe_at_pace("fast", 5, 0.9, 1.1);
    INFO(out);
    CHECK(*r.bad_checksum == 0);
}

TEST_CASE("the simulator refuses bad options with exit 2 and its usage", "[integration][tools]") {
    struct Case {
        std::vector<std::string> args;
        std::string says;
    };
    const auto c = GENERATE(values<Case>({
        {{"--profile", "wobbly"}, "--profile must be one of steady, fast"},
        {{"--profile"}, "--profile must be one of"},
        {{"--rate", "0"}, "--rate needs a whole number from 1 to 200"},
        {{"--rate", "201"}, "--rate needs a whole number from 1 to 200"},
        {{"--rate", "12abc"}, "--rate needs a whole number from 1 to 200"},
        {{"--seconds"}, "--seconds needs a whole number from 1 to 86400"},
        {{"--seconds", "0"}, "--seconds needs a whole number from 1 to 86400"},
        {{"--link"}, "--link needs a path"},
        {{"--udp", "127.0.0.1"}, "--udp needs ADDRESS:PORT"},
        {{"--udp", "127.0.0.1:99999"}, "--udp needs ADDRESS:PORT"},
        {{"--udp", "localhost:5005"}, "--udp needs ADDRESS:PORT"},
        {{"--device-id", ""}, "--device-id needs 1 to 32"},
        {{"--frobnicate"}, "unknown option '--frobnicate'"},
    }));
    TempDir dir;
    std::vector<std::string> argv{kSim};
    argv.insert(argv.end(), c.args.begin(), c.args.end());
    const Ended sim = run_to_end(argv, dir, "sim");
    CHECK(sim.code == 2);
    CHECK_THAT(sim.err, Catch::StartsWith("rollstation-sim: ") && Catch::Contains(c.says) &&
                            Catch::Contains("usage: rollstation-sim"));
    CHECK(sim.out.empty());
}

// An id with a space or a comma would make every hello malformed on the wire.
TEST_CASE("the simulator refuses a device id the wire protocol cannot carry",
          "[integration][tools]") {
    const std::string id = GENERATE(as<std::string>{}, "my roller", "roller,2", "roller*1");
    TempDir dir;
    const Ended sim = run_to_end(
        {kSim, "--stdout", "--seconds", "1", "--rate", "1", "--device-id", id}, dir, "sim");
    CHECK(sim.code == 2);
    CHECK_THAT(sim.err, Catch::Contains("--device-id needs 1 to 32 letters"));
}

TEST_CASE("the probe refuses what is not a source (exit 2) and what it cannot use (exit 1)",
          "[integration][tools]") {
    TempDir dir;
    SECTION("not a source at all") {
        const Ended probe =
            run_to_end({kKiosk, "--probe-sensor", "nonsense", "--seconds", "1"}, dir, "probe");
        CHECK(probe.code == 2);  // a usage error
        CHECK(probe.out ==
              "error: sensor source 'nonsense': it must start with serial:, udp:, sim: or ble:\n");
    }
    SECTION("a serial device with a relative path") {
        const Ended probe =
            run_to_end({kKiosk, "--probe-sensor", "serial:ttyACM0@115200"}, dir, "probe");
        CHECK(probe.code == 2);
        CHECK_THAT(probe.out, Catch::StartsWith("error: sensor source 'serial:ttyACM0@115200'") &&
                                  Catch::Contains("absolute path"));
    }
    SECTION("a UDP port someone else holds") {
        boost::asio::ip::udp::socket holder(
            test_io(),
            boost::asio::ip::udp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
        const std::string source =
            "udp:127.0.0.1:" + std::to_string(holder.local_endpoint().port());
        const Ended probe =
            run_to_end({kKiosk, "--probe-sensor", source, "--seconds", "1"}, dir, "probe");
        CHECK(probe.code == 1);
        CHECK_THAT(probe.out, Catch::StartsWith("error: sensor probe on " + source.substr(0) +
                                                " could not start") &&
                                  Catch::Contains("in use", Catch::CaseSensitive::No));
    }
    SECTION("a serial device that never appears: silence is a failure too") {
        const std::string source = "serial:" + (dir / "nothing-here").string();
        const Ended probe =
            run_to_end({kKiosk, "--probe-sensor", source, "--seconds", "1"}, dir, "probe");
        CHECK(probe.code == 1);
        CHECK_THAT(probe.out, Catch::Contains("1 s: no data, lines 0") &&
                                  Catch::Contains("device: no hello seen"));
    }
    SECTION("--seconds without its number is bad usage") {
        const Ended probe = run_to_end(
            {kKiosk, "--probe-sensor", "serial:/dev/ttyACM0", "--seconds"}, dir, "probe");
        CHECK(probe.code == 2);
        CHECK_THAT(probe.err, Catch::Contains("--seconds needs a whole number from 1 to 3600"));
    }
}

TEST_CASE("the simulator over UDP feeds a SensorHub on the loopback", "[integration][tools]") {
    TempDir dir;
    const int port = free_udp_port();
    SensorStation station({{"roller", spec("udp:127.0.0.1:" + std::to_string(port))}});
    REQUIRE(station.errors().empty());
    ChildProcess sim({kSim, "--profile", "fast", "--device-id", "udp-sim", "--udp",
                      "127.0.0.1:" + std::to_string(port), "--seconds", "8"},
                     dir.path(), "sim");
    // The fast profile makes a pass a second, in real time: three take a little over 3 s.
    require_eventually(
        "three passes from the simulator over UDP",
        [&] {
            station.pump();
            return station.sensor("roller").motion.totals().passes >= 3 || !sim.running();
        },
        Millis{7000});
    INFO(sim.describe());
    const core::SensorState& s = station.sensor("roller");
    REQUIRE(s.hello);
    CHECK(s.hello->device_id == "udp-sim");
    CHECK(s.connected);
    CHECK(s.counters.bad_lines() == 0);
    REQUIRE(s.motion.totals().seconds_per_pass());
    CHECK(*s.motion.totals().seconds_per_pass() == Approx(1.0).margin(0.1));
}

TEST_CASE("the simulator on stdout speaks the wire protocol at the rate asked",
          "[integration][tools]") {
    TempDir dir;
    const Ended sim = run_to_end(
        {kSim, "--stdout", "--rate", "50", "--seconds", "1", "--device-id", "out-1"}, dir, "sim");
    CHECK(sim.code == 0);
    core::wire::Parser parser;
    std::vector<core::wire::Message> messages;
    parser.feed(sim.out, [&](const core::wire::Message& m) { messages.push_back(m); });
    CHECK(parser.counters().bad_lines() == 0);
    CHECK(parser.counters().garbage_bytes == 0);
    CHECK(parser.counters().lost_samples == 0);
    REQUIRE_FALSE(messages.empty());
    const auto* hello = std::get_if<core::wire::Hello>(&messages.front());
    REQUIRE(hello);
    CHECK(hello->device_id == "out-1");
    // 50 a second for (just under) a second, every 20 ms of device time.
    CHECK(messages.size() >= 45);
    CHECK(messages.size() <= 53);
    const auto* last = std::get_if<core::wire::Sample>(&messages.back());
    REQUIRE(last);
    CHECK(last->t_ms % 20 == 0);
}

}  // namespace rs::itest
