// The Bluetooth LE decoders on byte traces: the committed device traces, and notifications cut
// short, out of order, repeated, oversized and random.
#include <catch2/catch.hpp>

#include <cstring>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "rollstation/core/ble_decoders.hpp"
#include "rollstation/core/motion.hpp"
#include "rollstation/core/station_sensors.hpp"

using namespace rs::core;
using namespace rs::core::ble;

namespace {

struct Notification {
    std::uint32_t at_ms = 0;
    std::vector<std::uint8_t> bytes;
};

std::vector<std::uint8_t> from_hex(const std::string& hex) {
    std::vector<std::uint8_t> out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        out.push_back(static_cast<std::uint8_t>(std::stoul(hex.substr(i, 2), nullptr, 16)));
    return out;
}

std::vector<Notification> read_trace(const std::string& name) {
    std::ifstream in(std::string(ROLLSTATION_SOURCE_DIR) + "/tests/data/ble/" + name + ".trace");
    REQUIRE(in);
    std::vector<Notification> out;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#')
            continue;
        std::istringstream fields(line);
        Notification n;
        std::string hex;
        fields >> n.at_ms >> hex;
        n.bytes = from_hex(hex);
        out.push_back(n);
    }
    return out;
}

template <typename Decoder>
std::vector<wire::Message> play(Decoder& d, const std::vector<Notification>& trace) {
    std::vector<wire::Message> out;
    for (const auto& n : trace)
        d.feed(n.bytes, n.at_ms, out);
    return out;
}

std::vector<wire::Sample> samples_of(const std::vector<wire::Message>& messages) {
    std::vector<wire::Sample> out;
    for (const auto& m : messages) {
        if (const auto* s = std::get_if<wire::Sample>(&m))
            out.push_back(*s);
    }
    return out;
}

std::vector<std::uint8_t> witmotion_packet(std::int16_t gyro_x, std::int16_t gyro_z) {
    std::vector<std::uint8_t> p{0x55, 0x61};
    const std::int16_t fields[9] = {0, 0, 2048, gyro_x, 0, gyro_z, 0, 0, 0};
    for (auto f : fields) {
        p.push_back(static_cast<std::uint8_t>(f & 0xff));
        p.push_back(static_cast<std::uint8_t>((f >> 8) & 0xff));
    }
    return p;
}

std::vector<std::uint8_t> progressor_weights(
    std::initializer_list<std::pair<float, std::uint32_t>> s) {
    std::vector<std::uint8_t> p{0x01, static_cast<std::uint8_t>(s.size() * 8)};
    for (const auto& [kg, us] : s) {
        std::uint32_t bits = 0;
        std::memcpy(&bits, &kg, 4);
        for (std::uint32_t v : {bits, us}) {
            for (int k = 0; k < 4; ++k)
                p.push_back(static_cast<std::uint8_t>(v >> (8 * k)));
        }
    }
    return p;
}

MotionTracker track(const std::vector<wire::Sample>& samples) {
    MotionTracker m;
    for (const auto& s : samples)
        m.add(s);
    return m;
}

}  // namespace

TEST_CASE("witmotion: the rolling trace integrates into passes about the chosen axis", "[ble]") {
    const auto trace = read_trace("witmotion-rolling");
    WitMotionDecoder about_x(Axis::x);
    const auto messages = play(about_x, trace);
    REQUIRE(std::holds_alternative<wire::Hello>(messages.front()));
    CHECK(std::get<wire::Hello>(messages.front()).measures_rotation);
    const auto samples = samples_of(messages);
    CHECK(samples.size() == trace.size());
    CHECK(about_x.counters().lines == trace.size());
    CHECK(about_x.counters().bad_lines() == 0);
    CHECK(about_x.counters().garbage_bytes == 0);
    // 1.5 turns either side of the start: the integrated rotation swings between ±1500 mrev.
    std::int32_t top = 0, bottom = 0;
    for (const auto& s : samples) {
        top = std::max(top, *s.rotation_mrev);
        bottom = std::min(bottom, *s.rotation_mrev);
    }
    CHECK(top == Approx(1500).margin(40));
    CHECK(bottom == Approx(-1500).margin(40));
    // A pass every 2 s over 10 s; the first stroke starts it, so four reversals are passes.
    const MotionTracker motion = track(samples);
    CHECK(motion.totals().passes == 4);
    CHECK(*motion.recent_seconds_per_pass() == Approx(2.0).margin(0.1));

    WitMotionDecoder about_z(Axis::z);  // the wrong axis sees only noise: no passes
    CHECK(track(samples_of(play(about_z, trace))).totals().passes == 0);
}

