// The one spelling of an id that may travel on the wire and in payloads: 1 to `max_length`
// letters, digits, '-', '_' or '.', so it needs no quoting anywhere.
#pragma once

#include <cstddef>
#include <string_view>

namespace rs::core {

inline bool is_printable_id(std::string_view id, std::size_t max_length) {
    if (id.empty() || id.size() > max_length)
        return false;
    for (char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
        if (!ok)
            return false;
    }
    return true;
}

}  // namespace rs::core
