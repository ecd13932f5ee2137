// One lookup for the enums whose names go into payloads, logs and screens: each name is written
// once, in a table beside its value, instead of in a switch per enum.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace rs::core {

template <typename Enum>
struct EnumName {
    Enum value;
    std::string_view name;
};

// A switch over the enum would warn on a value it misses; a table cannot, so each table is
// checked at compile time: it lists every value in declaration order, up to and including `last`.
template <typename Enum, std::size_t N>
constexpr bool lists_every_value(const EnumName<Enum> (&table)[N], Enum last) {
    for (std::size_t i = 0; i < N; ++i) {
        if (static_cast<std::size_t>(table[i].value) != i)
            return false;
    }
    return static_cast<std::size_t>(last) + 1 == N;
}

// `fallback` answers a value the table does not list: one cast in from a number read elsewhere.
template <typename Enum, std::size_t N>
constexpr std::string_view name_in(const EnumName<Enum> (&table)[N], Enum value,
                                   std::string_view fallback) {
    for (const EnumName<Enum>& entry : table) {
        if (entry.value == value)
            return entry.name;
    }
    return fallback;
}

// The value `name` stands for, if any: how a name written in a file is read back.
template <typename Enum, std::size_t N>
constexpr std::optional<Enum> value_named(const EnumName<Enum> (&table)[N], std::string_view name) {
    for (const EnumName<Enum>& entry : table) {
        if (entry.name == name)
            return entry.value;
    }
    return std::nullopt;
}

}  // namespace rs::core
