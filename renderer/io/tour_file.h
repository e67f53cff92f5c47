#pragma once
// Opening and saving tour files (the format: core/tour.h). A failed open or save is one line
// naming the file; a save is atomic (io/atomic_file.h).
#include <filesystem>

#include "core/result.h"
#include "core/tour.h"

namespace plateau {

// Errors: "<path>: file not found" (and the other io/atomic_file read errors), "<path>: <size>
// MiB is too large for a tour file", or the parser's one line.
Result<Tour> openTourFile(const std::filesystem::path& path);
// Writes writeTour(tour) to `target`, replacing it atomically.
Status saveTourFile(const Tour& tour, const std::filesystem::path& target);
// The tour's scene file: its `scene` resolved against the tour file's folder; empty when the
// tour names none.
std::filesystem::path tourScenePath(const Tour& tour, const std::filesystem::path& tourFile);

}  // namespace plateau
