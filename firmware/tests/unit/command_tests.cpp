// The serial command line and the EEPROM record: whatever a terminal sends is judged, and only
// a valid record is ever taken for a calibration.
#include <catch2/catch.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "core/calibration_record.hpp"
#include "core/command_reader.hpp"

namespace {

using rsfw::CommandKind;

std::vector<rsfw::Command> feed(const std::string& bytes) {
    rsfw::CommandReader reader;
    std::vector<rsfw::Command> commands;
    for (char c : bytes) {
        const rsfw::Command command = reader.feed(c);
        if (command.kind != CommandKind::none)
            commands.push_back(command);
    }
    return commands;
}

rsfw::Command one(const std::string& line) {
    const auto commands = feed(line);
    REQUIRE(commands.size() == 1);
    return commands.front();
}

}  // namespace

TEST_CASE("the documented commands parse, in either case and with either line end", "[firmware]") {
    CHECK(one("TARE\n").kind == CommandKind::tare);
    CHECK(one("tare\r\n").kind == CommandKind::tare);
    CHECK(one("  Save  \r").kind == CommandKind::save);
    CHECK(one("CANCEL\n").kind == CommandKind::cancel);
    CHECK(one("info\n").kind == CommandKind::info);
    const auto cal = one("CAL 2200\n");
    CHECK(cal.kind == CommandKind::calibrate);
    CHECK(cal.value == 2200);
    const auto scale = one("scale   1460\n");
    CHECK(scale.kind == CommandKind::scale);
    CHECK(scale.value == 1460);
}

TEST_CASE("a bad number is reported, whatever shape it takes", "[firmware]") {
    const std::string line =
        GENERATE(as<std::string>{}, "CAL\n", "CAL \n", "CAL -5\n", "CAL 22.5\n", "CAL 9\n",
                 "CAL 100001\n", "CAL 12x\n", "SCALE 0\n", "SCALE 99999999\n", "CAL 2200 3\n");
    INFO(line);
    CHECK(one(line).kind == CommandKind::bad_number);
}

TEST_CASE("unknown words get an answer, noise gets none", "[firmware]") {
    CHECK(one("HELLO\n").kind == CommandKind::unknown);
    CHECK(one("TARE NOW\n").kind == CommandKind::unknown);
    CHECK(feed("\n\r\n   \n").empty());
    // A baud-rate mismatch: bytes outside printable ASCII make the whole line noise.
    CHECK(feed(std::string("\xF0\x80\x1B"
                           "CAL 2200\n",
                           12))
              .empty());
    // The line after the noise is heard again.
    const auto commands = feed(std::string("\xFF\xFE\nTARE\n"));
    REQUIRE(commands.size() == 1);
    CHECK(commands.front().kind == CommandKind::tare);
}

TEST_CASE("an over-long line is one error, and the next line is heard", "[firmware]") {
    const auto commands = feed(std::string(500, 'A') + "\nSAVE\n");
    REQUIRE(commands.size() == 2);
    CHECK(commands[0].kind == CommandKind::too_long);
    CHECK(commands[1].kind == CommandKind::save);
    // "CAL 2200" after 20 spaces of padding still fits; after 30 it does not.
    CHECK(one(std::string(16, ' ') + "CAL 2200\n").kind == CommandKind::calibrate);
    CHECK(one(std::string(30, ' ') + "CAL 2200\n").kind == CommandKind::too_long);
}

TEST_CASE("the EEPROM record round-trips and refuses anything else", "[firmware]") {
    std::uint8_t bytes[rsfw::kCalibrationRecordBytes];
    rsfw::CalibrationRecord in;
    in.counts_per_newton = 1460;
    rsfw::encode_calibration(in, bytes);
    rsfw::CalibrationRecord out;
    REQUIRE(rsfw::decode_calibration(bytes, out));
    CHECK(out.counts_per_newton == 1460);

    SECTION("a blank EEPROM") {
        std::memset(bytes, 0xFF, sizeof bytes);
        CHECK_FALSE(rsfw::decode_calibration(bytes, out));
    }
    SECTION("any one byte changed") {
        const auto index = GENERATE(range(0, 8));
        bytes[index] ^= 0x10;
        CHECK_FALSE(rsfw::decode_calibration(bytes, out));
    }
    SECTION("a factor out of range, even with a good check byte") {
        in.counts_per_newton = 0;
        rsfw::encode_calibration(in, bytes);
        CHECK_FALSE(rsfw::decode_calibration(bytes, out));
    }
}
