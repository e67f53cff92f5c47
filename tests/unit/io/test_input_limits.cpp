// Every file reader just past its size limit (and, where cheap, at it): a one-line error that
// names the file and the limit, decided from the size before the file is read. The oversized
// files are sparse, so they cost no disk and no time. docs/LIMITS.md lists these limits.
#include <catch2/catch.hpp>

#include "error_of.h"


#include <filesystem>
#include <fstream>
#include <string>

#include "core/input_limits.h"
#include "core/layer.h"
#include "core/scene.h"
#include "io/atomic_file.h"
#include "io/camera_path_file.h"
#include "io/deposit_reader.h"
#include "io/folder_source.h"
#include "io/gazetteer_reader.h"
#include "io/gltf_reader.h"
#include "io/http_client.h"
#include "io/http_metadata.h"
#include "io/mbtiles.h"
#include "io/mine_source.h"
#include "io/quantized_mesh_source.h"
#include "io/scene_file.h"
#include "io/tile_metadata.h"
#include "io/tour_file.h"
#include "io/trace_service.h"
#include "io_test_helpers.h"
#include "peak_memory.h"
#include "loopback_server.h"

using namespace plateau;
using plateau::test::errorOf;
namespace fs = std::filesystem;

namespace {

// `size` bytes: `head` followed by zeros, which the file system does not store.
fs::path sparseFile(const fs::path& file, std::uint64_t size, const std::string& head = "") {
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << head;
    fs::resize_file(file, size);
    return file;
}

std::string tooLarge(const fs::path& file, std::uint64_t size, const std::string& limit, const std::string& what) {
    return file.string() + ": too large for a " + what + " (" + std::to_string(size) + " bytes; the limit is " + limit + ")";
}

// A TileJSON document of exactly `size` bytes (padded with spaces, which JSON ignores).
std::string tileJsonOfSize(std::size_t size) {
    std::string text = R"({"tilejson":"3.0.0","tiles":["https://example.org/{z}/{x}/{y}.png"]})";
    text.resize(size, ' ');
    return text;
}

}  // namespace

TEST_CASE("readFileBytes refuses a file one byte over its limit before reading it", "[limits]") {
    test::TempDir dir("limits-read");
    const fs::path at = sparseFile(dir.path() / "at.bin", 100), over = sparseFile(dir.path() / "over.bin", 101);
    auto loaded = readFileBytes(at, 100, "thing");
    REQUIRE(loaded.ok());
    CHECK(loaded->size() == 100);
    CHECK(errorOf(readFileBytes(over, 100, "thing")) == tooLarge(over, 101, "100 bytes", "thing"));
}

TEST_CASE("readFileBytes stops a stream without a size at its limit", "[limits]") {
    // /dev/zero never ends: only the limit stops it.
    const auto r = readFileBytes("/dev/zero", 1 << 20, "thing");
    CHECK(errorOf(r) == "/dev/zero: too large for a thing (at least 1114112 bytes; the limit is 1 MiB)");
}

TEST_CASE("Scene, tour and path files one byte over their limits", "[limits]") {
    test::TempDir dir("limits-json");
    const fs::path scene = sparseFile(dir.path() / "scene.json", kMaxSceneFileBytes + 1, "{");
    const std::string sceneError = tooLarge(scene, kMaxSceneFileBytes + 1, "64 MiB", "scene file");
    CHECK(errorOf(openSceneFile(scene)) == sceneError);
    CHECK(errorOf(loadScene(scene)) == sceneError);

    const fs::path tour = sparseFile(dir.path() / "tour.json", kMaxTourFileBytes + 1, "{");
    CHECK(errorOf(openTourFile(tour)) == tooLarge(tour, kMaxTourFileBytes + 1, "8 MiB", "tour file"));

    const fs::path path = sparseFile(dir.path() / "path.json", kMaxPathFileBytes + 1, "{");
    CHECK(errorOf(readCameraPathFile(path)) == tooLarge(path, kMaxPathFileBytes + 1, "64 MiB", "path file"));
}

