#include "tiles/tile_builder.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <system_error>
#include <thread>
#include <utility>

#include "io/folder_sink.h"
#include "io/mbtiles.h"
#include "io/png_codec.h"

namespace plateau {
namespace fs = std::filesystem;
namespace {

constexpr int kMaxTileZoom = 24;
constexpr int kSize = kGdalTileSize, kHalf = kSize / 2;
// zlib level 1 is the bulk mode of encodePng: much faster, hardly larger for height tiles.
constexpr int kPngLevel = 1;

// A tile's contribution to its parent: its 2x2 averages, kHalf x kHalf.
using Quarter = std::vector<float>;

Quarter flatQuarter() { return Quarter(std::size_t(kHalf) * kHalf, kGdalOutsideHeight); }

Quarter toQuarter(const HeightGrid& g) {
    Quarter q(std::size_t(kHalf) * kHalf);
    for (int j = 0; j < kHalf; ++j)
        for (int i = 0; i < kHalf; ++i) {
            const float sum = (g.at(2 * i, 2 * j) + g.at(2 * i + 1, 2 * j)) + (g.at(2 * i, 2 * j + 1) + g.at(2 * i + 1, 2 * j + 1));
            q[std::size_t(j) * kHalf + std::size_t(i)] = sum * 0.25f;
        }
    return q;
}

// Children in TileId::children() order: NW, NE, SW, SE.
HeightGrid assemble(const std::array<Quarter, 4>& q) {
    HeightGrid g{kSize, kSize, std::vector<float>(std::size_t(kSize) * kSize)};
    for (int j = 0; j < kSize; ++j)
        for (int i = 0; i < kSize; ++i)
            g.samples[std::size_t(j) * kSize + std::size_t(i)] =
                q[std::size_t((i >= kHalf) + 2 * (j >= kHalf))][std::size_t(j % kHalf) * kHalf + std::size_t(i % kHalf)];
    return g;
}

// Heights become exactly what the stored tile decodes to, so children read back from the output
// and children computed in this run give the same parent.
Image8 quantise(HeightGrid& g, HeightEncoding enc) {
    Image8 img{g.width, g.height, 3, std::vector<std::uint8_t>(g.samples.size() * 3)};
    for (std::size_t k = 0; k < g.samples.size(); ++k) {
        const auto rgb = encodeHeight(g.samples[k], enc);
        std::copy(rgb.begin(), rgb.end(), img.pixels.begin() + std::ptrdiff_t(k * 3));
        g.samples[k] = float(decodeHeight(rgb[0], rgb[1], rgb[2], enc));
    }
    return img;
}

std::string metadataJson(const TilePlan& plan, const TileBuildOptions& o) {
    TileSetMetadata m;
    m.encoding = o.encoding;
    m.minZoom = plan.minZoom;
    m.maxZoom = plan.maxZoom;
    m.tileSize = kSize;
    m.extents = plan.extents;
    m.generator = GeneratorInfo{kTilesGeneratorName, 1, 0};
    m.description = "elevation from";
    for (const fs::path& r : o.rasters) {
        // Appended piecewise: `" " + string` trips GCC 12's -Wrestrict false positive at -O3.
        m.description += ' ';
        m.description += r.filename().string();
    }
    return tileMetadataToJson(m);
}

// One run: the output, how to read tiles back, counters, and the depth-first subtree builder.
struct Run {
    const TileBuildOptions& o;
    const TilePlan& plan;
    GdalSource& source;
    TileSink& sink;
    const FolderSink* folder = nullptr;  // read-back is possible only from folders
    std::atomic<std::size_t> done{0}, written{0}, skipped{0};

    Status store(const TileId& t, HeightGrid& g) {
        const Image8 img = quantise(g, o.encoding);
        auto png = encodePng(img, kPngLevel);
        if (!png) return png.error();
        if (Status st = sink.put(t, *png); !st) return st;
        ++written;
        return Ok{};
    }

