// The reader on small hand-built models: primitive modes, node transforms and scenes, generated
// normals and tangents, extras, and every structural and size check with its one-line message.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <glm/gtc/matrix_transform.hpp>
#include <nlohmann/json.hpp>

#include "io/gltf_reader.h"
#include "io/png_codec.h"
#include "io_test_helpers.h"

using namespace plateau;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// A model with one external buffer "data.bin" built up accessor by accessor.
struct Builder {
    std::vector<std::uint8_t> bin;
    json doc = {{"asset", {{"version", "2.0"}}}, {"accessors", json::array()}, {"bufferViews", json::array()}};

    int floats(const std::vector<float>& v, const char* type, std::size_t comps) {
        while (bin.size() % 4) bin.push_back(0);
        const std::size_t offset = bin.size();
        bin.resize(offset + v.size() * 4);
        std::memcpy(bin.data() + offset, v.data(), v.size() * 4);
        doc["bufferViews"].push_back({{"buffer", 0}, {"byteOffset", offset}, {"byteLength", v.size() * 4}});
        doc["accessors"].push_back({{"bufferView", doc["bufferViews"].size() - 1}, {"componentType", 5126},
                                    {"count", v.size() / comps}, {"type", type}});
        return static_cast<int>(doc["accessors"].size() - 1);
    }
    int indices(const std::vector<std::uint16_t>& v) {
        while (bin.size() % 4) bin.push_back(0);
        const std::size_t offset = bin.size();
        bin.resize(offset + v.size() * 2);
        std::memcpy(bin.data() + offset, v.data(), v.size() * 2);
        doc["bufferViews"].push_back({{"buffer", 0}, {"byteOffset", offset}, {"byteLength", v.size() * 2}});
        doc["accessors"].push_back({{"bufferView", doc["bufferViews"].size() - 1}, {"componentType", 5123},
                                    {"count", v.size()}, {"type", "SCALAR"}});
        return static_cast<int>(doc["accessors"].size() - 1);
    }
    // A mesh of one primitive over `positions`; returns the mesh index.
    int mesh(int positions, int mode = 4, int idx = -1, json extra = json::object()) {
        json prim = {{"attributes", {{"POSITION", positions}}}, {"mode", mode}};
        if (idx >= 0) prim["indices"] = idx;
        prim.update(extra);
        doc["meshes"].push_back({{"primitives", {prim}}});
        return static_cast<int>(doc["meshes"].size() - 1);
    }
    Result<ModelData> load(const fs::path& dir, const GltfLimits& limits = {}) {
        doc["buffers"] = {{{"byteLength", bin.size()}, {"uri", "data.bin"}}};
        std::ofstream(dir / "data.bin", std::ios::binary).write(reinterpret_cast<const char*>(bin.data()),
                                                               static_cast<std::streamsize>(bin.size()));
        std::ofstream(dir / "model.gltf") << doc.dump();
        GltfLoadOptions options;
        options.limits = limits;
        return loadGltf(dir / "model.gltf", options);
    }
};

const std::vector<float> kTriangle = {0, 0, 0, 1, 0, 0, 0, 1, 0};
const std::vector<float> kQuad = {0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0};  // strip order

void requireError(const Result<ModelData>& r, const std::string& fragment) {
    REQUIRE_FALSE(r.ok());
    INFO(r.error().message);
    CHECK(r.error().message.find('\n') == std::string::npos);
    CHECK(r.error().message.find("model.gltf: ") != std::string::npos);
    CHECK(r.error().message.find(fragment) != std::string::npos);
}

}  // namespace

