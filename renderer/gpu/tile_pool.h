#pragma once
// GPU memory for terrain tiles as one vertex buffer of fixed-size slots (every tile mesh has the
// same vertex count) and one index buffer shared by all tiles: no allocation per tile, and a tile
// is drawn with a vertex offset. Each slot also has one layer of the normal-map array (layer =
// slot index, so the shader finds it from the vertex offset: no descriptor indexing). Both are
// written by the same upload and freed together, only after the frames that drew them.
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include <glm/glm.hpp>

#include "core/tile_id.h"
#include "core/tile_mesh.h"
#include "gpu/image_array.h"
#include "gpu/memory_types.h"
#include "gpu/resources.h"
#include "gpu/staging_ring.h"

namespace plateau::gpu {

class Context;
class FrameRing;

class TilePool {
public:
    // Normal maps are R8G8_SNORM (see core/tile_normals.h).
    static constexpr VkFormat kNormalFormat = VK_FORMAT_R8G8_SNORM;
    // capacity is clamped to the device's array layers (2,048 on lavapipe), with a log line.
    TilePool(const Context& ctx, FrameRing& ring, std::uint32_t capacity);
    ~TilePool();
    // Bytes of one slot: vertices plus normal map, for sizing the pool from a memory budget.
    static std::size_t slotBytes();

    bool contains(const TileId& id) const { return slots_.count(id) != 0; }
    // Writes the mesh into a free slot: in place on unified memory, else through the frame's
    // staging ring with a copy recorded into cmd (the current frame's command buffer). False
    // when every slot is taken.
    bool upload(VkCommandBuffer cmd, const TileMesh& mesh);
    // Writes a new mesh for a resident tile into another slot and retires the old one after the
    // frames that drew it. False (the old mesh stays) when no slot is free.
    bool replace(VkCommandBuffer cmd, const TileMesh& mesh);
    void release(const TileId& id);
    // Barrier making this frame's staged vertex copies visible to vertex input (the normal maps'
    // copies carry their own barriers); call before the pass.
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
    std::size_t vertexBytesPerTile() const { return std::size_t(vertsPerTile_) * sizeof(TerrainVertex); }
    std::size_t bytesPerTile() const { return vertexBytesPerTile() + normals_->bytesPerLayer(); }
    const ImageArray& normalMaps() const { return *normals_; }
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
    std::unique_ptr<ImageArray> normals_;
    std::vector<std::uint32_t> free_;
    std::unordered_map<TileId, Slot, TileIdHash> slots_;
    bool pendingCopies_ = false;
    std::uint64_t bytesUploaded_ = 0;
};

}  // namespace plateau::gpu
