// The routine library the kiosk offers, and the filters athletes browse it with.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rollstation/core/routine.hpp"

namespace rs::core {

struct SafetyNotice {
    LocalText title;
    std::vector<LocalText> points;
};

class Library {
  public:
    Library() = default;
    // Orders routines for browsing: by purpose, then level, then title.
    explicit Library(std::vector<RoutinePtr> routines);

    const std::vector<RoutinePtr>& routines() const { return routines_; }
    RoutinePtr find(std::string_view id) const;

  private:
    std::vector<RoutinePtr> routines_;
};

struct LibraryFilter {
    std::optional<Purpose> purpose;
    std::optional<Level> level;
    bool operator==(const LibraryFilter&) const = default;
};

std::vector<RoutinePtr> filter_routines(const Library& library, const LibraryFilter& filter);

}  // namespace rs::core