TEST_CASE("glTF primitives: lists without indices, strips and fans keep their winding", "[gltf]") {
    test::TempDir tmp("gltf-structure");
    SECTION("non-indexed triangle: indices and a flat normal are generated") {
        Builder b;
        b.mesh(b.floats(kTriangle, "VEC3", 3));
        b.doc["nodes"] = {{{"mesh", 0}}};
        auto m = b.load(tmp.path());
        REQUIRE(m.ok());
        REQUIRE(m->triangleCount() == 1);
        CHECK(m->primitives[0].indices == std::vector<std::uint32_t>{0, 1, 2});
        for (const auto& v : m->primitives[0].vertices) CHECK(v.normal == glm::vec3(0, 0, 1));
    }
    SECTION("strip and fan") {
        Builder b;
        b.mesh(b.floats(kQuad, "VEC3", 3), 5);  // strip: 2 triangles
        b.mesh(b.floats({0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, -1, 1, 0}, "VEC3", 3), 6);  // fan: 3 triangles
        b.doc["nodes"] = {{{"mesh", 0}}, {{"mesh", 1}}};
        auto m = b.load(tmp.path());
        REQUIRE(m.ok());
        REQUIRE(m->primitives.size() == 2);
        CHECK(m->primitives[0].indices.size() == 6);
        CHECK(m->primitives[1].indices.size() == 9);
        for (const auto& p : m->primitives)
            for (const auto& v : p.vertices) CHECK(v.normal.z == Approx(1.0f));  // all face +Z
    }
    SECTION("points and lines are skipped; a scene of nothing else is an error") {
        Builder b;
        b.mesh(b.floats(kTriangle, "VEC3", 3), 0);
        b.mesh(b.floats(kTriangle, "VEC3", 3), 1);
        b.doc["nodes"] = {{{"mesh", 0}}, {{"mesh", 1}}};
        requireError(b.load(tmp.path()), "no triangles");
    }
    SECTION("an index count that is not a multiple of 3") {
        Builder b;
        b.mesh(b.floats(kQuad, "VEC3", 3), 4, b.indices({0, 1, 2, 3}));
        b.doc["nodes"] = {{{"mesh", 0}}};
        requireError(b.load(tmp.path()), "not a multiple of 3");
    }
}

