#include "io/folder_source.h"

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <optional>
#include <system_error>
#include <unordered_map>
#include <vector>

#include "core/input_limits.h"
#include "core/parse_number.h"
#include "core/tile_path.h"
#include "io/atomic_file.h"
#include "io/png_heights.h"
#include "io/tile_metadata.h"

namespace plateau {
namespace fs = std::filesystem;
namespace {

// True when some zdir/<x>/<y>.png exists; stops at the first one.
bool holdsPngTiles(const fs::path& zdir) {
    std::error_code ec;
    for (fs::directory_iterator xs(zdir, ec), end; !ec && xs != end; xs.increment(ec)) {
        if (!xs->is_directory(ec)) continue;
        std::error_code ec2;
        for (fs::directory_iterator ys(xs->path(), ec2), yend; !ec2 && ys != yend; ys.increment(ec2))
            if (ys->path().extension() == ".png") return true;
    }
    return false;
}

class FolderSource final : public TileSource {
public:
    FolderSource(fs::path dir, HeightEncoding enc, int minZ, int maxZ, std::optional<TileSetMetadata> meta)
        : dir_(std::move(dir)), enc_(enc), minZoom_(minZ), maxZoom_(maxZ), meta_(std::move(meta)) {}

    std::string describe() const override { return "folder " + dir_.string(); }
    int minZoom() const override { return minZoom_; }
    int maxZoom() const override { return maxZoom_; }

    bool hasTile(const TileId& id) const override {
        if (!id.valid() || id.z < minZoom_ || id.z > maxZoom_) return false;
        if (meta_) return meta_->covers(id);
        std::lock_guard lock(mutex_);
        if (const auto it = exists_.find(id); it != exists_.end()) return it->second;
        // Bounded memory for long sessions: forgetting is cheap, a stat() refills an entry.
        if (exists_.size() > 1'000'000) exists_.clear();
        std::error_code ec;
        const bool present = fs::is_regular_file(tilePath(id), ec);
        exists_.emplace(id, present);
        return present;
    }

    Result<HeightGrid> load(const TileId& id) override {
        const fs::path path = tilePath(id);
        auto bytes = readFileBytes(path, kMaxTileBytes, "tile");
        if (!bytes) {
            // The whole folder gone (deleted or unmounted while the view is open) is one problem,
            // named once, not a missing file per tile.
            std::error_code ec;
            if (!fs::is_directory(dir_, ec))
                return makeError(dir_.string() + ": the tile folder is gone (deleted or unmounted while open); "
                                                 "the tiles already loaded stay");
            return bytes.error();
        }
        return decodeHeightPng(bytes->data(), bytes->size(), enc_, path.string());
    }

private:
    fs::path tilePath(const TileId& id) const {
        return tileFilePath(dir_, id, ".png");
    }

    fs::path dir_;
    HeightEncoding enc_;
    int minZoom_, maxZoom_;
    std::optional<TileSetMetadata> meta_;
    mutable std::mutex mutex_;
    mutable std::unordered_map<TileId, bool, TileIdHash> exists_;
};

}  // namespace

Result<std::shared_ptr<TileSource>> openFolderSource(const fs::path& dir, HeightEncoding enc) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return makeError(dir.string() + ": tile folder not found");

    const fs::path metaPath = dir / "metadata.json";
    if (fs::exists(metaPath, ec)) {
        auto bytes = readFileBytes(metaPath, kMaxTileMetadataBytes, "tile metadata file");
        if (!bytes) return bytes.error();
        auto meta = parseTileMetadata(std::string(bytes->begin(), bytes->end()), metaPath.string());
        if (!meta) return meta.error();
        if (meta->encoding != enc)
            return makeError(metaPath.string() + ": tiles are " + heightEncodingName(meta->encoding) +
                             "-encoded but " + heightEncodingName(enc) + " was requested");
        const int lo = meta->minZoom, hi = meta->maxZoom;
        return std::shared_ptr<TileSource>(std::make_shared<FolderSource>(dir, enc, lo, hi, std::move(*meta)));
    }

    int lo = 31, hi = -1;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const auto z = parseInt(it->path().filename().string());
        std::error_code ec2;
        if (!z || *z < 0 || *z > 30 || !it->is_directory(ec2) || !holdsPngTiles(it->path())) continue;
        lo = std::min(lo, *z);
        hi = std::max(hi, *z);
    }
    if (hi < 0) return makeError(dir.string() + ": no {z}/{x}/{y}.png tiles");
    return std::shared_ptr<TileSource>(std::make_shared<FolderSource>(dir, enc, lo, hi, std::nullopt));
}

}  // namespace plateau
