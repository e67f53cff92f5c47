// Asynchronous loading and the memory budget, with a procedural source of unbounded extent and a
// fake GPU uploader: no files, no GPU.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstring>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_set>

#include "core/async_loader.h"
#include "core/tile_residency.h"

using namespace plateau;

namespace {

// Rolling hills everywhere on Earth down to z14: far more data than any budget.
class ProceduralSource : public TileSource {
public:
    int delayMs = 0;
    int jitterMs = 0;  // up to this much more, varying by tile
    std::atomic<int> loads{0};
    std::string describe() const override { return "procedural"; }
    int minZoom() const override { return 0; }
    int maxZoom() const override { return 14; }
    bool hasTile(const TileId& id) const override { return id.valid() && id.z <= 14; }
    Result<HeightGrid> load(const TileId& id) override {
        ++loads;
        const int jitter = jitterMs ? int((id.x * 7 + id.y * 13 + id.z) % (jitterMs + 1)) : 0;
        if (delayMs + jitter) std::this_thread::sleep_for(std::chrono::milliseconds(delayMs + jitter));
        HeightGrid g;
        g.width = g.height = 32;
        g.samples.resize(32 * 32);
        for (int j = 0; j < 32; ++j)
            for (int i = 0; i < 32; ++i) {
                double lon = 0, lat = 0;
                tileUVToLonLat(id, (i + 0.5) / 32.0, (j + 0.5) / 32.0, lon, lat);
                g.samples[std::size_t(j * 32 + i)] = float(1500.0 + 800.0 * std::sin(lon * 3.0) * std::cos(lat * 2.0));
            }
        return g;
    }
};

// Counts what the GPU would hold, with a fixed number of slots.
class FakeUploader : public TileUploader {
public:
    std::size_t slots = 64;
    std::unordered_set<TileId, TileIdHash> resident;
    std::size_t maxResident = 0;
    bool upload(const TileMesh& mesh) override {
        if (resident.size() >= slots) return false;
        resident.insert(mesh.id);
        maxResident = std::max(maxResident, resident.size());
        return true;
    }
    bool replace(const TileMesh& mesh) override {
        ++replaced;
        return resident.count(mesh.id) != 0;
    }
    void release(const TileId& id) override { resident.erase(id); }
    int replaced = 0;
    std::size_t capacity() const override { return slots; }
};

SelectionParams params() {
    SelectionParams p;
    p.maxScreenSpaceError = 8.0;
    p.maxZoom = 14;
    return p;
}

// How many GPU slots one settled view needs, with room for all of them.
std::size_t tilesForView(const std::shared_ptr<TileSource>& source, const Camera& cam) {
    FakeUploader roomy;
    roomy.slots = 4096;
    TileResidency r(source, roomy, nullptr, {}, 2);
    REQUIRE(r.settle(cam, params(), 30.0).settled);
    return roomy.resident.size();
}

}  // namespace

TEST_CASE("a long flight stays within the memory budget", "[residency][budget]") {
    auto source = std::make_shared<ProceduralSource>();
    FakeUploader gpu;
    gpu.slots = 256;  // the CPU budget binds first
    MemoryBudget budget;
    budget.cpuBytes = std::size_t(5) << 20;  // 5 MiB: a little more than one view needs
    TileResidency residency(source, gpu, nullptr, budget, 2);

    std::size_t maxBytes = 0, maxDrawn = 0;
    std::set<TileId> distinct;
    // 8,000 frames eastward along 30 N at 6 km, looking ahead: twice around the Earth, settling
    // every 25th frame.
    for (int f = 0; f < 8000; ++f) {
        const double lon = std::fmod(10.0 + f * 0.09 + 180.0, 360.0) - 180.0;
        const Camera cam = makeCamera(CameraPose{lon, 30.0, 6000, 90, -30}, 256, 144);
        const auto r = (f % 25 == 0) ? residency.settle(cam, params(), 30.0) : residency.update(cam, params(), 8);
        maxBytes = std::max(maxBytes, residency.store().bytes());
        REQUIRE(gpu.resident.size() <= gpu.slots);
        REQUIRE(residency.store().size() == gpu.resident.size());  // store and GPU agree
        for (const TileId& id : residency.drawList()) {
            distinct.insert(id);
            REQUIRE(gpu.resident.count(id));  // everything drawn is on the GPU
        }
        if (f % 25 == 0) REQUIRE(r.settled);
        // Eviction keeps every tile the selection walked through, so the same view selects the
        // same tiles again (no collapse to a coarse ancestor because a sibling went missing).
        REQUIRE(selectTiles(cam, params(), residency.store()).draw == residency.drawList());
        maxDrawn = std::max(maxDrawn, residency.drawList().size());
    }
    const std::size_t bytesPerTile = residency.store().bytes() / std::max<std::size_t>(1, residency.store().size());
    INFO("max resident " << maxBytes << " bytes of " << budget.cpuBytes << "; tiles uploaded "
                         << residency.uploadedTotal() << ", evicted " << residency.evictedTotal() << ", max drawn "
                         << maxDrawn << ", " << bytesPerTile << " bytes per tile");
    CHECK(maxBytes <= budget.cpuBytes);
    CHECK(residency.evictedTotal() > 0);
    // The flight went through fifty times more data than the budget holds.
    CHECK(residency.uploadedTotal() * bytesPerTile > 50 * budget.cpuBytes);
    CHECK(distinct.size() > 300);
}

