#pragma once

#include "store/database.h"

namespace duibiao {

// Applies every migration newer than the database's schema_version, each in its own
// transaction, and returns the resulting version. `up_to` stops before later versions (only for
// tests that need a database at an older schema: `--migrate-up-to`, hidden).
int migrate(Database& db, int up_to = 1 << 30);
// The version the database is at (0 when empty).
int schema_version(Database& db);
// The newest version this binary knows.
int latest_schema_version();

}  // namespace duibiao
