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

TEST_CASE("each mistake in the recorder section is named with its line and value",
          "[recorder][config]") {
    struct Mistake {
        std::string section;
        int line;
        std::string message;
    };
    const std::vector<Mistake> mistakes = {
        // A share group ends up in a topic ($share/<group>/...).
        {"  store: sqlite:history.db\n  share_group: front desk/1\n", 3,
         "recorder.share_group 'front desk/1' may use only letters, digits, - and _"},
        {"  store: mysql://db\n", 2,
         "recorder.store 'mysql://db' must be sqlite:PATH or postgresql://…"},
    };
    for (const Mistake& m : mistakes) {
        kit::TempDir dir;
        const Loaded l = load(dir, m.section);
        CAPTURE(m.section);
        REQUIRE(l.errors.size() == 1);
        CHECK(l.errors[0].line == m.line);
        CHECK(l.errors[0].message == m.message);
    }
}
