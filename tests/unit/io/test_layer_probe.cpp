// "Add layer from file": real files of every kind become the right layer, and files that are no
// layer give one line naming the file and what is in it.
#include <catch2/catch.hpp>

#include <fstream>

#include "io/layer_probe.h"
#include "io_test_helpers.h"

using namespace plateau;
namespace fs = std::filesystem;

namespace {

const fs::path kData = PLATEAU_SHARED_DATA;
const fs::path kAssets = fs::path(PLATEAU_SOURCE_DIR) / "assets";
const LonLat kCentre{91.5, 29.5};

void writeText(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
}

LayerDesc layerOf(const fs::path& file, const std::vector<LayerDesc>& existing = {}) {
    const Result<LayerDesc> r = layerFromFile(file, kCentre, existing);
    if (!r) FAIL(r.error().message);
    return *r;
}

std::string errorOf(const fs::path& file) {
    const Result<LayerDesc> r = layerFromFile(file, kCentre);
    REQUIRE(!r.ok());
    CHECK(r.error().message.find('\n') == std::string::npos);
    CHECK(r.error().message.rfind(file.string() + ": ", 0) == 0);  // names the file
    return r.error().message;
}

}  // namespace

TEST_CASE("vector files become vector layers", "[layer_probe]") {
    const LayerDesc rivers = layerOf(kData / "rivers" / "ne_10m_rivers_lake_centerlines_hma.geojson");
    CHECK(rivers.type == LayerType::Vector);
    CHECK(rivers.source.type == "ogr");
    CHECK(rivers.source.path == kData / "rivers" / "ne_10m_rivers_lake_centerlines_hma.geojson");
    CHECK(rivers.id == "ne_10m_rivers_lake_centerlines_hma");
    CHECK(rivers.title == "ne_10m_rivers_lake_centerlines_hma");
    CHECK(rivers.style.labelField == "name");

    const LayerDesc shp = layerOf(kData / "glaciers" / "oggm" / "baltoro_wgs84.shp");
    CHECK(shp.type == LayerType::Vector);
    const LayerDesc gpkg = layerOf(kData / "glaciers" / "svalbard" / "svalbard_glaciers_1936_1990_2007.gpkg");
    CHECK(gpkg.type == LayerType::Vector);
    CHECK(gpkg.style.labelField == "name");
}

TEST_CASE("deposit tables become deposits layers", "[layer_probe]") {
    // The USGS database's own column names.
    const LayerDesc usgs = layerOf(kData / "deposits" / "porcu2008_high_asia_subset.csv");
    CHECK(usgs.type == LayerType::Deposits);
    CHECK(usgs.deposits.fields.name == "NameDeposit");
    CHECK(usgs.deposits.fields.lat == "LatitudeDecimal");
    CHECK(usgs.deposits.fields.tonnage == "Tonnage");
    // The same as GeoJSON points.
    CHECK(layerOf(kData / "deposits" / "porcu2008_high_asia_subset.geojson").type == LayerType::Deposits);
    // The shipped catalogue's names.
    const LayerDesc shipped = layerOf(kAssets / "deposits" / "gangdese.csv");
    CHECK(shipped.type == LayerType::Deposits);
    CHECK(shipped.deposits.fields.name == "name");
    CHECK(shipped.deposits.fields.copper == "cu_pct");
}

