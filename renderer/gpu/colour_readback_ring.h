#pragma once
// Colour of drawn frames copied into a ring of host buffers, for recording: frame i's copy is
// read on the host while frame i+1 renders, instead of a full stall per frame. Each copy is
// tagged (the recorder's frame number) and sets an event when the GPU has written it, so a read
// of an unfinished copy is refused rather than returning a half-written frame.
//
// A slot is reused `slots` copies later. The caller reads each copy before it requests that many
// more (the recorder reads frame i once frame i+1 is submitted: two slots in use, three kept).
#include <cstdint>
#include <vector>

#include "gpu/resources.h"

namespace plateau::gpu {

class Context;

class ColourReadbackRing {
public:
    ColourReadbackRing(const Context& ctx, VkExtent2D extent, std::size_t slots = 3);
    ~ColourReadbackRing();
    ColourReadbackRing(const ColourReadbackRing&) = delete;
    ColourReadbackRing& operator=(const ColourReadbackRing&) = delete;

    // The next frame recorded copies its colour into the next slot, tagged.
    void request(std::uint64_t tag) {
        requested_ = true;
        requestTag_ = tag;
    }
    // After the render pass, when requested: copies `colour` (BGRA8, in TRANSFER_SRC_OPTIMAL)
    // into the slot and clears the request.
    void record(VkCommandBuffer cmd, VkImage colour);
    // The copy tagged `tag` as RGBA8 rows top to bottom (alpha 255) into `rgba`. False when no
    // slot holds that tag or the GPU has not finished it yet (wait for that frame first).
    bool read(std::uint64_t tag, std::vector<std::uint8_t>& rgba) const;
    VkExtent2D extent() const { return extent_; }

private:
    struct Slot {
        Buffer buffer;
        VkEvent done = VK_NULL_HANDLE;
        std::uint64_t tag = 0;
        bool used = false;
    };
    const Context& ctx_;
    VkExtent2D extent_;
    std::vector<Slot> slots_;
    std::size_t next_ = 0;
    bool requested_ = false;
    std::uint64_t requestTag_ = 0;
};

}  // namespace plateau::gpu
