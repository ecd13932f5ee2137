#include "rollstation/core/library.hpp"

#include <algorithm>
#include <tuple>

namespace rs::core {

// Ordered by the title in its own language, so the order does not change with the visitor's.
Library::Library(std::vector<RoutinePtr> routines) : routines_(std::move(routines)) {
    std::stable_sort(routines_.begin(), routines_.end(),
                     [](const RoutinePtr& a, const RoutinePtr& b) {
                         return std::tie(a->purpose, a->level, a->title.own()) <
                                std::tie(b->purpose, b->level, b->title.own());
                     });
}

RoutinePtr Library::find(std::string_view id) const {
    for (const auto& r : routines_) {
        if (r->id == id)
            return r;
    }
    return nullptr;
}

std::vector<RoutinePtr> filter_routines(const Library& library, const LibraryFilter& filter) {
    std::vector<RoutinePtr> out;
    for (const auto& r : library.routines()) {
        if (filter.purpose && r->purpose != *filter.purpose)
            continue;
        if (filter.level && r->level != *filter.level)
            continue;
        out.push_back(r);
    }
    return out;
}

}  // namespace rs::core
