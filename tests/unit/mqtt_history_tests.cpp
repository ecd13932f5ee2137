// Backfill on the station's side: history requests checked field by field, pages bounded in
// events and bytes, and the history read back from a real SQLite file, including rows written
// before the history kept the published payloads.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <variant>
#include <vector>

#include "mqtt/history_codec.hpp"
#include "storage/outbox.hpp"
#include "unit/outbox_file.hpp"

using rs::mqtt::decode_history_request;
using rs::mqtt::HistoryRequest;
using rs::storage::HistoryEntry;
using namespace rs::test::outbox_file;

namespace {

std::string refusal_of(const std::string& payload, bool retained = false) {
    const auto decoded = decode_history_request(payload, retained);
    const auto* error = std::get_if<std::string>(&decoded);
    return error ? *error : "";
}

HistoryEntry entry(std::int64_t seq, std::size_t padding = 0) {
    HistoryEntry e;
    e.seq = seq;
    e.event_id = "ev-" + std::to_string(seq);
    e.payload =
        nlohmann::json{
            {"v", 1}, {"event_id", e.event_id}, {"seq", seq}, {"pad", std::string(padding, 'x')}}
            .dump();
    return e;
}

}  // namespace

TEST_CASE("history requests are read with defaults and bounds", "[mqtt][history]") {
    const auto plain = std::get<HistoryRequest>(decode_history_request(R"({"v":1})", false));
    CHECK(plain.since_ms == 0);
    CHECK(plain.cursor == 0);
    CHECK(plain.limit == rs::mqtt::kHistoryPageDefault);
    const auto full = std::get<HistoryRequest>(decode_history_request(
        R"({"v":1,"since":"2026-11-21T17:03:04.123Z","cursor":42,"limit":500})", false));
    CHECK(full.since_ms == 1'795'280'584'123);
    CHECK(full.cursor == 42);
    CHECK(full.limit == 500);
}

TEST_CASE("a bad history request gets a precise reason", "[mqtt][history]") {
    CHECK(refusal_of("") == "a history request must be a JSON object");
    CHECK(refusal_of("[1]") == "a history request must be a JSON object");
    CHECK(refusal_of(R"({"v":2})") == "\"v\" must be 1");
    CHECK(refusal_of(R"({"v":1,"sinse":"x"})") ==
          "unknown field \"sinse\" (known: v, since, cursor, limit)");
    CHECK(refusal_of(R"({"v":1,"since":"yesterday"})") ==
          "\"since\" must be UTC like 2026-11-21T17:03:04.123Z");
    CHECK(refusal_of(R"({"v":1,"since":"3428-01-01T00:00:00Z"})") ==
          "\"since\" must be UTC like 2026-11-21T17:03:04.123Z");
    CHECK(refusal_of(R"({"v":1,"cursor":-1})") ==
          "\"cursor\" must be a whole number from 0 (a page's next_cursor)");
    CHECK(refusal_of(R"({"v":1,"cursor":1.5})") ==
          "\"cursor\" must be a whole number from 0 (a page's next_cursor)");
    CHECK(refusal_of(R"({"v":1,"limit":0})") == "\"limit\" must be a whole number from 1 to 500");
    CHECK(refusal_of(R"({"v":1,"limit":501})") == "\"limit\" must be a whole number from 1 to 500");
    CHECK(refusal_of(R"({"v":1})", true) == "a history request must not be retained");
    CHECK(refusal_of(std::string(5000, '[')) ==
          "a history request of 5000 bytes is over the 4096-byte limit");
}

