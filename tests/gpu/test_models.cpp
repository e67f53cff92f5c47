// The model pass and the underground view on the synthetic plateau: a body appears where it is
// placed (pixel and depth), shows through translucent terrain, is whole behind a cutaway, stays
// under its ground at any exaggeration; the underside is hatched; nested translucent shells
// composite in the right order from every side; textures and normal maps are sampled.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "core/model_picking.h"
#include "core/model_placement.h"
#include "core/model_shapes.h"
#include "core/picking.h"
#include "app/view_models.h"
#include "gpu/model_store.h"
#include "gpu_test_support.h"

using namespace plateau;
using namespace plateau::test;

namespace {
constexpr int kW = 160, kH = 120;
constexpr double kLon = 91.45, kLat = 29.05;

struct Shot {
    std::vector<std::uint8_t> rgba;
    std::vector<float> depth;
    Camera camera;  // as drawn (with its near plane)
    const std::uint8_t* px(int x, int y) const { return &rgba[(std::size_t(y) * kW + std::size_t(x)) * 4]; }
};

Shading plainShading(double exaggeration = 1.0) {
    Shading s;
    s.haze = false;
    s.exaggeration = exaggeration;
    return s;
}

// Settles the view for `pose` and draws it with the given models and underground state.
Shot shoot(GpuFixture& fx, const CameraPose& pose, const Shading& shading, std::vector<gpu::ModelInstance> models,
           const UndergroundView& ug, bool sky = true, const float* clear = nullptr) {
    const Camera cam = makeCamera(pose, kW, kH);
    fx.view->settle({cam}, app::selectionParams(2.0, shading, fx.maxZoom));
    gpu::FrameDesc f = fx.view->frame({cam}, shading);
    f.models = std::move(models);
    f.style.underground = ug;
    f.drawSky = sky;
    if (clear)
        for (int i = 0; i < 4; ++i) f.clearColour[i] = clear[i];
    Shot s;
    s.camera = f.camera;
    s.rgba = fx.session->renderAndCapture(f, nullptr);
    s.depth = fx.session->lastDepth();
    return s;
}

ModelData boxModel(glm::vec3 size, std::array<float, 4> colour) {
    ModelData d;
    d.source = "box";
    d.materials.push_back(plainMaterial("ore", colour));
    d.primitives.push_back(makeBox(size, 0, "body"));
    updateBounds(d);
    return d;
}

UndergroundView underground(double opacity) {
    UndergroundView u;
    u.enabled = true;
    u.terrainOpacity = opacity;
    return u;
}

int channelDiff(const std::uint8_t* a, const std::uint8_t* b) {
    int d = 0;
    for (int c = 0; c < 3; ++c) d = std::max(d, std::abs(int(a[c]) - int(b[c])));
    return d;
}

// Bounding box of the pixels that differ from `background`.
struct Box {
    int x0 = kW, y0 = kH, x1 = -1, y1 = -1;
};
Box coverage(const Shot& s, const Shot& background) {
    Box b;
    for (int y = 0; y < kH; ++y)
        for (int x = 0; x < kW; ++x)
            if (channelDiff(s.px(x, y), background.px(x, y)) > 8) {
                b.x0 = std::min(b.x0, x);
                b.y0 = std::min(b.y0, y);
                b.x1 = std::max(b.x1, x);
                b.y1 = std::max(b.y1, y);
            }
    return b;
}
}  // namespace

