// The admin PIN: hashed with a random salt by libcrypt (yescrypt, as /etc/shadow uses), never
// stored or logged in clear, and written into the station file by `rollstation --set-pin`.
#pragma once

#include <filesystem>
#include <istream>
#include <optional>
#include <ostream>
#include <string>

namespace rs::app {

// 4 to 8 digits; otherwise the reason, for the installer.
std::optional<std::string> pin_problem(const std::string& pin);

// A salted hash of `pin` ("$y$..."). Throws if the system has no usable hashing method.
std::string hash_pin(const std::string& pin);
// True when `pin` hashes to `hash` (the salt and method come from `hash` itself).
bool pin_matches(const std::string& pin, const std::string& hash);

// The station file's text with `admin.pin_hash` set to `hash`, comments and layout kept; the
// line is replaced where it is, added under an existing `admin:`, or an `admin:` block is
// appended. Nothing when the file's admin section is not a plain block (the reason in `error`).
std::optional<std::string> with_pin_hash(const std::string& yaml_text, const std::string& hash,
                                         std::string& error);

// `rollstation --set-pin`: reads the PIN (twice, without echo, from a terminal; once per line
// otherwise), checks it, and rewrites the station file in place (atomically). Exit code.
int set_pin_command(const std::filesystem::path& station_file, std::istream& in, std::ostream& out,
                    std::ostream& err);

}  // namespace rs::app
