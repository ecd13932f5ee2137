// Opening the outbox. A damaged file is set aside and a new one started, with whatever of the
// old one still reads copied over (its waiting events above all). The seq floor, a small file
// beside the database, keeps numbers increasing even then: seq is what consumers use to see
// that nothing is missing, so a new file must not start again at 1.
#include <zlib.h>

#include <algorithm>
#include <ctime>
#include <fstream>
#include <system_error>

#include "storage/atomic_file.hpp"
#include "storage/outbox.hpp"
#include "storage/outbox_schema.hpp"

namespace rs::storage {
namespace fs = std::filesystem;

std::int64_t payload_checksum(std::string_view payload) {
    const auto* bytes = reinterpret_cast<const Bytef*>(payload.data());
    return static_cast<std::int64_t>(crc32_z(crc32_z(0, Z_NULL, 0), bytes, payload.size()));
}

namespace {

// Seqs are reserved a block at a time, so the floor file is written once per this many events.
constexpr std::int64_t kSeqBlock = 1000;

std::unique_ptr<Database> open_checked(const fs::path& file) {
    auto db = std::make_unique<Database>(file);
    // WAL keeps readers and the writer apart; FULL makes every commit survive a power cut.
    db->exec("PRAGMA journal_mode=WAL");
    db->exec("PRAGMA synchronous=FULL");
    {
        Statement check = db->prepare("PRAGMA quick_check");
        if (!check.step() || check.text(0) != "ok")
            throw SqliteError(SQLITE_CORRUPT, "the database failed its integrity check");
    }
    create_or_upgrade(*db);
    return db;
}

std::string aside_name(const fs::path& file) {
    const std::time_t now = std::time(nullptr);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::gmtime(&now));
    std::string name = file.string() + ".unreadable-" + stamp;
    std::error_code ec;
    for (int n = 2; fs::exists(name, ec); ++n)
        name = file.string() + ".unreadable-" + stamp + "-" + std::to_string(n);
    return name;
}

// Copies the rows of `table` that still read from the damaged `from` into `to`, in rowid order,
// with the columns both have; stops at the first page that does not read. Returns the rows.
std::int64_t salvage_table(Database& from, Database& to, const std::string& table,
                           const char* verb) {
    std::vector<std::string> common;
    const std::vector<std::string> wanted = columns_of(to, table);
    for (const auto& column : columns_of(from, table))
        if (std::find(wanted.begin(), wanted.end(), column) != wanted.end())
            common.push_back(column);
    if (common.empty())
        return 0;
    std::string list, holes;
    for (const auto& column : common) {
        list += (list.empty() ? "" : ", ") + column;
        holes += holes.empty() ? "?" : ", ?";
    }
    Statement read =
        from.prepare(("SELECT " + list + " FROM " + table + " ORDER BY rowid").c_str());
    Statement write = to.prepare(
        (std::string(verb) + " INTO " + table + " (" + list + ") VALUES (" + holes + ")").c_str());
    std::int64_t copied = 0;
    try {
        while (read.step()) {
            write.reset();
            for (int i = 0; i < static_cast<int>(common.size()); ++i)
                sqlite3_bind_value(write.handle(), i + 1, sqlite3_column_value(read.handle(), i));
            write.run();
            ++copied;
        }
    } catch (const SqliteError&) {
        // A damaged page: what came before it is kept.
    }
    return copied;
}

struct Salvaged {
    std::int64_t waiting = 0;  // undelivered events copied over
    std::int64_t last_seq = 0;
};

// What of a damaged database still reads, into the new one: its waiting events, history, open
// sessions and counters.
Salvaged salvage(const fs::path& damaged, Database& into) {
    Salvaged s;
    try {
        Database from(damaged, Database::Access::read_only);
        Transaction tx(into);
        salvage_table(from, into, "history", "INSERT OR IGNORE");
        s.waiting = salvage_table(from, into, "outbox", "INSERT OR IGNORE");
        salvage_table(from, into, "open_sessions", "INSERT OR IGNORE");
        salvage_table(from, into, "meta", "INSERT OR REPLACE");
        tx.commit();
        Statement last = from.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'history'");
        if (last.step())
            s.last_seq = last.integer(0);
    } catch (const SqliteError&) {
        // Not even its first pages read: nothing to copy.
    }
    return s;
}

std::optional<std::int64_t> read_floor(const fs::path& file) {
    std::ifstream in(file);
    long long floor = 0;
    if (in >> floor && floor > 0)
        return floor;
    return std::nullopt;
}

}  // namespace

