// The fuzz targets' seed inputs are valid files of their kind, so fuzzing starts from inputs
// that reach deep into each reader (a seed that fails on its first byte explores nothing).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <vector>

#include "io/imagery_decode.h"
#include "io/layer_probe.h"
#include "io/mbtiles.h"
#include "io/ogr_reader.h"
#include "io/png_heights.h"
#include "io/quantized_mesh.h"
#include "io/quantized_mesh_source.h"
#include "io/tile_metadata.h"
#include "io_test_helpers.h"

using namespace plateau;
namespace fs = std::filesystem;

namespace {
const fs::path kCorpus = fs::path(PLATEAU_SOURCE_DIR) / "tests/fuzz/corpus";

std::vector<std::uint8_t> bytesOf(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    REQUIRE(in);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
}  // namespace

TEST_CASE("fuzz seeds: tiles, meshes, MBTiles and vector files that read", "[fuzz][seeds]") {
    const auto png = bytesOf(kCorpus / "png_tile/synthetic_3_0_0.png");
    auto grid = decodeHeightPng(png.data(), png.size(), HeightEncoding::Terrarium, "seed");
    INFO((grid ? std::string() : grid.error().message));
    CHECK(grid.ok());

    for (const char* name : {"plane.terrain", "plane_gzip.terrain", "normals.terrain"}) {
        const auto qm = bytesOf(kCorpus / "quantized_mesh" / name);
        auto mesh = decodeQuantizedMesh(qm.data(), qm.size(), name);
        INFO(name << ": " << (mesh ? std::string() : mesh.error().message));
        REQUIRE(mesh.ok());
        CHECK(mesh->vertexCount() == 4);
    }
    const auto truncated = bytesOf(kCorpus / "quantized_mesh/truncated.terrain");
    CHECK_FALSE(decodeQuantizedMesh(truncated.data(), truncated.size(), "t").ok());

    auto src = openMbtilesSource(kCorpus / "mbtiles/one_tile.mbtiles", HeightEncoding::Terrarium);
    INFO((src ? std::string() : src.error().message));
    REQUIRE(src.ok());
    CHECK((*src)->load({3, 0, 0}).ok());  // row 7 counted from the south (TMS) is XYZ row 0

    LayerSourceDesc v;
    v.type = "ogr";
    v.path = kCorpus / "vector_layer/glaciers_years.geojson";
    LayerTimeDesc t;
    t.field = "year";
    auto data = readVectorLayer(v, t);
    INFO((data ? std::string() : data.error().message));
    REQUIRE(data.ok());
    CHECK(data->features.size() == 2);
}

TEST_CASE("fuzz seeds: imagery tiles, tile metadata, layer.json and picked files that read", "[fuzz][seeds]") {
    for (const auto& e : fs::directory_iterator(kCorpus / "imagery_tile")) {
        const auto bytes = bytesOf(e.path());
        auto tile = decodeImageryTile(bytes.data(), bytes.size(), {3, 5, 2}, e.path().filename().string(), 1024);
        INFO(e.path().filename().string() << ": " << (tile ? std::string() : tile.error().message));
        CHECK(tile.ok());
    }
    for (const auto& e : fs::directory_iterator(kCorpus / "tile_metadata")) {
        const auto bytes = bytesOf(e.path());
        auto meta = parseTileMetadata(std::string(bytes.begin(), bytes.end()), e.path().filename().string());
        INFO(e.path().filename().string() << ": " << (meta ? std::string() : meta.error().message));
        CHECK(meta.ok());
    }
    // Each layer.json beside the one tile the fuzz target puts in its folder.
    const auto tile = bytesOf(kCorpus / "quantized_mesh/plane.terrain");
    for (const auto& e : fs::directory_iterator(kCorpus / "quantized_mesh_layer")) {
        if (e.path().filename().string().rfind("crash_", 0) == 0) continue;  // inputs that once crashed: errors now
        test::TempDir dir("seed-layer");
        fs::create_directories(dir.path() / "1/1");
        for (const fs::path& p : {dir.path() / "0_0_0.terrain", dir.path() / "1/1/0.terrain"})
            std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(tile.data()), std::streamsize(tile.size()));
        fs::copy_file(e.path(), dir.path() / "layer.json");
        auto src = openQuantizedMeshSource(dir.path());
        INFO(e.path().filename().string() << ": " << (src ? std::string() : src.error().message));
        CHECK(src.ok());
    }
    // The first byte picks the extension; every seed is a file some branch of the probe takes.
    int layers = 0;
    for (const auto& e : fs::directory_iterator(kCorpus / "layer_probe")) {
        const auto bytes = bytesOf(e.path());
        REQUIRE(!bytes.empty());
        const std::map<char, std::string> ext{{'g', ".geojson"}, {'c', ".csv"}, {'j', ".json"},
                                              {'f', ".gltf"},    {'b', ".glb"}, {'k', ".kml"}};
        const auto it = ext.find(char(bytes[0]));
        test::TempDir dir("seed-probe");
        const fs::path file = dir.path() / ("picked" + (it != ext.end() ? it->second : std::string(".dat")));
        std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()) + 1, std::streamsize(bytes.size() - 1));
        layers += layerFromFile(file, {91.0, 29.6}).ok();
    }
    CHECK(layers >= 5);
}