TEST_CASE("models: a body appears at its projected pixels and its stated depth", "[gpu][models]") {
    GpuFixture fx(kW, kH);
    const Shading shading = plainShading();
    fx.render(CameraPose{kLon, kLat, 12000, 0, -90}, shading);
    const double ground = fx.view->terrainHeight(kLon, kLat).value();
    // 200 m cube whose centre is 500 m below the surface, off the image centre (east and north).
    const double lon = kLon + 0.004, lat = kLat + 0.003;
    const double surface = fx.view->terrainHeight(lon, lat).value();
    const ModelData cube = boxModel({200, 200, 200}, {0.8f, 0.1f, 0.1f, 1.0f});
    const gpu::ModelHandle h = fx.session->renderer().uploadModel(cube);
    REQUIRE(h != 0);
    const ModelPlacement place{lon, lat, 0.0, 500.0, 30.0, 0, 0, 1.0};
    const glm::dmat4 m = modelToEcef(place, surface, 1.0);

    const CameraPose pose{kLon, kLat, ground + 2500.0, 0, -90};
    const Shot empty = shoot(fx, pose, shading, {}, underground(0.0));
    const Shot body = shoot(fx, pose, shading, {{h, m, 1.0f}}, underground(0.0));
    writePng(std::string(PLATEAU_TEST_OUTPUT) + "/models_placed.png", body.rgba, kW, kH);

    // Projected corners, from the same double matrices on the CPU.
    double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
    for (int i = 0; i < 8; ++i) {
        const glm::vec4 c = modelMvp(m, body.camera) *
                            glm::vec4(i & 1 ? 100.f : -100.f, i & 2 ? 100.f : -100.f, i & 4 ? 100.f : -100.f, 1.f);
        const double sx = (c.x / c.w * 0.5 + 0.5) * kW, sy = (c.y / c.w * 0.5 + 0.5) * kH;
        x0 = std::min(x0, sx), x1 = std::max(x1, sx), y0 = std::min(y0, sy), y1 = std::max(y1, sy);
    }
    const Box b = coverage(body, empty);
    INFO("projected x " << x0 << ".." << x1 << " y " << y0 << ".." << y1 << "; drawn x " << b.x0 << ".." << b.x1
                        << " y " << b.y0 << ".." << b.y1);
    REQUIRE(b.x1 >= 0);
    CHECK(std::abs(b.x0 + 0.5 - x0) <= 1.0);
    CHECK(std::abs(b.x1 + 0.5 - x1) <= 1.0);
    CHECK(std::abs(b.y0 + 0.5 - y0) <= 1.0);
    CHECK(std::abs(b.y1 + 0.5 - y1) <= 1.0);

    // The depth buffer at the middle of the drawn body: a point on its top face, 400 m below the
    // surface at the anchor (centre 500 m down, half the height up).
    const int cx = (b.x0 + b.x1) / 2, cy = (b.y0 + b.y1) / 2;
    const auto p = pickSurface(body.camera, body.depth, cx, cy, 1.0);
    REQUIRE(p);
    INFO("top face at " << p->elevation_m << " m, surface " << surface << " m");
    CHECK(p->elevation_m == Approx(surface - 400.0).margin(1.0));
    // Picking on the CPU finds the same body and point.
    const auto hit = pickModelAt(body.camera, cx, cy, {{&cube, m, 42}});
    REQUIRE(hit);
    CHECK(hit->id == 42);
    CHECK(hit->node == "body");
    CHECK(glm::length(hit->ecef - p->ecef) < 1.0);
    CHECK(body.depth.size() == std::size_t(kW) * kH);
    fx.session->renderer().releaseModel(h);
    shoot(fx, pose, shading, {{h, m, 1.0f}}, underground(0.0));  // a released handle draws nothing
    CHECK(fx.validationMessages() == 0);
}

