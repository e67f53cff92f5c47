#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "io/atomic_file.h"
#include "io/folder_source.h"
#include "io_test_helpers.h"
#include "synthetic/pyramid_writer.h"
#include "synthetic/synthetic_dem.h"

using namespace plateau;
namespace fs = std::filesystem;

namespace {

struct Stats {
    double lo = 1e9, hi = -1e9, mean = 0, sd = 0;
};

Stats stats(const std::vector<double>& v) {
    Stats s;
    double sum = 0, sum2 = 0;
    for (const double h : v) {
        s.lo = std::min(s.lo, h);
        s.hi = std::max(s.hi, h);
        sum += h;
        sum2 += h * h;
    }
    s.mean = sum / double(v.size());
    s.sd = std::sqrt(std::max(0.0, sum2 / double(v.size()) - s.mean * s.mean));
    return s;
}

// Pixel-centre positions of a tile, as the pyramid writer samples them.
void tileCentres(const TileId& t, std::vector<double>& lons, std::vector<double>& lats) {
    lons.resize(256);
    lats.resize(256);
    for (int i = 0; i < 256; ++i) tileUVToLonLat(t, (i + 0.5) / 256, (i + 0.5) / 256, lons[std::size_t(i)], lats[std::size_t(i)]);
}

std::set<std::string> pngFilesUnder(const fs::path& root) {
    std::set<std::string> files;
    for (const auto& e : fs::recursive_directory_iterator(root))
        if (e.path().extension() == ".png") files.insert(fs::relative(e.path(), root).string());
    return files;
}

}  // namespace

TEST_CASE("Synthetic heights are deterministic and depend on the seed", "[synthetic]") {
    int differ = 0;
    for (int k = 0; k < 50; ++k) {
        const double lon = 88.0 + 0.1 * k, lat = 28.6 + 0.037 * k;
        const double a = syntheticHeight(lon, lat, 7, 30.0);
        CHECK(a == syntheticHeight(lon, lat, 7, 30.0));  // bit-identical
        if (std::fabs(a - syntheticHeight(lon, lat, 8, 30.0)) > 1.0) ++differ;
    }
    CHECK(differ > 40);
}

TEST_CASE("Synthetic core area stays within 4,000-6,500 m with realistic relief", "[synthetic]") {
    // Dense pointwise sample of 88-93 E, 28.5-30.5 N at the finest detail.
    std::vector<double> all;
    double valleyMinSum = 0, rangeMeanSum = 0;
    int columns = 0;
    for (double lon = 88.0; lon <= 93.0; lon += 0.02, ++columns) {
        double valleyMin = 1e9, rangeSum = 0;
        int rangeCount = 0;
        for (double lat = 28.5; lat <= 30.5; lat += 0.01) {
            const double h = syntheticHeight(lon, lat, 0, 30.0);
            all.push_back(h);
            if (lat > 29.0 && lat < 29.6) valleyMin = std::min(valleyMin, h);
            if (lat > 29.7 && lat < 30.1) rangeSum += h, ++rangeCount;
        }
        valleyMinSum += valleyMin;
        rangeMeanSum += rangeSum / rangeCount;
    }
    const Stats s = stats(all);
    INFO("min " << s.lo << " max " << s.hi << " mean " << s.mean << " sd " << s.sd);
    CHECK(s.lo >= 4000.0);
    CHECK(s.hi <= 6500.0);
    CHECK(s.hi > 6000.0);  // peaks, not a plain
    CHECK(s.sd > 300.0);
    const double valleyFloor = valleyMinSum / columns, rangeMean = rangeMeanSum / columns;
    INFO("valley floor " << valleyFloor << " range mean " << rangeMean);
    CHECK(valleyFloor < 4300.0);  // a Yarlung-like valley floor near 29.3 N
    CHECK(rangeMean > valleyFloor + 800.0);
}

TEST_CASE("Synthetic tiles obey the core bounds at every zoom", "[synthetic]") {
    for (const int z : {6, 9, 12})
        for (const auto& [lon, lat] : {std::pair{88.1, 28.55}, std::pair{90.9, 29.35}, std::pair{91.6, 29.6},
                                       std::pair{92.9, 30.45}, std::pair{89.4, 30.0}}) {
            const TileId t = lonLatToTile(lon, lat, z);
            const auto heights = syntheticTileHeights(t, 0);
            std::vector<double> lons, lats;
            tileCentres(t, lons, lats);
            for (std::size_t j = 0; j < 256; ++j)
                for (std::size_t i = 0; i < 256; ++i) {
                    if (lons[i] < 88.0 || lons[i] > 93.0 || lats[j] < 28.5 || lats[j] > 30.5) continue;
                    const double h = heights[j * 256 + i];
                    if (h < 4000.0 || h > 6500.0) FAIL("tile " << t.str() << " height " << h << " at " << lons[i] << ", " << lats[j]);
                }
        }
}

