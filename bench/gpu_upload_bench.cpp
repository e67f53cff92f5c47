// CPU cost of staging uploads on the Vulkan device at hand (lavapipe in CI): a tile mesh staged
// through the per-frame ring against a staging buffer allocated per tile (what the ring
// replaced), and a 256x256 overlay layer written into the image array in place or staged.
// Run: build/bench/plateau_gpu_bench
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

#include "core/tile_mesh.h"
#include "gpu/context.h"
#include "gpu/frame_ring.h"
#include "gpu/image_array.h"
#include "gpu/memory_types.h"
#include "gpu/vk_check.h"

namespace {
using namespace plateau;
using namespace plateau::gpu;

gpu::Context& context(bool forceStaging) {
    static std::unique_ptr<Context> ctx[2];
    auto& c = ctx[forceStaging ? 1 : 0];
    if (!c) {
        ContextOptions o;
        o.forceStaging = forceStaging;
        c = Context::create(o);
    }
    return *c;
}

std::size_t tileBytes() {
    const auto idx = buildTileIndices(tileGridSize());
    return (*std::max_element(idx.begin(), idx.end()) + 1) * sizeof(TerrainVertex);
}

void BM_StagingBufferPerTile(benchmark::State& state) {
    Context& ctx = context(true);
    const std::size_t bytes = tileBytes();
    const std::vector<std::uint8_t> mesh(bytes, 7);
    const auto type = findMemoryType(ctx.memoryProperties(), bufferMemoryTypeBits(ctx, VK_BUFFER_USAGE_TRANSFER_SRC_BIT),
                                     VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT);
    // As before the ring: each buffer lives until its frame slot comes round (two frames later).
    std::vector<Buffer> frames[kFramesInFlight];
    int n = 0, slot = 0;
    for (auto _ : state) {
        if (n++ % 48 == 0) {
            slot = (slot + 1) % kFramesInFlight;
            frames[slot].clear();
        }
        Buffer b(ctx, bytes, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, *type);
        std::memcpy(b.mapped(), mesh.data(), bytes);
        benchmark::DoNotOptimize(b.mapped());
        frames[slot].push_back(std::move(b));
    }
    state.SetBytesProcessed(std::int64_t(state.iterations()) * std::int64_t(bytes));
}
BENCHMARK(BM_StagingBufferPerTile);

void BM_StagingRingPerTile(benchmark::State& state) {
    Context& ctx = context(true);
    FrameRing ring(ctx);
    const std::size_t bytes = tileBytes();
    const std::vector<std::uint8_t> mesh(bytes, 7);
    int n = 0;
    for (auto _ : state) {
        if (n++ % 48 == 0) ring.begin();  // 48 uploads per frame, the default scene's limit
        const StagingSpan s = ring.staging().allocate(bytes);
        std::memcpy(s.data, mesh.data(), bytes);
        benchmark::DoNotOptimize(s.data);
    }
    state.SetBytesProcessed(std::int64_t(state.iterations()) * std::int64_t(bytes));
}
BENCHMARK(BM_StagingRingPerTile);

// 32 overlay layers per submit (uploads recorded into one frame), cost per layer including the
// GPU copy when staged.
void BM_ImageLayerUpload(benchmark::State& state) {
    const bool staged = state.range(0) != 0;
    Context& ctx = context(staged);
    FrameRing ring(ctx);
    ImageArray arr(ctx, ring.staging(), 256, 64);
    const std::vector<std::uint8_t> px(arr.bytesPerLayer(), 99);
    for (auto _ : state) {
        ring.begin();
        ctx.immediateSubmit([&](VkCommandBuffer cmd) {
            for (std::uint32_t l = 0; l < 32; ++l) arr.upload(cmd, l, px.data());
        });
    }
    state.SetItemsProcessed(std::int64_t(state.iterations()) * 32);
    state.SetBytesProcessed(std::int64_t(state.iterations()) * 32 * std::int64_t(arr.bytesPerLayer()));
    state.SetLabel(arr.staged() ? "staged" : "in place");
}
BENCHMARK(BM_ImageLayerUpload)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
}  // namespace

BENCHMARK_MAIN();