TEST_CASE("models: through translucent terrain, behind a cutaway, under the same ground at 1x and 3x",
          "[gpu][models]") {
    GpuFixture fx(kW, kH);
    for (const double e : {1.0, 3.0}) {
        const Shading shading = plainShading(e);
        fx.render(CameraPose{kLon, kLat, 12000 * e, 0, -90}, shading);
        const double surface = fx.view->terrainHeight(kLon, kLat).value();
        const ModelData cube = boxModel({300, 200, 300}, {0.9f, 0.75f, 0.1f, 1.0f});
        const gpu::ModelHandle h = fx.session->renderer().uploadModel(cube);
        // Top 100 m below the surface: centre 200 m down.
        const ModelPlacement place{kLon, kLat, 0.0, 200.0, 0, 0, 0, 1.0};
        const std::vector<gpu::ModelInstance> body{{h, modelToEcef(place, surface, e), 1.0f}};
        const CameraPose above{kLon, kLat, surface * e + 2500.0, 0, -90};
        const int cx = kW / 2, cy = kH / 2;
        INFO("exaggeration " << e);

        // Opaque terrain hides the body: the same picture as without it.
        const Shot terrain = shoot(fx, above, shading, {}, {});
        const Shot hidden = shoot(fx, above, shading, body, {});
        CHECK(compareImages(terrain.rgba, hidden.rgba, 2).fractionOver == 0.0);
        // Alone (terrain opacity 0) it is there, farther than the ground: drawn 100 * e below it.
        const Shot alone = shoot(fx, above, shading, body, underground(0.0));
        const auto ground = pickSurface(terrain.camera, terrain.depth, cx, cy, 1.0);
        const auto top = pickSurface(alone.camera, alone.depth, cx, cy, 1.0);
        REQUIRE(ground);
        REQUIRE(top);
        CHECK(top->distance_m > ground->distance_m);
        CHECK(top->elevation_m == Approx((surface - 100.0) * e).margin(1.0 * e));

        // Half-transparent terrain: the colour is the mean of the terrain's and the body's.
        const Shot terrainU = shoot(fx, above, shading, {}, underground(1.0));
        const Shot half = shoot(fx, above, shading, body, underground(0.5));
        writePng(std::string(PLATEAU_TEST_OUTPUT) + "/models_half_" + std::to_string(int(e)) + "x.png", half.rgba,
                 kW, kH);
        for (int c = 0; c < 3; ++c) {
            const double expect = 0.5 * terrainU.px(cx, cy)[c] + 0.5 * alone.px(cx, cy)[c];
            CHECK(std::abs(double(half.px(cx, cy)[c]) - expect) <= 3.0);
        }
        CHECK(channelDiff(half.px(cx, cy), terrainU.px(cx, cy)) > 20);
        CHECK(channelDiff(half.px(cx, cy), alone.px(cx, cy)) > 20);

        // A cutaway facing the camera (which is south, looking north and down): the body is whole,
        // exactly as drawn alone.
        const CameraPose south{kLon, kLat - 0.02, surface * e + 600.0 * e, 0, -25};
        UndergroundView cut = underground(1.0);
        cut.cutawayOn = true;
        cut.cutaway = {kLon, kLat, 180.0};
        const Shot cutShot = shoot(fx, south, shading, body, cut);
        const Shot aloneSouth = shoot(fx, south, shading, body, underground(0.0));
        const Shot terrainSouth = shoot(fx, south, shading, {}, underground(1.0));
        writePng(std::string(PLATEAU_TEST_OUTPUT) + "/models_cutaway_" + std::to_string(int(e)) + "x.png",
                 cutShot.rgba, kW, kH);
        // Where the body is drawn alone, the cut view shows the body's own colour.
        int bodyPixels = 0, same = 0;
        const Shot skyOnly = shoot(fx, south, shading, {}, underground(0.0));
        for (int y = 0; y < kH; ++y)
            for (int x = 0; x < kW; ++x) {
                if (channelDiff(aloneSouth.px(x, y), skyOnly.px(x, y)) <= 8) continue;
                ++bodyPixels;
                if (channelDiff(cutShot.px(x, y), aloneSouth.px(x, y)) <= 2) ++same;
            }
        INFO(same << " of " << bodyPixels << " body pixels unchanged by the cut terrain");
        CHECK(bodyPixels > 50);
        CHECK(same >= bodyPixels * 98 / 100);
        // Without the cut the terrain in front hides it.
        int hiddenPixels = 0;
        for (int y = 0; y < kH; ++y)
            for (int x = 0; x < kW; ++x)
                if (channelDiff(aloneSouth.px(x, y), skyOnly.px(x, y)) > 8 &&
                    channelDiff(terrainSouth.px(x, y), aloneSouth.px(x, y)) > 8)
                    ++hiddenPixels;
        CHECK(hiddenPixels > bodyPixels / 2);
        fx.session->renderer().releaseModel(h);
    }
    CHECK(fx.validationMessages() == 0);
}

TEST_CASE("underground: the camera below the surface sees the hatched underside", "[gpu][models]") {
    GpuFixture fx(kW, kH);
    const Shading shading = plainShading();
    fx.render(CameraPose{kLon, kLat, 12000, 0, -90}, shading);
    const double surface = fx.view->terrainHeight(kLon, kLat).value();
    const CameraPose below{kLon, kLat, surface - 300.0, 0, 60};  // looking up, 300 m underground
    UndergroundView ug = underground(1.0);
    const Shot under = shoot(fx, below, shading, {}, ug);
    writePng(std::string(PLATEAU_TEST_OUTPUT) + "/models_underside.png", under.rgba, kW, kH);
    const Shot normal = shoot(fx, below, shading, {}, {});
    int hatched = 0;
    for (int y = 0; y < kH; ++y)
        for (int x = 0; x < kW; ++x) {
            const std::uint8_t* p = under.px(x, y);
            if (p[0] > p[1] + 40 && p[0] > p[2] + 40) ++hatched;
        }
    INFO(hatched << " hatched pixels");
    CHECK(hatched > kW * kH / 2);
    // Both stripe colours are there, within one period of six pixels.
    int most = 0;
    for (int x = kW / 2; x < kW / 2 + 6; ++x) most = std::max(most, channelDiff(under.px(x, kH / 2), under.px(kW / 2, kH / 2)));
    CHECK(most > 40);
    // Outside underground mode the underside is not drawn (the sky shows through it).
    CHECK(channelDiff(normal.px(kW / 2, kH / 2), under.px(kW / 2, kH / 2)) > 40);
    CHECK(fx.validationMessages() == 0);
}

