#include "gpu/tile_pool.h"

#include <algorithm>
#include <cstring>

#include "gpu/context.h"
#include "gpu/frame_ring.h"
#include "gpu/vk_check.h"

namespace plateau::gpu {

namespace {
// Writes `bytes` into this frame's staging space and records the copy into dst at dstOffset.
void stagedCopy(StagingRing& staging, VkCommandBuffer cmd, VkBuffer dst, VkDeviceSize dstOffset, const void* bytes,
                VkDeviceSize size) {
    const StagingSpan span = staging.allocate(size);
    std::memcpy(span.data, bytes, size);
    VkBufferCopy region{span.offset, dstOffset, size};
    vkCmdCopyBuffer(cmd, span.buffer, dst, 1, &region);
}
}  // namespace

std::size_t TilePool::slotBytes() {
    const auto n = std::size_t(tileNormalSize());
    return std::size_t(tileVertexCount(tileGridSize())) * sizeof(TerrainVertex) +
           std::size_t(normalAtlasWidth(tileNormalSize())) * n * ImageArray::bytesPerTexel(kNormalFormat);
}

TilePool::~TilePool() = default;

TilePool::TilePool(const Context& ctx, FrameRing& ring, std::uint32_t capacity)
    : ctx_(ctx), ring_(ring), capacity_(capacity) {
    const std::uint32_t maxLayers = ctx.properties().limits.maxImageArrayLayers;
    if (capacity_ > maxLayers) {
        ctx.log("tile pool: " + std::to_string(capacity_) + " slots asked for, " + std::to_string(maxLayers) +
                " (this device's most normal-map layers) used");
        capacity_ = maxLayers;
    }
    capacity = capacity_;
    const auto indices = buildTileIndices(tileGridSize());
    indexCount_ = std::uint32_t(indices.size());
    vertsPerTile_ = *std::max_element(indices.begin(), indices.end()) + 1;

    const VkBufferUsageFlags vUsage = VK_BUFFER_USAGE_VERTEX_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT;
    const VkBufferUsageFlags iUsage = VK_BUFFER_USAGE_INDEX_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT;
    const std::uint32_t stagingBits = bufferMemoryTypeBits(ctx, VK_BUFFER_USAGE_TRANSFER_SRC_BIT);
    auto plan = planStaticUpload(ctx.memoryProperties(),
                                 bufferMemoryTypeBits(ctx, vUsage) & bufferMemoryTypeBits(ctx, iUsage), stagingBits,
                                 ctx.forceStaging());
    if (!plan) throw GpuError("tile pool: no memory type for vertex buffers");
    plan_ = *plan;
    ctx.log(std::string("tile uploads: ") + (plan_.staged ? "staged through host-visible memory" : "written in place (unified memory)"));

    normals_ = std::make_unique<ImageArray>(ctx, ring.staging(), std::uint32_t(normalAtlasWidth(tileNormalSize())), capacity,
                                            kNormalFormat, std::uint32_t(tileNormalSize()));
    vertices_ = Buffer(ctx, VkDeviceSize(capacity) * vertexBytesPerTile(), vUsage, plan_.deviceType);
    const VkDeviceSize indexBytes = indices.size() * sizeof(std::uint32_t);
    indices_ = Buffer(ctx, indexBytes, iUsage, plan_.deviceType);
    if (plan_.staged) {
        // Waited for here, so the span is free again before any frame could reuse it.
        ctx.immediateSubmit([&](VkCommandBuffer cmd) {
            stagedCopy(ring.staging(), cmd, indices_.handle(), 0, indices.data(), indexBytes);
        });
    } else {
        std::memcpy(indices_.mapped(), indices.data(), indexBytes);
    }
    free_.resize(capacity);
    for (std::uint32_t i = 0; i < capacity; ++i) free_[i] = capacity - 1 - i;  // hand out slot 0 first
}

bool TilePool::upload(VkCommandBuffer cmd, const TileMesh& mesh) {
    if (contains(mesh.id)) return true;
    if (free_.empty()) return false;
    if (mesh.vertices.size() != vertsPerTile_)
        throw GpuError("tile " + mesh.id.str() + ": mesh has " + std::to_string(mesh.vertices.size()) +
                       " vertices, the pool expects " + std::to_string(vertsPerTile_));
    if (mesh.normals.texels.size() != normals_->bytesPerLayer())
        throw GpuError("tile " + mesh.id.str() + ": normal map has " + std::to_string(mesh.normals.texels.size()) +
                       " bytes, the pool expects " + std::to_string(normals_->bytesPerLayer()));
    const std::uint32_t slot = free_.back();
    free_.pop_back();
    const VkDeviceSize offset = VkDeviceSize(slot) * vertexBytesPerTile();
    if (plan_.staged) {
        stagedCopy(ring_.staging(), cmd, vertices_.handle(), offset, mesh.vertices.data(), vertexBytesPerTile());
        pendingCopies_ = true;
    } else {
        // The slot is not in use by any frame in flight (see release), so it can be written now.
        std::memcpy(static_cast<std::uint8_t*>(vertices_.mapped()) + offset, mesh.vertices.data(), vertexBytesPerTile());
    }
    // Signed bytes as stored; the layer is free for the same reason as the vertices.
    normals_->upload(cmd, slot, reinterpret_cast<const std::uint8_t*>(mesh.normals.texels.data()));
    bytesUploaded_ += bytesPerTile();
    slots_[mesh.id] = Slot{slot, mesh.origin};
    return true;
}

bool TilePool::replace(VkCommandBuffer cmd, const TileMesh& mesh) {
    const auto it = slots_.find(mesh.id);
    if (it == slots_.end()) return upload(cmd, mesh);
    if (free_.empty()) return false;
    const Slot old = it->second;
    slots_.erase(it);
    if (!upload(cmd, mesh)) {
        slots_[mesh.id] = old;
        return false;
    }
    ring_.defer([this, slot = old.index] { free_.push_back(slot); });
    return true;
}

void TilePool::release(const TileId& id) {
    auto it = slots_.find(id);
    if (it == slots_.end()) return;
    const std::uint32_t slot = it->second.index;
    slots_.erase(it);
    ring_.defer([this, slot] { free_.push_back(slot); });
}

void TilePool::finishUploads(VkCommandBuffer cmd) {
    if (!pendingCopies_) return;
    pendingCopies_ = false;
    VkMemoryBarrier b{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
    b.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    b.dstAccessMask = VK_ACCESS_VERTEX_ATTRIBUTE_READ_BIT;
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_VERTEX_INPUT_BIT, 0, 1, &b, 0, nullptr,
                         0, nullptr);
}

const StagingRing::Stats& TilePool::stagingStats() const { return ring_.staging().stats(); }

const TilePool::Slot* TilePool::find(const TileId& id) const {
    auto it = slots_.find(id);
    return it == slots_.end() ? nullptr : &it->second;
}

}  // namespace plateau::gpu
