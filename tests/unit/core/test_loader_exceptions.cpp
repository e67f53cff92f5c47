// A source that throws instead of returning an error must not end the process: the tile fails
// like any other (reported, drawn from its ancestor) and loading carries on.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <new>
#include <stdexcept>
#include <vector>

#include "core/async_loader.h"
#include "core/tile_store.h"

using namespace plateau;

namespace {

// Data everywhere down to z6. Tiles whose x is 1 (mod 4) throw std::runtime_error, 2 (mod 4)
// std::bad_alloc, 3 (mod 4) an int; the others load a flat grid at 100 * z metres.
class ThrowingSource : public TileSource {
public:
    std::atomic<int> loads{0};
    std::string describe() const override { return "throwing source"; }
    int minZoom() const override { return 0; }
    int maxZoom() const override { return 6; }
    bool hasTile(const TileId& id) const override { return id.valid() && id.z <= 6; }
    Result<HeightGrid> load(const TileId& id) override {
        ++loads;
        if (id.x % 4 == 1) throw std::runtime_error("decoder state corrupt");
        if (id.x % 4 == 2) throw std::bad_alloc();
        if (id.x % 4 == 3) throw 42;
        HeightGrid g;
        g.width = g.height = 8;
        g.samples.assign(64, float(100 * id.z));
        return g;
    }
};

std::shared_ptr<const HeightGrid> gridAt(float h) {
    HeightGrid g;
    g.width = g.height = 8;
    g.samples.assign(64, h);
    return std::make_shared<const HeightGrid>(std::move(g));
}

}  // namespace

TEST_CASE("a source's exception becomes the tile's failure, drawn from its ancestor", "[loader][exceptions]") {
    ThrowingSource source;
    const TileId parent{4, 0, 5};
    const auto parentGrid = gridAt(1234.0f);

    const ProducedTile runtime = produceTile(source, TileId{5, 1, 10}, parentGrid, parent);
    CHECK(runtime.failure == "throwing source: tile 5/1/10: unexpected error (decoder state corrupt)");
    REQUIRE(runtime.ok());
    CHECK(runtime.fromAncestor);
    CHECK(runtime.gridTile == parent);
    CHECK(runtime.grid == parentGrid);  // shared, not copied
    CHECK_FALSE(runtime.mesh.vertices.empty());

    const ProducedTile oom = produceTile(source, TileId{5, 2, 10}, parentGrid, parent);
    CHECK(oom.failure == "throwing source: tile 5/2/10: out of memory (std::bad_alloc)");
    CHECK(oom.fromAncestor);
    CHECK(oom.gridTile == parent);

    const ProducedTile odd = produceTile(source, TileId{5, 3, 10}, parentGrid, parent);
    CHECK(odd.failure == "throwing source: tile 5/3/10: unexpected error (not a std::exception)");
    CHECK(odd.fromAncestor);

    // No ancestor: the flat stand-in, as for any failed root tile.
    const ProducedTile root = produceTile(source, TileId{0, 0, 0}, nullptr, TileId{});
    CHECK(root.failure.empty());
    CHECK_FALSE(root.fromAncestor);
    const ProducedTile orphan = produceTile(source, TileId{2, 1, 1}, nullptr, TileId{});
    CHECK_FALSE(orphan.failure.empty());
    REQUIRE(orphan.ok());
    CHECK(orphan.gridTile == orphan.id);
    CHECK(orphan.grid->samples.front() == 0.0f);

    // A tile that loads is unaffected.
    const ProducedTile fine = produceTile(source, TileId{5, 4, 10}, parentGrid, parent);
    CHECK(fine.failure.empty());
    CHECK(fine.hasOwnData());
    CHECK(fine.grid->samples.front() == 500.0f);
}

TEST_CASE("a tile that failed outside the source is drawn from its ancestor", "[loader][exceptions]") {
    const TileId parent{4, 0, 5};
    const auto parentGrid = gridAt(900.0f);
    const ProducedTile t = produceFailedTile(TileId{5, 0, 10}, parentGrid, parent, nullptr, "x: out of memory");
    CHECK(t.failure == "x: out of memory");
    REQUIRE(t.ok());
    CHECK(t.fromAncestor);
    CHECK(t.gridTile == parent);
    CHECK_FALSE(t.mesh.vertices.empty());
}

TEST_CASE("worker threads survive sources that throw, and every tile finishes", "[loader][exceptions]") {
    auto source = std::make_shared<ThrowingSource>();
    const auto parentGrid = gridAt(700.0f);
    const TileId parent{3, 0, 3};
    TileStore store(source, [](const std::string&) {});  // owns the grids the workers publish
    AsyncTileLoader loader(source, 2, 96, &store);
    std::vector<TileRequest> wanted;
    for (int x = 0; x < 8; ++x)
        for (int y = 6; y < 8; ++y) wanted.push_back({TileId{4, x, y}, parentGrid, parent});
    loader.setWanted(wanted);

    std::vector<ProducedTile> done;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (done.size() < wanted.size() && std::chrono::steady_clock::now() < deadline) {
        loader.helpOne();  // the calling thread's path too
        loader.waitForProgress(0.05);
        for (auto& t : loader.takeFinished(100)) done.push_back(std::move(t));
    }
    REQUIRE(done.size() == wanted.size());
    CHECK_FALSE(loader.busy());
    CHECK(loader.stats().produced == wanted.size());
    int failed = 0;
    for (const ProducedTile& t : done) {
        const bool throws = t.id.x % 4 != 0;
        CHECK(t.failure.empty() == !throws);
        CHECK(t.ok());
        if (throws) {
            ++failed;
            CHECK(t.fromAncestor);
            CHECK(t.gridTile == parent);
            CHECK(t.failure.rfind("throwing source: tile " + t.id.str() + ": ", 0) == 0);
        } else {
            CHECK(t.hasOwnData());
        }
    }
    CHECK(failed == 12);

    // The loader keeps working after the exceptions.
    loader.setWanted({{TileId{5, 0, 12}, nullptr, {}}});
    while (loader.busy() && std::chrono::steady_clock::now() < deadline) loader.waitForProgress(0.05);
    const auto more = loader.takeFinished(10);
    REQUIRE(more.size() == 1);
    CHECK(more[0].hasOwnData());
}

TEST_CASE("the tile store reports a throwing tile once and draws it from its parent", "[loader][exceptions][store]") {
    auto source = std::make_shared<ThrowingSource>();
    std::vector<std::string> messages;
    TileStore store(source, [&](const std::string& m) { messages.push_back(m); });
    REQUIRE(store.load(TileId{0, 0, 0}));
    REQUIRE(store.load(TileId{1, 0, 0}));
    REQUIRE(store.load(TileId{2, 1, 0}));  // throws std::runtime_error
    const ResidentTile* t = store.find(TileId{2, 1, 0});
    REQUIRE(t);
    CHECK(t->fromAncestor);
    CHECK(t->gridTile == (TileId{1, 0, 0}));
    REQUIRE(messages.size() == 1);
    CHECK(messages[0] == "throwing source: tile 2/1/0: unexpected error (decoder state corrupt) (drawing 2/1/0 from 1/0/0)");
}
