#pragma once

#include <string_view>

#include "domain/error.h"
#include "service/app.h"
#include "service/standard_service.h"

namespace duibiao {

// The starter catalog shipped with the platform (data/starter_standards.csv, compiled into the
// binary): real domestic standards of the seeds' industries with the international / foreign
// standard each is benchmarked against and its adoption (IDT / MOD) where it is public, in the
// format of the standards import template.
std::string_view starter_catalog_csv();

struct StarterReport {
  size_t imported = 0;
  size_t already_present = 0;  // numbers the catalog had already: left as they are
  size_t total = 0;            // rows of the starter file
};

// The national office and administrators load it (twice is harmless: what is there stays).
Result<StarterReport> load_starter_catalog(App& app, const Caller& caller);

}  // namespace duibiao