TEST_CASE("a history page holds at most the limit and says whether more follows",
          "[mqtt][history]") {
    HistoryRequest request;
    request.limit = 2;
    const auto page = rs::mqtt::history_page({entry(5), entry(6), entry(9)}, request, "roller-3");
    const auto j = nlohmann::json::parse(page.payload);
    CHECK(j["ok"] == true);
    CHECK(j["station"] == "roller-3");
    CHECK(j["events"].size() == 2);
    CHECK(j["events"][1]["event_id"] == "ev-6");
    CHECK(j["next_cursor"] == 6);
    CHECK(j["more"] == true);

    const auto last = rs::mqtt::history_page({entry(9)}, request, "roller-3");
    CHECK(nlohmann::json::parse(last.payload)["more"] == false);
    const auto none = rs::mqtt::history_page({}, request, "roller-3");
    CHECK(nlohmann::json::parse(none.payload)["next_cursor"] == 0);
}

TEST_CASE("a history page stops growing at its byte bound but always moves on", "[mqtt][history]") {
    HistoryRequest request;
    request.limit = 500;
    std::vector<HistoryEntry> rows;
    for (int seq = 1; seq <= 40; ++seq)
        rows.push_back(entry(seq, 10'000));
    const auto page = rs::mqtt::history_page(rows, request, "roller-3");
    CHECK(page.payload.size() <= rs::mqtt::kHistoryPageMaxBytes + 200);
    CHECK(page.events > 1);
    CHECK(page.events < 40);
    CHECK(page.more);
    // One event bigger than a page still goes, alone.
    const auto huge = rs::mqtt::history_page({entry(1, 200'000), entry(2)}, request, "roller-3");
    CHECK(huge.events == 1);
    CHECK(huge.more);
}

TEST_CASE("the history gives back its events in pages, the published payloads included",
          "[mqtt][history][storage]") {
    TempDir dir;
    auto outbox = Outbox::open(dir.path() / "station.db").outbox;
    constexpr std::int64_t kT = 1'795'046'400'000;
    for (int i = 0; i < 5; ++i) {
        HistoryRow row{"session_started",
                       kT + i * 1000,
                       "s" + std::to_string(i),
                       "calves",
                       "athlete",
                       0,
                       "",
                       {},
                       {},
                       true};
        outbox->append(
            "id-" + std::to_string(i), row,
            [i](std::int64_t seq) {
                return "{\"n\":" + std::to_string(i) + ",\"seq\":" + std::to_string(seq) + "}";
            },
            kT);
        outbox->acknowledge(i + 1);  // delivered: the outbox forgets, the history keeps
    }
    CHECK(outbox->depth() == 0);
    const auto first = outbox->history_page(0, 0, 3);
    REQUIRE(first.size() == 3);
    CHECK(first[0].event_id == "id-0");
    CHECK(first[2].payload == "{\"n\":2,\"seq\":3}");
    const auto rest = outbox->history_page(0, first.back().seq, 3);
    REQUIRE(rest.size() == 2);
    CHECK(rest[1].event_id == "id-4");
    // Since a time: inclusive.
    const auto since = outbox->history_page(kT + 3000, 0, 10);
    REQUIRE(since.size() == 2);
    CHECK(since[0].event_id == "id-3");
}

TEST_CASE("history rows from before payloads were kept are rebuilt with a stable id",
          "[mqtt][history][storage]") {
    TempDir dir;
    const auto file = dir.path() / "old.db";
    write_first_history(file, true,
                        "INSERT INTO history (type, ts_ms, session_id, routine_id, source, "
                        "active_ms, reason) VALUES ('session_abandoned', 1795046400000, 's1', "
                        "'calves', 'class', 61500, 'idle_timeout')");
    auto outbox = Outbox::open(file).outbox;
    const auto rows = outbox->history_page(0, 0, 10);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].payload.empty());
    const auto page = rs::mqtt::history_page(rows, HistoryRequest{}, "roller-3");
    const auto event = nlohmann::json::parse(page.payload)["events"][0];
    CHECK(event["event_id"] == "h.roller-3.1");
    CHECK(event["rebuilt"] == true);
    CHECK(event["type"] == "session_abandoned");
    CHECK(event["ts"] == "2026-11-19T00:00:00.000Z");
    CHECK(event["source"] == "class");
    CHECK(event["active_s"] == 61.5);
    CHECK(event["reason"] == "idle_timeout");
}
