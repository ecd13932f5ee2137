#include "rollstation/config/setup.hpp"

#include <map>
#include <sstream>

#include "config/yaml_reader.hpp"

namespace rs::config {
namespace fs = std::filesystem;

std::optional<core::SafetyNotice> load_safety_notice(const fs::path& file, Diagnostics& errors) {
    auto root = parse_yaml_file(file.string(), errors);
    if (!root)
        return std::nullopt;
    YamlReader r(file.string(), errors);
    const std::size_t before = r.error_count();
    if (!r.expect_map(*root, "the safety notice"))
        return std::nullopt;
    r.allow_only(*root, "", {"language", "title", "points"});
    r.read_file_language(*root);
    auto title = r.local_text(*root, "title", Need::required, "", 60);
    auto points = r.local_text_list(*root, "points", Need::required, "", 90);
    if (points && (points->size() < 3 || points->size() > 8)) {
        r.error((*root)["points"],
                "points must hold 3 to 8 lines, not " + std::to_string(points->size()));
    }
    if (r.error_count() != before)
        return std::nullopt;
    return core::SafetyNotice{*title, *points};
}

Setup load_setup(const fs::path& station_file, const fs::path& share_dir,
                 const fs::path& base_dir) {
    Setup setup;
    if (auto station = load_station_config(station_file, share_dir, setup.errors, base_dir)) {
        setup.station = std::move(*station);
        setup.station_ok = true;
    }
    LoadedRoutines loaded = load_routine_dirs(setup.station.routine_dirs);
    setup.library = std::make_shared<const core::Library>(std::move(loaded.routines));
    setup.routine_files = std::move(loaded.files);
    setup.skipped_files = std::move(loaded.skipped_files);
    setup.errors.insert(setup.errors.end(), loaded.errors.begin(), loaded.errors.end());

    LoadedDemos demos = load_demo_dirs(demo_dirs_for(setup.station.routine_dirs));
    setup.demos = std::make_shared<const core::DemoLibrary>(std::move(demos.demos));
    setup.demo_files = std::move(demos.files);
    setup.steps_without_demo = steps_without_demo(*setup.library, *setup.demos);
    setup.skipped_demo_files = std::move(demos.skipped_files);
    setup.errors.insert(setup.errors.end(), demos.errors.begin(), demos.errors.end());

    std::optional<core::SafetyNotice> safety;
    if (!setup.station.safety_notice.empty())
        safety = load_safety_notice(setup.station.safety_notice, setup.errors);
    if (!safety) {
        // The notice must never be missing from the screen, even when its file is broken.
        safety = core::SafetyNotice{"Before you roll",
                                    {"This is not a medical treatment.",
                                     "Stop at once if you feel sharp pain, numbness or tingling.",
                                     "Keep off joints, bones, the spine and fresh injuries."}};
    }
    setup.safety = std::make_shared<const core::SafetyNotice>(std::move(*safety));
    return setup;
}

std::string describe(const Setup& setup) {
    std::ostringstream out;
    const auto& s = setup.station.station;
    if (setup.station_ok) {
        out << "station: " << s.id << " (" << s.name << "), facility " << s.facility;
        if (!s.groups.empty()) {
            out << ", groups";
            for (const auto& g : s.groups)
                out << " " << g;
        }
        out << "\n";
    } else {
        out << "station: the station file could not be used\n";
    }
    const auto& routines = setup.library->routines();
    out << "routines loaded: " << routines.size() << "\n";
    for (core::Purpose p : core::all_values<core::Purpose>()) {
        out << "  " << core::name_of(p) << ":";
        for (core::Level l : core::all_values<core::Level>()) {
            int n = 0;
            for (const auto& r : routines)
                n += (r->purpose == p && r->level == l) ? 1 : 0;
            out << " " << core::name_of(l) << " " << n;
        }
        out << "\n";
    }
    out << "demonstrations loaded: " << setup.demos->demos().size() << "\n";
    if (!setup.steps_without_demo.empty()) {
        out << "steps without a demonstration: " << setup.steps_without_demo.size() << "\n";
        for (const auto& line : setup.steps_without_demo)
            out << "  " << line << "\n";
    }
    if (!setup.skipped_files.empty()) {
        out << "routine files skipped: " << setup.skipped_files.size() << "\n";
        for (const auto& f : setup.skipped_files)
            out << "  " << f << "\n";
    }
    if (!setup.skipped_demo_files.empty()) {
        out << "demonstration files skipped: " << setup.skipped_demo_files.size() << "\n";
        for (const auto& f : setup.skipped_demo_files)
            out << "  " << f << "\n";
    }
    out << "errors: " << setup.errors.size() << "\n";
    for (const auto& e : setup.errors)
        out << e.to_string() << "\n";
    return out.str();
}

}  // namespace rs::config
