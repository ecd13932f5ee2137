// The log of a broker that keeps dropping the connection: the first loss in full, then one line a
// minute with the count, and the next loss after a quiet minute in full again.
#include <catch2/catch.hpp>

#include "mqtt/loss_summary.hpp"

namespace rs::mqtt {
namespace {
using std::chrono::seconds;
const LossSummary::Instant t0{};
}  // namespace

TEST_CASE("loss summary: the first loss is told in full and the ones after it are counted",
          "[mqtt][log]") {
    LossSummary s;
    CHECK(s.lost(t0, "lost A") == std::optional<std::string>("lost A"));
    CHECK_FALSE(s.quiet());
    CHECK_FALSE(s.lost(t0 + seconds(5), "lost B"));
    CHECK_FALSE(s.lost(t0 + seconds(20), "lost C"));
    CHECK_FALSE(s.tick(t0 + seconds(59)));
    CHECK(s.tick(t0 + seconds(60)) ==
          std::optional<std::string>("the connection to the broker was lost 2 more times in the "
                                     "last minute (last: lost C)"));
    // A loss in the next minute is counted again, and said once a minute.
    CHECK_FALSE(s.lost(t0 + seconds(70), "lost D"));
    CHECK(
        s.tick(t0 + seconds(121)) ==
        std::optional<std::string>(
            "the connection to the broker was lost 1 more time in the last minute (last: lost D)"));
    // A quiet minute ends the counting: the next loss is news.
    CHECK_FALSE(s.tick(t0 + seconds(185)));
    CHECK(s.quiet());
    CHECK(s.lost(t0 + seconds(600), "lost E") == std::optional<std::string>("lost E"));
}

TEST_CASE("loss summary: a loss after the minute without a tick brings the count with it",
          "[mqtt][log]") {
    LossSummary s;
    REQUIRE(s.lost(t0, "lost A"));
    CHECK_FALSE(s.lost(t0 + seconds(1), "lost B"));
    // No tick came (a busy loop): the count arrives with the next loss, which is then counted.
    CHECK(
        s.lost(t0 + seconds(61), "lost C") ==
        std::optional<std::string>(
            "the connection to the broker was lost 1 more time in the last minute (last: lost B)"));
    CHECK(
        s.tick(t0 + seconds(122)) ==
        std::optional<std::string>(
            "the connection to the broker was lost 1 more time in the last minute (last: lost C)"));
}

}  // namespace rs::mqtt
