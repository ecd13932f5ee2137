// A copy of the last station file that loaded, kept in the state directory, so a station whose
// file was broken by a bad edit (or a bad disk block) still starts, and says what to fix.
#pragma once

#include <filesystem>
#include <optional>

namespace rs::app {

class LastGoodConfig {
  public:
    explicit LastGoodConfig(std::filesystem::path state_dir) : dir_(std::move(state_dir)) {}

    // Keeps `station_file`'s text and the folder its relative paths point from. Throws.
    void remember(const std::filesystem::path& station_file) const;

    struct Copy {
        std::filesystem::path file;
        std::filesystem::path base_dir;  // the original file's folder
    };
    std::optional<Copy> recall() const;

  private:
    std::filesystem::path copy_file() const { return dir_ / "last-good-station.yaml"; }
    std::filesystem::path origin_file() const { return dir_ / "last-good-station.origin"; }
    std::filesystem::path dir_;
};

}  // namespace rs::app
