#include "gpu/overlay_pool.h"

#include "gpu/frame_ring.h"

namespace plateau::gpu {

OverlayPool::OverlayPool(const Context& ctx, FrameRing& ring, std::uint32_t capacity) : ring_(ring) {
    // At least one layer: the descriptor always needs an image, even with no layers shown.
    images_ = std::make_unique<ImageArray>(ctx, ring.staging(), std::uint32_t(kOverlayTileSize),
                                           capacity < 1 ? 1 : capacity);
    for (std::uint32_t i = images_->layers(); i-- > 0;) free_.push_back(i);
}

std::optional<std::uint32_t> OverlayPool::upload(VkCommandBuffer cmd, const OverlayImage& image) {
    if (free_.empty() || image.size != kOverlayTileSize || image.rgba.size() != images_->bytesPerLayer())
        return std::nullopt;
    const std::uint32_t slot = free_.back();
    free_.pop_back();
    images_->upload(cmd, slot, image.rgba.data());
    return slot;
}

void OverlayPool::release(std::uint32_t slot) {
    ++pendingFree_;
    ring_.defer([this, slot] {
        --pendingFree_;
        free_.push_back(slot);
    });
}

}  // namespace plateau::gpu