TEST_CASE("models: nested translucent shells composite back to front from every side", "[gpu][models]") {
    GpuFixture fx(kW, kH);
    const Shading shading = plainShading();
    fx.render(CameraPose{kLon, kLat, 12000, 0, -90}, shading);
    const double surface = fx.view->terrainHeight(kLon, kLat).value();
    // Emissive shells on black: their colours are what is blended (display values 200 blue, 230 red).
    ModelData shells;
    auto shell = [](const char* name, float display[3], float alpha) {
        ModelMaterial m = plainMaterial(name, {0, 0, 0, alpha}, 0.0f, 1.0f);
        for (int c = 0; c < 3; ++c) m.emissive[std::size_t(c)] = std::pow(display[c] / 255.0f, 2.2f);
        m.doubleSided = true;
        return m;
    };
    float blue[3] = {0, 0, 200}, red[3] = {230, 0, 0};
    shells.materials = {shell("outer", blue, 0.4f), shell("inner", red, 0.5f)};
    // Listed inner first, so only the sorting can put them in order.
    shells.primitives.push_back(makeSphere(120.0f, 16, 1, "inner"));
    shells.primitives.push_back(makeSphere(300.0f, 16, 0, "outer"));
    updateBounds(shells);
    const gpu::ModelHandle h = fx.session->renderer().uploadModel(shells);
    const ModelPlacement place{kLon, kLat, 0.0, 1000.0, 0, 0, 0, 1.0};
    const glm::dmat4 m = modelToEcef(place, surface, 1.0);
    const glm::dvec3 centre = glm::dvec3(m[3]);
    const Geodetic cg = ecefToGeodetic(centre);
    // Expected at the centre pixel: outer back, inner back, inner front, outer front over black.
    double expect[3] = {0, 0, 0};
    const auto over = [&](float* col, double a) {
        for (int c = 0; c < 3; ++c) expect[c] = col[c] * a + expect[c] * (1.0 - a);
    };
    over(blue, 0.4), over(red, 0.5), over(red, 0.5), over(blue, 0.4);
    const std::array<double, 3> right{expect[0], expect[1], expect[2]};
    // Two wrong orders: each shell whole (back, front) outer first, and inner first.
    expect[0] = expect[1] = expect[2] = 0;
    over(blue, 0.4), over(blue, 0.4), over(red, 0.5), over(red, 0.5);
    const std::array<double, 3> wrongA{expect[0], expect[1], expect[2]};
    expect[0] = expect[1] = expect[2] = 0;
    over(red, 0.5), over(red, 0.5), over(blue, 0.4), over(blue, 0.4);
    const std::array<double, 3> wrongB{expect[0], expect[1], expect[2]};
    // Red and blue only: the shells' faint sky light and specular add a little of every channel.
    const auto colourDist = [](const std::uint8_t* p, const std::array<double, 3>& e) {
        return std::hypot(double(p[0]) - e[0], double(p[2]) - e[2]);
    };
    const float black[4] = {0, 0, 0, 1};
    // From the four sides, from above and from below, 1.2 km from the centre.
    const std::pair<double, double> views[] = {{0, 0}, {90, 0}, {180, 0}, {270, 0}, {0, -90}, {0, 89}};
    for (const auto& [heading, pitch] : views) {
        const double dist = 1200.0, hr = heading * 3.14159265358979 / 180.0, pr = pitch * 3.14159265358979 / 180.0;
        // Step back from the centre against the view direction.
        const glm::dmat3 enu = enuBasis(cg.lon_deg, cg.lat_deg);
        const glm::dvec3 fwd = enu * glm::dvec3(std::sin(hr) * std::cos(pr), std::cos(hr) * std::cos(pr), std::sin(pr));
        const Geodetic at = ecefToGeodetic(centre - fwd * dist);
        const Shot s = shoot(fx, CameraPose{at.lon_deg, at.lat_deg, at.height_m, heading, pitch}, shading,
                             {{h, m, 1.0f}}, underground(0.0), false, black);
        if (heading == 90 && pitch == 0)
            writePng(std::string(PLATEAU_TEST_OUTPUT) + "/models_shells.png", s.rgba, kW, kH);
        const std::uint8_t* p = s.px(kW / 2, kH / 2);
        INFO("view heading " << heading << " pitch " << pitch << ": " << int(p[0]) << "," << int(p[1]) << ","
                             << int(p[2]) << " expected " << right[0] << ",_," << right[2]);
        CHECK(colourDist(p, right) < 25.0);
        CHECK(colourDist(p, right) < 0.5 * colourDist(p, wrongA));
        CHECK(colourDist(p, right) < 0.5 * colourDist(p, wrongB));
    }
    // A layer faded to 40 % draws its opaque shell translucent: 40 % of its colour over black.
    ModelData solid = shells;
    solid.materials[0].baseColour[3] = 1.0f;
    solid.materials[0].alphaMode = AlphaMode::Opaque;
    solid.materials[0].doubleSided = false;  // front faces only: one layer of colour
    solid.primitives.resize(1);  // the inner shell (red) alone, now opaque
    solid.primitives[0].material = 0;
    solid.materials[0].emissive = shells.materials[1].emissive;
    const gpu::ModelHandle hs = fx.session->renderer().uploadModel(solid);
    const CameraPose top{cg.lon_deg, cg.lat_deg, cg.height_m + 1200.0, 0, -90};
    const Shot full = shoot(fx, top, shading, {{hs, m, 1.0f}}, underground(0.0), false, black);
    const Shot faded = shoot(fx, top, shading, {{hs, m, 0.4f}}, underground(0.0), false, black);
    INFO("opaque " << int(full.px(kW / 2, kH / 2)[0]) << ", at 40 % " << int(faded.px(kW / 2, kH / 2)[0]));
    CHECK(full.px(kW / 2, kH / 2)[0] > 150);
    CHECK(std::abs(faded.px(kW / 2, kH / 2)[0] - 0.4 * full.px(kW / 2, kH / 2)[0]) <= 4.0);
    CHECK(fx.validationMessages() == 0);
}

