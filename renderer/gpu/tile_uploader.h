#pragma once
// The GPU side of terrain residency: core's TileUploader, backed by the renderer's tile pool.
#include "core/overlay_residency.h"
#include "core/tile_residency.h"
#include "gpu/renderer.h"
#include "gpu/tile_pool.h"

namespace plateau::gpu {

class GpuTileUploader final : public TileUploader {
public:
    explicit GpuTileUploader(Renderer& renderer) : renderer_(renderer) {}
    bool upload(const TileMesh& mesh) override { return renderer_.uploadTile(mesh); }
    bool replace(const TileMesh& mesh) override { return renderer_.replaceTile(mesh); }
    void release(const TileId& id) override { renderer_.releaseTile(id); }
    std::size_t capacity() const override { return renderer_.tilePool().capacity(); }

private:
    Renderer& renderer_;
};

}  // namespace plateau::gpu

namespace plateau::gpu {

// The GPU side of overlay residency: core's OverlayUploader, backed by the renderer's overlay pool.
class GpuOverlayUploader final : public OverlayUploader {
public:
    explicit GpuOverlayUploader(Renderer& renderer) : renderer_(renderer) {}
    std::optional<std::uint32_t> upload(const OverlayImage& image) override { return renderer_.uploadOverlay(image); }
    void release(std::uint32_t slot) override { renderer_.releaseOverlay(slot); }
    std::size_t capacity() const override;

private:
    Renderer& renderer_;
};

}  // namespace plateau::gpu
