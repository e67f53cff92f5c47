#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "core/tile_store.h"

using namespace plateau;

namespace {

// Data to z2; tiles listed in `broken` fail to load; heights encode the tile so upsampling shows.
class FakeSource : public TileSource {
public:
    int maxZ = 2;
    std::set<TileId> broken;
    std::map<TileId, int> loads;

    std::string describe() const override { return "fake source"; }
    int minZoom() const override { return 0; }
    int maxZoom() const override { return maxZ; }
    bool hasTile(const TileId& id) const override { return id.valid() && id.z <= maxZ; }
    Result<HeightGrid> load(const TileId& id) override {
        ++loads[id];
        if (broken.count(id)) return makeError("fake/" + id.str() + ".png: not a PNG file");
        HeightGrid g;
        g.width = g.height = 16;
        g.samples.resize(256);
        // A west-to-east ramp from 1000*z to 1000*z + 150 m.
        for (int j = 0; j < 16; ++j)
            for (int i = 0; i < 16; ++i) g.samples[std::size_t(j * 16 + i)] = float(1000 * id.z + 10 * i);
        return g;
    }
};

struct Fixture {
    std::shared_ptr<FakeSource> source = std::make_shared<FakeSource>();
    std::vector<std::string> messages;
    TileStore store{source, [this](const std::string& m) { messages.push_back(m); }};
};

}  // namespace

TEST_CASE("tile store loads tiles from the source", "[store]") {
    Fixture f;
    CHECK(f.store.hasData({2, 1, 1}));
    CHECK(!f.store.hasData({3, 1, 1}));
    CHECK(!f.store.isResident({0, 0, 0}));
    CHECK(!f.store.heightRange({0, 0, 0}));
    // (z1 before z0: heights differ by level here, and a tile meshed after a resident tile one
    // level up beside it would blend its edge toward that one.)
    REQUIRE(f.store.load({1, 1, 0}));
    REQUIRE(f.store.load({0, 0, 0}));
    CHECK(f.store.size() == 2);
    const ResidentTile* t = f.store.find({1, 1, 0});
    REQUIRE(t);
    CHECK(!t->fromAncestor);
    CHECK(t->mesh.id == TileId{1, 1, 0});
    CHECK(t->mesh.vertices.size() == std::size_t(tileVertexCount(tileGridSize())));
    const auto range = f.store.heightRange({1, 1, 0});
    REQUIRE(range);
    CHECK(range->first == 1000.0f);
    CHECK(range->second == 1150.0f);
    // Loading again is a no-op.
    CHECK(f.store.load({1, 1, 0}));
    CHECK(f.source->loads[{1, 1, 0}] == 1);
    f.store.touch({1, 1, 0}, 42);
    CHECK(f.store.find({1, 1, 0})->lastUsedFrame == 42);
    f.store.evict({1, 1, 0});
    CHECK(!f.store.isResident({1, 1, 0}));
    CHECK(f.messages.empty());
    CHECK(!f.store.load({2, 9, 0}));  // invalid id
}

TEST_CASE("a failing tile is logged once and drawn from its parent", "[store]") {
    Fixture f;
    f.source->broken.insert({2, 1, 1});
    REQUIRE(f.store.load({1, 0, 0}));
    REQUIRE(f.store.load({2, 1, 1}));
    const ResidentTile* t = f.store.find({2, 1, 1});
    REQUIRE(t);
    CHECK(t->fromAncestor);
    REQUIRE(f.messages.size() == 1);
    CHECK(f.messages[0].find("fake/2/1/1.png: not a PNG file") == 0);
    CHECK(f.messages[0].find("1/0/0") != std::string::npos);
    // Heights come from the parent (z1 ramp: 1000..1150 m), over the parent's east half.
    const auto range = f.store.heightRange({2, 1, 1});
    REQUIRE(range);
    CHECK(range->first >= 1070.0f);
    CHECK(range->second <= 1150.0f);
    // Evicted and loaded again: tried again, not logged again.
    f.store.evict({2, 1, 1});
    REQUIRE(f.store.load({2, 1, 1}));
    CHECK(f.source->loads[{2, 1, 1}] == 2);
    CHECK(f.messages.size() == 1);
}

