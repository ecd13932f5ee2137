// The recorder's file: a good one reads whole, and each mistake names its place and the value.
#include <catch2/catch.hpp>

#include <fstream>

#include "kit/temp_dir.hpp"
#include "recorder/recorder_config.hpp"

using namespace rs;

namespace {

struct Loaded {
    std::optional<recorder::RecorderConfig> config;
    config::Diagnostics errors;
};

Loaded load(const kit::TempDir& dir, const std::string& recorder_section) {
    const auto file = dir.path() / "recorder.yaml";
    std::ofstream(file) << "recorder:\n" << recorder_section << "mqtt:\n  host: 127.0.0.1\n";
    Loaded out;
    out.config = recorder::load_recorder_config(file, out.errors);
    return out;
}

}  // namespace

TEST_CASE("a recorder file with a store, a shared subscription and a zone reads whole",
          "[recorder][config]") {
    kit::TempDir dir;
    const Loaded l = load(dir,
                          "  store: sqlite:history.db\n  share_group: recorders-1\n"
                          "  timezone: Europe/Berlin\n");
    REQUIRE(l.errors.empty());
    REQUIRE(l.config);
    CHECK(l.config->store == "sqlite:" + (dir.path() / "history.db").string());
    CHECK(l.config->share_group == "recorders-1");
    CHECK(l.config->timezone == "Europe/Berlin");
}

TEST_CASE("a share group that cannot stand in a topic is named with its value",
          "[recorder][config]") {
    kit::TempDir dir;
    const Loaded l = load(dir, "  store: sqlite:history.db\n  share_group: front desk/1\n");
    REQUIRE(l.errors.size() == 1);
    CHECK(l.errors[0].line == 3);
    CHECK(l.errors[0].message ==
          "recorder.share_group 'front desk/1' may use only letters, digits, - and _");
}

TEST_CASE("a store that is neither SQLite nor PostgreSQL says which forms it may take",
          "[recorder][config]") {
    kit::TempDir dir;
    const Loaded l = load(dir, "  store: mysql://db\n");
    REQUIRE(l.errors.size() == 1);
    CHECK(l.errors[0].line == 2);
    CHECK(l.errors[0].message ==
          "recorder.store 'mysql://db' must be sqlite:PATH or postgresql://…");
}