    std::optional<HeightGrid> readBack(const TileId& t) {
        if (!folder) return std::nullopt;
        auto g = folder->read(t, o.encoding);
        if (!g || g->width != kSize || g->height != kSize) return std::nullopt;  // rebuilt and replaced
        return std::move(*g);
    }

    // Builds what is missing in t's subtree; returns t's quarter when `need`.
    Result<std::optional<Quarter>> visit(const TileId& t, bool need) {
        const bool have = sink.has(t);
        if (have && need) {
            if (auto g = readBack(t)) {
                if (t.z < plan.maxZoom)
                    if (auto st = children(t, false); !st) return st.error();
                ++done;
                ++skipped;
                return std::optional<Quarter>(toQuarter(*g));
            }
        }
        if (have && !need) {
            if (t.z < plan.maxZoom)
                if (auto st = children(t, false); !st) return st.error();
            ++done;
            ++skipped;
            return std::optional<Quarter>();
        }
        HeightGrid g;
        if (t.z == plan.maxZoom) {
            bool empty = false;
            auto r = source.loadOrFlat(t, empty);
            if (!r) return r.error();
            g = std::move(*r);
        } else {
            auto q = children(t, true);
            if (!q) return q.error();
            g = assemble(*q);
        }
        if (have) {
            quantise(g, o.encoding);
            ++skipped;
        } else if (Status st = store(t, g); !st) {
            return st.error();
        }
        ++done;
        return need ? std::optional<Quarter>(toQuarter(g)) : std::optional<Quarter>();
    }