TEST_CASE("tiles beyond the data are upsampled from the nearest resident ancestor", "[store]") {
    Fixture f;
    REQUIRE(f.store.load({2, 2, 1}));
    // z4 with only z2 resident: skips the missing z3.
    const TileId deep{4, 8, 4};
    REQUIRE(isAncestor({2, 2, 1}, deep));
    REQUIRE(f.store.load(deep));
    const ResidentTile* t = f.store.find(deep);
    REQUIRE(t);
    CHECK(t->fromAncestor);
    CHECK(f.source->loads.count(deep) == 0);
    CHECK(f.messages.empty());
    // It shares the z2 tile's heights (no copy) and reads them through its window.
    const ResidentTile* z2 = f.store.find({2, 2, 1});
    CHECK(t->grid == z2->grid);
    CHECK(t->gridTile == TileId{2, 2, 1});
    const GridWindow w = gridWindow(*z2->grid, {2, 2, 1}, deep);
    const int g = tileGridSize();
    CHECK(t->mesh.vertices[0].height == Approx(w.sample(0.0, 0.0)));
    CHECK(t->mesh.vertices[std::size_t(g * g - 1)].height == Approx(w.sample(1.0, 1.0)));
    // Its west quarter of the z2 ramp (2000..2150 m).
    CHECK(t->mesh.minHeight >= 2000.0f);
    CHECK(t->mesh.maxHeight <= 2050.0f);
}

TEST_CASE("nothing to fall back on: a failing root tile is drawn as the bare ellipsoid", "[store]") {
    Fixture f;
    f.source->broken.insert({0, 0, 0});
    CHECK(f.store.load({0, 0, 0}));
    CHECK(f.store.load({0, 0, 0}));  // resident now: not loaded or reported again
    CHECK(f.store.size() == 1);
    REQUIRE(f.messages.size() == 1);
    CHECK(f.messages[0].find("0/0/0.png: not a PNG file") != std::string::npos);
    CHECK(f.messages[0].find("flat") != std::string::npos);
    const ResidentTile* t = f.store.find({0, 0, 0});
    REQUIRE(t);
    CHECK(t->fromAncestor);
    CHECK(t->mesh.minHeight == 0.0f);
    CHECK(t->mesh.maxHeight == 0.0f);
    // A source without any data at all: the globe is still there, flat.
    auto empty = std::make_shared<FakeSource>();
    empty->maxZ = -1;
    TileStore store(empty, nullptr);
    CHECK(!store.hasData({0, 0, 0}));
    CHECK(store.load({0, 0, 0}));
    CHECK(store.find({0, 0, 0})->fromAncestor);
}

TEST_CASE("the tile store drives the selection to a settled view", "[store][selection]") {
    Fixture f;
    f.source->maxZ = 6;
    f.source->broken.insert({5, 22, 12});  // somewhere in view: drawn from its parent instead
    const Camera cam = makeCamera({91.583, 29.6, 300000, 0, -60}, 640, 360);
    SelectionParams params;
    Selection s = selectTiles(cam, params, f.store);
    int rounds = 0;
    while (!s.settled() && rounds < 20) {
        for (const TileId& id : s.load) REQUIRE(f.store.load(id));
        s = selectTiles(cam, params, f.store);
        ++rounds;
    }
    CHECK(s.settled());
    REQUIRE(!s.draw.empty());
    for (const TileId& id : s.draw) CHECK(f.store.isResident(id));
    int maxZ = 0;
    for (const TileId& id : s.draw) maxZ = std::max(maxZ, id.z);
    CHECK(maxZ == 6);
}
