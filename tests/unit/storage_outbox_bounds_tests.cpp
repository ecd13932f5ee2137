// The durable outbox's bounds: the size, age and history limits applied at each append. Every test
// uses a real SQLite file in its own temporary folder.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

#include "storage/outbox.hpp"
#include "storage/sqlite.hpp"
#include "unit/outbox_file.hpp"
#include "unit/support.hpp"

namespace fs = std::filesystem;
using namespace rs::test::outbox_file;

namespace {

// Limits with one bound set and the others as shipped.
OutboxLimits only(std::chrono::hours OutboxLimits::*bound, std::chrono::hours value) {
    OutboxLimits limits;
    limits.*bound = value;
    return limits;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Bounds

TEST_CASE_METHOD(OutboxFolder, "the size bound keeps the newest events and counts the dropped ones",
                 "[outbox]") {
    OutboxLimits limits;
    limits.max_events = 10;
    {
        auto outbox = open_ok(file, limits);
        for (int i = 1; i <= 25; ++i) {
            add(*outbox, "ev-" + std::to_string(i), kDay + i);
            CHECK(outbox->depth() == std::min(i, 10));
        }
        CHECK(seqs_of(outbox->pending(0, 100)) == range(16, 25));
        CHECK(outbox->dropped_total() == 15);
    }
    {
        auto outbox = open_ok(file, limits);
        CHECK(outbox->dropped_total() == 15);
        CHECK(outbox->depth() == 10);
        const auto pending = outbox->pending(0, 100);
        REQUIRE(pending.size() == 10);
        CHECK(pending.front().event_id == "ev-16");
        CHECK(pending.front().payload == payload_for("ev-16", 16));

        // Acknowledged events make room: nothing is dropped while under the bound.
        outbox->acknowledge(16);
        outbox->acknowledge(17);
        CHECK(add(*outbox, "ev-26", kDay + 26).seq == 26);
        CHECK(outbox->dropped_total() == 15);
        CHECK(add(*outbox, "ev-27", kDay + 27).seq == 27);
        CHECK(outbox->dropped_total() == 15);
        CHECK(add(*outbox, "ev-28", kDay + 28).seq == 28);
        CHECK(outbox->dropped_total() == 16);
        CHECK(seqs_of(outbox->pending(0, 100)) == range(19, 28));
    }
    // A reopen with other limits still reports the total ever dropped.
    auto outbox = open_ok(file);
    CHECK(outbox->dropped_total() == 16);
    CHECK(outbox->depth() == 10);
}

TEST_CASE_METHOD(OutboxFolder, "the age bound drops events older than max_age at the next append",
                 "[outbox]") {
    const OutboxLimits limits = only(&OutboxLimits::max_age, std::chrono::hours{1});
    auto outbox = open_ok(file, limits);

    add(*outbox, "e1", kDay);
    add(*outbox, "e2", kDay + 1'000'000);
    // Exactly max_age old is still kept (only strictly older goes).
    add(*outbox, "e3", kDay + kHourMs);
    CHECK(outbox->depth() == 3);
    CHECK(outbox->dropped_total() == 0);

    // Nothing is dropped merely by time passing: only an append enforces the bound.
    outbox.reset();
    outbox = open_ok(file, limits);
    CHECK(outbox->depth() == 3);

    add(*outbox, "e4", kDay + kHourMs + 1);
    CHECK(seqs_of(outbox->pending(0, 10)) == range(2, 4));
    CHECK(outbox->dropped_total() == 1);

    add(*outbox, "e5", kDay + 10 * kHourMs);
    CHECK(seqs_of(outbox->pending(0, 10)) == range(5, 5));
    CHECK(outbox->dropped_total() == 4);

    outbox.reset();
    outbox = open_ok(file, limits);
    CHECK(outbox->dropped_total() == 4);
}

TEST_CASE_METHOD(OutboxFolder, "history older than the history limit is pruned at the next append",
                 "[outbox]") {
    const OutboxLimits limits = only(&OutboxLimits::history, std::chrono::hours{24});
    auto outbox = open_ok(file, limits);
    const auto hour = [](std::int64_t) { return 0; };

    add(*outbox, "a", kDay, "session_started");
    add(*outbox, "b", kDay + kHourMs, "session_started");
    CHECK(outbox->stats(kDay, kDay + 48 * kHourMs, hour).sessions == 2);

    // At 25 h the cut is at 1 h: "a" (0 h) goes, "b" (exactly 1 h) stays.
    add(*outbox, "c", kDay + 25 * kHourMs, "session_started");
    CHECK(outbox->stats(kDay, kDay + 48 * kHourMs, hour).sessions == 2);
    CHECK(outbox->stats(kDay, kDay + kHourMs, hour).sessions == 0);
    CHECK(query_int(file, "SELECT COUNT(*) FROM history") == 2);
    CHECK(query_int(file, "SELECT MIN(ts_ms) FROM history") == kDay + kHourMs);

    // The history bound is separate from the outbox: "a" still waits for delivery.
    CHECK(seqs_of(outbox->pending(0, 10)) == range(1, 3));
    CHECK(outbox->dropped_total() == 0);
}