TEST_CASE("Synthetic tile grids match pointwise heights closely", "[synthetic]") {
    // The grid path interpolates smooth fields from a lattice: about a metre off on average, a few
    // tens of metres at most where it rounds the crest of a coarse ridge.
    for (const int z : {8, 12}) {
        const TileId t = lonLatToTile(90.7, 29.4, z);
        std::vector<double> lons, lats;
        tileCentres(t, lons, lats);
        const double detail = 40075016.686 * std::cos(29.4 * 3.141592653589793 / 180.0) / (256.0 * std::ldexp(1.0, z));
        std::vector<double> grid(256 * 256);
        syntheticHeightGrid(lons.data(), 256, lats.data(), 256, 0, detail, grid.data());
        double worst = 0, sum = 0;
        int n = 0;
        for (std::size_t j = 0; j < 256; j += 5)
            for (std::size_t i = 0; i < 256; i += 5, ++n) {
                const double d = std::fabs(grid[j * 256 + i] - syntheticHeight(lons[i], lats[j], 0, detail));
                worst = std::max(worst, d);
                sum += d;
            }
        INFO("z" << z << " worst " << worst << " m, mean " << sum / n << " m");
        CHECK(worst < 40.0);
        CHECK(sum / n < 3.0);
    }
}

TEST_CASE("Synthetic tile PNGs are byte-identical for a seed and differ between seeds", "[synthetic]") {
    for (const TileId& t : {TileId{0, 0, 0}, lonLatToTile(91.0, 29.5, 7), lonLatToTile(91.58, 29.6, 12)}) {
        auto a = syntheticTilePng(t, 42, HeightEncoding::Terrarium);
        auto b = syntheticTilePng(t, 42, HeightEncoding::Terrarium);
        auto c = syntheticTilePng(t, 43, HeightEncoding::Terrarium);
        REQUIRE(a.ok());
        REQUIRE(b.ok());
        REQUIRE(c.ok());
        CHECK(*a == *b);
        CHECK(*a != *c);
    }
}

TEST_CASE("Synthetic pyramid writes the expected tiles and metadata, then caches", "[synthetic]") {
    test::TempDir dir("pyramid");
    SyntheticOptions opts;
    opts.out = dir.path() / "terrain";
    opts.seed = 5;
    opts.maxZoom = 3;
    opts.threads = 2;

    std::vector<std::pair<int, int>> calls;
    REQUIRE(generateSyntheticPyramid(opts, [&](int done, int total) { calls.emplace_back(done, total); }).ok());
    const auto tiles = syntheticTiles(opts);
    CHECK(tiles.size() == 85);  // z0-3, whole world
    REQUIRE_FALSE(calls.empty());
    CHECK(calls.back() == std::pair{85, 85});
    CHECK(std::is_sorted(calls.begin(), calls.end()));

    std::set<std::string> expected;
    for (const TileId& t : tiles) expected.insert((fs::path(t.str()) += ".png").string());
    CHECK(pngFilesUnder(opts.out) == expected);
    // Nothing left beside the result.
    int siblings = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++siblings;
    CHECK(siblings == 1);

    auto metaBytes = readFileBytes(opts.out / "metadata.json");
    REQUIRE(metaBytes.ok());
    auto meta = parseTileMetadata(std::string(metaBytes->begin(), metaBytes->end()), "metadata.json");
    REQUIRE(meta.ok());
    CHECK(meta->maxZoom == 3);
    REQUIRE(meta->generator.has_value());
    CHECK(meta->generator->name == kSyntheticGeneratorName);
    CHECK(meta->generator->seed == 5u);
    CHECK(meta->description.find("synthetic") != std::string::npos);

    // The folder source reads it back: heights equal the generator's, to the 1/8 m quantisation.
    auto src = openFolderSource(opts.out, HeightEncoding::Terrarium);
    REQUIRE(src.ok());
    CHECK((*src)->maxZoom() == 3);
    const TileId t{3, 5, 3};
    CHECK((*src)->hasTile(t));
    auto grid = (*src)->load(t);
    REQUIRE(grid.ok());
    const auto heights = syntheticTileHeights(t, 5);
    for (std::size_t k = 0; k < heights.size(); k += 97)
        CHECK(grid->samples[k] == Approx(heights[k]).margin(0.07));

    SECTION("a second run is a cache hit") {
        REQUIRE(writeFileAtomic(opts.out / "sentinel", std::string("kept")).ok());
        calls.clear();
        REQUIRE(generateSyntheticPyramid(opts, [&](int done, int total) { calls.emplace_back(done, total); }).ok());
        CHECK(fs::exists(opts.out / "sentinel"));
        CHECK(calls == std::vector<std::pair<int, int>>{{85, 85}});
        CHECK(syntheticPyramidIsCurrent(opts));
    }
    SECTION("another seed replaces the old pyramid") {
        REQUIRE(writeFileAtomic(opts.out / "sentinel", std::string("gone")).ok());
        opts.seed = 6;
        CHECK_FALSE(syntheticPyramidIsCurrent(opts));
        REQUIRE(generateSyntheticPyramid(opts).ok());
        CHECK_FALSE(fs::exists(opts.out / "sentinel"));
        CHECK(syntheticPyramidIsCurrent(opts));
        CHECK(pngFilesUnder(opts.out) == expected);
    }
}

