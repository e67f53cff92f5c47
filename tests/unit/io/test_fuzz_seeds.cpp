// The fuzz targets' seed inputs are valid files of their kind, so fuzzing starts from inputs
// that reach deep into each reader (a seed that fails on its first byte explores nothing).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "io/mbtiles.h"
#include "io/ogr_reader.h"
#include "io/png_heights.h"
#include "io/quantized_mesh.h"

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
