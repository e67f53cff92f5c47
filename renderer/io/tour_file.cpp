#include "io/tour_file.h"

#include <string>
#include <system_error>

#include "io/atomic_file.h"

namespace plateau {

namespace {
// A tour of a hundred stops with long narrations is tens of kilobytes; anything this large is
// a wrong file picked by mistake and is not read into memory.
constexpr std::uintmax_t kMaxTourBytes = 8u << 20;
}  // namespace

Result<Tour> openTourFile(const std::filesystem::path& path) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > kMaxTourBytes)
        return makeError(path.string() + ": " + std::to_string(size >> 20) + " MiB is too large for a tour file");
    Result<std::vector<std::uint8_t>> bytes = readFileBytes(path);
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
