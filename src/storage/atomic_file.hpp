// Replacing a small file so that a power cut leaves the old or the new one, never half of one.
#pragma once

#include <filesystem>
#include <string>

namespace rs::storage {

// Writes `text` to a temporary file beside `file`, flushes it to the disk and renames it over
// `file`, keeping the old file's permissions (0644 for a new one). Throws with the reason.
void write_file_atomically(const std::filesystem::path& file, const std::string& text);

}  // namespace rs::storage
