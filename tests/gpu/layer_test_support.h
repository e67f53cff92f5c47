#pragma once
// Helpers for the draped-layer GPU tests: flat terrain, layers from files written at test time,
// renders at a date, projection of geographic points to pixels, and pixel masks.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/layer.h"
#include "core/tile_source.h"
#include "gpu_test_support.h"

namespace plateau::test {

// Terrain at one height everywhere, data to z10.
class FlatSource : public TileSource {
public:
    explicit FlatSource(float height) : height_(height) {}
    std::string describe() const override { return "flat terrain"; }
    int minZoom() const override { return 0; }
    int maxZoom() const override { return 10; }
    bool hasTile(const TileId& id) const override { return id.valid() && id.z <= 10; }
    Result<HeightGrid> load(const TileId&) override {
        HeightGrid g;
        g.width = g.height = 16;
        g.samples.assign(256, height_);
        return g;
    }

private:
    float height_;
};

std::filesystem::path tempDir(const std::string& name);
// A 256 x 256 PNG of one colour: an imagery tile for the loopback server.
std::vector<std::uint8_t> solidPng(std::uint8_t r, std::uint8_t g, std::uint8_t b);
void writeText(const std::filesystem::path& p, const std::string& text);

// A vector layer over `path` with a solid colour: fill and stroke both `colour` unless given.
LayerDesc vectorLayer(const std::string& id, const std::filesystem::path& path, const Colour& colour,
                      float strokeWidth = 2.0f);
// Opens the layer and adds it to the fixture's view; REQUIREs that it opened.
void addLayer(GpuFixture& fx, const LayerDesc& desc);

struct LayerRender {
    std::vector<std::uint8_t> rgba;
    Camera camera;  // the frame's camera (with its near plane)
};
// Settles the view (terrain and layers) at `time` and renders it unlit (flat white terrain with
// the layers over it) on black, without sky.
LayerRender renderLayers(GpuFixture& fx, const CameraPose& pose, double time, const Shading& shading,
                         double sse = 2.0, bool flat = true);

// Pixel position of an ECEF point (x right, y down); false behind the camera.
bool project(const Camera& cam, const glm::dvec3& ecef, double& px, double& py);
// Pixels for which pred(r, g, b) holds.
std::vector<std::uint8_t> mask(const std::vector<std::uint8_t>& rgba, int w, int h,
                               const std::function<bool(int, int, int)>& pred);
std::size_t countSet(const std::vector<std::uint8_t>& m);
// 8-connected components of the set pixels.
int components(const std::vector<std::uint8_t>& m, int w, int h);

}  // namespace plateau::test
