#pragma once

#include "store/database.h"

namespace duibiao {

// Applies every migration newer than the database's schema_version, each in its own
// transaction, and returns the resulting version.
int migrate(Database& db);
// The version the database is at (0 when empty).
int schema_version(Database& db);
// The newest version this binary knows.
int latest_schema_version();

}  // namespace duibiao
