#include "soak/station_db.hpp"

#include <sqlite3.h>

#include <memory>
#include <string>

namespace rs::soak {
namespace {

using DbHandle = std::unique_ptr<sqlite3, int (*)(sqlite3*)>;
using StatementHandle = std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)>;

std::optional<std::int64_t> number(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &raw, nullptr) != SQLITE_OK)
        return std::nullopt;
    StatementHandle stmt(raw, &sqlite3_finalize);
    if (sqlite3_step(stmt.get()) != SQLITE_ROW)
        return std::nullopt;
    return sqlite3_column_int64(stmt.get(), 0);
}

}  // namespace

std::optional<StationDb> read_station_db(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
        return std::nullopt;
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
    DbHandle db(raw, &sqlite3_close);
    if (rc != SQLITE_OK)
        return std::nullopt;
    sqlite3_busy_timeout(db.get(), 2000);
    const auto outbox = number(db.get(), "SELECT COUNT(*) FROM outbox");
    const auto open = number(db.get(), "SELECT COUNT(*) FROM open_sessions");
    const auto stored = number(db.get(), "SELECT COALESCE(MAX(seq), 0) FROM history");
    const auto dropped = number(db.get(), "SELECT value FROM meta WHERE key = 'dropped'");
    if (!outbox || !open || !stored || !dropped)
        return std::nullopt;
    return StationDb{*outbox, *open, *stored, *dropped};
}

}  // namespace rs::soak