TEST_CASE("witmotion: a full-scale rate for one second is 2000 degrees", "[ble]") {
    WitMotionDecoder d(Axis::z);
    std::vector<wire::Message> out;
    for (std::uint32_t t = 0; t <= 1000; t += 10)
        d.feed(witmotion_packet(0, 32767), t, out);
    CHECK(*samples_of(out).back().rotation_mrev == Approx(2000.0 / 360 * 1000).margin(2));
}

TEST_CASE("witmotion: truncated, garbage, out-of-order and register packets", "[ble]") {
    WitMotionDecoder d(Axis::z);
    std::vector<wire::Message> out;
    auto packet = witmotion_packet(0, 1000);
    d.feed(packet, 0, out);

    const std::vector<std::uint8_t> cut(packet.begin(), packet.begin() + 11);
    d.feed(cut, 10, out);
    CHECK(d.counters().malformed == 1);

    const std::vector<std::uint8_t> junk{0x00, 0xff, 0x55, 0x12, 0x7e};
    d.feed(junk, 20, out);
    CHECK(d.counters().garbage_bytes == 5);

    d.feed(packet, 30, out);
    d.feed(packet, 25, out);  // arrived stamped before the last one
    CHECK(d.counters().seq_restarts == 1);

    std::vector<std::uint8_t> reg(20, 0);
    reg[0] = 0x55;
    reg[1] = 0x71;
    d.feed(reg, 40, out);
    CHECK(d.counters().malformed == 1);

    // Two packets in one notification (a larger MTU), with a stray byte between.
    std::vector<std::uint8_t> two;
    for (const std::size_t copy : {0, 1}) {
        for (const auto b : packet)
            two.push_back(b);
        if (copy == 0)
            two.push_back(0x00);
    }
    const auto before = samples_of(out).size();
    d.feed(two, 50, out);
    CHECK(samples_of(out).size() == before + 2);
    CHECK(d.counters().garbage_bytes == 6);

    // A radio gap is not integrated: rotation stays where it was.
    const auto at_gap = *samples_of(out).back().rotation_mrev;
    d.feed(packet, 50 + WitMotionDecoder::kLongestGapMs + 1, out);
    CHECK(*samples_of(out).back().rotation_mrev == at_gap);
}

TEST_CASE("progressor: the pressing trace gives 30 kg holds and the battery", "[ble]") {
    const auto trace = read_trace("progressor-pressing");
    ProgressorDecoder d;
    const auto messages = play(d, trace);
    REQUIRE(std::holds_alternative<wire::Status>(messages.front()));
    CHECK(std::get<wire::Status>(messages.front()).battery_pct == 67);  // 3.9 V
    const auto samples = samples_of(messages);
    CHECK(samples.size() == 480);
    CHECK(d.counters().bad_lines() == 0);
    CHECK(d.counters().seq_restarts == 0);
    int peak = 0;
    for (std::size_t i = 1; i < samples.size(); ++i) {
        peak = std::max(peak, *samples[i].force_dn);
        // The gauge's clock wrapped inside the trace; the samples' clock still runs forward.
        CHECK(samples[i].t_ms - samples[i - 1].t_ms == Approx(12.5).margin(1));
    }
    CHECK(peak == Approx(30 * 98.0665).margin(2));
    const MotionTracker motion = track(samples);
    CHECK(motion.force().has_value());
    CHECK(motion.totals().peak_force == Approx(30 * kStandardGravity).margin(1));
}

