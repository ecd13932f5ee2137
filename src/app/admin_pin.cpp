#include "app/admin_pin.hpp"

#include "storage/atomic_file.hpp"

#include <crypt.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "rollstation/config/station_config.hpp"

namespace rs::app {
namespace {

// crypt_r's state is large (tens of KiB): on the heap, not the UI thread's stack.
std::string crypt_with(const std::string& phrase, const std::string& setting) {
    auto data = std::make_unique<crypt_data>();
    std::memset(data.get(), 0, sizeof(crypt_data));
    const char* out = crypt_r(phrase.c_str(), setting.c_str(), data.get());
    // libxcrypt fails with a string starting with '*' rather than NULL.
    if (out == nullptr || out[0] == '*')
        return {};
    return out;
}

bool equal_in_constant_time(const std::string& a, const std::string& b) {
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

// Turns echo off on a terminal for as long as it lives.
class NoEcho {
  public:
    NoEcho() {
        if (isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved_) == 0) {
            termios quiet = saved_;
            quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            active_ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
    }
    ~NoEcho() {
        if (active_)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
    }
    NoEcho(const NoEcho&) = delete;
    NoEcho& operator=(const NoEcho&) = delete;

  private:
    termios saved_{};
    bool active_ = false;
};

bool is_blank_or_comment(const std::string& line) {
    const auto first = line.find_first_not_of(" \t\r");
    return first == std::string::npos || line[first] == '#';
}

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

}  // namespace

std::optional<std::string> pin_problem(const std::string& pin) {
    if (pin.size() < 4 || pin.size() > 8)
        return "the PIN must have 4 to 8 digits";
    if (!std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return "the PIN may only hold digits (the pad has no letters)";
    return std::nullopt;
}

std::string hash_pin(const std::string& pin) {
    // yescrypt ("$y$") with libxcrypt's default cost; the salt comes from the kernel's CSPRNG.
    char setting[CRYPT_GENSALT_OUTPUT_SIZE];
    if (crypt_gensalt_rn("$y$", 0, nullptr, 0, setting, sizeof setting) == nullptr)
        throw std::runtime_error("cannot make a salt for the PIN hash");
    std::string hash = crypt_with(pin, setting);
    if (hash.empty())
        throw std::runtime_error("cannot hash the PIN: the system's libcrypt lacks yescrypt");
    return hash;
}

bool pin_matches(const std::string& pin, const std::string& hash) {
    if (hash.empty() || hash.front() != '$')
        return false;
    const std::string computed = crypt_with(pin, hash);
    return !computed.empty() && equal_in_constant_time(computed, hash);
}

std::optional<std::string> with_pin_hash(const std::string& yaml_text, const std::string& hash,
                                         std::string& error) {
    const std::string value = "pin_hash: \"" + hash + "\"";
    std::vector<std::string> lines = split_lines(yaml_text);
    static const std::regex admin_line(R"(^admin:\s*(#.*)?$)");
    static const std::regex other_admin(R"(^admin\s*:.*$)");
    static const std::regex pin_line(R"(^(\s+)pin_hash\s*:.*$)");
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (!std::regex_match(lines[i], admin_line)) {
            if (std::regex_match(lines[i], other_admin)) {
                error = "line " + std::to_string(i + 1) +
                        ": the admin section is not a plain block; write it as 'admin:' with "
                        "'pin_hash:' indented below, or set the hash by hand";
                return std::nullopt;
            }
            continue;
        }
        // The block: the lines after `admin:` that are indented, blank or comments.
        std::size_t end = i + 1;
        std::string indent = "  ";
        bool indent_seen = false;
        while (end < lines.size() && (is_blank_or_comment(lines[end]) ||
                                      lines[end].front() == ' ' || lines[end].front() == '\t')) {
            std::smatch m;
            if (std::regex_match(lines[end], m, pin_line)) {
                lines[end] = m[1].str() + value;
                return [&] {
                    std::string out;
                    for (const auto& l : lines)
                        out += l + "\n";
                    return out;
                }();
            }
            if (!indent_seen && !is_blank_or_comment(lines[end])) {
                indent = lines[end].substr(0, lines[end].find_first_not_of(" \t"));
                indent_seen = true;
            }
            ++end;
        }
        lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(i) + 1, indent + value);
        std::string out;
        for (const auto& l : lines)
            out += l + "\n";
        return out;
    }
    std::string out = yaml_text;
    if (!out.empty() && out.back() != '\n')
        out += "\n";
    return out + "admin:\n  " + value + "\n";
}

int set_pin_command(const std::filesystem::path& station_file, std::istream& in, std::ostream& out,
                    std::ostream& err) {
    std::ifstream file(station_file, std::ios::binary);
    if (!file) {
        err << "rollstation: cannot read " << station_file.string() << ": " << std::strerror(errno)
            << "\n";
        return 1;
    }
    std::ostringstream text;
    text << file.rdbuf();

    std::string pin, again;
    {
        const bool terminal = isatty(STDIN_FILENO);
        NoEcho quiet;
        if (terminal)
            out << "New admin PIN (4 to 8 digits): " << std::flush;
        std::getline(in, pin);
        if (terminal)
            out << "\nThe same PIN again: " << std::flush;
        std::getline(in, again);
        if (terminal)
            out << "\n";
    }
    if (const auto problem = pin_problem(pin)) {
        err << "rollstation: " << *problem << "; the station file is unchanged\n";
        return 1;
    }
    if (pin != again) {
        err << "rollstation: the two PINs differ; the station file is unchanged\n";
        return 1;
    }
    std::string error;
    const std::string hash = hash_pin(pin);
    const auto updated = with_pin_hash(text.str(), hash, error);
    if (!updated) {
        err << "rollstation: " << station_file.string() << ": " << error << "\n";
        return 1;
    }
    // The new text must read back with this hash before it replaces the old file.
    const std::filesystem::path check = station_file.string() + ".check";
    { std::ofstream(check, std::ios::binary) << *updated; }
    config::Diagnostics problems;
    const auto parsed = config::load_station_config(check, {}, problems);
    std::filesystem::remove(check);
    if (!parsed || parsed->admin.pin_hash != hash) {
        err << "rollstation: the station file would not read back with the new PIN hash; it is "
               "unchanged\n";
        return 1;
    }
    try {
        storage::write_file_atomically(station_file, *updated);
    } catch (const std::exception& e) {
        err << "rollstation: " << e.what() << "\n";
        return 1;
    }
    out << "Admin PIN set in " << station_file.string()
        << ". Restart the kiosk (or use Reload on the admin screen) to use it.\n";
    return 0;
}

}  // namespace rs::app
