#include "io/tour_file.h"

#include <string>
#include <system_error>

#include "core/input_limits.h"
#include "io/atomic_file.h"

namespace plateau {

Result<Tour> openTourFile(const std::filesystem::path& path) {
    Result<std::vector<std::uint8_t>> bytes = readFileBytes(path, kMaxTourFileBytes, "tour file");
    if (!bytes) return bytes.error();
    return parseTour(std::string(bytes->begin(), bytes->end()), path.string());
}

Status saveTourFile(const Tour& tour, const std::filesystem::path& target) {
    const std::string text = writeTour(tour);
    if (const Status written = writeFileAtomic(target, text); !written)
        return makeError(target.string() + ": cannot save tour (" + written.error().message + ")");
    return Ok{};
}

std::filesystem::path tourScenePath(const Tour& tour, const std::filesystem::path& tourFile) {
    if (tour.scene.empty()) return {};
    const std::filesystem::path p(tour.scene);
    return p.is_absolute() ? p : (tourFile.parent_path() / p).lexically_normal();
}

}  // namespace plateau