TEST_CASE("models: base colour texture and normal map are sampled", "[gpu][models]") {
    GpuFixture fx(kW, kH);
    const Shading shading = plainShading();
    fx.render(CameraPose{kLon, kLat, 12000, 0, -90}, shading);
    const double surface = fx.view->terrainHeight(kLon, kLat).value();
    // A 4x4 checker of two colours, and a normal map of ridges tilting normals east and west.
    ModelTexture checker{64, 64, {}}, ridges{64, 64, {}};
    for (std::uint32_t y = 0; y < 64; ++y)
        for (std::uint32_t x = 0; x < 64; ++x) {
            const bool dark = ((x / 16) + (y / 16)) % 2 == 1;
            for (std::uint8_t v : {std::uint8_t(dark ? 40 : 230), std::uint8_t(dark ? 90 : 210), std::uint8_t(dark ? 40 : 120),
                                   std::uint8_t(255)})
                checker.rgba.push_back(v);
            const float tilt = (x / 8) % 2 ? 0.6f : -0.6f;
            const glm::vec3 n = glm::normalize(glm::vec3(tilt, 0.0f, 1.0f));
            for (float c : {n.x, n.y, n.z}) ridges.rgba.push_back(std::uint8_t(std::lround((c * 0.5f + 0.5f) * 255.0f)));
            ridges.rgba.push_back(255);
        }
    ModelData plain = boxModel({400, 400, 400}, {1, 1, 1, 1});
    ModelData textured = plain;
    textured.textures = {checker, ridges};
    textured.materials[0].baseColourTexture = 0;
    ModelData bumpy = textured;
    bumpy.materials[0].normalTexture = 1;
    const ModelPlacement place{kLon, kLat, 0.0, 600.0, 0, 0, 0, 1.0};
    const glm::dmat4 m = modelToEcef(place, surface, 1.0);
    const CameraPose above{kLon, kLat, surface + 300.0, 0, -90};  // 700 m above the top face: 80 px wide
    auto draw = [&](const ModelData& d) {
        const gpu::ModelHandle h = fx.session->renderer().uploadModel(d);
        Shot s = shoot(fx, above, shading, {{h, m, 1.0f}}, underground(0.0));
        fx.session->renderer().releaseModel(h);
        return s;
    };
    const Shot a = draw(plain), b = draw(textured), c = draw(bumpy);
    writePng(std::string(PLATEAU_TEST_OUTPUT) + "/models_textured.png", c.rgba, kW, kH);
    // The top face fills the centre; measure its colours along a row through the middle.
    int lightTexels = 0, darkTexels = 0;
    double bumpDiff = 0;
    int n = 0;
    for (int x = kW / 2 - 20; x <= kW / 2 + 20; ++x) {
        const std::uint8_t* pb = b.px(x, kH / 2);
        if (pb[0] > 150) ++lightTexels;
        if (pb[0] < 110) ++darkTexels;
        CHECK(channelDiff(a.px(x, kH / 2), a.px(kW / 2, kH / 2)) <= 8);  // untextured: nearly uniform
        bumpDiff += channelDiff(b.px(x, kH / 2), c.px(x, kH / 2));
        ++n;
    }
    INFO("row: " << [&] {
        std::string r;
        for (int x = kW / 2 - 20; x <= kW / 2 + 20; x += 4) r += std::to_string(b.px(x, kH / 2)[0]) + " ";
        return r;
    }());
    CHECK(lightTexels > 8);
    CHECK(darkTexels > 8);
    // The ridges shade the face differently in stripes: the normal map changes the picture.
    INFO("mean change from the normal map " << bumpDiff / n);
    CHECK(bumpDiff / n > 4.0);

    // A one-texel checker seen from afar (3.3 texels a pixel) is its mean colour, not noise: the
    // texture is mipmapped.
    ModelData fine = plain;
    ModelTexture pixels{64, 64, {}};
    for (std::uint32_t k = 0; k < 64 * 64; ++k) {
        const std::uint8_t v = ((k % 64) + (k / 64)) % 2 ? 255 : 0;
        pixels.rgba.insert(pixels.rgba.end(), {v, v, v, 255});
    }
    fine.textures = {pixels};
    fine.materials[0].baseColourTexture = 0;
    const gpu::ModelHandle hf = fx.session->renderer().uploadModel(fine);
    const Shot far = shoot(fx, CameraPose{kLon, kLat, surface - 400.0 + 2990.0, 0, -90}, shading, {{hf, m, 1.0f}},
                           underground(0.0));
    int lo = 255, hi = 0;
    for (int y = kH / 2 - 4; y < kH / 2 + 4; ++y)
        for (int x = kW / 2 - 4; x < kW / 2 + 4; ++x) {
            lo = std::min(lo, int(far.px(x, y)[0]));
            hi = std::max(hi, int(far.px(x, y)[0]));
        }
    INFO("red from " << lo << " to " << hi << " over the far face");
    CHECK(hi - lo < 20);
    CHECK(lo > 60);  // grey, not black
    CHECK(fx.validationMessages() == 0);
}