TEST_CASE("progressor: bad lengths, unknown codes, NaN and out-of-order samples", "[ble]") {
    ProgressorDecoder d;
    std::vector<wire::Message> out;
    d.feed(progressor_weights({{10.0F, 1000}, {10.5F, 13500}}), 0, out);
    CHECK(samples_of(out).size() == 2);

    auto truncated = progressor_weights({{11.0F, 26000}});
    truncated.pop_back();
    d.feed(truncated, 0, out);
    const std::vector<std::uint8_t> empty{};
    d.feed(empty, 0, out);
    const std::vector<std::uint8_t> odd_payload{0x01, 0x03, 1, 2, 3};
    d.feed(odd_payload, 0, out);
    const std::vector<std::uint8_t> unknown{0x09, 0x00};
    d.feed(unknown, 0, out);
    CHECK(d.counters().malformed == 4);

    d.feed(progressor_weights({{std::numeric_limits<float>::quiet_NaN(), 30000}, {1e9F, 31000}}), 0,
           out);
    CHECK(d.counters().malformed == 6);

    d.feed(progressor_weights({{12.0F, 13500}, {12.0F, 5000}}), 0, out);  // repeated, older
    CHECK(d.counters().seq_restarts == 2);
    CHECK(samples_of(out).size() == 2);

    const std::vector<std::uint8_t> low{0x04, 0x00};
    d.feed(low, 0, out);
    CHECK(std::get<wire::Status>(out.back()).battery_pct == 0);
}

TEST_CASE("nus: the line protocol survives being cut into 20-byte notifications", "[ble]") {
    const auto trace = read_trace("nus-rolling");
    NusDecoder d;
    const auto messages = play(d, trace);
    REQUIRE(std::holds_alternative<wire::Hello>(messages.front()));
    CHECK(std::get<wire::Hello>(messages.front()).device_id == "nus-roller");
    CHECK(samples_of(messages).size() == 200);
    CHECK(d.counters().bad_lines() == 0);
    CHECK(d.counters().lost_samples == 0);
}

TEST_CASE("every decoder takes random notifications without harm", "[ble]") {
    std::mt19937 rng(21);
    for (const auto kind : {DeviceKind::witmotion, DeviceKind::progressor, DeviceKind::nus}) {
        NotificationDecoder d(kind, Axis::y);
        std::vector<wire::Message> out;
        for (int i = 0; i < 5000; ++i) {
            std::vector<std::uint8_t> bytes(rng() % 600);
            for (auto& b : bytes)
                b = static_cast<std::uint8_t>(rng());
            if (!bytes.empty() && i % 3 == 0)
                bytes[0] = kind == DeviceKind::progressor ? 0x01 : 0x55;
            d.feed(bytes, static_cast<std::uint32_t>(i * 10), out);
            out.clear();
        }
        const auto& c = d.counters();
        CHECK(c.bad_lines() + c.garbage_bytes > 0);
    }
}

TEST_CASE("the battery level characteristic is one byte of 0 to 100", "[ble]") {
    const std::vector<std::uint8_t> good{87}, too_big{101}, two{1, 2};
    CHECK(battery_level(good)->battery_pct == 87);
    CHECK_FALSE(battery_level(too_big));
    CHECK_FALSE(battery_level(two));
    CHECK(battery_percent_from_mv(3300) == 0);
    CHECK(battery_percent_from_mv(4200) == 100);
    CHECK(battery_percent_from_mv(5000) == 100);
}

TEST_CASE("devices are recognised by service or name", "[ble]") {
    CHECK(recognise({"0000FFE5-0000-1000-8000-00805F9B34FB"}, "") == DeviceKind::witmotion);
    CHECK(recognise({}, "Progressor_7125") == DeviceKind::progressor);
    CHECK(recognise({"6e400001-b5a3-f393-e0a9-e50e24dcca9e"}, "anything") == DeviceKind::nus);
    CHECK_FALSE(recognise({"0000180f-0000-1000-8000-00805f9b34fb"}, "Headphones"));
    CHECK(parse_address("aa:bb:cc:dd:ee:0f") == "AA:BB:CC:DD:EE:0F");
    CHECK_FALSE(parse_address("aa:bb:cc:dd:ee"));
    CHECK_FALSE(parse_address("aa-bb-cc-dd-ee-ff"));
    CHECK(device_path_element("AA:BB:CC:DD:EE:0F") == "dev_AA_BB_CC_DD_EE_0F");
}
