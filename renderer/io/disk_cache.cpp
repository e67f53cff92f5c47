#include "io/disk_cache.h"

#include <cstdio>
#include <system_error>

#include "io/atomic_file.h"

namespace plateau {
namespace fs = std::filesystem;

fs::path DiskCache::pathFor(const TileId& id) const {
    return root_ / std::to_string(id.z) / std::to_string(id.x) / (std::to_string(id.y) + ".png");
}

std::optional<std::vector<std::uint8_t>> DiskCache::read(const TileId& id) const {
    const fs::path path = pathFor(id);
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return std::nullopt;
    auto bytes = readFileBytes(path);
    if (!bytes) return std::nullopt;
    return std::move(*bytes);
}

Status DiskCache::write(const TileId& id, const std::vector<std::uint8_t>& bytes) const {
    const fs::path path = pathFor(id);
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec) return makeError(path.parent_path().string() + ": " + ec.message());
    return writeFileAtomic(path, bytes);
}

void DiskCache::remove(const TileId& id) const {
    std::error_code ec;
    fs::remove(pathFor(id), ec);
}

std::string cacheFolderName(const std::string& urlTemplate) {
    // FNV-1a, 64 bit: stable across runs and platforms, unlike std::hash.
    std::uint64_t hash = 0xcbf29ce484222325ull;
    for (const char c : urlTemplate) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ull;
    }

    std::string rest = urlTemplate;
    if (const auto scheme = rest.find("://"); scheme != std::string::npos) rest.erase(0, scheme + 3);
    if (const auto query = rest.find_first_of("?#"); query != std::string::npos) rest.erase(query);
    // The tile address part says nothing about the source; cut it off at the first placeholder.
    if (const auto brace = rest.find('{'); brace != std::string::npos) rest.erase(brace);
    if (const auto at = rest.find('@'); at != std::string::npos && at < rest.find('/')) rest.erase(0, at + 1);

    std::string name;
    bool lastWasSep = true;  // also drops leading separators
    for (const char c : rest) {
        const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
        if (keep) {
            name += c;
            lastWasSep = false;
        } else if (!lastWasSep) {
            name += '_';
            lastWasSep = true;
        }
        if (name.size() >= 64) break;
    }
    while (!name.empty() && (name.back() == '_' || name.back() == '.')) name.pop_back();
    if (name.empty()) name = "source";

    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    return name + "-" + hex;
}

}  // namespace plateau
