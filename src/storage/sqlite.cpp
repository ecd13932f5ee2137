#include "storage/sqlite.hpp"

#include <algorithm>

namespace rs::storage {
namespace {

[[noreturn]] void fail(sqlite3* db, int code, const std::string& doing) {
    throw SqliteError(code, doing + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(code)));
}

// The start of a statement, on one line, to say which one failed: log lines stay lines.
std::string first_words(const char* sql) {
    std::string words;
    bool space = false;
    for (const char* c = sql; *c && words.size() < 60; ++c) {
        const bool blank = *c == ' ' || *c == '\n' || *c == '\t' || *c == '\r';
        if (blank) {
            space = !words.empty();
            continue;
        }
        if (space)
            words += ' ';
        space = false;
        words += *c;
    }
    return words;
}

}  // namespace

Database::Database(const std::filesystem::path& file, Access access) {
    sqlite3* raw = nullptr;
    const int flags = access == Access::read_only ? SQLITE_OPEN_READONLY
                                                  : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    const int rc = sqlite3_open_v2(file.c_str(), &raw, flags, nullptr);
    db_.reset(raw);  // closed even when opening failed
    if (rc != SQLITE_OK)
        fail(raw, rc, "cannot open " + file.string());
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, 2000);
}

void Database::exec(const char* sql) {
    char* message = nullptr;
    const int rc = sqlite3_exec(db_.get(), sql, nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        const std::string text = message ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        throw SqliteError(rc, first_words(sql) + ": " + text);
    }
}

Statement Database::prepare(const char* sql) {
    return Statement(db_.get(), sql);
}

Statement::Statement(sqlite3* db, const char* sql) : db_(db) {
    sqlite3_stmt* raw = nullptr;
    const int rc = sqlite3_prepare_v2(db, sql, -1, &raw, nullptr);
    stmt_.reset(raw);
    if (rc != SQLITE_OK)
        fail(db, rc, "cannot prepare a statement");
}

Statement& Statement::bind(int index, std::int64_t value) {
    const int rc = sqlite3_bind_int64(stmt_.get(), index, value);
    if (rc != SQLITE_OK)
        fail(db_, rc, "cannot bind");
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    const int rc = sqlite3_bind_text(stmt_.get(), index, value.data(),
                                     static_cast<int>(value.size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK)
        fail(db_, rc, "cannot bind");
    return *this;
}

Statement& Statement::bind_null(int index) {
    sqlite3_bind_null(stmt_.get(), index);
    return *this;
}

Statement& Statement::bind_real(int index, double value) {
    const int rc = sqlite3_bind_double(stmt_.get(), index, value);
    if (rc != SQLITE_OK)
        fail(db_, rc, "cannot bind");
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(stmt_.get());
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    fail(db_, rc, "a statement failed");
}

void Statement::run() {
    while (step()) {
    }
}

void Statement::reset() {
    sqlite3_reset(stmt_.get());
    sqlite3_clear_bindings(stmt_.get());
}

std::string Statement::text(int column) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_.get(), column));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_.get(), column)))
             : std::string();
}

std::vector<std::string> columns_of(Database& db, const std::string& table) {
    std::vector<std::string> names;
    Statement q = db.prepare(("PRAGMA table_info(" + table + ")").c_str());
    while (q.step())
        names.push_back(q.text(1));
    return names;
}

bool has_column(Database& db, const std::string& table, const std::string& column) {
    const auto names = columns_of(db, table);
    return std::find(names.begin(), names.end(), column) != names.end();
}

}  // namespace rs::storage
