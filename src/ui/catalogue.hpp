// What the interface catalogue should hold: every marked text of the kiosk, as extracted into
// po/rollstation.pot, and how much of it a language's compiled catalogue translates. The
// --check-config report and the tests read it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "rollstation/core/local_text.hpp"

namespace rs::ui {

struct CatalogueText {
    std::optional<std::string> context;  // msgctxt
    std::string text;                    // msgid: the English text
    int line = 0;                        // where its msgid stands in the template
};

// The texts of a gettext template (.pot); throws std::runtime_error with the file's name when it
// cannot be read or a string in it is not closed.
std::vector<CatalogueText> read_catalogue_template(const std::filesystem::path& pot);

// The texts the catalogue of `language` lacks (through the catalogues use_catalogues chose).
std::vector<CatalogueText> untranslated(const std::vector<CatalogueText>& texts,
                                        core::Language language);

}  // namespace rs::ui
