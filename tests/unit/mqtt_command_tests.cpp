// Coach commands off the wire: every refusal has a reason, and nothing hostile gets through.
#include <catch2/catch.hpp>

#include <random>

#include "mqtt/command_codec.hpp"
#include "unit/support.hpp"

using namespace rs;
using mqtt::decode_command;

namespace {

std::shared_ptr<const core::Library> library() {
    core::Routine r =
        test::make_routine("pre-run", "Pre-run", core::Purpose::warm_up, core::Level::beginner);
    return std::make_shared<const core::Library>(
        std::vector<core::RoutinePtr>{std::make_shared<const core::Routine>(std::move(r))});
}

std::string refusal(const std::string& payload, bool retained = false) {
    const auto d = decode_command(payload, retained, *library());
    INFO(payload);
    REQUIRE_FALSE(d.command.has_value());
    return d.error;
}

const std::string kGood =
    R"({"v":1,"command_id":"c-1","type":"class_warmup","routine_id":"pre-run",)"
    R"("start_at":"2026-11-21T18:30:00Z","coach":"Sam","message":"Team A"})";

}  // namespace

TEST_CASE("a class warm-up naming a library routine is decoded", "[commands]") {
    const auto d = decode_command(kGood, false, *library());
    REQUIRE(d.command.has_value());
    const auto& w = std::get<core::ClassWarmup>(*d.command);
    CHECK(w.command_id == "c-1");
    CHECK(w.routine->id == "pre-run");
    CHECK_FALSE(w.inline_routine);
    CHECK(w.coach == "Sam");
    CHECK(w.message == "Team A");
    CHECK(w.start_at == core::WallTime{std::chrono::seconds{1795285800}});
    CHECK(core::command_id_of(*d.command) == "c-1");
}

TEST_CASE("a class warm-up without a coach's name is decoded with none", "[commands]") {
    std::string unnamed = kGood;
    unnamed.replace(unnamed.find(",\"coach\":\"Sam\""), 14, "");
    const auto d = decode_command(unnamed, false, *library());
    REQUIRE(d.command.has_value());
    CHECK(std::get<core::ClassWarmup>(*d.command).coach.empty());
}

TEST_CASE("an inline routine is checked by the routine rules", "[commands]") {
    const std::string good =
        R"({"v":1,"command_id":"c-2","type":"class_warmup","start_at":"2026-11-21T18:30:00.250Z","coach":"Sam",)"
        R"("routine":{"id":"team-a","title":"Team A","purpose":"warm-up","level":"beginner","tools":["foam-roller"],)"
        R"("summary":"Quick","when":"before","steps":[{"area":"calves","tool":"foam-roller","side":"both",)"
        R"("duration":"45s","pressure":"moderate","cues":["Slow"]}]}})";
    const auto d = decode_command(good, false, *library());
    REQUIRE(d.command.has_value());
    const auto& w = std::get<core::ClassWarmup>(*d.command);
    CHECK(w.inline_routine);
    CHECK(w.routine->steps.front().duration_s == 45);
    CHECK(w.start_at.time_since_epoch() % std::chrono::seconds(1) ==
          std::chrono::milliseconds(250));

    std::string bad = good;
    bad.replace(bad.find("\"45s\""), 5, "\"9m\"");
    CHECK(refusal(bad) == "routine: steps[0].duration is 540 s; it must be between 10 s and 300 s");
    std::string unknown_area = good;
    unknown_area.replace(unknown_area.find("calves"), 6, "neck");
    CHECK_THAT(refusal(unknown_area),
               Catch::StartsWith("routine: steps[0].area: unknown value 'neck'"));
}

TEST_CASE("every malformed command is refused with a reason", "[commands]") {
    CHECK(refusal("") == "the payload is not valid JSON (UTF-8)");
    CHECK(refusal("{\"v\":1,") == "the payload is not valid JSON (UTF-8)");
    CHECK(refusal("[1,2]") == "the payload must be a JSON object");
    CHECK(refusal(R"({"command_id":"c","type":"cancel","target":"x"})") == "'v' must be 1");
    CHECK(refusal(R"({"v":2,"command_id":"c","type":"cancel","target":"x"})") == "'v' must be 1");
    CHECK(refusal(R"({"v":1,"type":"cancel","target":"x"})") ==
          "'command_id' must be 1 to 64 letters, digits, '-', '_', '.' or ':'");
    CHECK(refusal(R"({"v":1,"command_id":"has space","type":"cancel","target":"x"})")
              .find("'command_id'") == 0);
    CHECK(refusal(R"({"v":1,"command_id":"c","type":"reboot"})") ==
          "unknown command type 'reboot'; expected class_warmup or cancel");
    CHECK(refusal(R"({"v":1,"command_id":"c","type":"cancel"})") == "missing field 'target'");
    CHECK(refusal(R"({"v":1,"command_id":"c","type":"cancel","target":7})") ==
          "'target' must be a string");
    CHECK(refusal(R"({"v":1,"command_id":"c","type":"cancel","target":"x","extra":1})") ==
          "unknown field 'extra'");

    std::string s = kGood;
    s.replace(s.find("pre-run"), 7, "nope");
    CHECK(refusal(s) == "unknown routine 'nope'");
    s = kGood;
    s.replace(s.find("2026-11-21T18:30:00Z"), 20, "tomorrow at six");
    CHECK(refusal(s) == "'start_at' must be UTC like 2026-11-21T18:30:00Z, not 'tomorrow at six'");
    s = kGood;
    s.replace(s.find("\"Sam\""), 5, "\"" + std::string(41, 'x') + "\"");
    CHECK(refusal(s) == "'coach' is 41 characters; the limit is 40");
    s = kGood;
    s.replace(s.find("\"Sam\""), 5, "7");
    CHECK(refusal(s) == "'coach' must be a string");
    CHECK(
        refusal(
            R"({"v":1,"command_id":"c","type":"class_warmup","routine_id":"pre-run","routine":{},)"
            R"("start_at":"2026-11-21T18:30:00Z","coach":"Sam"})") ==
        "give either 'routine_id' or an inline 'routine', not both or neither");
}

