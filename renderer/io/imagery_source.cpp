#include "io/imagery_source.h"

#include "io/gdal_overlay_source.h"
#include "io/http_overlay_source.h"

namespace plateau {
namespace {

// A GDAL raster's source, with the layer's attribution (GDAL files carry none we could show).
class Attributed final : public OverlaySource {
public:
    Attributed(std::shared_ptr<OverlaySource> inner, std::string attribution)
        : inner_(std::move(inner)), attribution_(std::move(attribution)) {}
    std::string describe() const override { return inner_->describe(); }
    int minZoom() const override { return inner_->minZoom(); }
    int maxZoom() const override { return inner_->maxZoom(); }
    bool hasTile(const TileId& id) const override { return inner_->hasTile(id); }
    std::string attribution() const override { return attribution_; }
    Result<OverlayImage> render(const TileId& id, std::int64_t state, const std::atomic<bool>& cancel) override {
        return inner_->render(id, state, cancel);
    }

private:
    std::shared_ptr<OverlaySource> inner_;
    std::string attribution_;
};

}  // namespace

Result<std::shared_ptr<OverlaySource>> openImagerySource(const LayerDesc& layer, const std::filesystem::path& cacheDir,
                                                         std::shared_ptr<std::atomic<bool>> cancel) {
    const std::string prefix = "layer '" + layer.id + "': ";
    if (layer.type != LayerType::Imagery)
        return makeError(prefix + "not an imagery layer");
    const std::string& type = layer.source.type;
    if (type == "http") {
        auto o = httpImageryOptions(layer, cacheDir, std::move(cancel));
        if (!o) return o.error();  // already names the layer
        auto src = openHttpOverlaySource(*o);
        if (!src) return makeError(prefix + src.error().message);
        return src;
    }
    if (type == "gdal") {
        if (layer.source.path.empty()) return makeError(prefix + "a gdal source needs \"path\"");
        auto src = openGdalOverlaySource(layer.source.path);
        if (!src) return makeError(prefix + src.error().message);
        if (layer.attribution.empty()) return src;
        return std::shared_ptr<OverlaySource>(std::make_shared<Attributed>(*src, layer.attribution));
    }
    return makeError(prefix + "source type '" + type + "' is not one of http, gdal");
}

}  // namespace plateau
