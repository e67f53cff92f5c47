#include "io/http_overlay_source.h"

#include <optional>

#include "io/disk_cache.h"
#include "io/http_metadata.h"

namespace plateau {
namespace {

class HttpOverlaySource final : public OverlaySource {
public:
    explicit HttpOverlaySource(const HttpOverlayOptions& o) : fetcher_(o), maxDimension_(o.maxImageDimension) {}

    std::string describe() const override { return "imagery " + fetcher_.options().urlTemplate; }
    int minZoom() const override { return fetcher_.options().minZoom; }
    int maxZoom() const override { return fetcher_.options().maxZoom; }
    bool hasTile(const TileId& id) const override { return fetcher_.hasTile(id); }
    std::string attribution() const override { return fetcher_.options().attribution; }

    Result<OverlayImage> render(const TileId& id, std::int64_t, const std::atomic<bool>& cancel) override {
        // Once a transfer starts, the source-wide cancel flag stops it; a tile nobody wants any
        // more is not started at all.
        if (cancel.load(std::memory_order_relaxed)) return makeError(fetcher_.urlFor(id) + ": cancelled");
        std::optional<OverlayImage> image;
        Status st = fetcher_.fetch(id, [&](const std::vector<std::uint8_t>& bytes, const std::string& url) -> Status {
            auto img = decodeImageryTile(bytes.data(), bytes.size(), id, url, maxDimension_);
            if (!img) return img.error();
            image = std::move(*img);
            return Ok{};
        });
        if (!st) return st.error();
        return std::move(*image);
    }

private:
    HttpTileFetcher fetcher_;
    int maxDimension_;
};

}  // namespace

Result<std::shared_ptr<OverlaySource>> openHttpOverlaySource(const HttpOverlayOptions& options) {
    if (auto problem = validateHttpTileOptions(options)) return makeError(*problem);
    if (options.maxImageDimension < 1) return makeError(options.urlTemplate + ": maximum image size must be positive");
    return std::shared_ptr<OverlaySource>(std::make_shared<HttpOverlaySource>(options));
}

Result<HttpOverlayOptions> httpImageryOptions(const LayerDesc& layer, const std::filesystem::path& cacheRoot,
                                              std::shared_ptr<std::atomic<bool>> cancel) {
    HttpOverlayOptions o;
    o.cancel = std::move(cancel);
    if (Status st = applyHttpTileDesc(httpTileDesc(layer), o); !st)
        return makeError("layer '" + layer.id + "': " + st.error().message);
    if (!cacheRoot.empty()) o.cacheDir = httpTileCacheFolder(cacheRoot, o.urlTemplate, o.tms);
    return o;
}

}  // namespace plateau
