#pragma once
// GPU slots for draped overlay tiles: one layer of an RGBA array image per resident overlay
// tile, whatever layer it belongs to. Freed slots are handed out again only after the frames
// that drew them have finished.
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "core/overlay_image.h"
#include "gpu/image_array.h"

namespace plateau::gpu {

class Context;
class FrameRing;

class OverlayPool {
public:
    OverlayPool(const Context& ctx, FrameRing& ring, std::uint32_t capacity);

    // Records the upload into cmd (the frame being prepared). None when every slot is taken.
    std::optional<std::uint32_t> upload(VkCommandBuffer cmd, const OverlayImage& image);
    void release(std::uint32_t slot);
    std::uint32_t capacity() const { return images_->layers(); }
    std::size_t used() const { return capacity() - free_.size() - pendingFree_; }
    const ImageArray& images() const { return *images_; }

private:
    FrameRing& ring_;
    std::unique_ptr<ImageArray> images_;
    std::vector<std::uint32_t> free_;
    std::size_t pendingFree_ = 0;
};

}  // namespace plateau::gpu