TEST_CASE("settling loads every tile the view needs at the target error", "[residency]") {
    auto source = std::make_shared<ProceduralSource>();
    FakeUploader gpu;
    gpu.slots = 4096;
    TileResidency residency(source, gpu, nullptr, {}, 2);
    const Camera cam = makeCamera(CameraPose{91.5, 29.5, 20000, 0, -40}, 320, 180);
    const auto r = residency.settle(cam, params(), 30.0);
    REQUIRE(r.settled);
    // The same selection over the settled store asks for nothing more and draws the same tiles.
    const Selection again = selectTiles(cam, params(), residency.store());
    CHECK(again.load.empty());
    CHECK(again.draw == residency.drawList());
    int maxZ = 0;
    for (const TileId& id : again.draw) maxZ = std::max(maxZ, id.z);
    // The nearest ground in view is over 20 km away: z9 tiles (611 m of error, 7.4 px there at
    // 320x180) meet the 8 px target and z8 tiles (15 px) do not.
    CHECK(maxZ == 9);
}

TEST_CASE("a settled view has the same meshes whatever order the workers finished in", "[residency][seams]") {
    const Camera cam = makeCamera(CameraPose{91.5, 29.5, 20000, 0, -40}, 320, 180);
    std::map<TileId, std::vector<TerrainVertex>> first;
    for (int run = 0; run < 3; ++run) {
        auto source = std::make_shared<ProceduralSource>();
        source->jitterMs = run;  // a different finishing order every run
        FakeUploader gpu;
        gpu.slots = 4096;
        TileResidency residency(source, gpu, nullptr, {}, run + 1);
        REQUIRE(residency.settle(cam, params(), 30.0).settled);
        for (const TileId& id : residency.drawList()) {
            const auto& v = residency.store().find(id)->mesh.vertices;
            if (run == 0) {
                first[id] = v;
                continue;
            }
            REQUIRE(first.count(id));
            INFO(id.str());
            CHECK(std::memcmp(first[id].data(), v.data(), v.size() * sizeof(TerrainVertex)) == 0);
        }
        CHECK(residency.drawList().size() == first.size());
    }
}