    Result<std::array<Quarter, 4>> children(const TileId& t, bool need) {
        std::array<Quarter, 4> q;
        const auto kids = t.children();
        for (std::size_t k = 0; k < 4; ++k) {
            if (!plan.contains(kids[k])) {
                if (need) q[k] = flatQuarter();
                continue;
            }
            auto r = visit(kids[k], need);
            if (!r) return r.error();
            if (need) q[k] = std::move(**r);
        }
        return q;
    }
};

std::size_t countAtOrBelow(const TilePlan& plan, std::size_t first, std::size_t last) {
    const auto& roots = plan.level(plan.shardLevel);
    std::size_t n = 0;
    for (int z = plan.shardLevel; z <= plan.maxZoom; ++z)
        for (const TileId& t : plan.level(z)) {
            const int d = z - plan.shardLevel;
            const TileId a{plan.shardLevel, t.x >> d, t.y >> d};
            const auto idx = std::size_t(std::lower_bound(roots.begin(), roots.end(), a) - roots.begin());
            n += idx >= first && idx < last;
        }
    return n;
}

// Runs `job(i)` for i in [0, count) on a worker pool; reports progress from the calling thread.
Status runPool(std::size_t count, int threads, const std::function<Status(std::size_t)>& job,
               const std::function<void()>& report) {
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::mutex mutex;
    std::condition_variable cv;
    std::optional<Error> firstError;
    int n = threads > 0 ? threads : int(std::max(1u, std::thread::hardware_concurrency()));
    n = int(std::min<std::size_t>(std::size_t(n), std::max<std::size_t>(count, 1)));
    int running = n;
    std::vector<std::thread> pool;
    for (int t = 0; t < n; ++t)
        pool.emplace_back([&] {
            while (!failed) {
                const std::size_t i = next++;
                if (i >= count) break;
                if (Status st = job(i); !st) {
                    std::lock_guard lock(mutex);
                    if (!firstError) firstError = st.error();
                    failed = true;
                }
            }
            std::lock_guard lock(mutex);
            --running;
            cv.notify_all();
        });
    {
        std::unique_lock lock(mutex);
        while (running > 0) {
            cv.wait_for(lock, std::chrono::milliseconds(250));
            lock.unlock();
            report();
            lock.lock();
        }
    }
    for (auto& th : pool) th.join();
    if (firstError) return *firstError;
    return Ok{};
}

}  // namespace

bool TilePlan::contains(const TileId& t) const {
    if (t.z < minZoom || t.z > maxZoom) return false;
    const auto& l = level(t.z);
    return std::binary_search(l.begin(), l.end(), t);
}

std::size_t TilePlan::size() const {
    std::size_t n = 0;
    for (const auto& l : levels) n += l.size();
    return n;
}

bool isMbtilesPath(const fs::path& out) { return out.extension() == ".mbtiles"; }

fs::path mbtilesShardPath(const fs::path& out, int index, int shardCount) {
    return out.parent_path() /
           (out.stem().string() + ".shard-" + std::to_string(index) + "-of-" + std::to_string(shardCount) + ".mbtiles");
}

std::pair<std::size_t, std::size_t> shardRange(std::size_t count, int index, int shardCount) {
    const auto n = std::size_t(shardCount), i = std::size_t(index - 1);
    return {count * i / n, count * (i + 1) / n};
}

Result<TilePlan> planTiles(const GdalSource& source, const TileBuildOptions& o) {
    TilePlan plan;
    plan.maxZoom = o.maxZoom.value_or(source.maxZoom());
    plan.minZoom = o.minZoom;
    if (plan.minZoom < 0 || plan.maxZoom > kMaxTileZoom || plan.minZoom > plan.maxZoom)
        return makeError("zoom range " + std::to_string(plan.minZoom) + ".." + std::to_string(plan.maxZoom) +
                         " is not within 0.." + std::to_string(kMaxTileZoom) + " (min <= max)");
    std::vector<TileId> top;
    for (const GdalRasterInfo& r : source.rasters()) {
        LonLatBounds b = r.bounds;
        if (o.bounds) {
            b = {std::max(b.west, o.bounds->west), std::max(b.south, o.bounds->south),
                 std::min(b.east, o.bounds->east), std::min(b.north, o.bounds->north)};
            if (b.west >= b.east || b.south >= b.north) continue;
        }
        plan.extents.push_back({plan.minZoom, plan.maxZoom, b});
        const TileId nw = lonLatToTile(b.west, b.north, plan.maxZoom), se = lonLatToTile(b.east, b.south, plan.maxZoom);
        for (int x = nw.x; x <= se.x; ++x)
            for (int y = nw.y; y <= se.y; ++y)
                if (b.intersects(tileBounds({plan.maxZoom, x, y}))) top.push_back({plan.maxZoom, x, y});
    }
    if (top.empty()) return makeError("no tiles: the bounds do not meet any raster");
    plan.levels.resize(std::size_t(plan.maxZoom - plan.minZoom + 1));
    plan.levels.back() = std::move(top);
    for (int z = plan.maxZoom; z >= plan.minZoom; --z) {
        auto& l = plan.levels[std::size_t(z - plan.minZoom)];
        std::sort(l.begin(), l.end());
        l.erase(std::unique(l.begin(), l.end()), l.end());
        if (z > plan.minZoom)
            for (const TileId& t : l) plan.levels[std::size_t(z - 1 - plan.minZoom)].push_back(t.parent());
    }
    plan.shardLevel = plan.maxZoom;
    for (int z = plan.minZoom; z <= plan.maxZoom; ++z)
        if (plan.level(z).size() >= std::max<std::size_t>(o.shardLevelTiles, 1)) {
            plan.shardLevel = z;
            break;
        }
    return plan;
}

namespace {

// The shard files of an MBTiles output, from the folder: all must agree on N and none may miss.
Result<std::vector<fs::path>> findMbtilesShards(const fs::path& out) {
    const fs::path dir = out.parent_path().empty() ? fs::path(".") : out.parent_path();
    const std::string prefix = out.stem().string() + ".shard-";
    int count = 0;
    std::map<int, fs::path> found;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.rfind(prefix, 0) != 0 || it->path().extension() != ".mbtiles") continue;
        int i = 0, n = 0;
        char tail[16] = {};
        if (std::sscanf(name.c_str() + prefix.size(), "%d-of-%d.%15s", &i, &n, tail) != 3 ||
            std::string(tail) != "mbtiles" || n < 1 || i < 1 || i > n)
            continue;
        if (count && n != count)
            return makeError(dir.string() + ": shard files for " + std::to_string(count) + " and " + std::to_string(n) +
                             " shards; remove the stale ones");
        count = n;
        found[i] = it->path();
    }
    if (!count) return makeError(mbtilesShardPath(out, 1, 1).string() + ": no shard files to finish from (run --shard I/N first)");
    std::vector<fs::path> files;
    for (int i = 1; i <= count; ++i) {
        if (!found.count(i)) return makeError(mbtilesShardPath(out, i, count).string() + ": shard output missing");
        files.push_back(found[i]);
    }
    return files;
}

