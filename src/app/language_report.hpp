// For `rollstation --check-config`: how completely each language the station offers is written,
// in the interface catalogue and in the routine library (routines, safety notice,
// demonstrations), each missing text named where it stands.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <span>

#include "rollstation/config/setup.hpp"

namespace rs::app {

// Prints one line per offered language and one per missing text; returns how many offered
// languages are incomplete. `pot` is the interface's template (po/rollstation.pot); the
// catalogues are the ones ui::use_catalogues chose.
int report_languages(const config::Setup& setup, std::span<const core::Language> offered,
                     const std::filesystem::path& pot, std::ostream& out);

}  // namespace rs::app
