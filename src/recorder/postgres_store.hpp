// The recorder's store in PostgreSQL (libpq): a chain's facilities in one database. A batch is
// COPYed into a temporary table and moved in with ON CONFLICT DO NOTHING, so redelivered
// events and two recorders on a shared subscription never store an event twice.
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <string>

#include "recorder/event_store.hpp"

namespace rs::recorder {

struct PgResultFree {
    void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, PgResultFree>;

class PostgresStore : public EventStore {
  public:
    PostgresStore(std::string uri, const ZoneBook& zones);
    using EventStore::store;
    StoreOutcome store(const std::vector<RecordedEvent>& batch,
                       const std::vector<BackfillMark>& backfill) override;
    std::optional<BackfillMark> backfill_mark(const std::string& facility,
                                              const std::string& station) override;
    std::vector<GroupRow> grouped(const RollupQuery& query, Grouping by) override;
    std::vector<StationSeen> stations(const std::string& facility) override;
    std::int64_t event_count() override;
    std::string describe() const override;

  private:
    void ensure_connected();
    PgResult exec(const std::string& sql, ExecStatusType expect);
    PgResult exec_params(const std::string& sql, const std::vector<std::string>& params,
                         ExecStatusType expect);
    void copy_in(const std::string& sql, const std::string& rows);
    [[noreturn]] void fail(const std::string& doing);
    // Moves the events a clock_corrected event corrects to their time, and their rollups.
    void restamp(const RecordedEvent& correction, Rollup& rollup, StoreOutcome& outcome);
    StoreOutcome store_now(const std::vector<RecordedEvent>& batch,
                           const std::vector<BackfillMark>& backfill);
    void store_marks(const std::vector<BackfillMark>& backfill);

    std::string uri_;
    const ZoneBook& zones_;
    struct Finish {
        void operator()(PGconn* c) const { PQfinish(c); }
    };
    std::unique_ptr<PGconn, Finish> conn_;
};

}  // namespace rs::recorder
