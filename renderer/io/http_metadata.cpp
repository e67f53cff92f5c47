#include "io/http_metadata.h"

#include <algorithm>

#include "core/input_limits.h"
#include "io/atomic_file.h"

namespace plateau {
namespace {

bool isHttpUrl(const std::string& s) { return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0; }

std::chrono::seconds days(double d) { return std::chrono::seconds(static_cast<long long>(d * 86400.0 + 0.5)); }

}  // namespace

HttpTileDesc httpTileDesc(const TerrainSourceDesc& t) {
    HttpTileDesc d;
    d.url = t.url;
    d.tilejson = t.tilejson;
    d.attribution = t.attribution;
    d.minZoom = t.minZoom;
    d.maxZoom = t.maxZoom;
    d.bounds = t.bounds;
    d.cacheMiB = t.cacheMiB;
    d.cacheDays = t.cacheDays;
    d.missingDays = t.missingDays;
    return d;
}

HttpTileDesc httpTileDesc(const LayerDesc& layer) {
    const LayerSourceDesc& s = layer.source;
    HttpTileDesc d;
    d.url = s.url;
    d.tilejson = s.tilejson;
    d.attribution = layer.attribution;
    d.tms = s.tms;
    d.minZoom = s.minZoom;
    d.maxZoom = s.maxZoom;
    d.bounds = s.bounds;
    d.cacheMiB = s.cacheMiB;
    d.cacheDays = s.cacheDays;
    d.missingDays = s.missingDays;
    return d;
}

Result<TileJson> loadTileJson(const std::string& where, const HttpGetOptions& get) {
    if (where.empty()) return makeError("TileJSON location is empty");
    std::string text;
    if (isHttpUrl(where)) {
        HttpGetOptions g = get;
        g.maxResponseBytes = std::min<std::size_t>(g.maxResponseBytes, kMaxTileJsonBytes);
        const HttpResponse r = httpGet(where, g);
        if (r.failure == HttpFailure::TooLarge)
            return makeError(where + ": TileJSON document larger than " + formatByteSize(g.maxResponseBytes));
        if (r.failure != HttpFailure::None) return makeError(where + ": " + r.errorText);
        if (r.status != 200) return makeError(where + ": HTTP " + std::to_string(r.status));
        text.assign(r.body.begin(), r.body.end());
    } else {
        auto bytes = readFileBytes(where, kMaxTileJsonBytes, "TileJSON document");
        if (!bytes) return bytes.error();
        text.assign(bytes->begin(), bytes->end());
    }
    return parseTileJson(text, where);
}

Status applyHttpTileDesc(const HttpTileDesc& d, HttpTileOptions& o) {
    o.urlTemplate = d.url;
    o.tms = d.tms;
    o.attribution = d.attribution;
    o.bounds = d.bounds;
    o.minZoom = d.minZoom;
    if (d.maxZoom >= 0) o.maxZoom = d.maxZoom;
    if (d.cacheMiB) o.cacheMaxBytes = std::uint64_t(*d.cacheMiB * 1048576.0 + 0.5);
    if (d.cacheDays) o.cacheMaxAge = days(*d.cacheDays);
    if (d.missingDays) o.missingMaxAge = days(*d.missingDays);
    if (d.tilejson.empty()) {
        if (d.url.empty()) return makeError("HTTP source has neither \"url\" nor \"tilejson\"");
        return Ok{};
    }

    const HttpGetOptions get{o.connectTimeout, o.totalTimeout, o.maxResponseBytes, o.cancel.get()};
    auto doc = loadTileJson(d.tilejson, get);
    if (!doc) return doc.error();
    if (d.url.empty()) o.urlTemplate = resolveTileUrl(d.tilejson, doc->tiles.front());
    o.tms = d.tms || doc->tms;
    if (d.attribution.empty()) o.attribution = doc->attribution;
    if (!d.bounds) o.bounds = doc->bounds;
    if (d.minZoom == 0 && doc->minZoom) o.minZoom = *doc->minZoom;
    if (d.maxZoom < 0 && doc->maxZoom) o.maxZoom = *doc->maxZoom;
    if (o.minZoom > o.maxZoom)
        return makeError(d.tilejson + ": zoom range " + std::to_string(o.minZoom) + ".." + std::to_string(o.maxZoom) +
                         " is empty (with the scene's min_zoom/max_zoom)");
    return Ok{};
}

}  // namespace plateau
