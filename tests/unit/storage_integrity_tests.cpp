// What the outbox does with damage SQLite's own checks do not see, and with a file it has to set
// aside: a payload whose bytes changed on the card fails its checksum and is quarantined, never
// published; a database started over a damaged one keeps seq increasing and takes over the
// waiting events that still read.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "storage/outbox.hpp"
#include "storage/sqlite.hpp"
#include "unit/outbox_file.hpp"
#include "unit/support.hpp"

namespace fs = std::filesystem;
using namespace rs::test::outbox_file;

namespace {

std::string read_bytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_bytes(const fs::path& file, const std::string& bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << bytes;
}

// Every occurrence of `from` in the file becomes `to` (same length): bytes changed under SQLite,
// as a failing card changes them, in places its page checks do not cover.
int flip_in_file(const fs::path& file, const std::string& from, const std::string& to) {
    REQUIRE(from.size() == to.size());
    std::string bytes = read_bytes(file);
    int flipped = 0;
    for (auto at = bytes.find(from); at != std::string::npos; at = bytes.find(from, at + 1)) {
        bytes.replace(at, to.size(), to);
        ++flipped;
    }
    write_bytes(file, bytes);
    return flipped;
}

std::int64_t number(const fs::path& file, const std::string& sql) {
    Database db(file, Database::Access::read_only);
    Statement q = db.prepare(sql.c_str());
    REQUIRE(q.step());
    return q.integer(0);
}

// Appends an event whose payload carries a marker the test can find in the file's bytes.
void add_marked(Outbox& outbox, const std::string& id) {
    outbox.append(
        id, row_of("step_completed", kDay),
        [&](std::int64_t seq) {
            return "{\"id\":\"" + id + "\",\"seq\":" + std::to_string(seq) +
                   ",\"body\":\"body-of-" + id + "\"}";
        },
        kDay);
}

}  // namespace

TEST_CASE_METHOD(OutboxFolder,
                 "a stored payload whose bytes changed is quarantined, counted and never published",
                 "[outbox][integrity]") {
    {
        auto outbox = open_ok(file);
        for (const char* id : {"ev-a", "ev-b", "ev-c"})
            add_marked(*outbox, id);
    }  // closed: the WAL is folded into the file
    // One byte of the middle event's payload, in the outbox and in the history alike.
    REQUIRE(flip_in_file(file, "body-of-ev-b", "body-of-ev-X") >= 1);

    auto outbox = open_ok(file);  // SQLite's quick_check sees nothing wrong
    const auto waiting = outbox->pending(0, 10);
    REQUIRE(waiting.size() == 2);
    CHECK(waiting[0].event_id == "ev-a");
    CHECK(waiting[1].event_id == "ev-c");
    const auto reports = outbox->take_damage_reports();
    REQUIRE(reports.size() == 1);
    CHECK(reports[0] ==
          "the stored event seq 2 (ev-b) failed its checksum: it was set aside in the quarantine "
          "table, not published, and counted in dropped_events");
    CHECK(outbox->take_damage_reports().empty());  // told once
    CHECK(outbox->depth() == 2);
    CHECK(outbox->dropped_total() == 1);
    CHECK(outbox->quarantined_total() == 1);
    CHECK(number(file,
                 "SELECT COUNT(*) FROM quarantine WHERE seq = 2 AND event_id = 'ev-b' AND "
                 "instr(payload, 'body-of-ev-X') > 0") == 1);
    // A second look finds nothing more, and the good events go on as usual.
    CHECK(outbox->pending(0, 10).size() == 2);
    CHECK(outbox->take_damage_reports().empty());

    // Backfill leaves the damaged payload out and rebuilds the event from its row.
    const auto page = outbox->history_page(0, 0, 10);
    REQUIRE(page.size() == 3);
    CHECK(page[1].payload.empty());
    CHECK(page[1].row.type == "step_completed");
    CHECK(page[0].payload.find("body-of-ev-a") != std::string::npos);
}