TEST_CASE("A file far past its limit costs no memory: it is refused from its size", "[limits]") {
    test::TempDir dir("limits-memory");
    const std::uint64_t gib = std::uint64_t(1) << 30;
    const fs::path scene = sparseFile(dir.path() / "huge.json", gib, "{");
    const fs::path tile = sparseFile(dir.path() / "0" / "0" / "0.png", gib);
    const long before = test::peakRssKiB();
    CHECK_FALSE(openSceneFile(scene).ok());
    CHECK_FALSE(loadScene(scene).ok());
    CHECK_FALSE(openTourFile(scene).ok());
    CHECK_FALSE(readCameraPathFile(scene).ok());
    CHECK_FALSE(readFileBytes(tile, kMaxTileBytes, "tile").ok());
    // Reading any of them whole would have raised the peak by a gigabyte.
    CHECK(test::peakRssKiB() - before < 16 * 1024 * test::kPeakMemoryFactor);
}

TEST_CASE("Mine GeoJSON, river facts, deposit and gazetteer tables one byte over their limits", "[limits]") {
    test::TempDir dir("limits-tables");
    const fs::path mines = sparseFile(dir.path() / "mines.geojson", kMaxMineGeoJsonBytes + 1, "{");
    LayerDesc layer;
    layer.id = "pits";
    layer.type = LayerType::Mine;
    layer.source.path = mines;
    CHECK(errorOf(openMineLayer(layer)) ==
          "layer 'pits': " + tooLarge(mines, kMaxMineGeoJsonBytes + 1, "64 MiB", "mine GeoJSON file"));

    const fs::path facts = sparseFile(dir.path() / "reaches.csv", kMaxRiverFactsBytes + 1, "river,");
    CHECK(errorOf(readRiverFacts(facts)) == tooLarge(facts, kMaxRiverFactsBytes + 1, "4 MiB", "river facts table"));

    const fs::path deposits = sparseFile(dir.path() / "deposits.csv", kMaxTableBytes + 1, "NameDeposit,");
    CHECK(errorOf(readDeposits(deposits, DepositFields{}, "")) ==
          tooLarge(deposits, kMaxTableBytes + 1, "64 MiB", "deposit table"));

    // The gazetteer names its file by its name alone, as all its messages do.
    const fs::path places = sparseFile(dir.path() / "places.csv", kMaxTableBytes + 1, "name,");
    CHECK(errorOf(readGazetteer(places)) == tooLarge("places.csv", kMaxTableBytes + 1, "64 MiB", "gazetteer"));
}

TEST_CASE("TileJSON at its limit loads, one byte over is refused, from a file and over HTTP", "[limits][http]") {
    test::TempDir dir("limits-tilejson");
    const fs::path at = dir.path() / "at.json", over = dir.path() / "over.json";
    REQUIRE(writeFileAtomic(at, tileJsonOfSize(kMaxTileJsonBytes)).ok());
    REQUIRE(writeFileAtomic(over, tileJsonOfSize(kMaxTileJsonBytes + 1)).ok());
    CHECK(loadTileJson(at.string()).ok());
    CHECK(errorOf(loadTileJson(over.string())) == tooLarge(over, kMaxTileJsonBytes + 1, "1 MiB", "TileJSON document"));

    test::LoopbackServer server;
    const std::string text = tileJsonOfSize(kMaxTileJsonBytes);
    server.setFile("/at.json", std::vector<std::uint8_t>(text.begin(), text.end()));
    std::vector<std::uint8_t> overBytes(text.begin(), text.end());
    overBytes.push_back(' ');
    server.setFile("/over.json", overBytes);
    const auto loaded = loadTileJson(server.baseUrl() + "/at.json");
    INFO((loaded.ok() ? std::string() : loaded.error().message));
    CHECK(loaded.ok());
    CHECK(errorOf(loadTileJson(server.baseUrl() + "/over.json")) ==
          server.baseUrl() + "/over.json: TileJSON document larger than 1 MiB");
}

TEST_CASE("Tile folders: metadata.json and a tile file one byte over their limits", "[limits]") {
    test::TempDir dir("limits-folder");
    const fs::path tile = sparseFile(dir.path() / "3" / "5" / "2.png", kMaxTileBytes + 1);
    auto src = openFolderSource(dir.path(), HeightEncoding::Terrarium);
    REQUIRE(src.ok());
    CHECK(errorOf((*src)->load({3, 5, 2})) == tooLarge(tile, kMaxTileBytes + 1, "4 MiB", "tile"));

    const fs::path meta = sparseFile(dir.path() / "metadata.json", kMaxTileMetadataBytes + 1, "{");
    CHECK(errorOf(openFolderSource(dir.path(), HeightEncoding::Terrarium)) ==
          tooLarge(meta, kMaxTileMetadataBytes + 1, "1 MiB", "tile metadata file"));
}

