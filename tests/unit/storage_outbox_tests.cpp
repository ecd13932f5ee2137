// The durable outbox: numbering, delivery order, acknowledgement, durability across reopening and
// refused appends. Every test uses a real SQLite file in its own temporary folder.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "storage/outbox.hpp"
#include "storage/sqlite.hpp"
#include "unit/outbox_file.hpp"
#include "unit/support.hpp"

namespace fs = std::filesystem;
using namespace rs::test::outbox_file;

// ---------------------------------------------------------------------------------------------
// Numbering, order, acknowledgement

TEST_CASE("append numbers events from 1 and stores the payload built from the number", "[outbox]") {
    TempDir dir;
    auto outbox = open_ok(dir.path() / "events.db");
    CHECK(outbox->depth() == 0);
    CHECK(outbox->pending(0, 100).empty());
    CHECK(outbox->dropped_total() == 0);

    std::vector<std::int64_t> seen;
    for (int i = 1; i <= 5; ++i) {
        const std::string id = "ev-" + std::to_string(i);
        const StoredEvent stored = outbox->append(
            id, row_of("step_completed", kDay + i),
            [&](std::int64_t seq) {
                seen.push_back(seq);
                return payload_for(id, seq);
            },
            kDay + i);
        CHECK(stored.seq == i);
        CHECK(stored.event_id == id);
        CHECK(stored.payload == payload_for(id, i));
    }
    CHECK(seen == range(1, 5));  // called once per append, with the number it got
    CHECK(outbox->depth() == 5);

    const auto all = outbox->pending(0, 100);
    REQUIRE(all.size() == 5);
    for (std::size_t i = 0; i < all.size(); ++i) {
        const auto n = static_cast<std::int64_t>(i + 1);
        CHECK(all[i].seq == n);
        CHECK(all[i].event_id == "ev-" + std::to_string(n));
        CHECK(all[i].payload == payload_for(all[i].event_id, n));
    }

    SECTION("pending respects after_seq and limit") {
        CHECK(seqs_of(outbox->pending(2, 100)) == range(3, 5));
        CHECK(seqs_of(outbox->pending(0, 2)) == range(1, 2));
        CHECK(seqs_of(outbox->pending(1, 2)) == range(2, 3));
        CHECK(seqs_of(outbox->pending(4, 10)) == range(5, 5));
        CHECK(outbox->pending(5, 10).empty());
        CHECK(outbox->pending(0, 0).empty());
        CHECK(outbox->depth() == 5);  // reading never removes
    }

    SECTION("acknowledge removes exactly the one event") {
        outbox->acknowledge(3);
        CHECK(outbox->depth() == 4);
        CHECK(seqs_of(outbox->pending(0, 100)) == std::vector<std::int64_t>{1, 2, 4, 5});
        CHECK(seqs_of(outbox->pending(2, 1)) == std::vector<std::int64_t>{4});

        outbox->acknowledge(3);   // twice: harmless
        outbox->acknowledge(99);  // unknown: harmless
        CHECK(outbox->depth() == 4);

        outbox->acknowledge(1);
        outbox->acknowledge(5);
        CHECK(seqs_of(outbox->pending(0, 100)) == std::vector<std::int64_t>{2, 4});
        CHECK(outbox->depth() == 2);
        CHECK(outbox->dropped_total() == 0);  // acknowledged is not dropped

        // Numbering continues after the highest number ever given, not after what is left.
        CHECK(add(*outbox, "ev-6").seq == 6);
    }
}

TEST_CASE_METHOD(OutboxFolder,
                 "numbering continues after reopening, even when every event was acknowledged",
                 "[outbox]") {
    {
        auto outbox = open_ok(file);
        for (int i = 1; i <= 3; ++i)
            CHECK(add(*outbox, "a-" + std::to_string(i)).seq == i);
        for (std::int64_t s = 1; s <= 3; ++s)
            outbox->acknowledge(s);
        CHECK(outbox->depth() == 0);
    }
    {
        auto outbox = open_ok(file);
        CHECK(outbox->depth() == 0);
        CHECK(add(*outbox, "b-1").seq == 4);
        outbox->acknowledge(4);
    }
    {
        // Opening without appending changes nothing either.
        auto outbox = open_ok(file);
    }
    {
        auto outbox = open_ok(file);
        CHECK(add(*outbox, "c-1").seq == 5);
        CHECK(seqs_of(outbox->pending(0, 10)) == std::vector<std::int64_t>{5});
    }
}