Status validate(const TileBuildOptions& o) {
    if (o.rasters.empty()) return makeError("no raster files given");
    if (o.out.empty()) return makeError("no output given (--out DIR or FILE.mbtiles)");
    if (o.shardCount < 0 || (o.shardCount == 0 && o.shardIndex != 0) ||
        (o.shardCount > 0 && (o.shardIndex < 1 || o.shardIndex > o.shardCount)))
        return makeError("--shard " + std::to_string(o.shardIndex) + "/" + std::to_string(o.shardCount) +
                         ": expected I/N with 1 <= I <= N");
    if (o.finish && o.shardCount > 0) return makeError("--finish runs after all shards; give it without --shard");
    return Ok{};
}

}  // namespace

Result<TileBuildReport> buildTiles(const TileBuildOptions& o, const TileBuildCallback& progress) {
    const auto start = std::chrono::steady_clock::now();
    auto seconds = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    if (Status st = validate(o); !st) return st.error();
    auto sourceOr = openGdalRasters(o.rasters);
    if (!sourceOr) return sourceOr.error();
    GdalSource& source = **sourceOr;
    auto planOr = planTiles(source, o);
    if (!planOr) return planOr.error();
    const TilePlan& plan = *planOr;
    const bool mbtiles = isMbtilesPath(o.out), sharded = o.shardCount > 0;

    std::unique_ptr<TileSink> sink;
    const FolderSink* folder = nullptr;
    if (mbtiles) {
        auto s = openMbtilesSink(sharded ? mbtilesShardPath(o.out, o.shardIndex, o.shardCount) : o.out);
        if (!s) return s.error();
        sink = std::move(*s);
    } else {
        auto s = openFolderSink(o.out);
        if (!s) return s.error();
        folder = s->get();
        sink = std::move(*s);
    }
    Run run{o, plan, source, *sink, folder};
    const int L = plan.shardLevel;
    const auto& roots = plan.level(L);
    std::size_t total = 0;
    auto report = [&] {
        if (progress) progress({std::min(run.done.load(), total), total, run.written.load(), seconds()});
    };

    std::map<TileId, Quarter> quarters;  // of the tiles at the level being built next
    bool buildTop = !sharded;
    if (!o.finish) {
        // Plain names, not a structured binding: the worker lambda captures them, which clang 14
        // cannot do for bindings.
        const std::pair<std::size_t, std::size_t> range =
            sharded ? shardRange(roots.size(), o.shardIndex, o.shardCount)
                    : std::pair<std::size_t, std::size_t>{0, roots.size()};
        const std::size_t first = range.first, last = range.second;
        total = sharded ? countAtOrBelow(plan, first, last) : plan.size();
        // Quarters of the roots are needed only when a tile above them is missing.
        if (buildTop) {
            buildTop = false;
            for (int z = plan.minZoom; z < L && !buildTop; ++z)
                for (const TileId& t : plan.level(z)) buildTop = buildTop || !sink->has(t);
        }
        std::mutex mutex;
        Status st = runPool(last - first, o.threads, [&](std::size_t k) -> Status {
            const TileId root = roots[first + k];
            auto r = run.visit(root, buildTop);
            if (!r) return r.error();
            if (buildTop) {
                std::lock_guard lock(mutex);
                quarters[root] = std::move(**r);
            }
            return Ok{};
        }, report);
        if (!st) return st.error();
        if (!buildTop && !sharded)
            for (int z = plan.minZoom; z < L; ++z) run.done += plan.level(z).size(), run.skipped += plan.level(z).size();
    } else {
        // The shards' levels must be complete; their roots' quarters come from what they stored.
        total = plan.size();
        std::vector<std::shared_ptr<TileSource>> shards;
        if (mbtiles) {
            auto files = findMbtilesShards(o.out);
            if (!files) return files.error();
            for (const fs::path& f : *files) {
                auto s = openMbtilesSource(f, o.encoding);
                if (!s) return s.error();
                shards.push_back(*s);
            }
        }
        std::mutex mutex;
        std::size_t missing = 0;
        std::optional<TileId> firstMissing;
        Status st = runPool(plan.maxZoom - L + 1, o.threads, [&](std::size_t k) -> Status {
            const int z = L + int(k);
            for (const TileId& t : plan.level(z)) {
                const bool have = sink->has(t);
                if (have && z != L) {
                    ++run.done, ++run.skipped;
                    continue;
                }
                std::optional<HeightGrid> g;
                if (shards.empty()) {
                    g = run.readBack(t);
                } else {
                    const int d = z - L;
                    const TileId root{L, t.x >> d, t.y >> d};
                    const auto idx = std::size_t(std::lower_bound(roots.begin(), roots.end(), root) - roots.begin());
                    for (std::size_t s = 0; s < shards.size() && !g; ++s) {
                        const auto [first, last] = shardRange(roots.size(), int(s) + 1, int(shards.size()));
                        if (idx < first || idx >= last) continue;
                        if (auto r = shards[s]->load(t); r) g = std::move(*r);
                    }
                }
                if (!g) {
                    std::lock_guard lock(mutex);
                    if (!missing++) firstMissing = t;
                    continue;
                }
                if (have) {
                    ++run.skipped;
                } else if (Status put = run.store(t, *g); !put) {
                    return put.error();
                }
                if (z == L) {
                    Quarter q = toQuarter(*g);
                    std::lock_guard lock(mutex);
                    quarters[t] = std::move(q);
                }
                ++run.done;
            }
            return Ok{};
        }, report);
        if (!st) return st.error();
        if (missing)
            return makeError(sink->describe() + ": " + std::to_string(missing) + " tile(s) of zoom " + std::to_string(L) +
                             ".." + std::to_string(plan.maxZoom) + " missing (first " + firstMissing->str() +
                             "); run every --shard I/N before --finish");
    }

    // The levels above the shard level, from the quarters of the level below.
    if (buildTop) {
        for (int z = L - 1; z >= plan.minZoom; --z) {
            std::map<TileId, Quarter> next;
            for (const TileId& t : plan.level(z)) {
                std::array<Quarter, 4> q;
                const auto kids = t.children();
                for (std::size_t k = 0; k < 4; ++k) {
                    const auto it = quarters.find(kids[k]);
                    q[k] = it != quarters.end() ? it->second : flatQuarter();
                }
                HeightGrid g = assemble(q);
                if (sink->has(t)) {
                    quantise(g, o.encoding);
                    ++run.skipped;
                } else if (Status st = run.store(t, g); !st) {
                    return st.error();
                }
                next[t] = toQuarter(g);
                ++run.done;
                report();
            }
            quarters = std::move(next);
        }
    }
    // A shard's folder output stays without metadata.json (not a whole pyramid yet); a shard's
    // MBTiles file must be finished to be committed and renamed into place.
    if (!sharded || mbtiles)
        if (Status st = sink->finish(metadataJson(plan, o)); !st) return st.error();
    if (o.finish && mbtiles)
        if (auto files = findMbtilesShards(o.out))
            for (const fs::path& f : *files) {
                std::error_code ec;
                fs::remove(f, ec);
            }
    report();
    TileBuildReport r;
    r.total = total;
    r.written = run.written;
    r.skipped = run.skipped;
    r.minZoom = plan.minZoom;
    r.maxZoom = plan.maxZoom;
    r.shardLevel = L;
    r.seconds = seconds();
    return r;
}

}  // namespace plateau