TEST_CASE("glTF nodes: transforms compose, meshes are instanced, scenes choose the roots", "[gltf]") {
    test::TempDir tmp("gltf-nodes");
    Builder b;
    b.mesh(b.floats(kTriangle, "VEC3", 3));
    SECTION("TRS under a parent translation") {
        b.doc["scene"] = 0;
        b.doc["scenes"] = {{{"nodes", {0}}}};
        b.doc["nodes"] = {{{"translation", {100, 0, 0}}, {"children", {1, 2}}},
                          {{"mesh", 0}, {"name", "turned"}, {"scale", {2, 2, 2}}, {"rotation", {0, 0.7071068, 0, 0.7071068}}},
                          {{"mesh", 0}, {"matrix", {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 5, 0, 1}}}};
        auto m = b.load(tmp.path());
        REQUIRE(m.ok());
        REQUIRE(m->primitives.size() == 2);  // one mesh, two instances
        CHECK(m->primitives[0].node == "turned");
        CHECK(m->primitives[1].node == "node 2");
        // 90 degrees about +Y takes +X to -Z; scale 2; then +100 in X.
        const glm::vec4 x = m->primitives[0].transform * glm::vec4(1, 0, 0, 1);
        CHECK(x.x == Approx(100.0f));
        CHECK(x.z == Approx(-2.0f));
        const glm::vec4 o = m->primitives[1].transform * glm::vec4(0, 0, 0, 1);
        CHECK(o.x == Approx(100.0f));
        CHECK(o.y == Approx(5.0f));
        CHECK(m->boundsMin.z == Approx(-2.0f));
        CHECK(m->boundsMax.y == Approx(6.0f));
        CHECK(m->boundsMax.x == Approx(101.0f));
    }
    SECTION("without a scene every root node is shown") {
        b.doc["nodes"] = {{{"mesh", 0}}, {{"mesh", 0}, {"translation", {0, 0, 3}}}};
        auto m = b.load(tmp.path());
        REQUIRE(m.ok());
        CHECK(m->primitives.size() == 2);
    }
    SECTION("the default scene only") {
        b.doc["scene"] = 1;
        b.doc["scenes"] = {{{"nodes", {0}}}, {{"nodes", {1}}}};
        b.doc["nodes"] = {{{"mesh", 0}}, {{"mesh", 0}, {"translation", {0, 0, 3}}}};
        auto m = b.load(tmp.path());
        REQUIRE(m.ok());
        REQUIRE(m->primitives.size() == 1);
        CHECK(m->boundsMin.z == Approx(3.0f));
    }
    SECTION("instancing is bounded: copies count against the vertex budget") {
        b.doc["nodes"] = json::array();
        for (int i = 0; i < 4; ++i) b.doc["nodes"].push_back({{"mesh", 0}});
        GltfLimits limits;
        limits.maxAccessorCount = 3;  // 3 x 3 vertices after instancing; four copies of 3 are 12
        requireError(b.load(tmp.path(), limits), "vertices after node instancing");
    }
    SECTION("a cycle without a scene") {
        b.doc["nodes"] = {{{"mesh", 0}}, {{"children", {2}}}, {{"children", {1}}}};
        requireError(b.load(tmp.path()), "cycle");
    }
    SECTION("a node with two parents") {
        b.doc["nodes"] = {{{"children", {2}}}, {{"children", {2}}}, {{"mesh", 0}}};
        requireError(b.load(tmp.path()), "more than one parent");
    }
    SECTION("a child that does not exist") {
        b.doc["nodes"] = {{{"children", {7}}, {"mesh", 0}}};
        requireError(b.load(tmp.path()), "child 7");
    }
    SECTION("a mesh that does not exist") {
        b.doc["nodes"] = {{{"mesh", 3}}};
        requireError(b.load(tmp.path()), "mesh 3");
    }
    SECTION("a hierarchy deeper than the limit") {
        b.doc["nodes"] = json::array();
        for (int i = 0; i < 300; ++i) b.doc["nodes"].push_back({{"children", {i + 1}}});
        b.doc["nodes"].push_back({{"mesh", 0}});
        requireError(b.load(tmp.path()), "deeper than 256");
    }
    SECTION("a non-finite transform") {
        b.doc["nodes"] = {{{"mesh", 0}, {"translation", {1e300, 0, 0}}}};  // finite in JSON, not as a float
        requireError(b.load(tmp.path()), "float range");
    }
}

