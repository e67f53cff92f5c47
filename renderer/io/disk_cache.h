#pragma once
// Tiles fetched from a server, kept on disk as {z}/{x}/{y}.png under one folder per source so that
// later runs (and later loads in this run) need no network. Writes are atomic: a crash or a full
// disk leaves either no file or a complete one, never a prefix that would be served as a tile.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/tile_id.h"

namespace plateau {

class DiskCache {
public:
    explicit DiskCache(std::filesystem::path root) : root_(std::move(root)) {}

    const std::filesystem::path& root() const { return root_; }
    std::filesystem::path pathFor(const TileId& id) const;
    // The cached bytes, or nullopt when the tile is not cached (or cannot be read).
    std::optional<std::vector<std::uint8_t>> read(const TileId& id) const;
    // Creates the folders as needed.
    Status write(const TileId& id, const std::vector<std::uint8_t>& bytes) const;
    // Drops an entry that turned out to be unusable, so that it is fetched again.
    void remove(const TileId& id) const;

private:
    std::filesystem::path root_;
};

// A folder name for a URL template: its host and path with every character other than
// [A-Za-z0-9.-] replaced, shortened, plus a hash of the whole template so that different
// templates never share a folder. The query string (often an API key) shows only in the hash.
// "https://tiles.example.com/terrarium/{z}/{x}/{y}.png" -> "tiles.example.com_terrarium-1a2b3c4d5e6f7a8b"
std::string cacheFolderName(const std::string& urlTemplate);

}  // namespace plateau
