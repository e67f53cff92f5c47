#include "io/http_source.h"

#include <optional>

#include "io/http_metadata.h"
#include "io/png_heights.h"

namespace plateau {
namespace {

class HttpSource final : public TileSource {
public:
    explicit HttpSource(const HttpSourceOptions& options) : fetcher_(options), encoding_(options.encoding) {}

    std::string describe() const override { return "http " + fetcher_.options().urlTemplate; }
    std::string attribution() const override { return fetcher_.options().attribution; }
    int minZoom() const override { return fetcher_.options().minZoom; }
    int maxZoom() const override { return fetcher_.options().maxZoom; }
    bool hasTile(const TileId& id) const override { return fetcher_.hasTile(id); }
    bool hasDataBelow(const TileId& id) const override { return fetcher_.hasDataBelow(id); }

    Result<HeightGrid> load(const TileId& id) override {
        std::optional<HeightGrid> grid;
        Status st = fetcher_.fetch(id, [&](const std::vector<std::uint8_t>& bytes, const std::string& url) -> Status {
            auto g = decodeHeightPng(bytes.data(), bytes.size(), encoding_, url);
            if (!g) return g.error();
            grid = std::move(*g);
            return Ok{};
        });
        if (!st) return st.error();
        return std::move(*grid);
    }

private:
    HttpTileFetcher fetcher_;
    HeightEncoding encoding_;
};

}  // namespace

Result<std::shared_ptr<TileSource>> openHttpSource(const HttpSourceOptions& options) {
    if (auto problem = validateHttpTileOptions(options)) return makeError(*problem);
    return std::shared_ptr<TileSource>(std::make_shared<HttpSource>(options));
}

Result<HttpSourceOptions> httpTerrainOptions(const TerrainSourceDesc& terrain, std::shared_ptr<std::atomic<bool>> cancel) {
    HttpSourceOptions o;
    o.encoding = terrain.encoding;
    o.cancel = std::move(cancel);
    if (Status st = applyHttpTileDesc(httpTileDesc(terrain), o); !st) return st.error();
    return o;
}

Result<std::shared_ptr<TileSource>> openHttpTerrainSource(const TerrainSourceDesc& terrain,
                                                          std::shared_ptr<std::atomic<bool>> cancel,
                                                          std::function<void(const std::string&)> warn) {
    auto o = httpTerrainOptions(terrain, std::move(cancel));
    if (!o) return o.error();
    o->warn = std::move(warn);
    return openHttpSource(*o);
}

}  // namespace plateau
