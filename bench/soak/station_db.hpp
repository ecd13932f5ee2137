// What the station's event database holds, read-only (the kiosk may be running).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>

namespace rs::soak {

struct StationDb {
    std::int64_t outbox = 0;         // events not yet acknowledged by the broker
    std::int64_t open_sessions = 0;  // sessions a stop would close as power_loss
    std::int64_t stored = 0;         // every event ever numbered (the highest seq)
    std::int64_t dropped = 0;        // thrown away by the outbox bounds
};

// Nothing if the file is missing or not (yet) readable.
std::optional<StationDb> read_station_db(const std::filesystem::path& file);

}  // namespace rs::soak
