// A thin RAII layer over SQLite: a connection, prepared statements, and errors as exceptions.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace rs::storage {

struct SqliteError : std::runtime_error {
    SqliteError(int code, const std::string& what) : std::runtime_error(what), code(code) {}
    int code;
};

class Statement;

class Database {
  public:
    enum class Access { read_write, read_only };  // read_write creates a missing file
    explicit Database(const std::filesystem::path& file, Access access = Access::read_write);
    void exec(const char* sql);
    Statement prepare(const char* sql);
    std::int64_t last_insert_rowid() const { return sqlite3_last_insert_rowid(db_.get()); }
    int changes() const { return sqlite3_changes(db_.get()); }
    sqlite3* handle() const { return db_.get(); }

  private:
    struct Close {
        void operator()(sqlite3* db) const { sqlite3_close(db); }
    };
    std::unique_ptr<sqlite3, Close> db_;
};

class Statement {
  public:
    Statement(sqlite3* db, const char* sql);
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, std::string_view value);
    Statement& bind_null(int index);
    Statement& bind_real(int index, double value);
    // Steps once: true while a row is available.
    bool step();
    void run();  // steps to the end
    void reset();
    std::int64_t integer(int column) const { return sqlite3_column_int64(stmt_.get(), column); }
    sqlite3_stmt* handle() const { return stmt_.get(); }
    std::string text(int column) const;
    double real(int column) const { return sqlite3_column_double(stmt_.get(), column); }
    bool is_null(int column) const {
        return sqlite3_column_type(stmt_.get(), column) == SQLITE_NULL;
    }

  private:
    struct Finalize {
        void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
    };
    sqlite3* db_;
    std::unique_ptr<sqlite3_stmt, Finalize> stmt_;
};

// Runs the body inside BEGIN IMMEDIATE ... COMMIT; rolls back if it throws.
// The columns of `table` in order (PRAGMA table_info), and whether it has `column`: for the
// schema upgrades of files an earlier release made.
std::vector<std::string> columns_of(Database& db, const std::string& table);
bool has_column(Database& db, const std::string& table, const std::string& column);

class Transaction {
  public:
    explicit Transaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }
    ~Transaction() {
        if (!done_) {
            try {
                db_.exec("ROLLBACK");
            } catch (...) {
            }
        }
    }
    void commit() {
        db_.exec("COMMIT");
        done_ = true;
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

  private:
    Database& db_;
    bool done_ = false;
};

}  // namespace rs::storage
