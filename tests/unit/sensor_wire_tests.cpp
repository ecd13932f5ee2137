// The sensor wire protocol parser: every field form, every kind of bad input, and random garbage.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "rollstation/core/wire.hpp"

using namespace rs::core::wire;

namespace {

std::vector<Message> parse_all(Parser& parser, std::string_view bytes) {
    std::vector<Message> out;
    parser.feed(bytes, [&](const Message& m) { out.push_back(m); });
    return out;
}

std::string sample_line(int seq, std::uint32_t t, int rotation, int force) {
    return frame("RSDAT," + std::to_string(seq) + "," + std::to_string(t) + "," +
                 std::to_string(rotation) + "," + std::to_string(force));
}

}  // namespace

TEST_CASE("the documented example line has the documented checksum", "[wire]") {
    // The worked example in docs/sensor-protocol.md.
    CHECK(frame("RSDAT,1042,873215,-2375,412") == "$RSDAT,1042,873215,-2375,412*44\n");
    CHECK(checksum("RSHEL,roller-1,1.2.0,RF,471") == 0x43);
}

TEST_CASE("hello, sample and status lines parse into their fields", "[wire]") {
    Parser p;
    const auto msgs = parse_all(p, frame("RSHEL,roller-1,1.2.0,RF,471") +
                                       frame("RSDAT,7,1000,-250,123") + frame("RSSTA,87,5"));
    REQUIRE(msgs.size() == 3);
    const auto& hello = std::get<Hello>(msgs[0]);
    CHECK(hello.device_id == "roller-1");
    CHECK(hello.firmware == "1.2.0");
    CHECK(hello.measures_rotation);
    CHECK(hello.measures_force);
    CHECK(hello.circumference_mm == 471);
    const auto& s = std::get<Sample>(msgs[1]);
    CHECK(s.seq == 7);
    CHECK(s.t_ms == 1000);
    CHECK(s.rotation_mrev == -250);
    CHECK(s.force_dn == 123);
    const auto& st = std::get<Status>(msgs[2]);
    CHECK(st.battery_pct == 87);
    CHECK(st.flags == 5);
    CHECK(p.counters().lines == 3);
    CHECK(p.counters().bad_lines() == 0);
}

TEST_CASE("empty fields mean not measured", "[wire]") {
    Parser p;
    const auto msgs = parse_all(p, frame("RSHEL,pad-1,0.9,F,") + frame("RSDAT,0,5,,88") +
                                       frame("RSDAT,1,10,42,") + frame("RSSTA,,"));
    REQUIRE(msgs.size() == 4);
    CHECK_FALSE(std::get<Hello>(msgs[0]).measures_rotation);
    CHECK_FALSE(std::get<Hello>(msgs[0]).circumference_mm.has_value());
    CHECK_FALSE(std::get<Sample>(msgs[1]).rotation_mrev.has_value());
    CHECK(std::get<Sample>(msgs[1]).force_dn == 88);
    CHECK_FALSE(std::get<Sample>(msgs[2]).force_dn.has_value());
    CHECK_FALSE(std::get<Status>(msgs[3]).battery_pct.has_value());
}

TEST_CASE("CRLF line ends, lower-case checksums and extreme values are accepted", "[wire]") {
    Parser p;
    std::string line = frame("RSDAT,65535,4294967295,-2147483648,100000");
    line.insert(line.size() - 1, "\r");
    std::string lower = frame("RSDAT,1,1,2147483647,0");
    for (auto& c : lower)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    lower.replace(1, 5, "RSDAT");  // keep the sentence type upper-case
    const auto msgs = parse_all(p, line + lower);
    REQUIRE(msgs.size() == 2);
    CHECK(std::get<Sample>(msgs[0]).t_ms == 4294967295u);
    CHECK(std::get<Sample>(msgs[0]).rotation_mrev == -2147483648LL);
    CHECK(std::get<Sample>(msgs[1]).rotation_mrev == 2147483647);
}

