#include "io/folder_source.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <mutex>
#include <optional>
#include <system_error>
#include <unordered_map>
#include <vector>

#include "io/atomic_file.h"
#include "io/png_fast_decode.h"
#include "io/tile_metadata.h"

namespace plateau {
namespace fs = std::filesystem;
namespace {

// Earth's surface spans about -10,994 m (Challenger Deep) to 8,849 m (Everest). A grid lying
// entirely outside this band with margin is not elevation in the encoding it was decoded with.
// Whole-tile rather than per-sample so that deep-ocean tiles stay valid; an encoding swap moves
// every sample by tens of kilometres (Mapbox read as Terrarium lands near -32,000 m, Terrarium
// read as Mapbox above +500,000 m), so it is always caught.
constexpr float kLowestPlausible = -11500.0f;
constexpr float kHighestPlausible = 9500.0f;

bool plausible(float lo, float hi) { return hi >= kLowestPlausible && lo <= kHighestPlausible; }

constexpr int kMaxTileDimension = 4096;

// The height of a 24-bit code (R << 16 | G << 8 | B), bit for bit what decodeHeight gives after
// rounding to float: in Terrarium (code - 2^23) / 256 is exact in float, and Mapbox goes through
// the same double arithmetic. Heights rise with the code in both encodings, so a grid's height
// range is that of its lowest and highest codes.
template <HeightEncoding Enc>
float heightOfCode(std::uint32_t code) {
    if constexpr (Enc == HeightEncoding::Terrarium)
        return static_cast<float>(std::int32_t(code) - 8388608) * (1.0f / 256.0f);
    else
        return static_cast<float>(-10000.0 + double(code) * 0.1);
}

float heightOfCode(std::uint32_t code, HeightEncoding enc) {
    return enc == HeightEncoding::Terrarium ? heightOfCode<HeightEncoding::Terrarium>(code)
                                            : heightOfCode<HeightEncoding::Mapbox>(code);
}

template <int Channels, HeightEncoding Enc>
void heightsOfRow(const std::uint8_t* p, int width, float* out, std::uint32_t& lo, std::uint32_t& hi) {
    std::uint32_t rowLo = lo, rowHi = hi;
    for (int i = 0; i < width; ++i, p += Channels) {
        const std::uint32_t code = (std::uint32_t(p[0]) << 16) | (std::uint32_t(p[1]) << 8) | std::uint32_t(p[2]);
        rowLo = std::min(rowLo, code);
        rowHi = std::max(rowHi, code);
        out[i] = heightOfCode<Enc>(code);
    }
    lo = rowLo;
    hi = rowHi;
}

std::string metres(float v) { return std::to_string(static_cast<long long>(v < 0 ? v - 0.5f : v + 0.5f)); }

std::optional<int> parseZoomName(const std::string& s) {
    int v = -1;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || v < 0 || v > 30) return std::nullopt;
    return v;
}

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
        auto bytes = readFileBytes(path);
        if (!bytes) return bytes.error();
        return decodeHeightPng(bytes->data(), bytes->size(), enc_, path.string());
    }

private:
    fs::path tilePath(const TileId& id) const {
        return dir_ / std::to_string(id.z) / std::to_string(id.x) / (std::to_string(id.y) + ".png");
    }

    fs::path dir_;
    HeightEncoding enc_;
    int minZoom_, maxZoom_;
    std::optional<TileSetMetadata> meta_;
    mutable std::mutex mutex_;
    mutable std::unordered_map<TileId, bool, TileIdHash> exists_;
};

}  // namespace