TEST_CASE("a re-stamped payload gets a new checksum", "[outbox][integrity]") {
    TempDir dir;
    auto outbox = open_ok(dir.path() / "events.db");
    rs::storage::HistoryRow row = row_of("step_completed", kDay);
    row.boot_id = "boot-1";
    row.mono_ms = 5'000;
    row.synced = false;
    outbox->append({{"ev-a", row, [](std::int64_t) { return std::string("{\"ts\":1}"); }, {}, {}}},
                   rs::storage::Moment{kDay, 6'000, "boot-1", false});
    outbox->restamp(
        rs::storage::Moment{kDay + kHourMs, 7'000, "boot-1", true}, 0,
        [](const std::string&, std::int64_t ts) { return "{\"ts\":" + std::to_string(ts) + "}"; });
    const auto waiting = outbox->pending(0, 10);
    REQUIRE(waiting.size() == 1);
    CHECK(waiting[0].payload == "{\"ts\":" + std::to_string(kDay + kHourMs - 2'000) + "}");
    CHECK(outbox->take_damage_reports().empty());
}

TEST_CASE_METHOD(OutboxFolder, "seq goes on from where it was when the database is opened again",
                 "[outbox][integrity]") {
    {
        auto outbox = open_ok(file);
        for (int i = 0; i < 3; ++i)
            add(*outbox, "ev-" + std::to_string(i));
    }
    auto outbox = open_ok(file);
    CHECK(add(*outbox, "ev-3").seq == 4);  // no gap from the reserved block
}

TEST_CASE_METHOD(OutboxFolder,
                 "a database started over an unreadable one numbers above everything given before",
                 "[outbox][integrity]") {
    std::int64_t last = 0;
    {
        auto outbox = open_ok(file);
        for (int i = 0; i < 5; ++i)
            last = add(*outbox, "ev-" + std::to_string(i)).seq;
    }
    write_bytes(file, std::string(8192, '\x5a'));  // not a database any more
    auto opened = Outbox::open(file);
    INFO(opened.problem);
    REQUIRE_FALSE(opened.problem.empty());
    const std::int64_t next = add(*opened.outbox, "after").seq;
    CHECK(next > last);
    // And it goes on increasing from there, in this file and the next time it is opened.
    CHECK(add(*opened.outbox, "after-2").seq == next + 1);
    opened.outbox.reset();
    CHECK(add(*open_ok(file), "after-3").seq == next + 2);
}

TEST_CASE_METHOD(OutboxFolder,
                 "the waiting events of a damaged database that still read are taken over",
                 "[outbox][integrity]") {
    {
        auto outbox = open_ok(file);
        for (int i = 0; i < 4; ++i)
            add(*outbox, "ev-" + std::to_string(i));
        outbox->acknowledge(1);  // delivered: three wait
    }
    // Break one page SQLite's check reads but the tables do not need: the root of an index.
    const std::int64_t page_size = number(file, "PRAGMA page_size");
    const std::int64_t root =
        number(file, "SELECT rootpage FROM sqlite_master WHERE name = 'history_ts'");
    std::string bytes = read_bytes(file);
    REQUIRE(static_cast<std::int64_t>(bytes.size()) >= root * page_size);
    for (std::int64_t i = (root - 1) * page_size; i < root * page_size; ++i)
        bytes[static_cast<std::size_t>(i)] = static_cast<char>((i * 37 + 11) % 251);
    write_bytes(file, bytes);

    auto opened = Outbox::open(file);
    INFO(opened.problem);
    REQUIRE(opened.problem.find("moved to") != std::string::npos);
    CHECK(opened.problem.find("with the 3 waiting events that could still be read from it") !=
          std::string::npos);
    auto& outbox = *opened.outbox;
    const auto waiting = outbox.pending(0, 10);
    REQUIRE(waiting.size() == 3);
    CHECK(waiting[0].event_id == "ev-1");
    CHECK(waiting[0].seq == 2);
    CHECK(waiting[0].payload == payload_for("ev-1", 2));
    CHECK(waiting[2].event_id == "ev-3");
    CHECK(outbox.take_damage_reports().empty());
    // The history came along (the day's statistics still count it), and numbering goes on above.
    CHECK(outbox.history_page(0, 0, 10).size() == 4);
    CHECK(add(outbox, "after").seq > 4);
}
