#include "app/language_report.hpp"

#include <ostream>
#include <string>
#include <vector>

#include "ui/catalogue.hpp"

namespace rs::app {
namespace {

// One text of the library and the file it was written in.
struct Written {
    const core::LocalText* text;
    std::string file;
};

std::string file_of(const std::map<std::string, std::string>& files, const std::string& id) {
    const auto it = files.find(id);
    return it == files.end() ? id : it->second;
}

std::vector<Written> library_texts(const config::Setup& setup) {
    std::vector<Written> out;
    const auto add = [&](const core::LocalText& text, const std::string& file) {
        if (!text.empty())
            out.push_back({&text, file});
    };
    for (const core::RoutinePtr& routine : setup.library->routines()) {
        const std::string file = file_of(setup.routine_files, routine->id);
        add(routine->title, file);
        add(routine->summary, file);
        for (const core::Step& step : routine->steps) {
            for (const core::LocalText& cue : step.cues)
                add(cue, file);
            for (const core::LocalText& line : step.safety)
                add(line, file);
        }
    }
    const std::string safety_file = setup.station.safety_notice.string();
    add(setup.safety->title, safety_file);
    for (const core::LocalText& point : setup.safety->points)
        add(point, safety_file);
    for (const core::DemoPtr& demo : setup.demos->demos()) {
        const std::string file = file_of(setup.demo_files, demo->id);
        for (const core::LocalText& cue : demo->cues)
            add(cue, file);
    }
    return out;
}

// file:line:col, or the file alone for a text that came from no line (a built-in default).
std::string where(const std::string& file, int line, int column) {
    if (line <= 0)
        return file;
    return file + ":" + std::to_string(line) + ":" + std::to_string(std::max(1, column));
}

}  // namespace

int report_languages(const config::Setup& setup, std::span<const core::Language> offered,
                     const std::filesystem::path& pot, std::ostream& out) {
    std::vector<ui::CatalogueText> interface_texts;
    std::string unreadable;
    try {
        interface_texts = ui::read_catalogue_template(pot);
    } catch (const std::exception& e) {
        unreadable = e.what();
    }
    const std::vector<Written> library = library_texts(setup);
    int incomplete = 0;
    for (const core::Language language : offered) {
        const std::string code(core::code_of(language));
        std::vector<std::string> missing;
        if (!unreadable.empty())
            missing.push_back(unreadable);
        const auto untranslated = ui::untranslated(interface_texts, language);
        for (const ui::CatalogueText& t : untranslated) {
            missing.push_back(where(pot.string(), t.line, 1) + ": " + code +
                              ": no translation of \"" + t.text + "\"");
        }
        std::size_t library_missing = 0;
        for (const Written& w : library) {
            if (w.text->has(language))
                continue;
            ++library_missing;
            missing.push_back(where(w.file, w.text->line, w.text->column) + ": " + code +
                              ": no text in this language (shows \"" + w.text->in(language) +
                              "\")");
        }
        const std::size_t interface_total = interface_texts.size();
        out << "language " << code << " (" << core::own_name_of(language) << "): interface "
            << interface_total - untranslated.size() << "/" << interface_total
            << ", routine library " << library.size() - library_missing << "/" << library.size()
            << (missing.empty() ? ": complete" : ": incomplete") << "\n";
        for (const std::string& m : missing)
            out << "  " << m << "\n";
        if (!missing.empty())
            ++incomplete;
    }
    return incomplete;
}

}  // namespace rs::app