TEST_CASE("a bad checksum is dropped and counted", "[wire]") {
    Parser p;
    std::string line = frame("RSDAT,1,10,20,30");
    line[line.size() - 2] = line[line.size() - 2] == '0' ? '1' : '0';
    const auto msgs = parse_all(p, line + sample_line(2, 20, 30, 40));
    CHECK(msgs.size() == 1);
    CHECK(p.counters().bad_checksum == 1);
    CHECK(p.counters().lines == 1);
}

TEST_CASE("every malformed line is counted and skipped", "[wire]") {
    const std::vector<std::string> bad = {
        "$RSDAT,1,2,3,4\n",                // no checksum
        "$RSDAT,1,2,3,4*G1\n",             // not hex
        frame("RSDAT,1,2,3"),              // too few fields
        frame("RSDAT,1,2,3,4,5"),          // too many fields
        frame("RSDAT,70000,2,3,4"),        // seq out of range
        frame("RSDAT,-1,2,3,4"),           // negative seq
        frame("RSDAT,1,x,3,4"),            // not a number
        frame("RSDAT,1,2,3.5,4"),          // a fraction
        frame("RSDAT,1,2,3,-4"),           // negative force
        frame("RSDAT,1,2,99999999999,4"),  // rotation beyond 32 bits
        frame("RSHEL,,1.0,RF,471"),        // empty device id
        frame("RSHEL,bad id,1.0,RF,471"),  // a space in the id
        frame("RSHEL,r1,1.0,RX,471"),      // unknown capability
        frame("RSHEL,r1,1.0,RF"),          // missing circumference
        frame("RSSTA,101,0"),              // battery over 100
        frame("RSXXX,1,2"),                // unknown sentence
        frame("RSDAT"),                    // no fields at all
        "$*00\n",                          // nothing
    };
    for (const auto& line : bad) {
        Parser p;
        INFO(line);
        CHECK(parse_all(p, line).empty());
        CHECK(p.counters().bad_lines() == 1);
    }
}

TEST_CASE("garbage between lines is skipped and the parser resynchronises on '$'", "[wire]") {
    Parser p;
    const std::string bytes = "\x01\xff noise" + sample_line(1, 10, 0, 0) +
                              "junk$RSDAT,2,2" +  // cut short
                              sample_line(2, 20, 0, 0) + "\n\n\r\n" + sample_line(3, 30, 0, 0);
    const auto msgs = parse_all(p, bytes);
    CHECK(msgs.size() == 3);
    CHECK(p.counters().garbage_bytes == 12);  // "\x01\xff noise" (8) + "junk" (4)
    CHECK(p.counters().malformed == 1);       // the line cut short by the next '$'
}

TEST_CASE("an over-long line is discarded up to the next '$'", "[wire]") {
    Parser p;
    const std::string longline = "$RSDAT," + std::string(200, '1') + "*00\n";
    const auto msgs = parse_all(p, longline + sample_line(1, 10, 0, 0));
    CHECK(msgs.size() == 1);
    CHECK(p.counters().overlong == 1);
    CHECK(p.counters().garbage_bytes == 0);
}

TEST_CASE("a line of exactly the maximum length is accepted", "[wire]") {
    std::string body = "RSHEL,";
    body += std::string(32, 'a') + "," + std::string(16, 'b') + ",RF,";
    body += std::string(kMaxLine - 4 - body.size(), '1');  // "$" + body + "*HH" == kMaxLine
    Parser p;
    std::string line = frame(body);
    REQUIRE(line.size() == kMaxLine + 1);
    // The circumference is out of range (all ones), so only framing is under test here.
    parse_all(p, line);
    CHECK(p.counters().overlong == 0);
    CHECK(p.counters().malformed == 1);
}

