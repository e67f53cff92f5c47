#include <catch2/catch.hpp>

#include "core/morph_clock.h"
#include "core/surface_height.h"
#include "core/tile_store.h"

using namespace plateau;

namespace {

// One flat plateau at 6,000 m everywhere, data to z3.
class PlateauSource : public TileSource {
public:
    std::string describe() const override { return "plateau"; }
    int minZoom() const override { return 0; }
    int maxZoom() const override { return 3; }
    bool hasTile(const TileId& id) const override { return id.valid() && id.z <= 3; }
    Result<HeightGrid> load(const TileId&) override {
        HeightGrid g;
        g.width = g.height = 8;
        g.samples.assign(64, 6000.0f);
        return g;
    }
};

}  // namespace

TEST_CASE("the displayed surface height includes the exaggeration", "[surface]") {
    TileStore store(std::make_shared<PlateauSource>(), [](const std::string&) {});
    REQUIRE(store.load({0, 0, 0}));
    REQUIRE(store.load(lonLatToTile(90.0, 30.0, 1)));
    CHECK(terrainHeightAt(store, 90.0, 30.0).value() == Approx(6000.0));
    CHECK(displayedSurfaceHeight(store, 90.0, 30.0, 5.0).value() == Approx(30000.0));
    CHECK(!terrainHeightAt(TileStore(std::make_shared<PlateauSource>(), [](const std::string&) {}), 90.0, 30.0));
}

TEST_CASE("at 5x the near plane stays in front of the exaggerated surface", "[surface]") {
    TileStore store(std::make_shared<PlateauSource>(), [](const std::string&) {});
    REQUIRE(store.load({0, 0, 0}));
    // 200 m above the drawn 30,000 m surface (a 6,000 m peak at 5x), looking down.
    CameraPose pose{90.0, 30.0, 30200.0, 0.0, -90.0};
    const Camera cam = withNearPlane(makeCamera(pose, 320, 180), store, 5.0);
    // The near plane must be closer than the surface below: 200 m away, not 24,200 m (which a
    // raw 6,000 m height would give, cutting the surface away).
    CHECK(cam.near_m < 200.0);
    CHECK(cam.near_m > 0.0);
    const Camera raw = withNearPlane(makeCamera(pose, 320, 180), store, 1.0);
    CHECK(raw.near_m > cam.near_m * 10.0);
}

TEST_CASE("refined tiles morph in over the morph time, on the clock passed in", "[morph]") {
    MorphClock clock;
    const TileId parent{3, 2, 2};
    const auto kids = parent.children();
    clock.update({parent}, true, 10.0);
    CHECK(clock.factors({parent}, 10.0).empty());
    const std::vector<TileId> refined(kids.begin(), kids.end());
    clock.update(refined, true, 11.0);
    auto f = clock.factors(refined, 11.0);
    REQUIRE(f.size() == 4);
    CHECK(f[0] == Approx(0.0f));
    f = clock.factors(refined, 11.0 + MorphClock::kMorphSeconds / 2);
    CHECK(f[0] == Approx(0.5f));
    f = clock.factors(refined, 20.0);
    CHECK(f[3] == Approx(1.0f));
    // The same inputs give the same factors whenever they are evaluated.
    CHECK(clock.factors(refined, 11.1) == clock.factors(refined, 11.1));
    // A settled still shows every tile in its own shape.
    clock.update(refined, false, 11.0);
    CHECK(clock.factors(refined, 11.0).empty());
}
