// The per-frame staging ring: bump allocation inside a budget, space reused only when its frame
// slot comes round again, temporary growth for frames over budget, and the tile pool's staged
// path going through it (no allocation per tile).
#include <catch2/catch.hpp>

#include <set>

#include "gpu/context.h"
#include "gpu/frame_ring.h"
#include "gpu/staging_ring.h"
#include "gpu/tile_pool.h"
#include "gpu/vk_check.h"
#include "gpu_test_support.h"

using namespace plateau;
using namespace plateau::gpu;

namespace {
std::unique_ptr<Context> stagingContext(std::vector<std::string>& log) {
    ContextOptions o;
    o.validation = true;
    o.forceStaging = true;
    o.log = [&log](const std::string& s) { log.push_back(s); };
    return Context::create(o);
}
}  // namespace

TEST_CASE("staging ring: bump allocation, reuse after the slot's fence, growth only for the frame over budget",
          "[gpu][staging-ring]") {
    std::vector<std::string> log;
    auto ctx = stagingContext(log);
    constexpr VkDeviceSize kBudget = 64 * 1024;
    // No frame is submitted here, so each slot's fence stays signalled and begin() never waits.
    FrameRing ring(*ctx, kBudget);
    StagingRing& st = ring.staging();
    CHECK(st.stats().buffersCreated == 0);  // nothing until something is staged

    ring.begin();  // frame 1, slot 0
    const StagingSpan a = st.allocate(100);
    const StagingSpan b = st.allocate(1000, 256);
    CHECK(a.offset == 0);
    CHECK(b.buffer == a.buffer);
    CHECK(b.offset == 256);  // 100 rounded up to the alignment
    CHECK(b.data == a.data + 256);
    const StagingSpan c = st.allocate(10);
    CHECK(c.offset == 256 + 1000 + 8);  // 1256 rounded up to 16
    CHECK(st.stats().buffersCreated == 1);

    ring.begin();  // frame 2, slot 1: its own buffer
    const StagingSpan d = st.allocate(100);
    CHECK(d.buffer != a.buffer);
    CHECK(d.offset == 0);
    CHECK(st.stats().buffersCreated == 2);

    ring.begin();  // frame 3, slot 0 again: frame 1 is done, its space is reused from the start
    const StagingSpan e = st.allocate(100);
    CHECK(e.buffer == a.buffer);
    CHECK(e.offset == 0);

    // Many frames under budget: no more allocations, whatever the number of spans.
    for (int f = 0; f < 20; ++f) {
        ring.begin();
        for (int i = 0; i < 50; ++i) st.allocate(1000);
    }
    CHECK(st.stats().buffersCreated == 2);
    CHECK(st.bytesHeld() == 2 * kBudget);

    // A frame needing three budgets' worth grows for that frame only.
    ring.begin();
    std::set<VkBuffer> buffers;
    for (int i = 0; i < 3 * 64; ++i) {
        const StagingSpan s = st.allocate(1024);
        REQUIRE(s.offset + s.size <= kBudget);
        buffers.insert(s.buffer);
    }
    CHECK(buffers.size() == 3);
    CHECK(st.stats().overflowBuffers == 2);
    CHECK(st.bytesHeld() == 4 * kBudget);
    CHECK(st.stats().peakFrameBytes == 3 * kBudget);
    const StagingSpan big = st.allocate(3 * kBudget);  // larger than the budget: a buffer of its own
    CHECK(big.offset == 0);
    CHECK(st.stats().overflowBuffers == 3);
    ring.begin();  // the other slot: the overflow stays until its own slot comes round
    CHECK(st.bytesHeld() == 4 * kBudget + 3 * kBudget);
    ring.begin();
    CHECK(st.bytesHeld() == 2 * kBudget);  // back to the budget

    CHECK_THROWS_AS(st.allocate(16, 24), GpuError);  // not a power of two
    CHECK_THROWS_AS(st.allocate(0), GpuError);
    CHECK(ctx->validationMessageCount() == 0);
}

TEST_CASE("staged tile uploads go through the ring: no allocation per tile", "[gpu][staging-ring]") {
    test::GpuFixture fx(160, 90, true);
    const TilePool& pool = fx.session->renderer().tilePool();
    REQUIRE(pool.staged());
    Shading s;
    fx.render(CameraPose{91.45, 29.05, 16000, 20, -22}, s);
    fx.render(CameraPose{90.4, 29.4, 40000, 0, -90}, s);
    REQUIRE(fx.validationMessages() == 0);
    const StagingRing::Stats& st = pool.stagingStats();
    const std::uint64_t tiles = pool.bytesUploaded() / pool.bytesPerTile();
    INFO(tiles << " tiles uploaded, " << st.allocations << " staging spans, " << st.buffersCreated
               << " staging buffers, peak " << st.peakFrameBytes << " bytes in a frame");
    REQUIRE(tiles > 20);
    CHECK(st.allocations == 2 * tiles + 1);  // every tile's mesh and normal map, and the shared index buffer
    // Per-tile buffers would make one allocation per tile; the ring makes one per slot plus one
    // per budget's worth of a burst (settling uploads every tile of a view in one frame).
    const std::uint64_t budgets = (st.bytes + st.allocations * 16) / StagingRing::kDefaultBytesPerFrame + 1;
    CHECK(st.buffersCreated <= 2 + budgets);
    CHECK(st.buffersCreated < tiles / 4);
}
