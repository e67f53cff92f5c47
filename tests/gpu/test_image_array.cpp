// The texture array for per-tile images: layers written with known patterns come back byte for
// byte, on the in-place path (lavapipe's unified memory) and the staged one (discrete GPUs), with
// synchronization validation watching the barriers.
#include <catch2/catch.hpp>

#include "gpu/context.h"
#include "gpu/frame_ring.h"
#include "gpu/image_array.h"
#include "gpu/vk_check.h"

using namespace plateau::gpu;

namespace {
std::vector<std::uint8_t> pattern(std::uint32_t size, std::uint32_t seed) {
    std::vector<std::uint8_t> px(std::size_t(size) * size * 4);
    for (std::uint32_t y = 0; y < size; ++y)
        for (std::uint32_t x = 0; x < size; ++x) {
            std::uint8_t* p = &px[(std::size_t(y) * size + x) * 4];
            p[0] = std::uint8_t(x + seed);
            p[1] = std::uint8_t(y * 3 + seed);
            p[2] = std::uint8_t((x ^ y) + 7 * seed);
            p[3] = std::uint8_t(255 - seed);
        }
    return px;
}

std::size_t mismatches(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b) {
    if (a.size() != b.size()) return std::max(a.size(), b.size());
    std::size_t n = 0;
    for (std::size_t i = 0; i < a.size(); ++i) n += a[i] != b[i] ? 1 : 0;
    return n;
}
}  // namespace

TEST_CASE("image array: layers come back as written, in place and staged", "[gpu][image-array]") {
    const bool forceStaging = GENERATE(false, true);
    std::vector<std::string> log;
    ContextOptions o;
    o.validation = true;
    o.forceStaging = forceStaging;
    o.log = [&log](const std::string& s) { log.push_back(s); };
    auto ctx = Context::create(o);
    FrameRing ring(*ctx);
    constexpr std::uint32_t kSize = 256, kLayers = 6;
    ImageArray arr(*ctx, ring.staging(), kSize, kLayers);
    INFO((forceStaging ? "forced staging" : "default plan") << ", staged: " << arr.staged());
    // Lavapipe's one memory type is device-local and mappable: in place unless staging is forced.
    CHECK(arr.staged() == forceStaging);
    CHECK(arr.sampleLayout() == (forceStaging ? VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL : VK_IMAGE_LAYOUT_GENERAL));

    const std::vector<std::uint8_t> zero(arr.bytesPerLayer(), 0);
    CHECK(mismatches(arr.readLayer(3), zero) == 0);  // layers start transparent black

    // One frame writes layers 0, 2 and 5; layer 2 twice (the second write wins).
    ring.begin();
    ctx->immediateSubmit([&](VkCommandBuffer cmd) {
        arr.upload(cmd, 0, pattern(kSize, 1).data());
        arr.upload(cmd, 2, pattern(kSize, 9).data());
        arr.upload(cmd, 5, pattern(kSize, 3).data());
        arr.upload(cmd, 2, pattern(kSize, 2).data());
    });
    CHECK(mismatches(arr.readLayer(0), pattern(kSize, 1)) == 0);
    CHECK(mismatches(arr.readLayer(2), pattern(kSize, 2)) == 0);
    CHECK(mismatches(arr.readLayer(5), pattern(kSize, 3)) == 0);
    CHECK(mismatches(arr.readLayer(1), zero) == 0);
    CHECK(mismatches(arr.readLayer(4), zero) == 0);

    // A later frame rewrites a layer; its neighbours keep their texels.
    ring.begin();
    ctx->immediateSubmit([&](VkCommandBuffer cmd) { arr.upload(cmd, 5, pattern(kSize, 4).data()); });
    CHECK(mismatches(arr.readLayer(5), pattern(kSize, 4)) == 0);
    CHECK(mismatches(arr.readLayer(0), pattern(kSize, 1)) == 0);

    const auto& st = ring.staging().stats();
    CHECK(st.allocations == (forceStaging ? 5u : 0u));
    CHECK(st.buffersCreated == (forceStaging ? 2u : 0u));  // one per frame slot, none per layer
    CHECK(arr.bytesUploaded() == 5 * arr.bytesPerLayer());
    CHECK_THROWS_AS(arr.upload(VK_NULL_HANDLE, kLayers, zero.data()), GpuError);
    CHECK_THROWS_AS(arr.readLayer(kLayers), GpuError);
    CHECK(ctx->validationMessageCount() == 0);
}

TEST_CASE("image array: several hundred overlay layers fit, sizes beyond the device are refused",
          "[gpu][image-array]") {
    ContextOptions o;
    o.validation = true;
    auto ctx = Context::create(o);
    FrameRing ring(*ctx);
    ImageArray overlays(*ctx, ring.staging(), 256, 512);
    CHECK(overlays.layers() == 512);
    CHECK(overlays.readLayer(511) == std::vector<std::uint8_t>(overlays.bytesPerLayer(), 0));
    const std::uint32_t tooMany = ctx->properties().limits.maxImageArrayLayers + 1;
    CHECK_THROWS_WITH(ImageArray(*ctx, ring.staging(), 256, tooMany), Catch::Contains("outside this device's limits"));
    CHECK_THROWS_AS(ImageArray(*ctx, ring.staging(), 0, 4), GpuError);
    CHECK(ctx->validationMessageCount() == 0);
}

TEST_CASE("image array: non-square two-byte layers (normal maps) come back as written", "[gpu][image-array]") {
    const bool forceStaging = GENERATE(false, true);
    ContextOptions o;
    o.validation = true;
    o.forceStaging = forceStaging;
    auto ctx = Context::create(o);
    FrameRing ring(*ctx);
    // The normal maps' shape: 194 x 129 texels of R8G8_SNORM (odd row length in bytes too).
    ImageArray arr(*ctx, ring.staging(), 194, 3, VK_FORMAT_R8G8_SNORM, 129);
    CHECK(arr.size() == 194);
    CHECK(arr.height() == 129);
    REQUIRE(arr.bytesPerLayer() == std::size_t(194) * 129 * 2);
    std::vector<std::uint8_t> texels(arr.bytesPerLayer());
    for (std::size_t i = 0; i < texels.size(); ++i) texels[i] = std::uint8_t(i * 7 + i / 388);
    ring.begin();
    ctx->immediateSubmit([&](VkCommandBuffer cmd) { arr.upload(cmd, 1, texels.data()); });
    CHECK(mismatches(arr.readLayer(1), texels) == 0);
    CHECK(mismatches(arr.readLayer(0), std::vector<std::uint8_t>(arr.bytesPerLayer(), 0)) == 0);
    CHECK_THROWS_AS(ImageArray(*ctx, ring.staging(), 16, 2, VK_FORMAT_R16G16_SFLOAT), GpuError);
    CHECK(ctx->validationMessageCount() == 0);
}
