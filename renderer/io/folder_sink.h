#pragma once
// Writes built tiles as {z}/{x}/{y}.png under a folder, each file atomically (temporary file,
// fsync, rename), so a killed build leaves only whole tiles and a rerun can trust has().
// finish() writes metadata.json (the format of tile_metadata.h) last: a folder holding it is
// complete. Several processes may fill the same folder with disjoint tiles (sharded builds).
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/height_grid.h"
#include "core/result.h"
#include "io/tile_sink.h"

namespace plateau {

class FolderSink : public TileSink {
public:
    explicit FolderSink(std::filesystem::path root) : root_(std::move(root)) {}
    std::string describe() const override { return "folder " + root_.string(); }
    Status put(const TileId& id, const std::vector<std::uint8_t>& png) override;
    bool has(const TileId& id) const override;
    Status finish(const std::string& metadataJson) override;

    const std::filesystem::path& root() const { return root_; }
    std::filesystem::path tilePath(const TileId& id) const;
    // Reads a stored tile back as heights (for building parents from stored children).
    Result<HeightGrid> read(const TileId& id, HeightEncoding enc) const;

private:
    std::filesystem::path root_;
};

// Creates the folder when needed. Errors: "<dir>: exists and is not a folder",
// "<dir>: cannot create folder (<reason>)".
Result<std::unique_ptr<FolderSink>> openFolderSink(const std::filesystem::path& dir);

}  // namespace plateau
