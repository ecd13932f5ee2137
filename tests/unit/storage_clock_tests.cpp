// The outbox's bounds and stamps when the wall clock lies: ages within a boot come from the
// monotonic clock, so a step of the wall clock either way deletes nothing; rows from another
// boot age by the wall clock only when their stamp and "now" are both synchronised; rows stamped
// before the clock was synchronised are re-stamped from their monotonic offset. Real SQLite
// files, hand-made moments.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "storage/outbox.hpp"
#include "unit/outbox_file.hpp"

using namespace rs::test::outbox_file;

namespace {

constexpr std::int64_t kDayMs = 86'400'000;
constexpr std::int64_t kJan2000 = 946'684'800'000;    // 2000-01-01T00:00:00Z
constexpr std::int64_t kDec2026 = 1'796'169'600'000;  // 2026-12-02T00:00:00Z

// One session_started row and its event, recorded at `at` (its wall stamp, monotonic stamp,
// boot and sync flag), stored at the same moment.
void record(Outbox& outbox, const std::string& id, const Moment& at) {
    HistoryRow row{"session_started", at.wall_ms, id,       "r", "athlete", 0, {},
                   at.boot_id,        at.mono_ms, at.synced};
    outbox.append(std::vector<Outbox::NewEvent>{{id,
                                                 row,
                                                 [id, at](std::int64_t) {
                                                     return "{\"id\":\"" + id + "\",\"ts\":" +
                                                            std::to_string(at.wall_ms) + "}";
                                                 },
                                                 Outbox::SessionMark::none,
                                                 {}}},
                  at);
}

std::int64_t history_rows(const TempDir& dir) {
    rs::storage::Database db(dir / "o.db");
    auto q = db.prepare("SELECT COUNT(*) FROM history");
    q.step();
    return q.integer(0);
}

}  // namespace

TEST_CASE("a wall clock stepped forward past the age bounds deletes nothing of this boot",
          "[storage][clock]") {
    TempDir dir;
    auto outbox = Outbox::open(dir / "o.db").outbox;
    const Moment before{kDec2026, 5'000, "boot-a", true};
    record(*outbox, "e1", before);
    // 500 days later by the wall clock, a minute later by the monotonic one.
    record(*outbox, "e2", {kDec2026 + 500 * kDayMs, 65'000, "boot-a", true});
    CHECK(outbox->depth() == 2);
    CHECK(outbox->dropped_total() == 0);
    CHECK(history_rows(dir) == 2);
    // And backward by as much: nothing either.
    record(*outbox, "e3", {kDec2026 - 500 * kDayMs, 125'000, "boot-a", true});
    CHECK(outbox->depth() == 3);
    CHECK(history_rows(dir) == 3);
}

TEST_CASE("within a boot the age bound follows the monotonic clock", "[storage][clock]") {
    TempDir dir;
    auto outbox = Outbox::open(dir / "o.db").outbox;
    record(*outbox, "old", {kDec2026, 0, "boot-a", true});
    // 31 days of monotonic time, the wall clock stepped back meanwhile to the same day.
    record(*outbox, "new", {kDec2026, 31 * kDayMs, "boot-a", true});
    CHECK(outbox->depth() == 1);
    CHECK(outbox->pending(0, 10).front().event_id == "new");
    CHECK(outbox->dropped_total() == 1);
}

TEST_CASE("rows of another boot age by the wall clock only when both stamps are synchronised",
          "[storage][clock]") {
    TempDir dir;
    auto outbox = Outbox::open(dir / "o.db").outbox;
    record(*outbox, "synced", {kDec2026, 10'000, "boot-a", true});
    record(*outbox, "unsynced", {kJan2000, 20'000, "boot-a", false});
    // The next boot, unsynchronised, its clock far ahead: nothing goes on its word.
    record(*outbox, "next", {kDec2026 + 40 * kDayMs, 1'000, "boot-b", false});
    CHECK(outbox->depth() == 3);
    // Synchronised now, 40 days on: the synchronised row is old enough, the other is not known
    // to be (its stamp cannot be trusted), so only the count bound can take it.
    record(*outbox, "later", {kDec2026 + 40 * kDayMs, 2'000, "boot-b", true});
    CHECK(outbox->depth() == 3);
    CHECK(outbox->dropped_total() == 1);
    CHECK(outbox->pending(0, 10).front().event_id == "unsynced");
}

TEST_CASE("rows recorded before sync are re-stamped from their monotonic offset",
          "[storage][clock]") {
    TempDir dir;
    auto outbox = Outbox::open(dir / "o.db").outbox;
    record(*outbox, "sent", {kJan2000 + 1'000, 61'000, "boot-a", false});
    record(*outbox, "waiting", {kJan2000 + 301'000, 361'000, "boot-a", false});
    record(*outbox, "other-boot", {kJan2000, 5'000, "boot-old", false});
    outbox->acknowledge(outbox->pending(0, 1).front().seq);  // "sent" was delivered
    CHECK(outbox->unsynced("boot-a") == 2);

    // Synchronised at monotonic 400 s: wall = mono + (kDec2026 - 400 s).
    const Moment synced{kDec2026, 400'000, "boot-a", true};
    std::vector<std::int64_t> stamps;
    const auto done = outbox->restamp(synced, 0, [&](const std::string& payload, std::int64_t ts) {
        stamps.push_back(ts);
        return payload + "*";
    });
    CHECK(done.waiting == 1);
    CHECK(done.delivered == 1);
    CHECK(stamps == std::vector<std::int64_t>{kDec2026 - 39'000});
    CHECK(outbox->unsynced("boot-a") == 0);
    CHECK(outbox->unsynced("boot-old") == 1);  // no monotonic link to now: left as it was
    // The day's statistics see the session on the right day now.
    const auto day = outbox->stats(kDec2026 - kDayMs, kDec2026, [](std::int64_t) { return 0; });
    CHECK(day.sessions == 2);
    const auto again =
        outbox->restamp(synced, 0, [](const std::string& p, std::int64_t) { return p; });
    CHECK(again.waiting == 0);
    CHECK(again.delivered == 0);
}