TEST_CASE("Quantized mesh: layer.json and a tile one byte over their limits", "[limits][quantized-mesh]") {
    test::TempDir dir("limits-qm");
    const std::string layer = R"({"format":"quantized-mesh-1.0","scheme":"tms","tiles":["{z}/{x}/{y}.terrain"],
        "available":[[{"startX":0,"startY":0,"endX":1,"endY":0}]]})";
    REQUIRE(writeFileAtomic(dir.path() / "layer.json", layer).ok());
    const fs::path tile = sparseFile(dir.path() / "0" / "1" / "0.terrain", kMaxTileBytes + 1);
    auto src = openQuantizedMeshSource(dir.path());
    REQUIRE(src.ok());
    const auto r = (*src)->load({1, 1, 0});  // the north-east quarter: inside geographic tile 0/1/0
    INFO(errorOf(r));
    CHECK(errorOf(r).find(tooLarge(tile, kMaxTileBytes + 1, "4 MiB", "tile")) != std::string::npos);

    const fs::path layerJson = sparseFile(dir.path() / "layer.json", kMaxLayerJsonBytes + 1, "{");
    CHECK(errorOf(openQuantizedMeshSource(dir.path())) ==
          tooLarge(layerJson, kMaxLayerJsonBytes + 1, "16 MiB", "quantized-mesh layer.json"));
}

TEST_CASE("MBTiles: a tile blob one byte over the limit", "[limits][mbtiles]") {
    test::TempDir dir("limits-mbtiles");
    const fs::path file = dir.path() / "t.mbtiles";
    {
        auto sink = openMbtilesSink(file);
        REQUIRE(sink.ok());
        REQUIRE((*sink)->put({0, 0, 0}, std::vector<std::uint8_t>(kMaxTileBytes + 1, 0)).ok());
        REQUIRE((*sink)->finish(R"({"format":"terrarium","minzoom":0,"maxzoom":0})").ok());
    }
    auto src = openMbtilesSource(file, HeightEncoding::Terrarium);
    REQUIRE(src.ok());
    CHECK(errorOf((*src)->load({0, 0, 0})) ==
          file.string() + ": tile 0/0/0: too large for a tile (4194305 bytes; the limit is 4 MiB)");
}

TEST_CASE("Tile metadata, layer.json, glTF and MBTiles metadata refuse JSON one level too deep", "[limits]") {
    const std::string over(std::size_t(kMaxJsonDepth + 1), '[');
    const std::string tooDeep = ": JSON nested deeper than 64 levels";
    CHECK(errorOf(parseTileMetadata(over, "metadata.json")) == "metadata.json" + tooDeep);

    test::TempDir dir("limits-deep");
    REQUIRE(writeFileAtomic(dir.path() / "layer.json", over).ok());
    CHECK(errorOf(openQuantizedMeshSource(dir.path())) == (dir.path() / "layer.json").string() + tooDeep);

    const auto* bytes = reinterpret_cast<const std::uint8_t*>(over.data());
    CHECK(errorOf(loadGltfFromMemory(bytes, over.size(), "deep.gltf")) == "deep.gltf" + tooDeep);

    auto sink = openMbtilesSink(dir.path() / "t.mbtiles");
    REQUIRE(sink.ok());
    CHECK(errorOf((*sink)->finish(over)) == (dir.path() / "t.mbtiles").string() + ": metadata" + tooDeep);
}

TEST_CASE("HTTP: a tile response of exactly the limit arrives, one byte more is abandoned", "[limits][http]") {
    test::LoopbackServer server;
    server.setFile("/at.png", std::vector<std::uint8_t>(kMaxTileBytes, 1));
    server.setFile("/over.png", std::vector<std::uint8_t>(kMaxTileBytes + 1, 1));
    const HttpGetOptions get;  // the tile fetcher's default limit
    REQUIRE(get.maxResponseBytes == kMaxTileBytes);
    const HttpResponse at = httpGet(server.baseUrl() + "/at.png", get);
    CHECK(at.failure == HttpFailure::None);
    CHECK(at.body.size() == kMaxTileBytes);
    const HttpResponse over = httpGet(server.baseUrl() + "/over.png", get);
    CHECK(over.failure == HttpFailure::TooLarge);
    CHECK(over.errorText == "response larger than 4 MiB");
    CHECK(over.body.empty());
}