TEST_CASE("view models: a model layer placed below the displayed surface, drawn and picked", "[gpu][models]") {
    GpuFixture fx(kW, kH);
    const Shading shading = plainShading(2.0);
    fx.render(CameraPose{kLon, kLat, 20000, 0, -90}, shading);
    app::ViewModels models(fx.session->renderer());
    LayerDesc desc;
    desc.id = "qulong-body";
    desc.type = LayerType::Model;
    desc.model.placement = ModelPlacement{kLon, kLat, 0.0, 800.0, 0, 0, 0, 1.0};
    const std::size_t i = models.add(desc);
    CHECK(models.models()[i].loading);
    CHECK(models.instances(*fx.view, 2.0).empty());  // nothing to draw while loading
    REQUIRE(models.setData(i, std::make_shared<ModelData>(boxModel({400, 400, 400}, {0.2f, 0.8f, 0.3f, 1.0f}))));
    const auto inst = models.instances(*fx.view, 2.0);
    REQUIRE(inst.size() == 1);
    const double surface = fx.view->terrainHeight(kLon, kLat).value();
    const glm::dmat4 expect = modelToEcef(desc.model.placement, surface, 2.0);
    CHECK(glm::length(glm::dvec3(inst[0].modelToEcef[3]) - glm::dvec3(expect[3])) < 1e-6);

    const CameraPose above{kLon, kLat, surface * 2.0 + 1500.0, 0, -90};
    const Shot s = shoot(fx, above, shading, inst, underground(0.0));
    const auto hit = models.pick(s.camera, kW / 2, kH / 2, *fx.view, 2.0);
    REQUIRE(hit);
    CHECK(hit->layerId == "qulong-body");
    CHECK(hit->node == "body");
    // The pick and the depth buffer agree on the top face: (surface - 800 + 200) * 2.
    const auto p = pickSurface(s.camera, s.depth, kW / 2, kH / 2, 1.0);
    REQUIRE(p);
    CHECK(glm::length(hit->ecef - p->ecef) < 1.0);
    CHECK(ecefToGeodetic(hit->ecef).height_m == Approx((surface - 600.0) * 2.0).margin(0.5));
    // Its label sits over the top centre of the body (the image centre, looking straight down).
    CHECK(models.labels(s.camera, *fx.view, 2.0).empty());  // no label text
    models.models()[i].desc.model.label = "Qulong (schematic)";
    const auto labels = models.labels(s.camera, *fx.view, 2.0);
    REQUIRE(labels.size() == 1);
    CHECK(labels[0].text == "Qulong (schematic)");
    CHECK(std::abs(labels[0].x - kW / 2.0f) < 1.0f);
    CHECK(std::abs(labels[0].y - kH / 2.0f) < 1.0f);
    // Hidden layers are neither drawn nor picked.
    models.models()[i].desc.visible = false;
    CHECK(models.instances(*fx.view, 2.0).empty());
    CHECK_FALSE(models.pick(s.camera, kW / 2, kH / 2, *fx.view, 2.0));
    CHECK(fx.validationMessages() == 0);
}