TEST_CASE("a full GPU pool evicts tiles out of view and retries; with everything in view it gives up cleanly",
          "[residency][budget]") {
    auto source = std::make_shared<ProceduralSource>();
    FakeUploader gpu;
    const Camera here = makeCamera(CameraPose{91.5, 29.5, 20000, 0, -40}, 320, 180);
    const Camera there = makeCamera(CameraPose{10.0, 45.0, 20000, 0, -40}, 320, 180);
    const std::size_t needHere = tilesForView(source, here);
    REQUIRE(needHere > 20);
    SECTION("evict and retry: a second view fits once the first one's tiles go") {
        gpu.slots = needHere + needHere / 2;  // room for one view, not two
        TileResidency residency(source, gpu, nullptr, {}, 2);
        REQUIRE(residency.settle(here, params(), 30.0).settled);
        const auto evictedBefore = residency.evictedTotal();
        REQUIRE(residency.settle(there, params(), 30.0).settled);
        CHECK(residency.evictedTotal() > evictedBefore);
        CHECK(gpu.resident.size() <= gpu.slots);
        CHECK(residency.store().size() == gpu.resident.size());
        for (const TileId& id : residency.drawList()) CHECK(gpu.resident.count(id));
    }
    SECTION("give up: a view that needs more slots than exist is drawn from what fits, without hanging") {
        gpu.slots = needHere / 3;
        TileResidency residency(source, gpu, nullptr, {}, 2);
        const auto t0 = std::chrono::steady_clock::now();
        const auto r = residency.settle(here, params(), 3.0);
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        CHECK(s < 10.0);
        CHECK_FALSE(r.settled);
        CHECK(r.missing > 0);
        CHECK(gpu.resident.size() <= gpu.slots);
        CHECK(residency.store().size() == gpu.resident.size());  // nothing kept that the GPU lacks
        CHECK_FALSE(residency.drawList().empty());               // coarser tiles stand in
        for (const TileId& id : residency.drawList()) CHECK(gpu.resident.count(id));
        // Frames after giving up go on without errors or growth.
        for (int f = 0; f < 20; ++f) residency.update(here, params(), 8);
        CHECK(gpu.resident.size() <= gpu.slots);
        CHECK(residency.store().size() == gpu.resident.size());
    }
}

TEST_CASE("a full GPU pool stays nearly full: eviction frees a sixteenth of the slots, not more",
          "[residency][budget]") {
    // The store holds the tiles the GPU holds, so how far eviction empties the pool is how far
    // the decoded tiles' memory swings while flying: a narrow swing keeps the process's memory flat.
    auto source = std::make_shared<ProceduralSource>();
    const std::size_t needHere = tilesForView(source, makeCamera(CameraPose{10.0, 30.0, 6000, 90, -30}, 256, 144));
    FakeUploader gpu;
    gpu.slots = std::max<std::size_t>(needHere * 2, 64);
    MemoryBudget budget;
    budget.cpuBytes = std::size_t(1) << 30;  // the GPU pool binds, not the CPU budget
    TileResidency residency(source, gpu, nullptr, budget, 2);
    bool filled = false;
    std::size_t lowest = gpu.slots;
    for (int f = 0; f < 300; ++f) {
        const Camera cam = makeCamera(CameraPose{10.0 + f * 0.05, 30.0, 6000, 90, -30}, 256, 144);
        REQUIRE(residency.settle(cam, params(), 30.0).settled);
        filled = filled || gpu.maxResident == gpu.slots;
        if (filled) lowest = std::min(lowest, gpu.resident.size());
    }
    REQUIRE(filled);
    INFO(gpu.slots << " slots, " << needHere << " for one view, " << residency.evictedTotal() << " evicted");
    CHECK(residency.evictedTotal() > 2 * gpu.slots);  // the flight went through the pool several times
    CHECK(lowest >= gpu.slots - gpu.slots / 16);
}

TEST_CASE("interactive frames never wait and draw parents until children arrive", "[residency]") {
    auto source = std::make_shared<ProceduralSource>();
    source->delayMs = 30;  // a slow disk
    FakeUploader gpu;
    gpu.slots = 4096;
    TileResidency residency(source, gpu, nullptr, {}, 1);
    const Camera cam = makeCamera(CameraPose{91.5, 29.5, 20000, 0, -40}, 320, 180);
    residency.settle(makeCamera(CameraPose{91.5, 29.5, 2.0e7, 0, -90}, 320, 180), params(), 30.0);  // the globe
    const auto t0 = std::chrono::steady_clock::now();
    const auto r = residency.update(cam, params(), 4);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    CHECK(ms < 25.0);  // less than one tile load: nothing was loaded on this thread
    CHECK_FALSE(r.settled);
    CHECK(r.drawn > 0);  // coarser tiles stand in
    for (const TileId& id : residency.drawList()) CHECK(residency.store().isResident(id));
}