TEST_CASE("glTF accessors: byte ranges, strides, sparse indices and sizes are checked", "[gltf]") {
    test::TempDir tmp("gltf-accessors");
    Builder b;
    const int pos = b.floats(kTriangle, "VEC3", 3);
    b.mesh(pos);
    b.doc["nodes"] = {{{"mesh", 0}}};
    SECTION("buffer view past the end of its buffer") {
        b.doc["bufferViews"][0]["byteLength"] = 1000;
        requireError(b.load(tmp.path()), "outside buffer 0");
    }
    SECTION("accessor past the end of its view") {
        b.doc["accessors"][0]["byteOffset"] = 4;
        requireError(b.load(tmp.path()), "do not fit buffer view 0");
    }
    SECTION("stride smaller than an element") {
        b.doc["bufferViews"][0]["byteStride"] = 4;
        requireError(b.load(tmp.path()), "byte stride 4");
    }
    SECTION("a count of four billion without data is refused before anything is allocated") {
        b.doc["accessors"][0].erase("bufferView");
        b.doc["accessors"][0]["count"] = 4000000000LL;
        requireError(b.load(tmp.path()), "exceed the limit");
    }
    SECTION("indices need a buffer view") {
        const int idx = b.indices({0, 1, 2});
        b.doc["accessors"][idx].erase("bufferView");
        b.doc["meshes"][0]["primitives"][0]["indices"] = idx;
        requireError(b.load(tmp.path()), "bufferView");  // tinygltf or our check, whichever sees it first
    }
    SECTION("sparse indices must increase") {
        const int idx = b.indices({2, 1});
        const int val = b.floats({5, 5, 5, 6, 6, 6}, "VEC3", 3);
        b.doc["accessors"][0]["sparse"] = {{"count", 2},
                                           {"indices", {{"bufferView", b.doc["accessors"][idx]["bufferView"]}, {"componentType", 5123}}},
                                           {"values", {{"bufferView", b.doc["accessors"][val]["bufferView"]}}}};
        requireError(b.load(tmp.path()), "not increasing");
    }
    SECTION("too many triangles") {
        GltfLimits limits;
        limits.maxTriangles = 0;
        requireError(b.load(tmp.path(), limits), "more than 0 triangles");
    }
    SECTION("wrong component count for POSITION") {
        b.doc["accessors"][0]["type"] = "VEC2";
        b.doc["accessors"][0]["count"] = 4;
        requireError(b.load(tmp.path()), "expected 3");
    }
    SECTION("JSON nested past the limit") {
        json deep = 1;
        for (int i = 0; i < 100; ++i) deep = json::array({deep});
        b.doc["asset"]["extras"] = deep;
        requireError(b.load(tmp.path()), "nested deeper");
    }
    SECTION("a required extension we cannot read") {
        b.doc["extensionsRequired"] = {"KHR_draco_mesh_compression"};
        requireError(b.load(tmp.path()), "KHR_draco_mesh_compression");
    }
}

TEST_CASE("glTF materials: normal maps get tangents, textures are bounded", "[gltf]") {
    test::TempDir tmp("gltf-materials");
    Image8 img;
    img.width = 4;
    img.height = 2;
    img.channels = 3;
    img.pixels.assign(4 * 2 * 3, 200);
    auto png = encodePng(img);
    REQUIRE(png.ok());
    std::ofstream(tmp.path() / "n.png", std::ios::binary).write(reinterpret_cast<const char*>(png->data()),
                                                                static_cast<std::streamsize>(png->size()));
    Builder b;
    const int pos = b.floats(kQuad, "VEC3", 3);
    const int nrm = b.floats({0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1}, "VEC3", 3);
    const int uv = b.floats({0, 1, 1, 1, 0, 0, 1, 0}, "VEC2", 2);
    b.mesh(pos, 5, -1, {{"attributes", {{"POSITION", pos}, {"NORMAL", nrm}, {"TEXCOORD_0", uv}}}, {"material", 0}});
    b.doc["nodes"] = {{{"mesh", 0}}};
    b.doc["images"] = {{{"uri", "n.png"}}};
    b.doc["textures"] = {{{"source", 0}}};
    b.doc["materials"] = {{{"normalTexture", {{"index", 0}, {"scale", 0.5}}}, {"alphaMode", "MASK"}, {"alphaCutoff", 0.3},
                           {"doubleSided", true}, {"emissiveFactor", {0.1, 0.2, 0.3}}}};
    SECTION("tangents generated along +U") {
        b.doc["asset"]["extras"] = {{"schematic", true}, {"description", "a test plate"}};
        auto m = b.load(tmp.path());
        if (!m) FAIL(m.error().message);
        CHECK(m->schematic);
        CHECK(m->description == "a test plate");
        REQUIRE(m->textures.size() == 1);
        CHECK(m->textures[0].width == 4);
        CHECK(m->textures[0].rgba[3] == 255);  // RGB expanded to RGBA
        const auto& mat = m->materials[0];
        CHECK(mat.normalTexture == 0);
        CHECK(mat.normalScale == Approx(0.5f));
        CHECK(mat.alphaMode == AlphaMode::Mask);
        CHECK(mat.alphaCutoff == Approx(0.3f));
        CHECK(mat.doubleSided);
        CHECK(mat.emissive[2] == Approx(0.3f));
        for (const auto& v : m->primitives[0].vertices) {
            CHECK(v.tangent.x == Approx(1.0f));
            CHECK(std::fabs(v.tangent.w) == 1.0f);
        }
    }
    SECTION("a texture over the size limit") {
        GltfLimits limits;
        limits.maxTextureDimension = 3;
        requireError(b.load(tmp.path(), limits), "larger than 3");
    }
    SECTION("images over the total pixel budget") {
        GltfLimits limits;
        limits.maxTexturePixels = 7;  // the image has 8
        requireError(b.load(tmp.path(), limits), "limit on texture pixels");
    }
    SECTION("an image buffer view outside its buffer (tinygltf would read past it)") {
        b.doc["images"] = {{{"bufferView", 0}, {"mimeType", "image/png"}}};
        b.doc["bufferViews"][0]["byteLength"] = 1 << 20;
        requireError(b.load(tmp.path()), "images[0]: buffer view 0");
    }
    SECTION("a texture that does not exist") {
        b.doc["materials"][0]["normalTexture"]["index"] = 5;
        requireError(b.load(tmp.path()), "texture 5 does not exist");
    }
    SECTION("an image file that is not an image") {
        std::ofstream(tmp.path() / "n.png") << "not a png";
        requireError(b.load(tmp.path()), "image 0");
    }
    SECTION("non-unit normals") {
        b.floats({0, 0, 0}, "VEC3", 3);
        b.doc["materials"] = json::array();
        b.doc["meshes"][0]["primitives"][0].erase("material");
        b.doc["meshes"][0]["primitives"][0]["attributes"]["NORMAL"] = pos;  // positions are not unit vectors
        requireError(b.load(tmp.path()), "unit vectors");
    }
}

