#include "synthetic/pyramid_writer.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <system_error>
#include <thread>
#include <utility>

#include "core/input_limits.h"
#include "core/tile_path.h"
#include "io/atomic_file.h"
#include "io/png_codec.h"
#include "synthetic/synthetic_dem.h"

namespace plateau {
namespace fs = std::filesystem;
namespace {

// Encoding time dominates writing thousands of tiles; level 1 costs a little size, not much.
constexpr int kPngLevel = 1;

std::optional<std::string> readText(const fs::path& p) {
    auto bytes = readFileBytes(p, kMaxTileMetadataBytes, "tile metadata file");
    if (!bytes) return std::nullopt;
    return std::string(bytes->begin(), bytes->end());
}

bool isSyntheticFolder(const fs::path& dir) {
    const auto text = readText(dir / "metadata.json");
    if (!text) return false;
    const auto meta = parseTileMetadata(*text, "metadata.json");
    return meta && meta->generator && meta->generator->name == kSyntheticGeneratorName;
}

// An exclusive flock on a folder, held while a generator fills it. The kernel drops it when the
// process exits however it dies, so a lockable temporary folder is an abandoned one (checking
// process ids would not do: a killed process can linger as a zombie in a container).
class FolderLock {
public:
    explicit FolderLock(const fs::path& dir) : fd_(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {}
    ~FolderLock() {
        if (fd_ >= 0) ::close(fd_);
    }
    FolderLock(const FolderLock&) = delete;
    FolderLock& operator=(const FolderLock&) = delete;
    bool lock(bool wait) { return fd_ >= 0 && ::flock(fd_, LOCK_EX | (wait ? 0 : LOCK_NB)) == 0; }

private:
    int fd_;
};

// Temporary folders are ".<name>.tmp-<pid>-<n>" beside the destination, old pyramids being
// replaced ".<name>.old-<pid>-<n>". Those left by an interrupted run are removed; a locked one
// belongs to a concurrent generator and stays.
void removeStaleTemporaries(const fs::path& parent, const std::string& name) {
    const std::string tmpPrefix = "." + name + ".tmp-", oldPrefix = "." + name + ".old-";
    std::vector<fs::path> stale;
    std::error_code ec;
    for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string f = it->path().filename().string();
        if (f.rfind(oldPrefix, 0) == 0) stale.push_back(it->path());
        if (f.rfind(tmpPrefix, 0) == 0 && FolderLock(it->path()).lock(false)) stale.push_back(it->path());
    }
    for (const fs::path& p : stale) fs::remove_all(p, ec);
}

fs::path tileFile(const fs::path& root, const TileId& t) {
    return tileFilePath(root, t, ".png");
}

// Workers take tiles from a shared counter; the calling thread only reports progress, so the
// callback never runs concurrently with itself.
Status writeTiles(const fs::path& root, const std::vector<TileId>& tiles, const SyntheticOptions& o,
                  const SyntheticProgress& progress) {
    std::atomic<std::size_t> next{0};
    std::atomic<int> done{0};
    std::atomic<bool> failed{false};
    std::mutex mutex;
    std::condition_variable cv;
    std::optional<Error> firstError;
    int running = o.threads > 0 ? o.threads : int(std::max(1u, std::thread::hardware_concurrency()));
    running = std::min<int>(running, int(std::max<std::size_t>(tiles.size(), 1)));

    auto work = [&] {
        while (!failed) {
            const std::size_t i = next++;
            if (i >= tiles.size()) break;
            auto png = syntheticTilePng(tiles[i], o.seed, o.encoding);
            Status st = png ? writeFileBytes(tileFile(root, tiles[i]), png->data(), png->size()) : Status(png.error());
            if (!st) {
                std::lock_guard lock(mutex);
                if (!firstError) firstError = st.error();
                failed = true;
            }
            ++done;
        }
        std::lock_guard lock(mutex);
        --running;
        cv.notify_all();
    };
    std::vector<std::thread> pool;
    const int n = running;
    for (int t = 0; t < n; ++t) pool.emplace_back(work);
    const int total = int(tiles.size());
    {
        std::unique_lock lock(mutex);
        while (running > 0) {
            cv.wait_for(lock, std::chrono::milliseconds(100));
            if (progress) {
                lock.unlock();
                progress(std::min(done.load(), total), total);
                lock.lock();
            }
        }
    }
    for (auto& th : pool) th.join();
    if (firstError) return *firstError;
    return Ok{};
}

}  // namespace

TileSetMetadata syntheticMetadata(const SyntheticOptions& o) {
    TileSetMetadata m;
    m.encoding = o.encoding;
    m.minZoom = 0;
    m.maxZoom = o.maxZoom;
    m.tileSize = kSyntheticTileSize;
    m.description = "synthetic terrain: deterministic made-up relief around the Yarlung Tsangpo, not real elevation";
    m.generator = GeneratorInfo{kSyntheticGeneratorName, kSyntheticDemVersion, o.seed};
    // z12 (two thirds of all tiles) covers only the core area, which keeps a full build within a
    // minute on two cores; deeper levels, if asked for, cover the same area.
    const TileExtent extents[] = {{0, 4, {-180.0, -kMaxMercatorLatDeg, 180.0, kMaxMercatorLatDeg}},
                                  {5, 8, {80.0, 26.0, 100.0, 35.0}},
                                  {9, 11, {87.5, 28.0, 93.5, 31.0}},
                                  {12, std::max(12, o.maxZoom), {88.0, 28.5, 93.0, 30.5}}};
    for (TileExtent e : extents) {
        if (e.minZoom > o.maxZoom) continue;
        e.maxZoom = std::min(e.maxZoom, o.maxZoom);
        m.extents.push_back(e);
    }
    return m;
}

std::vector<TileId> syntheticTiles(const SyntheticOptions& o) { return tilesCoveredBy(syntheticMetadata(o)); }

bool syntheticPyramidIsCurrent(const SyntheticOptions& o) {
    const auto text = readText(o.out / "metadata.json");
    return text && *text == tileMetadataToJson(syntheticMetadata(o));
}

std::vector<double> syntheticTileHeights(const TileId& t, std::uint32_t seed) {
    constexpr int n = kSyntheticTileSize;
    const double scale = std::ldexp(1.0, t.z);
    std::vector<double> lons(n), lats(n), heights(std::size_t(n) * n);
    for (int i = 0; i < n; ++i) {
        lons[std::size_t(i)] = (t.x + (i + 0.5) / n) / scale * 360.0 - 180.0;
        lats[std::size_t(i)] = mercatorYToLat((t.y + (i + 0.5) / n) / scale);
    }
    // Sample spacing at the tile's centre latitude sets how fine the noise goes.
    const double centreLat = mercatorYToLat((t.y + 0.5) / scale);
    const double pixelMetres = webMercatorPixelMetres(t.z, centreLat, n);
    syntheticHeightGrid(lons.data(), n, lats.data(), n, seed, pixelMetres, heights.data());
    return heights;
}

Result<std::vector<std::uint8_t>> syntheticTilePng(const TileId& t, std::uint32_t seed, HeightEncoding enc) {
    if (!t.valid()) return makeError("synthetic tile " + t.str() + ": not a valid tile id");
    const std::vector<double> heights = syntheticTileHeights(t, seed);
    Image8 img{kSyntheticTileSize, kSyntheticTileSize, 3, std::vector<std::uint8_t>(heights.size() * 3)};
    for (std::size_t i = 0; i < heights.size(); ++i) {
        // 1/8 m steps instead of Terrarium's 1/256: far below what 30 m pixels can show, and the
        // blue byte stops being incompressible noise (tiles shrink to about a third).
        const double h = enc == HeightEncoding::Terrarium ? std::round(heights[i] * 8.0) / 8.0 : heights[i];
        const auto rgb = encodeHeight(h, enc);
        std::copy(rgb.begin(), rgb.end(), img.pixels.begin() + std::ptrdiff_t(i * 3));
    }
    return encodePng(img, kPngLevel);
}

Status generateSyntheticPyramid(const SyntheticOptions& o, const SyntheticProgress& progress) {
    if (o.out.empty()) return makeError("synthetic terrain: no output folder given");
    if (o.maxZoom < 0 || o.maxZoom > 15)
        return makeError("synthetic terrain: max zoom " + std::to_string(o.maxZoom) + " is outside 0..15");
    const fs::path out = o.out.has_filename() ? o.out : o.out.parent_path();  // "dir/" -> "dir"
    SyntheticOptions opts = o;
    opts.out = out;
    const std::vector<TileId> tiles = syntheticTiles(opts);
    const int total = int(tiles.size());
    if (syntheticPyramidIsCurrent(opts)) {
        if (progress) progress(total, total);
        return Ok{};
    }
    std::error_code ec;
    const bool exists = fs::exists(out, ec);
    if (exists && !(fs::is_directory(out, ec) && (fs::is_empty(out, ec) || isSyntheticFolder(out))))
        return makeError(out.string() + ": exists and is not a synthetic tile folder; refusing to overwrite it");

    const fs::path parent = out.has_parent_path() ? out.parent_path() : fs::path(".");
    fs::create_directories(parent, ec);
    if (ec) return makeError(parent.string() + ": cannot create folder (" + ec.message() + ")");
    const std::string name = out.filename().string();
    removeStaleTemporaries(parent, name);
    static std::atomic<unsigned> counter{0};
    const fs::path tmp =
        parent / ("." + name + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    auto fail = [&](Error e) -> Status {
        std::error_code rm;
        fs::remove_all(tmp, rm);
        return e;
    };
    fs::create_directory(tmp, ec);
    FolderLock lock(tmp);
    if (ec || !lock.lock(true)) return fail(makeError(tmp.string() + ": cannot create folder"));

    std::set<std::pair<int, int>> columns;
    for (const TileId& t : tiles) columns.insert({t.z, t.x});
    for (const auto& [z, x] : columns) {
        fs::create_directories(tmp / std::to_string(z) / std::to_string(x), ec);
        if (ec) return fail(makeError(tmp.string() + ": cannot create folder (" + ec.message() + ")"));
    }
    if (Status st = writeTiles(tmp, tiles, opts, progress); !st) return fail(st.error());
    // metadata.json last: a folder holding it is complete.
    if (Status st = writeFileAtomic(tmp / "metadata.json", tileMetadataToJson(syntheticMetadata(opts))); !st)
        return fail(st.error());

    // An older synthetic pyramid (or an empty folder) moves aside first; rename cannot replace a
    // non-empty folder. A concurrent generator may win the race: then its result is used.
    fs::path old;
    if (fs::exists(out, ec)) {
        old = parent / ("." + name + ".old-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        fs::rename(out, old, ec);
        if (ec) return fail(makeError(out.string() + ": cannot move the old tiles aside (" + ec.message() + ")"));
    }
    fs::rename(tmp, out, ec);
    if (ec) {
        Status st = fail(makeError(out.string() + ": cannot move the new tiles into place (" + ec.message() + ")"));
        if (syntheticPyramidIsCurrent(opts)) return Ok{};
        return st;
    }
    if (!old.empty()) fs::remove_all(old, ec);
    return Ok{};
}

}  // namespace plateau
