// The firmware's line builder against the protocol page's worked examples and the kiosk's own
// parser.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "core/line_writer.hpp"
#include "rollstation/core/wire.hpp"

namespace {

using rs::core::wire::parse_line;
using rs::core::wire::Sample;

std::string without_line_end(const char* line) {
    std::string s(line);
    REQUIRE(s.back() == '\n');
    s.pop_back();
    return s;
}

}  // namespace

TEST_CASE("the line writer produces the protocol page's worked examples", "[firmware]") {
    rsfw::LineWriter sample("RSDAT");
    sample.add_unsigned(1042);
    sample.add_unsigned(873215);
    sample.add_signed(-2375);
    sample.add_signed(412);
    CHECK(std::string(sample.finish()) == "$RSDAT,1042,873215,-2375,412*44\n");

    rsfw::LineWriter hello("RSHEL");
    hello.add_text("roller-1");
    hello.add_text("1.2.0");
    hello.add_text("RF");
    hello.add_unsigned(471);
    CHECK(std::string(hello.finish()) == "$RSHEL,roller-1,1.2.0,RF,471*43\n");
}

TEST_CASE("an unmeasured quantity is an empty field the kiosk reads as absent", "[firmware]") {
    rsfw::LineWriter line("RSDAT");
    line.add_unsigned(7);
    line.add_unsigned(1000);
    line.add_empty();
    line.add_signed(123);
    const auto r = parse_line(without_line_end(line.finish()));
    REQUIRE(r.message);
    const auto& s = std::get<Sample>(*r.message);
    CHECK_FALSE(s.rotation_mrev);
    CHECK(s.force_dn == 123);
}

TEST_CASE("the extremes of each field survive the round trip through the kiosk's parser",
          "[firmware]") {
    const std::int32_t rotation = GENERATE(INT32_MIN, -1, 0, 1, INT32_MAX);
    rsfw::LineWriter line("RSDAT");
    line.add_unsigned(65535);
    line.add_unsigned(UINT32_MAX);
    line.add_signed(rotation);
    line.add_signed(100000);
    const auto r = parse_line(without_line_end(line.finish()));
    REQUIRE(r.message);
    const auto& s = std::get<Sample>(*r.message);
    CHECK(s.seq == 65535);
    CHECK(s.t_ms == UINT32_MAX);
    CHECK(s.rotation_mrev == rotation);
    CHECK(s.force_dn == 100000);
}

TEST_CASE("a line that would pass 96 bytes is refused, never cut short", "[firmware]") {
    rsfw::LineWriter line("RSHEL");
    for (int i = 0; i < 12; ++i)
        line.add_text("roller-x");
    CHECK(line.finish() == nullptr);

    rsfw::LineWriter longest("RSDAT");
    longest.add_text(std::string(90 - 6, 'a').c_str());  // "$RSDAT," + 84 + "*HH" = 94
    const char* text = longest.finish();
    REQUIRE(text != nullptr);
    CHECK(without_line_end(text).size() <= rs::core::wire::kMaxLine);
}
