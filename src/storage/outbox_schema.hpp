// The outbox database's schema: created where missing, and brought up to date where an earlier
// release made the file.
#pragma once

#include "storage/sqlite.hpp"

namespace rs::storage {

void create_or_upgrade(Database& db);

}  // namespace rs::storage
