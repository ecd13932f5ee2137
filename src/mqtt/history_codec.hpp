// Backfill requests and the pages a station answers them with (docs/mqtt.md, "history"). Pure:
// the request is checked field by field, and a page is bounded in events and in bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "storage/outbox.hpp"

namespace rs::mqtt {

inline constexpr std::size_t kHistoryPageDefault = 100;  // events in a page unless asked
inline constexpr std::size_t kHistoryPageMax = 500;
// A page stops growing here even with fewer events than asked: a broker's message limit and a
// Raspberry Pi's memory both like answers of bounded size.
inline constexpr std::size_t kHistoryPageMaxBytes = 128 * 1024;
inline constexpr std::size_t kHistoryRequestMaxBytes = 4096;

// {"v":1,"since":"2026-11-21T17:03:04.123Z","cursor":1842,"limit":100}; all but v optional.
struct HistoryRequest {
    std::int64_t since_ms = 0;  // rows stamped at or after this (0: the whole history)
    std::int64_t cursor = 0;    // rows numbered above this: the previous page's next_cursor
    std::size_t limit = kHistoryPageDefault;
};

// The request, or a one-line reason naming what is wrong with it.
std::variant<HistoryRequest, std::string> decode_history_request(std::string_view payload,
                                                                 bool retained);

struct HistoryPage {
    std::string payload;
    std::size_t events = 0;
    bool more = false;
};

// `rows` as read for the request: up to limit + 1 of them, the extra one only saying there is
// more. {"v":1,"ok":true,"station","events":[…],"next_cursor","more"}. An event is the payload
// the station published; a row older than the history's payloads is rebuilt from what the row
// keeps, with "rebuilt":true and a stable id "h.<station>.<seq>".
HistoryPage history_page(const std::vector<storage::HistoryEntry>& rows,
                         const HistoryRequest& request, const std::string& station);

// {"v":1,"ok":false,"station","error"}
std::string history_refusal(const std::string& station, const std::string& error);

}  // namespace rs::mqtt