TEST_CASE("requests no longer wanted are cancelled before they start", "[residency][loader]") {
    auto source = std::make_shared<ProceduralSource>();
    source->delayMs = 20;
    AsyncTileLoader loader(source, 1);
    std::vector<TileRequest> many;
    for (int x = 0; x < 60; ++x) many.push_back({TileId{8, x, 100}, nullptr, {}});
    loader.setWanted(many);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::vector<TileRequest> few;
    for (int x = 200; x < 203; ++x) few.push_back({TileId{8, x, 100}, nullptr, {}});
    loader.setWanted(few);
    std::vector<ProducedTile> done;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (loader.busy() && std::chrono::steady_clock::now() < deadline) {
        loader.waitForProgress(0.1);
        for (auto& t : loader.takeFinished(100)) done.push_back(std::move(t));
    }
    const auto stats = loader.stats();
    CHECK(stats.cancelled >= 50);
    CHECK(source->loads.load() < 12);  // the few, plus the ones already started
    std::set<int> xs;
    for (const auto& t : done) xs.insert(t.id.x);
    CHECK(xs.count(200));
    CHECK(xs.count(202));
}

TEST_CASE("the loader's queue is capped, dropping the least important requests", "[residency][loader]") {
    auto source = std::make_shared<ProceduralSource>();
    source->delayMs = 10;
    AsyncTileLoader loader(source, 1, 8);  // at most 8 pending
    std::vector<TileRequest> many;
    for (int x = 0; x < 40; ++x) many.push_back({TileId{8, x, 100}, nullptr, {}});
    loader.setWanted(many);
    std::set<int> xs;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (loader.busy() && std::chrono::steady_clock::now() < deadline) {
        loader.waitForProgress(0.1);
        for (auto& t : loader.takeFinished(100)) xs.insert(t.id.x);
    }
    REQUIRE_FALSE(loader.busy());
    // The most important come first and the tail beyond the cap is never produced.
    CHECK(source->loads.load() <= 9);  // the 8 queued, plus one a worker may have taken meanwhile
    CHECK(xs.count(0));
    CHECK(xs.count(6));
    CHECK_FALSE(xs.count(39));
    CHECK(*xs.rbegin() < 10);
}

TEST_CASE("finished tiles waiting for the render thread are capped in bytes; taking them resumes the workers",
          "[residency][loader]") {
    auto source = std::make_shared<ProceduralSource>();
    // One tile's bytes, from a loader on a pool without a limit (every procedural tile of a
    // level has the same grid and mesh sizes).
    std::size_t tileBytes = 0;
    {
        AsyncTileLoader probe(source, std::make_shared<WorkerPool>(1, 0), 8, nullptr);
        probe.setWanted({{TileId{8, 99, 100}, nullptr, {}}});
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        std::vector<ProducedTile> got;
        while (got.empty() && std::chrono::steady_clock::now() < deadline) {
            probe.waitForProgress(0.1);
            got = probe.takeFinished(1);
        }
        REQUIRE(got.size() == 1);
        tileBytes = residentBytes(got[0]);
    }
    REQUIRE(tileBytes > 0);

    // Room for exactly three: the pool is full once three wait, and the workers stop.
    auto pool = std::make_shared<WorkerPool>(1, 3 * tileBytes);
    auto loader = std::make_unique<AsyncTileLoader>(source, pool, 96, nullptr);
    std::vector<TileRequest> many;
    for (int x = 0; x < 20; ++x) many.push_back({TileId{8, x, 100}, nullptr, {}});
    loader->setWanted(many);
    const auto waitFor = [&](std::uint64_t produced) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (loader->stats().produced < produced && std::chrono::steady_clock::now() < deadline)
            loader->waitForProgress(0.05);
        // Long enough for a worker that ignored the limit to produce several more.
        std::this_thread::sleep_for(std::chrono::milliseconds(150));
    };
    waitFor(3);
    CHECK(loader->stats().produced == 3);
    CHECK(pool->heldBytes() == 3 * tileBytes);
    CHECK(pool->heldFull());

    // A thread settling a view still produces on its own (it takes the result right after).
    CHECK(loader->helpOne());
    CHECK(loader->stats().produced == 4);
    CHECK(pool->heldBytes() == 4 * tileBytes);

    // The render thread takes two: the worker makes one more and stops again.
    const auto first = loader->takeFinished(2);
    REQUIRE(first.size() == 2);
    CHECK(first[0].id.x == 0);
    CHECK(first[1].id.x == 1);
    CHECK(residentBytes(first[0]) == tileBytes);
    waitFor(5);
    CHECK(loader->stats().produced == 5);
    CHECK(pool->heldBytes() == 3 * tileBytes);

    // Results dropped because the view moved on no longer count either.
    loader->setWanted({many[2]});
    CHECK(loader->stats().discarded == 2);
    CHECK(pool->heldBytes() == tileBytes);
    // Nor do those of a loader that goes away (the pool is shared and outlives it).
    loader.reset();
    CHECK(pool->heldBytes() == 0);
    CHECK_FALSE(pool->heldFull());
}