Result<HeightGrid> decodeHeightPng(const std::uint8_t* data, std::size_t size, HeightEncoding enc,
                                   const std::string& name) {
    HeightGrid grid;
    std::uint32_t lo = 0xffffffu, hi = 0;  // range of the 24-bit codes
    auto convert = [&](int width, int height, int channels, int row, const std::uint8_t* p) {
        if (row == 0) {
            grid.width = width;
            grid.height = height;
            grid.samples.resize(std::size_t(width) * std::size_t(height));
        }
        float* out = grid.samples.data() + std::size_t(row) * std::size_t(width);
        constexpr auto T = HeightEncoding::Terrarium, M = HeightEncoding::Mapbox;
        if (channels == 4 && enc == T) heightsOfRow<4, T>(p, width, out, lo, hi);
        else if (channels == 4) heightsOfRow<4, M>(p, width, out, lo, hi);
        else if (enc == T) heightsOfRow<3, T>(p, width, out, lo, hi);
        else heightsOfRow<3, M>(p, width, out, lo, hi);
    };
    auto fastRow = [&](const PngLayout& l, int row, const std::uint8_t* p) {
        convert(l.width, l.height, l.channels, row, p);
    };
    auto fast = decodePngRowsFast(data, size, name, kMaxTileDimension, fastRow);
    if (!fast) return fast.error();
    if (*fast == FastPng::NotHandled) {  // palette, gray, 16-bit, interlaced...: libpng converts
        const PngRowSink sink = [&](const Image8& img, int row, const std::uint8_t* p) {
            convert(img.width, img.height, img.channels, row, p);
        };
        auto decoded = decodePngRows(data, size, name, kMaxTileDimension, &sink);
        if (!decoded) return decoded.error();
    }
    if (grid.samples.empty() || plausible(heightOfCode(lo, enc), heightOfCode(hi, enc))) return grid;
    // Implausible heights: the full path explains which encoding it looks like.
    auto image = decodePng(data, size, name);
    if (!image) return image.error();
    return decodeHeightImage(*image, enc, name);
}

Result<HeightGrid> decodeHeightImage(const Image8& image, HeightEncoding enc, const std::string& name) {
    if (image.channels < 3)
        return makeError(name + ": expected an RGB image, got " + std::to_string(image.channels) + " channel(s)");
    HeightGrid grid;
    grid.width = image.width;
    grid.height = image.height;
    const std::size_t n = std::size_t(image.width) * std::size_t(image.height);
    grid.samples.resize(n);
    const std::uint8_t* p = image.pixels.data();
    const auto stride = std::size_t(image.channels);
    float lo = 0, hi = 0;
    for (std::size_t i = 0; i < n; ++i, p += stride) {
        const auto h = static_cast<float>(decodeHeight(p[0], p[1], p[2], enc));
        grid.samples[i] = h;
        lo = i == 0 ? h : std::min(lo, h);
        hi = i == 0 ? h : std::max(hi, h);
    }
    if (n > 0 && !plausible(lo, hi)) {
        const HeightEncoding other = enc == HeightEncoding::Terrarium ? HeightEncoding::Mapbox : HeightEncoding::Terrarium;
        float olo = 0, ohi = 0;
        p = image.pixels.data();
        for (std::size_t i = 0; i < n; ++i, p += stride) {
            const auto h = static_cast<float>(decodeHeight(p[0], p[1], p[2], other));
            olo = i == 0 ? h : std::min(olo, h);
            ohi = i == 0 ? h : std::max(ohi, h);
        }
        const std::string range = "heights " + metres(lo) + ".." + metres(hi) + " m";
        if (plausible(olo, ohi))
            return makeError(name + ": " + range + " look like the wrong encoding (" + heightEncodingName(enc) +
                             "); try " + heightEncodingName(other));
        return makeError(name + ": " + range + " are not elevations in " + heightEncodingName(enc) + " or " +
                         heightEncodingName(other) + " encoding");
    }
    return grid;
}

Result<std::shared_ptr<TileSource>> openFolderSource(const fs::path& dir, HeightEncoding enc) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return makeError(dir.string() + ": tile folder not found");

    const fs::path metaPath = dir / "metadata.json";
    if (fs::exists(metaPath, ec)) {
        auto bytes = readFileBytes(metaPath);
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
        const auto z = parseZoomName(it->path().filename().string());
        std::error_code ec2;
        if (!z || !it->is_directory(ec2) || !holdsPngTiles(it->path())) continue;
        lo = std::min(lo, *z);
        hi = std::max(hi, *z);
    }
    if (hi < 0) return makeError(dir.string() + ": no {z}/{x}/{y}.png tiles");
    return std::shared_ptr<TileSource>(std::make_shared<FolderSource>(dir, enc, lo, hi, std::nullopt));
}

}  // namespace plateau
