// A fresh folder under the system temp directory, removed again with everything in it.
#pragma once

#include <filesystem>
#include <string>

namespace rs::kit {

class TempDir {
  public:
    explicit TempDir(const std::string& prefix = "rollstation-test");
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
    // Writes `text` to `relative` (creating its folders) and returns the file's full path: a
    // station file, a routine, a password file.
    std::filesystem::path write(const std::filesystem::path& relative,
                                const std::string& text) const;

  private:
    std::filesystem::path path_;
};

std::string read_text(const std::filesystem::path& file);

}  // namespace rs::kit