TEST_CASE("a tile wanted again while in flight or waiting is produced once", "[residency][loader]") {
    struct Counting : ProceduralSource {
        std::mutex m;
        std::map<TileId, int> perTile;
        Result<HeightGrid> load(const TileId& id) override {
            {
                std::lock_guard lock(m);
                ++perTile[id];
            }
            return ProceduralSource::load(id);
        }
    };
    auto source = std::make_shared<Counting>();
    source->delayMs = 15;
    AsyncTileLoader loader(source, 2);
    std::vector<TileRequest> wanted;
    for (int x = 0; x < 6; ++x) wanted.push_back({TileId{7, x, 50}, nullptr, {}});
    wanted.push_back(wanted[2]);  // listed twice in one frame
    std::vector<ProducedTile> done;
    std::set<TileId> taken;
    // Every "frame" asks again for the tiles it has not received, as the view does while they
    // load; finished tiles are only taken every few frames, so some wait in the queue while
    // asked for again.
    for (int frame = 0; frame < 30; ++frame) {
        std::vector<TileRequest> now;
        for (const TileRequest& r : wanted)
            if (!taken.count(r.id)) now.push_back(r);
        loader.setWanted(now);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        if (frame % 6 == 5)
            for (auto& t : loader.takeFinished(100)) taken.insert(t.id), done.push_back(std::move(t));
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (loader.busy() && std::chrono::steady_clock::now() < deadline) {
        loader.waitForProgress(0.1);
        for (auto& t : loader.takeFinished(100)) done.push_back(std::move(t));
    }
    std::lock_guard lock(source->m);
    CHECK(source->perTile.size() == 6);
    for (const auto& [id, n] : source->perTile) {
        INFO(id.str());
        CHECK(n == 1);
    }
    std::map<TileId, int> delivered;
    for (const auto& t : done) ++delivered[t.id];
    CHECK(delivered.size() == 6);
    for (const auto& [id, n] : delivered) CHECK(n == 1);
}

TEST_CASE("the loader works on the most important request first", "[residency][loader]") {
    auto source = std::make_shared<ProceduralSource>();
    source->delayMs = 5;
    AsyncTileLoader loader(source, 1);
    std::vector<TileRequest> wanted;
    for (int x = 0; x < 10; ++x) wanted.push_back({TileId{6, x, 20}, nullptr, {}});
    loader.setWanted(wanted);
    std::vector<int> order;
    while (order.size() < 10) {
        loader.waitForProgress(1.0);
        for (auto& t : loader.takeFinished(100)) order.push_back(t.id.x);
    }
    for (std::size_t i = 0; i < order.size(); ++i) CHECK(order[i] == int(i));
}

TEST_CASE("finished tiles come out most wanted first; ones no longer wanted are dropped", "[residency][loader]") {
    auto source = std::make_shared<ProceduralSource>();
    AsyncTileLoader loader(source, 1);
    std::vector<TileRequest> wanted;
    for (int x = 0; x < 10; ++x) wanted.push_back({TileId{6, x, 20}, nullptr, {}});
    loader.setWanted(wanted);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (loader.stats().produced < 10 && std::chrono::steady_clock::now() < deadline) loader.waitForProgress(0.1);
    REQUIRE(loader.stats().produced == 10);
    // The view moved: only five of them are still wanted, in the opposite order.
    std::vector<TileRequest> now;
    for (int x = 8; x >= 0; x -= 2) now.push_back({TileId{6, x, 20}, nullptr, {}});
    loader.setWanted(now);
    const auto out = loader.takeFinished(100);
    REQUIRE(out.size() == 5);
    for (std::size_t i = 0; i < out.size(); ++i) CHECK(out[i].id == now[i].id);
    CHECK(loader.stats().discarded == 5);
    CHECK_FALSE(loader.busy());
}
