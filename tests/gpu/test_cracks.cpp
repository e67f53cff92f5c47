// No cracks between tiles of different levels: with a magenta background, no sky and flat white
// terrain, every pixel below the terrain's top edge in each column must be terrain.
#include <catch2/catch.hpp>
#include <set>

#include "gpu_test_support.h"

using namespace plateau;
using namespace plateau::test;

namespace {
constexpr int kW = 480, kH = 270;

int magentaInsideSilhouette(const std::vector<std::uint8_t>& rgba, const std::vector<int>& top) {
    int count = 0;
    for (int x = 0; x < kW; ++x)
        for (int y = top[std::size_t(x)]; y < kH; ++y)
            if (isMagenta(&rgba[(std::size_t(y) * kW + std::size_t(x)) * 4])) ++count;
    return count;
}
}  // namespace

TEST_CASE("no cracks where tile levels change", "[gpu][cracks]") {
    GpuFixture fx(kW, kH);
    const float magenta[4] = {1.0f, 0.0f, 1.0f, 1.0f};
    Shading s;
    s.exaggeration = GENERATE(1.0, 3.0);
    // Low and oblique over rough terrain: many levels from near to far. Heights are clearances
    // above the highest exaggerated terrain (6,500 m), so the camera is never inside a mountain.
    CameraPose pose = GENERATE(CameraPose{90.2, 29.25, 2500, 60, -18}, CameraPose{91.6, 29.4, 7500, 200, -30},
                               CameraPose{88.7, 29.6, 12000, 0, -35});
    pose.height_m += 6500.0 * s.exaggeration;
    const auto rgba = fx.render(pose, s, 2.0, false, true, magenta);
    REQUIRE(fx.validationMessages() == 0);
    REQUIRE(fx.lastStats.settled);

    std::set<int> levels;
    for (const auto& id : fx.view->drawList()) levels.insert(id.z);
    INFO("levels drawn: " << levels.size());
    REQUIRE(levels.size() >= 3);  // the view really straddles level changes

    const auto top = terrainTopRows(rgba, kW, kH);
    int covered = 0;
    for (int t : top) covered += kH - t;
    REQUIRE(covered > kW * kH / 3);  // terrain fills a good part of the image
    const int cracks = magentaInsideSilhouette(rgba, top);
    if (cracks) writePng(std::string(PLATEAU_TEST_OUTPUT) + "/cracks_failure.png", rgba, kW, kH);
    CHECK(cracks == 0);
}

TEST_CASE("the crack check finds the cracks of tiles drawn with flat skirts", "[gpu][cracks]") {
    // Guards the test above with every tile drawn: the same view, its meshes' skirts raised back
    // up to their edges (depth 0), must show magenta in the gaps where levels change.
    GpuFixture fx(kW, kH);
    const float magenta[4] = {1.0f, 0.0f, 1.0f, 1.0f};
    Shading s;  // exaggeration 1: the shader adds nothing to the skirts' depth
    const CameraPose pose{90.2, 29.25, 9000, 60, -18};
    const Camera cam = makeCamera(pose, kW, kH);
    REQUIRE(fx.view->settle({cam}, app::selectionParams(2.0, s, fx.maxZoom)).settled);
    gpu::FrameDesc f = fx.view->frame({cam}, s);
    f.drawSky = false;
    f.style.flatColour = true;
    for (int i = 0; i < 4; ++i) f.clearColour[i] = magenta[i];
    const auto withSkirts = fx.session->renderAndCapture(f, nullptr);
    const int g = tileGridSize();
    for (const TileId& id : f.tiles) {
        const auto* rec = fx.view->store().find(id);
        REQUIRE(rec);
        TileMesh flat = rec->mesh;
        const float depth = float(skirtDepthForLevel(id.z));
        for (std::size_t k = std::size_t(g * g); k < flat.vertices.size(); ++k)
            for (int c = 0; c < 3; ++c) flat.vertices[k].pos[c] += depth * flat.vertices[k].up[c];
        REQUIRE(fx.session->renderer().replaceTile(flat));
    }
    const auto without = fx.session->renderAndCapture(f, nullptr);
    REQUIRE(fx.validationMessages() == 0);
    const int before = magentaInsideSilhouette(withSkirts, terrainTopRows(withSkirts, kW, kH));
    const int after = magentaInsideSilhouette(without, terrainTopRows(without, kW, kH));
    INFO("magenta inside the terrain: " << before << " with skirts, " << after << " without");
    writePng(std::string(PLATEAU_TEST_OUTPUT) + "/cracks_flat_skirts.png", without, kW, kH);
    CHECK(before == 0);
    CHECK(after > 20);
}

TEST_CASE("the crack check finds a hole when skirts are missing", "[gpu][cracks]") {
    // Guards the test above: drawing only every other tile must leave magenta inside the terrain.
    GpuFixture fx(kW, kH);
    const float magenta[4] = {1.0f, 0.0f, 1.0f, 1.0f};
    Shading s;
    const CameraPose pose{90.2, 29.25, 9000, 60, -18};
    const Camera cam = makeCamera(pose, kW, kH);
    fx.view->settle({cam}, app::selectionParams(2.0, s, fx.maxZoom));
    gpu::FrameDesc f = fx.view->frame({cam}, s);
    std::vector<TileId> half;
    for (std::size_t i = 0; i < f.tiles.size(); i += 2) half.push_back(f.tiles[i]);
    f.tiles = half;
    f.drawSky = false;
    f.style.flatColour = true;
    for (int i = 0; i < 4; ++i) f.clearColour[i] = magenta[i];
    const auto rgba = fx.session->renderAndCapture(f, nullptr);
    CHECK(magentaInsideSilhouette(rgba, terrainTopRows(rgba, kW, kH)) > 100);
}
