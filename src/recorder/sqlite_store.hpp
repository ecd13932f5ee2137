// The recorder's store in a SQLite file: one gym, no server. WAL with synchronous=FULL, so a
// stored batch survives a power cut; several recorders may share the file (busy timeout).
#pragma once

#include <filesystem>

#include "recorder/event_store.hpp"
#include "storage/sqlite.hpp"

namespace rs::recorder {

class SqliteStore : public EventStore {
  public:
    SqliteStore(const std::filesystem::path& file, const ZoneBook& zones);
    using EventStore::store;
    StoreOutcome store(const std::vector<RecordedEvent>& batch,
                       const std::vector<BackfillMark>& marks) override;
    std::optional<BackfillMark> backfill_mark(const std::string& facility,
                                              const std::string& station) override;
    std::vector<GroupRow> grouped(const RollupQuery& query, Grouping by) override;
    std::vector<StationSeen> stations(const std::string& facility) override;
    std::int64_t event_count() override;
    std::string describe() const override { return "sqlite:" + file_.string(); }

  private:
    // Moves the events a clock_corrected event corrects to their time, and their rollups.
    void restamp(const RecordedEvent& correction, Rollup& rollup, StoreOutcome& outcome);
    StoreOutcome store_now(const std::vector<RecordedEvent>& batch,
                           const std::vector<BackfillMark>& marks);
    std::filesystem::path file_;
    const ZoneBook& zones_;
    storage::Database db_;
    storage::Statement insert_event_, upsert_hour_, upsert_day_, upsert_station_, upsert_mark_;
};

}  // namespace rs::recorder
