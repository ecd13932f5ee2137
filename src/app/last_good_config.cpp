#include "app/last_good_config.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "storage/atomic_file.hpp"

namespace rs::app {
namespace fs = std::filesystem;

void LastGoodConfig::remember(const fs::path& station_file) const {
    std::ifstream in(station_file, std::ios::binary);
    std::ostringstream text;
    if (!(in && text << in.rdbuf()))
        throw std::runtime_error("cannot read " + station_file.string());
    const fs::path origin = fs::absolute(station_file).parent_path();
    // The text first: a cut between the two writes leaves an older origin, which is the same
    // folder in all but the rarest case.
    storage::write_file_atomically(copy_file(), text.str());
    storage::write_file_atomically(origin_file(), origin.string() + "\n");
}

std::optional<LastGoodConfig::Copy> LastGoodConfig::recall() const {
    std::error_code ec;
    if (!fs::is_regular_file(copy_file(), ec))
        return std::nullopt;
    std::ifstream in(origin_file());
    std::string origin;
    std::getline(in, origin);
    return Copy{copy_file(), origin.empty() ? dir_ : fs::path(origin)};
}

}  // namespace rs::app
