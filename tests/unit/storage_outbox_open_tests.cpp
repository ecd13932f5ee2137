// Opening the durable outbox: an unusable database file moved aside and a new one started, a
// missing folder made, and a locked healthy file left alone.
#include <catch2/catch.hpp>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "storage/outbox.hpp"
#include "storage/sqlite.hpp"
#include "unit/outbox_file.hpp"
#include "unit/support.hpp"

namespace fs = std::filesystem;
using namespace rs::test::outbox_file;

namespace {

std::vector<fs::path> aside_files(const fs::path& folder) {
    std::vector<fs::path> out;
    for (const auto& entry : fs::directory_iterator(folder))
        if (entry.path().filename().string().find(".unreadable-") != std::string::npos)
            out.push_back(entry.path());
    return out;
}

std::string read_all(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Opening

TEST_CASE_METHOD(OutboxFolder, "a corrupt database file is moved aside and a new one started",
                 "[outbox]") {
    std::string garbage(4096, '\0');
    for (std::size_t i = 0; i < garbage.size(); ++i)
        garbage[i] = static_cast<char>((i * 37 + 11) % 251);
    dir.write("events.db", garbage);
    REQUIRE(fs::file_size(file) == 4096);

    auto opened = Outbox::open(file);
    REQUIRE(opened.outbox != nullptr);
    INFO(opened.problem);
    REQUIRE_FALSE(opened.problem.empty());
    CHECK(opened.problem.find(file.string()) != std::string::npos);

    // The problem names where the bad file went, and it is there, byte for byte.
    const std::string marker = "moved to ";
    const auto at = opened.problem.find(marker);
    REQUIRE(at != std::string::npos);
    const auto end = opened.problem.find(" and a new one started", at);
    REQUIRE(end != std::string::npos);
    const fs::path aside = opened.problem.substr(at + marker.size(), end - at - marker.size());
    CHECK(aside.string().find(file.string() + ".unreadable-") == 0);
    REQUIRE(fs::exists(aside));
    CHECK(read_all(aside) == garbage);
    CHECK(aside_files(dir.path()) == std::vector<fs::path>{aside});

    // The new database works, and is a proper one when opened again.
    auto& outbox = *opened.outbox;
    CHECK(outbox.depth() == 0);
    const StoredEvent first = add(outbox, "after-recovery");
    CHECK(outbox.pending(0, 10).size() == 1);
    opened.outbox.reset();
    auto reopened = open_ok(file);
    const auto pending = reopened->pending(0, 10);
    REQUIRE(pending.size() == 1);
    CHECK(pending[0].seq == first.seq);
    CHECK(pending[0].event_id == "after-recovery");
    CHECK(aside_files(dir.path()).size() == 1);
}

TEST_CASE("a database in a folder that does not exist yet gets its folder", "[outbox]") {
    TempDir dir;
    const fs::path file = dir.path() / "var" / "lib" / "rollstation" / "events.db";
    REQUIRE_FALSE(fs::exists(file.parent_path()));
    {
        auto outbox = open_ok(file);
        CHECK(fs::is_directory(file.parent_path()));
        CHECK(fs::exists(file));
        CHECK(add(*outbox, "first").seq == 1);
    }
    auto outbox = open_ok(file);
    CHECK(outbox->depth() == 1);
}

TEST_CASE_METHOD(OutboxFolder,
                 "a healthy database that another connection holds locked is not moved aside",
                 "[outbox]") {
    // A write lock held longer than the 2 s busy timeout makes opening fail with SQLITE_BUSY:
    // that is refused, and the file with its undelivered events stays. (Takes about 2 s.)
    {
        auto outbox = open_ok(file);
        for (int i = 1; i <= 3; ++i)
            add(*outbox, "ev-" + std::to_string(i));
    }
    std::string problem;
    {
        rs::storage::Database other(file);
        other.exec("BEGIN IMMEDIATE");
        try {
            auto opened = Outbox::open(file);
            problem = opened.problem;
        } catch (const SqliteError&) {
            // Refusing to open while locked would be acceptable; moving the file aside is not.
        }
        other.exec("ROLLBACK");
    }
    INFO(problem);
    CHECK(problem.empty());
    CHECK(aside_files(dir.path()).empty());
    auto outbox = open_ok(file);
    CHECK(outbox->depth() == 3);
}
