#include "ui/catalogue.hpp"

#include <fstream>
#include <stdexcept>

#include "ui/words.hpp"

namespace rs::ui {
namespace {

// The text of one quoted .pot string, its escapes undone: "Tap \"Start\"" gives Tap "Start".
std::optional<std::string> unquote(const std::string& line, std::size_t from) {
    const auto open = line.find('"', from);
    if (open == std::string::npos)
        return std::nullopt;
    std::string out;
    for (std::size_t i = open + 1; i < line.size(); ++i) {
        const char c = line[i];
        if (c == '"')
            return out;
        if (c == '\\' && i + 1 < line.size()) {
            const char e = line[++i];
            out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
        } else {
            out += c;
        }
    }
    return std::nullopt;
}

}  // namespace

std::vector<CatalogueText> read_catalogue_template(const std::filesystem::path& pot) {
    std::ifstream in(pot);
    if (!in)
        throw std::runtime_error("cannot read the catalogue template " + pot.string());
    std::vector<CatalogueText> texts;
    CatalogueText entry;
    std::string* continuing = nullptr;  // the field a following "..." line extends
    std::string context;
    bool has_context = false;
    const auto finish = [&] {
        if (!entry.text.empty()) {
            if (has_context)
                entry.context = context;
            texts.push_back(entry);
        }
        entry = {};
        context.clear();
        has_context = false;
        continuing = nullptr;
    };
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        const auto field = [&](std::string* target) {
            const auto text = unquote(line, 0);
            if (!text)
                throw std::runtime_error(pot.string() + ":" + std::to_string(number) +
                                         ": a string that is not closed");
            *target = *text;
            continuing = target;
        };
        if (line.rfind("msgctxt ", 0) == 0) {
            finish();
            has_context = true;
            field(&context);
        } else if (line.rfind("msgid ", 0) == 0) {
            if (entry.line != 0)  // a new entry without a context: the last one is complete
                finish();
            entry.line = number;
            field(&entry.text);
        } else if (line.rfind("msgid_plural ", 0) == 0 || line.rfind("msgstr", 0) == 0) {
            continuing = nullptr;  // the template's translations are empty; plurals share an id
        } else if (!line.empty() && line[0] == '"' && continuing) {
            const auto more = unquote(line, 0);
            if (!more)
                throw std::runtime_error(pot.string() + ":" + std::to_string(number) +
                                         ": a string that is not closed");
            *continuing += *more;
        }
    }
    finish();
    return texts;
}

std::vector<CatalogueText> untranslated(const std::vector<CatalogueText>& texts,
                                        core::Language language) {
    std::vector<CatalogueText> missing;
    for (const CatalogueText& t : texts) {
        const char* context = t.context ? t.context->c_str() : nullptr;
        if (!translated(context, t.text.c_str(), language))
            missing.push_back(t);
    }
    return missing;
}

}  // namespace rs::ui