TEST_CASE_METHOD(OutboxFolder,
                 "numbering continues after reopening even when the history rows were pruned",
                 "[outbox]") {
    // The number is the history row's AUTOINCREMENT id; pruning the history must not let a
    // number be given out twice.
    OutboxLimits limits;
    limits.history = std::chrono::hours{1};
    {
        auto outbox = open_ok(file, limits);
        add(*outbox, "a-1", kDay);
        add(*outbox, "a-2", kDay + 1);
        outbox->acknowledge(1);
        outbox->acknowledge(2);
        // Far later: prunes both older history rows; then acknowledge the new one too.
        CHECK(add(*outbox, "a-3", kDay + 10 * kHourMs).seq == 3);
        outbox->acknowledge(3);
    }
    CHECK(query_int(file, "SELECT COUNT(*) FROM history") == 1);
    auto outbox = open_ok(file, limits);
    // 20 h later still: the last history row goes as well, then the new one is numbered 4.
    CHECK(add(*outbox, "b-1", kDay + 30 * kHourMs).seq == 4);
}

// ---------------------------------------------------------------------------------------------
// Durability

TEST_CASE_METHOD(OutboxFolder, "events stay until acknowledged, across closing and reopening",
                 "[outbox]") {
    std::vector<StoredEvent> written;
    {
        auto outbox = open_ok(file);
        for (int i = 0; i < 50; ++i)
            written.push_back(add(*outbox, "ev-" + std::to_string(i), kDay + i));
        CHECK(outbox->depth() == 50);
        // Destroyed without acknowledging anything.
    }
    {
        auto outbox = open_ok(file);
        CHECK(outbox->depth() == 50);
        const auto pending = outbox->pending(0, 1000);
        REQUIRE(pending.size() == written.size());
        for (std::size_t i = 0; i < pending.size(); ++i) {
            CHECK(pending[i].seq == written[i].seq);
            CHECK(pending[i].event_id == written[i].event_id);
            CHECK(pending[i].payload == written[i].payload);
        }
        // Acknowledge half; the other half is still there after the next reopen.
        for (std::int64_t s = 1; s <= 25; ++s)
            outbox->acknowledge(s);
    }
    auto outbox = open_ok(file);
    CHECK(outbox->depth() == 25);
    CHECK(seqs_of(outbox->pending(0, 1000)) == range(26, 50));
    CHECK(outbox->dropped_total() == 0);
}

// ---------------------------------------------------------------------------------------------
// Refused appends

TEST_CASE_METHOD(OutboxFolder, "a duplicate event id is refused and leaves nothing behind",
                 "[outbox]") {
    auto outbox = open_ok(file);
    add(*outbox, "a", kDay, "session_started");
    add(*outbox, "b", kDay + 1, "session_started");

    std::vector<std::int64_t> offered;
    const auto again = [&] {
        outbox->append(
            "a", row_of("session_started", kDay + 2),
            [&](std::int64_t seq) {
                offered.push_back(seq);
                return std::string("{\"dup\":true}");
            },
            kDay + 2);
    };
    REQUIRE_THROWS_AS(again(), SqliteError);
    try {
        again();
    } catch (const SqliteError& e) {
        CHECK((e.code & 0xff) == SQLITE_CONSTRAINT);
        CHECK(e.code == SQLITE_CONSTRAINT_UNIQUE);  // extended result codes are on
    }
    // The payload was built (with the number the row would have had) before the refusal.
    CHECK(offered == std::vector<std::int64_t>{3, 3});

    // The first "a" is untouched, and no history row of the refused append was kept.
    CHECK(outbox->depth() == 2);
    const auto pending = outbox->pending(0, 10);
    REQUIRE(pending.size() == 2);
    CHECK(pending[0].event_id == "a");
    CHECK(pending[0].payload == payload_for("a", 1));
    CHECK(query_int(file, "SELECT COUNT(*) FROM history") == 2);
    CHECK(outbox->stats(kDay, kDay + kHourMs, [](std::int64_t) { return 0; }).sessions == 2);

    // The rollback also undid the AUTOINCREMENT counter (sqlite_sequence is written in the same
    // transaction), so the next append reuses 3: no gap, and 3 is still given out only once.
    CHECK(add(*outbox, "c", kDay + 3).seq == 3);
    CHECK(seqs_of(outbox->pending(0, 10)) == range(1, 3));
    CHECK(query_int(file, "SELECT seq FROM sqlite_sequence WHERE name = 'history'") == 3);

    // The connection is usable afterwards (no transaction left open): reopen and carry on.
    outbox.reset();
    outbox = open_ok(file);
    CHECK(add(*outbox, "d", kDay + 4).seq == 4);
}

TEST_CASE_METHOD(OutboxFolder, "an append whose payload cannot be built stores nothing",
                 "[outbox]") {
    auto outbox = open_ok(file);
    add(*outbox, "a");
    const auto failing = [](std::int64_t) -> std::string {
        throw std::runtime_error("no payload");
    };
    CHECK_THROWS_WITH(outbox->append("b", row_of("session_started", kDay), failing, kDay),
                      "no payload");
    CHECK(outbox->depth() == 1);
    CHECK(query_int(file, "SELECT COUNT(*) FROM history") == 1);
    CHECK(add(*outbox, "b").seq == 2);
}