TEST_CASE("Synthetic pyramid levels follow the documented extents", "[synthetic]") {
    SyntheticOptions opts;
    opts.maxZoom = 12;
    const auto tiles = syntheticTiles(opts);
    int perZoom[13] = {};
    for (const TileId& t : tiles) {
        ++perZoom[t.z];
        const LonLatBounds b = tileBounds(t);
        if (t.z >= 5 && t.z <= 8) CHECK((b.east > 80.0 && b.west < 100.0 && b.north > 26.0 && b.south < 35.0));
        if (t.z >= 9 && t.z <= 11) CHECK((b.east > 87.5 && b.west < 93.5 && b.north > 28.0 && b.south < 31.0));
        if (t.z == 12) CHECK((b.east > 88.0 && b.west < 93.0 && b.north > 28.5 && b.south < 30.5));
    }
    CHECK(perZoom[4] == 256);
    CHECK(perZoom[12] > 1500);
    // The core area 88-93 E, 28.5-30.5 N is fully covered at z12.
    for (double lon = 88.0; lon <= 93.0; lon += 0.05)
        for (double lat = 28.5; lat <= 30.5; lat += 0.05)
            CHECK(std::binary_search(tiles.begin(), tiles.end(), lonLatToTile(lon, lat, 12)));
}

TEST_CASE("Synthetic pyramid refuses to overwrite a folder it did not make", "[synthetic]") {
    test::TempDir dir("pyramid-refuse");
    SyntheticOptions opts;
    opts.out = dir.path() / "mine";
    opts.maxZoom = 1;
    fs::create_directories(opts.out);
    REQUIRE(writeFileAtomic(opts.out / "precious.txt", std::string("keep me")).ok());
    auto st = generateSyntheticPyramid(opts);
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().message.find("refusing to overwrite") != std::string::npos);
    CHECK(fs::exists(opts.out / "precious.txt"));

    opts.maxZoom = 20;
    CHECK_FALSE(generateSyntheticPyramid(opts).ok());
}

TEST_CASE("Synthetic pyramid cleans up after interrupted runs but not live ones", "[synthetic]") {
    test::TempDir dir("pyramid-stale");
    const fs::path abandoned = dir.path() / ".terrain.tmp-12345-0";
    const fs::path live = dir.path() / ".terrain.tmp-12346-0";
    fs::create_directories(abandoned / "3" / "1");
    fs::create_directories(live);
    REQUIRE(writeFileAtomic(abandoned / "3" / "1" / "2.png", std::string("half")).ok());
    // A concurrent generator holds an flock on its temporary folder.
    const int fd = ::open(live.c_str(), O_RDONLY | O_DIRECTORY);
    REQUIRE(fd >= 0);
    REQUIRE(::flock(fd, LOCK_EX) == 0);

    SyntheticOptions opts;
    opts.out = dir.path() / "terrain";
    opts.maxZoom = 1;
    REQUIRE(generateSyntheticPyramid(opts).ok());
    CHECK_FALSE(fs::exists(abandoned));
    CHECK(fs::exists(live));
    CHECK(syntheticPyramidIsCurrent(opts));
    ::close(fd);
}