TEST_CASE("chunks split anywhere give the same messages", "[wire]") {
    std::string stream;
    for (int i = 0; i < 50; ++i)
        stream += sample_line(i, static_cast<std::uint32_t>(i * 5), i * 10, i);
    std::mt19937 rng(7);
    for (int trial = 0; trial < 20; ++trial) {
        Parser p;
        std::vector<Message> got;
        std::size_t at = 0;
        while (at < stream.size()) {
            const std::size_t n = std::uniform_int_distribution<std::size_t>(1, 17)(rng);
            p.feed(std::string_view(stream).substr(at, n),
                   [&](const Message& m) { got.push_back(m); });
            at += n;
        }
        REQUIRE(got.size() == 50);
        CHECK(std::get<Sample>(got[49]).rotation_mrev == 490);
        CHECK(p.counters().bad_lines() == 0);
    }
}

TEST_CASE("seq gaps count lost samples, across the 65535 wrap", "[wire]") {
    Parser p;
    std::string s = sample_line(65533, 0, 0, 0) + sample_line(65534, 5, 0, 0) +
                    sample_line(2, 10, 0, 0) + sample_line(3, 15, 0, 0) + sample_line(10, 20, 0, 0);
    parse_all(p, s);
    CHECK(p.counters().lost_samples == 3 + 6);  // 65535, 0, 1 and 4..9
    CHECK(p.counters().seq_restarts == 0);
}

TEST_CASE("seq going backwards is a restart or a repeat, not thousands lost", "[wire]") {
    Parser p;
    parse_all(p, sample_line(500, 0, 0, 0) + sample_line(501, 5, 0, 0) + sample_line(0, 10, 0, 0) +
                     sample_line(1, 15, 0, 0) + sample_line(1, 20, 0, 0));
    CHECK(p.counters().lost_samples == 0);
    CHECK(p.counters().seq_restarts == 2);
}

TEST_CASE("a hello or a reconnect restarts sequence tracking", "[wire]") {
    Parser p;
    parse_all(p, sample_line(100, 0, 0, 0) + frame("RSHEL,r1,1,R,471") + sample_line(7, 5, 0, 0));
    CHECK(p.counters().lost_samples == 0);
    parse_all(p, "$RSDAT,8,1");  // half a line, then the device is unplugged
    p.reset_stream();
    parse_all(p, sample_line(300, 5, 0, 0));
    CHECK(p.counters().lost_samples == 0);
    CHECK(p.counters().malformed == 0);
}

TEST_CASE("seeded random garbage never crashes and never hides good lines", "[wire][fuzz]") {
    std::mt19937 rng(20261121);
    std::uniform_int_distribution<int> byte(0, 255);
    for (int round = 0; round < 300; ++round) {
        Parser p;
        std::string stream;
        int good = 0;
        for (int i = 0; i < 40; ++i) {
            if (byte(rng) < 100) {
                const int n = byte(rng) % 60;
                for (int j = 0; j < n; ++j) {
                    char c = static_cast<char>(byte(rng));
                    if (c == '$')
                        c = '#';  // keep garbage from starting a line that swallows the next
                    stream += c;
                }
                stream += '\n';  // garbage ends before the next good line starts
            }
            stream += sample_line(i, static_cast<std::uint32_t>(i), i, i);
            ++good;
        }
        int seen = 0;
        p.feed(stream, [&](const Message&) { ++seen; });
        CHECK(seen == good);
    }
    // And pure noise, '$' included.
    for (int round = 0; round < 200; ++round) {
        Parser p;
        std::string noise(2000, '\0');
        for (auto& c : noise)
            c = static_cast<char>(byte(rng));
        std::size_t seen = 0;
        p.feed(noise, [&](const Message&) { ++seen; });
        CHECK(seen <= p.counters().lines);
    }
}

TEST_CASE("a full-length line may end in CRLF, one byte more is too long", "[wire]") {
    std::string body = "RSHEL,";
    body += std::string(32, 'a') + "," + std::string(16, 'b') + ",RF,";
    body += std::string(kMaxLine - 4 - body.size(), '1');
    std::string crlf = frame(body);
    crlf.insert(crlf.size() - 1, "\r");
    Parser p;
    parse_all(p, crlf);
    CHECK(p.counters().overlong == 0);
    Parser q;
    parse_all(q, "$" + body + "1*00\r\n");
    CHECK(q.counters().overlong == 1);
}