TEST_CASE("rasters become imagery and models are placed at the view centre", "[layer_probe]") {
    const LayerDesc dem = layerOf(kData / "dem" / "oggm" / "RGI60-14.03439_dem.tif");
    CHECK(dem.type == LayerType::Imagery);
    CHECK(dem.source.type == "gdal");
    CHECK(dem.id == "rgi60-14_03439_dem");

    const LayerDesc hgt = layerOf(kData / "dem" / "srtm3" / "N27E086.hgt");
    CHECK(hgt.type == LayerType::Imagery);

    for (const fs::path& model : {kData / "gltf" / "khronos" / "Box" / "glTF-Embedded" / "Box.gltf",
                                  kData / "gltf" / "khronos" / "Fox" / "glTF-Binary" / "Fox.glb"}) {
        const LayerDesc m = layerOf(model);
        CHECK(m.type == LayerType::Model);
        CHECK(m.model.path == model);
        CHECK(m.model.placement.lon_deg == kCentre.lon);
        CHECK(m.model.placement.lat_deg == kCentre.lat);
        CHECK(m.model.placement.depth_m == 0.0);
    }
}

TEST_CASE("ids are unique among the scene's layers", "[layer_probe]") {
    std::vector<LayerDesc> existing(2);
    existing[0].id = "box";
    existing[1].id = "box-2";
    CHECK(layerIdFor("/m/Box.gltf", existing) == "box-3");
    CHECK(layerIdFor("/m/Rivers 10m (HMA).geojson", {}) == "rivers_10m_hma");
    CHECK(layerIdFor("/m/拉萨.geojson", {}) == "layer");
    CHECK(layerIdFor("/m/" + std::string(100, 'a') + ".tif", {}).size() == 56);
    CHECK(layerOf(kData / "gltf" / "khronos" / "Box" / "glTF-Embedded" / "Box.gltf", existing).id == "box-3");
}

TEST_CASE("files that are no layer say what they are", "[layer_probe]") {
    const test::TempDir dir("probe");
    CHECK(errorOf(dir.path() / "none.tif") == (dir.path() / "none.tif").string() + ": file not found");
    CHECK(errorOf(dir.path()) == dir.path().string() + ": is a folder, not a file");
    CHECK(errorOf(kAssets / "default.json") ==
          (kAssets / "default.json").string() + ": a plateau scene, not a layer (open it with Open scene)");

    writeText(dir.path() / "notes.txt", "Qulong is a porphyry copper deposit\nin southern Tibet.\n");
    CHECK(errorOf(dir.path() / "notes.txt").find("(found text starting \"Qulong is a porphyry copper depo...\")") !=
          std::string::npos);

    writeText(dir.path() / "blob.bin", std::string("\x01\x02\x03\x00\xff", 5));
    CHECK(errorOf(dir.path() / "blob.bin") ==
          (dir.path() / "blob.bin").string() + ": not a layer GDAL, OGR or glTF can read (found 5 bytes of binary data)");

    writeText(dir.path() / "empty.geojson", "");
    CHECK(errorOf(dir.path() / "empty.geojson") == (dir.path() / "empty.geojson").string() + ": an empty file");

    writeText(dir.path() / "table.csv", "a,b\n1,2\n");
    CHECK(errorOf(dir.path() / "table.csv") ==
          (dir.path() / "table.csv").string() + ": a table without coordinates (columns: a, b)");

    writeText(dir.path() / "nothing.geojson", R"({"type": "FeatureCollection", "features": []})");
    CHECK(errorOf(dir.path() / "nothing.geojson").find("with no features") != std::string::npos);

    writeText(dir.path() / "fake.glb", "this is not binary glTF");
    CHECK(errorOf(dir.path() / "fake.glb").find("not a GLB model") != std::string::npos);
    writeText(dir.path() / "fake.gltf", R"({"scenes": []})");
    CHECK(errorOf(dir.path() / "fake.gltf").find("not a glTF model") != std::string::npos);

    // A picture without georeferencing: GDAL reads it, but it has no place on the globe.
    const auto png = test::buildPng(2, 2, 8, 0, {{0, 0}, {0, 0}});
    std::ofstream(dir.path() / "photo.png", std::ios::binary).write(reinterpret_cast<const char*>(png.data()),
                                                                   std::streamsize(png.size()));
    CHECK(errorOf(dir.path() / "photo.png").find("pixels without georeferencing") != std::string::npos);
}