TEST_CASE("models: released while frames are in flight, freed after them", "[gpu][models]") {
    GpuFixture fx(kW, kH);
    const Shading shading = plainShading();
    fx.render(CameraPose{kLon, kLat, 12000, 0, -90}, shading);
    const double surface = fx.view->terrainHeight(kLon, kLat).value();
    const Camera cam = makeCamera({kLon, kLat, surface + 1500.0, 0, -90}, kW, kH);
    gpu::Renderer& r = fx.session->renderer();
    ModelData textured = boxModel({300, 300, 300}, {1, 1, 1, 1});
    textured.textures.push_back(ModelTexture{2, 2, std::vector<std::uint8_t>(16, 200)});
    textured.materials[0].baseColourTexture = 0;
    const glm::dmat4 m = modelToEcef({kLon, kLat, 0.0, 500.0, 0, 0, 0, 1.0}, surface, 1.0);
    gpu::FrameDesc f = fx.view->frame({cam}, shading);
    f.style.underground = underground(0.0);
    // Upload, draw without waiting, release, and go on drawing: the buffers, images and sets must
    // outlive the frames that used them (validation reports any use after destruction).
    for (int round = 0; round < 3; ++round) {
        const gpu::ModelHandle h = r.uploadModel(textured);
        CHECK(r.modelStore().size() == 1);
        f.models = {{h, m, 1.0f}};
        fx.session->render(f, false);
        fx.session->render(f, false);
        r.releaseModel(h);
        CHECK(r.modelStore().size() == 0);
        f.models.clear();
        fx.session->render(f, false);
    }
    r.waitIdle();
    // A texture larger than the device allows is left out: the material samples plain white.
    ModelData huge = textured;
    huge.textures[0] = ModelTexture{100000, 1, std::vector<std::uint8_t>(400000, 1)};
    const gpu::ModelHandle h = r.uploadModel(huge);
    CHECK(r.modelStore().find(h)->textures.empty());
    f.models = {{h, m, 1.0f}};
    fx.session->render(f, true);
    r.releaseModel(h);
    // Bad indices: the primitive is left out.
    ModelData broken = textured;
    broken.primitives[0].indices[0] = 999999;
    const gpu::ModelHandle hb = r.uploadModel(broken);
    f.models = {{hb, m, 1.0f}};
    fx.session->render(f, true);
    CHECK(r.modelStore().find(hb)->primitives.empty());
    r.releaseModel(hb);
    CHECK(fx.validationMessages() == 0);
}