TEST_CASE("hostile payloads are refused before they are parsed", "[commands]") {
    const std::string huge =
        R"({"v":1,"command_id":"c","type":"cancel","target":")" + std::string(70'000, 'a') + "\"}";
    CHECK(refusal(huge) == "the payload is 70052 bytes; the limit is 65536");
    const std::string deep = std::string(1000, '[') + std::string(1000, ']');
    CHECK(refusal(deep) == "the payload nests deeper than 32 levels");
    const std::string brackets_in_strings =
        R"({"v":1,"command_id":"c","type":"cancel","target":")" + std::string(100, '[') + "\"}";
    CHECK(decode_command(brackets_in_strings, false, *library()).error ==
          "'target' is 100 characters; the limit is 64");
    CHECK(refusal("{\"v\":1,\"command_id\":\"c\",\"type\":\"cancel\",\"target\":\"\xff\xfe\"}") ==
          "the payload is not valid JSON (UTF-8)");
    const auto retained = decode_command(kGood, true, *library());
    CHECK_FALSE(retained.command.has_value());
    CHECK(retained.command_id == "c-1");  // named in the refusal
    CHECK(retained.error == "commands are never retained; a retained command is ignored");
}

TEST_CASE("UTC times parse exactly and impossible dates are refused", "[commands]") {
    CHECK(mqtt::parse_utc("1970-01-01T00:00:00Z") == core::WallTime{});
    CHECK(mqtt::parse_utc("2026-11-21T18:30:00.007Z") ==
          core::WallTime{std::chrono::seconds{1795285800} + std::chrono::milliseconds{7}});
    for (const char* bad :
         {"2026-02-31T10:00:00Z", "2026-13-01T10:00:00Z", "2026-11-21T18:30:00",
          "2026-11-21 18:30:00Z", "3428-11-21T18:30:00Z", "1969-12-31T23:59:59Z",
          "2026-11-21T18:30:00+01:00", "2026-11-21T18:30:00.5Z", "", "2026-11-21T24:00:00Z"}) {
        INFO(bad);
        CHECK_FALSE(mqtt::parse_utc(bad).has_value());
    }
}

TEST_CASE("the start window and the memory of command ids", "[commands]") {
    core::ClassWarmup w;
    const core::WallTime now{std::chrono::seconds{1795285800}};
    w.start_at = now + std::chrono::seconds(30);
    CHECK_FALSE(core::check_start(w, now).has_value());
    w.start_at = now - std::chrono::milliseconds(1500);  // within the grace
    CHECK_FALSE(core::check_start(w, now).has_value());
    w.start_at = now - std::chrono::seconds(12);
    CHECK(*core::check_start(w, now) ==
          "start_at is 12 s in the past by this station's clock (is it or the sender's clock "
          "wrong?)");
    w.start_at = now + std::chrono::hours(25);
    CHECK(*core::check_start(w, now) == "start_at is more than 24 h ahead");

    core::CommandMemory memory(3);
    for (const char* id : {"a", "b", "c"})
        memory.remember(id);
    CHECK(memory.seen("a"));
    memory.remember("b");  // already known: nothing is forgotten
    memory.remember("d");
    CHECK_FALSE(memory.seen("a"));
    CHECK(memory.seen("d"));
    CHECK(core::name_of(core::CommandOutcome::expired) == "expired");
}

TEST_CASE("seeded random payloads never crash the decoder", "[commands][fuzz]") {
    std::mt19937 rng(5);
    std::uniform_int_distribution<int> byte(0, 255), cut(0, static_cast<int>(kGood.size()));
    const auto lib = library();
    for (int round = 0; round < 3000; ++round) {
        std::string s = kGood;
        const int edits = 1 + byte(rng) % 6;
        for (int e = 0; e < edits && !s.empty(); ++e) {
            const std::size_t at = static_cast<std::size_t>(cut(rng)) % s.size();
            switch (byte(rng) % 3) {
                case 0:
                    s[at] = static_cast<char>(byte(rng));
                    break;
                case 1:
                    s.erase(at, 1 + static_cast<std::size_t>(byte(rng) % 8));
                    break;
                default:
                    s.insert(at, 1, "{}[]\",:\\0"[byte(rng) % 9]);
                    break;
            }
        }
        const auto d = decode_command(s, false, *lib);
        CHECK((d.command.has_value() != !d.error.empty()));
    }
}