Outbox::Outbox(std::unique_ptr<Database> db, OutboxLimits limits)
    : db_(std::move(db)), limits_(limits) {
    if (limits_.max_database_bytes > 0) {
        Statement page = db_->prepare("PRAGMA page_size");
        page.step();
        const std::int64_t pages = std::max<std::int64_t>(
            1, limits_.max_database_bytes / std::max<std::int64_t>(1, page.integer(0)));
        const std::string cap = "PRAGMA max_page_count = " + std::to_string(pages);
        db_->exec(cap.c_str());
    }
}

Outbox::Opened Outbox::open(const fs::path& file, OutboxLimits limits) {
    std::error_code ec;
    if (file.has_parent_path())
        fs::create_directories(file.parent_path(), ec);
    std::unique_ptr<Database> db;
    std::string problem;
    std::optional<std::int64_t> set_aside_seq;  // set: the file was set aside, seq it had given
    try {
        db = open_checked(file);
    } catch (const SqliteError& e) {
        // Only a damaged file is set aside. A locked, unreadable or full one is left alone (its
        // events are still good): the caller reports it and runs without the outbox for now.
        const int primary = e.code & 0xFF;
        if (primary != SQLITE_CORRUPT && primary != SQLITE_NOTADB)
            throw;
        // Never refuse to start over a bad file: keep it for inspection and begin anew.
        const std::string aside = aside_name(file);
        fs::rename(file, aside, ec);
        for (const char* suffix : {"-wal", "-shm"})
            fs::rename(file.string() + suffix, aside + suffix, ec);
        db = open_checked(file);
        const Salvaged saved = salvage(aside, *db);
        set_aside_seq = saved.last_seq;
        problem = "the event database " + file.string() + " could not be used (" + e.what() +
                  "); it was moved to " + aside + " and a new one started";
        if (saved.waiting > 0)
            problem += ", with the " + std::to_string(saved.waiting) +
                       " waiting events that could still be read from it";
    }
    std::unique_ptr<Outbox> outbox(new Outbox(std::move(db), limits));
    outbox->start_numbering(file.string() + ".seq", set_aside_seq);
    return {std::move(outbox), std::move(problem)};
}

void Outbox::start_numbering(fs::path floor_file, std::optional<std::int64_t> set_aside_seq) {
    floor_file_ = std::move(floor_file);
    floor_ = read_floor(floor_file_).value_or(0);
    Statement last = db_->prepare("SELECT seq FROM sqlite_sequence WHERE name = 'history'");
    std::int64_t given = last.step() ? last.integer(0) : 0;
    // A new file, or one started over a damaged one, begins above every number given before:
    // the floor covers them all, whatever of the old file could be read. A file that has been
    // numbered before (marked in meta) goes on from its own last number, without a gap.
    Statement numbered = db_->prepare("SELECT 1 FROM meta WHERE key = 'numbered'");
    const bool new_file = !numbered.step();
    if (new_file || set_aside_seq) {
        const std::int64_t start_after =
            std::max({given, set_aside_seq.value_or(0), floor_ > 0 ? floor_ - 1 : 0});
        if (start_after > given) {
            db_->prepare("DELETE FROM sqlite_sequence WHERE name = 'history'").run();
            db_->prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('history', ?)")
                .bind(1, start_after)
                .run();
            given = start_after;
        }
    }
    db_->exec("INSERT OR IGNORE INTO meta (key, value) VALUES ('numbered', 1)");
    reserve_seq(given + 1);
}

void Outbox::reserve_seq(std::int64_t seq) {
    if (seq < floor_)
        return;
    const std::int64_t floor = seq + kSeqBlock;
    try {
        write_file_atomically(floor_file_, std::to_string(floor) + "\n");
    } catch (const std::exception& e) {
        // Reported as the database's own failures are: the event waits and is tried again.
        throw SqliteError(SQLITE_IOERR, "cannot keep the seq floor: " + std::string(e.what()));
    }
    floor_ = floor;
}

}  // namespace rs::storage