TEST_CASE("glTF limits: at each limit the model loads, one past it is refused", "[gltf][limits]") {
    test::TempDir tmp("gltf-limits");
    Builder b;
    b.mesh(b.floats(kTriangle, "VEC3", 3));
    auto chain = [&](int nodes) {
        b.doc["nodes"] = json::array();
        for (int i = 0; i + 1 < nodes; ++i) b.doc["nodes"].push_back({{"children", {i + 1}}});
        b.doc["nodes"].push_back({{"mesh", 0}});
    };
    SECTION("node nesting: 256 levels below the root, and one more") {
        const GltfLimits limits;
        chain(int(limits.maxNodeDepth) + 1);
        CHECK(b.load(tmp.path()).ok());
        chain(int(limits.maxNodeDepth) + 2);
        const auto r = b.load(tmp.path());
        requireError(r, "deeper than 256");
        CHECK(r.error().message == (tmp.path() / "model.gltf").string() + ": node hierarchy deeper than 256 levels");
    }
    SECTION("vertices of one accessor: 3 of 3, then 4 of 3") {
        b.doc["nodes"] = {{{"mesh", 0}}};
        GltfLimits limits;
        limits.maxAccessorCount = 3;
        CHECK(b.load(tmp.path(), limits).ok());
        b.doc["meshes"] = json::array();
        b.mesh(b.floats(kQuad, "VEC3", 3), 5);
        requireError(b.load(tmp.path(), limits), "accessor 1: 4 elements exceed the limit of 3");
    }
    SECTION("an external buffer at the file size limit, and one byte over") {
        b.doc["nodes"] = {{{"mesh", 0}}};
        b.bin.resize(4096);  // larger than model.gltf, so that only data.bin meets the limit
        GltfLimits limits;
        limits.maxFileBytes = b.bin.size();
        CHECK(b.load(tmp.path(), limits).ok());
        limits.maxFileBytes = b.bin.size() - 1;
        requireError(b.load(tmp.path(), limits),
                     "uri 'data.bin' refused: file of 4096 bytes exceeds the limit of 4095");
    }
}
