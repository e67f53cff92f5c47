#include "io/folder_sink.h"

#include <system_error>

#include "core/tile_path.h"
#include "io/atomic_file.h"
#include "io/png_heights.h"
#include "io/png_codec.h"

namespace plateau {
namespace fs = std::filesystem;

fs::path FolderSink::tilePath(const TileId& id) const {
    return tileFilePath(root_, id, ".png");
}

Status FolderSink::put(const TileId& id, const std::vector<std::uint8_t>& png) {
    if (!id.valid()) return makeError(describe() + ": tile " + id.str() + " is not a valid tile id");
    const fs::path file = tilePath(id);
    std::error_code ec;
    // Safe when several threads or processes create the same column at once.
    fs::create_directories(file.parent_path(), ec);
    if (ec && !fs::is_directory(file.parent_path()))
        return makeError(file.parent_path().string() + ": cannot create folder (" + ec.message() + ")");
    return writeFileAtomic(file, png);
}

bool FolderSink::has(const TileId& id) const {
    std::error_code ec;
    // Atomic writes mean any file under the final name is whole; an empty one is not a tile.
    return fs::is_regular_file(tilePath(id), ec) && fs::file_size(tilePath(id), ec) > 0 && !ec;
}

Status FolderSink::finish(const std::string& metadataJson) {
    return writeFileAtomic(root_ / "metadata.json", metadataJson);
}

Result<HeightGrid> FolderSink::read(const TileId& id, HeightEncoding enc) const {
    auto image = readPngFile(tilePath(id), 512);
    if (!image) return image.error();
    return decodeHeightImage(*image, enc, tilePath(id).string());
}

Result<std::unique_ptr<FolderSink>> openFolderSink(const fs::path& dir) {
    std::error_code ec;
    if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) return makeError(dir.string() + ": exists and is not a folder");
    fs::create_directories(dir, ec);
    if (ec) return makeError(dir.string() + ": cannot create folder (" + ec.message() + ")");
    // A build killed between writing a tile and renaming it left a temporary file: a rerun
    // resumes into a folder that holds tiles only.
    removeAbandonedTemps(dir);
    return std::make_unique<FolderSink>(dir);
}

}  // namespace plateau
