#pragma once
// GPU memory for terrain tiles as one vertex buffer of fixed-size slots (every tile mesh has the
// same vertex count) and one index buffer shared by all tiles: no allocation per tile, and a tile
// is drawn with a vertex offset. Freed slots are reused only after the frames that drew them.
#include <cstdint>
#include <unordered_map>
#include <vector>

#include <glm/glm.hpp>

#include "core/tile_id.h"
#include "core/tile_mesh.h"
#include "gpu/memory_types.h"
#include "gpu/resources.h"
#include "gpu/staging_ring.h"

namespace plateau::gpu {

class Context;
class FrameRing;

class TilePool {
public:
    TilePool(const Context& ctx, FrameRing& ring, std::uint32_t capacity);

    bool contains(const TileId& id) const { return slots_.count(id) != 0; }
    // Writes the mesh into a free slot: in place on unified memory, else through the frame's
    // staging ring with a copy recorded into cmd (the current frame's command buffer). False
    // when every slot is taken.
    bool upload(VkCommandBuffer cmd, const TileMesh& mesh);
    // Writes a new mesh for a resident tile into another slot and retires the old one after the
    // frames that drew it. False (the old mesh stays) when no slot is free.
    bool replace(VkCommandBuffer cmd, const TileMesh& mesh);
    void release(const TileId& id);
    // Barrier making this frame's staged copies visible to vertex input; call before the pass.
    void finishUploads(VkCommandBuffer cmd);

    struct Slot {
        std::uint32_t index = 0;
        glm::dvec3 origin{0};
    };
    const Slot* find(const TileId& id) const;

    VkBuffer vertexBuffer() const { return vertices_.handle(); }
    VkBuffer indexBuffer() const { return indices_.handle(); }
    std::uint32_t indexCount() const { return indexCount_; }
    std::uint32_t verticesPerTile() const { return vertsPerTile_; }
    std::uint32_t capacity() const { return capacity_; }
    std::size_t residentCount() const { return slots_.size(); }
    std::size_t bytesPerTile() const { return std::size_t(vertsPerTile_) * sizeof(TerrainVertex); }
    bool staged() const { return plan_.staged; }
    std::uint64_t bytesUploaded() const { return bytesUploaded_; }
    // The frame ring's staging statistics (all staged uploads, not only tiles).
    const StagingRing::Stats& stagingStats() const;

private:
    const Context& ctx_;
    FrameRing& ring_;
    UploadPlan plan_;
    std::uint32_t capacity_;
    std::uint32_t vertsPerTile_ = 0;
    std::uint32_t indexCount_ = 0;
    Buffer vertices_;
    Buffer indices_;
    std::vector<std::uint32_t> free_;
    std::unordered_map<TileId, Slot, TileIdHash> slots_;
    bool pendingCopies_ = false;
    std::uint64_t bytesUploaded_ = 0;
};

}  // namespace plateau::gpu
