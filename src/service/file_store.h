#pragma once

#include <filesystem>
#include <string_view>

namespace duibiao {

// Files under the data directory (uploads, generated reports) are written so that neither a
// crash nor a full disk leaves half of one under its real name.

// Writes `bytes` to `target`: a temporary name beside it, fsync, rename, fsync of the directory.
// On any failure the temporary file is removed; a full disk (ENOSPC, EDQUOT) throws
// EnvironmentFailure(kInsufficientStorage), anything else std::runtime_error.
void write_file_durably(const std::filesystem::path& target, std::string_view bytes);

// Removes the temporary files a killed process left under `dir` (and its subdirectories): those
// written by a process of this host that is gone, and any older than `max_age_seconds` (another
// host sharing the directory). Returns how many it removed; never throws.
int sweep_temporary_files(const std::filesystem::path& dir, long long max_age_seconds = 3600);

}  // namespace duibiao
