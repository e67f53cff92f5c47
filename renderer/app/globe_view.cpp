#include "app/globe_view.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/haze.h"
#include "core/surface_height.h"

namespace plateau::app {

namespace {
constexpr double kDeg = 3.14159265358979323846 / 180.0;
}  // namespace

glm::dvec3 sunDirection(double azimuthDeg, double elevationDeg, double lon_deg, double lat_deg) {
    const glm::dmat3 enu = enuBasis(lon_deg, lat_deg);
    const double az = azimuthDeg * kDeg, el = elevationDeg * kDeg;
    const glm::dvec3 local(std::sin(az) * std::cos(el), std::cos(az) * std::cos(el), std::sin(el));
    return glm::normalize(enu * local);
}

SelectionParams selectionParams(double maxScreenSpaceError, const Shading& shading, int maxZoom) {
    SelectionParams p;
    p.maxScreenSpaceError = maxScreenSpaceError;
    p.exaggeration = shading.exaggeration;
    p.haze = shading.haze;
    p.overzoomLevels = 3;
    p.maxZoom = maxZoom + p.overzoomLevels;
    return p;
}

GlobeView::GlobeView(std::shared_ptr<TileSource> source, gpu::Renderer& renderer,
                     std::function<void(const std::string&)> log, MemoryBudget budget, int loaderThreads)
    : renderer_(renderer),
      uploader_(renderer),
      overlayUploader_(renderer),
      residency_(std::move(source), uploader_, log, budget, loaderThreads),
      log_(std::move(log)) {}

GlobeView::~GlobeView() {
    // Layers release their GPU slots and stop their jobs before the terrain's workers go.
    layers_.clear();
}

std::size_t GlobeView::addLayer(const LayerDesc& desc) {
    ViewLayer l;
    l.desc = desc;
    l.loading = true;
    layers_.push_back(std::move(l));
    return layers_.size() - 1;
}

std::optional<std::size_t> GlobeView::indexOf(const std::string& id) const {
    for (std::size_t i = 0; i < layers_.size(); ++i)
        if (layers_[i].desc.id == id) return i;
    return std::nullopt;
}

void GlobeView::reorder(const std::vector<std::string>& ids) {
    std::vector<ViewLayer> out;
    out.reserve(layers_.size());
    std::vector<bool> taken(layers_.size(), false);
    for (const std::string& id : ids)
        if (const auto i = indexOf(id); i && !taken[*i]) {
            taken[*i] = true;
            out.push_back(std::move(layers_[*i]));
        }
    for (std::size_t i = 0; i < layers_.size(); ++i)
        if (!taken[i]) out.push_back(std::move(layers_[i]));
    layers_ = std::move(out);
}

void GlobeView::removeLayer(std::size_t index) {
    if (index < layers_.size()) layers_.erase(layers_.begin() + std::ptrdiff_t(index));
}

void GlobeView::setLayerSource(std::size_t index, std::shared_ptr<OverlaySource> source, const std::string& error) {
    ViewLayer& l = layers_.at(index);
    l.loading = false;
    l.error = error;
    l.source = source;
    if (!source) return;
    // Each layer gets an equal share of the GPU overlay slots (at least a screenful).
    const std::size_t share = std::max<std::size_t>(64, overlayUploader_.capacity() / std::max<std::size_t>(1, layers_.size()));
    l.residency = std::make_unique<OverlayResidency>(std::move(source), *residency_.workerPool(), overlayUploader_,
                                                     log_, share);
}

void GlobeView::setLayerModifiers(std::size_t index, std::shared_ptr<const TerrainModifiers> modifiers,
                                  const std::string& error) {
    ViewLayer& l = layers_.at(index);
    l.loading = false;
    l.error = error;
    l.modifiers = std::move(modifiers);
}

std::shared_ptr<const TerrainModifiers> GlobeView::visibleModifiers() {
    std::vector<std::shared_ptr<const TerrainModifiers>> parts;
    for (const ViewLayer& l : layers_)
        if (l.modifiers && l.desc.visible && !l.modifiers->empty()) parts.push_back(l.modifiers);
    if (parts == modifierParts_) return modifiers_;
    modifierParts_ = parts;
    if (parts.size() <= 1) {
        modifiers_ = parts.empty() ? nullptr : parts.front();
    } else {
        std::vector<TerrainModifier> all;
        for (const auto& m : parts) all.insert(all.end(), m->list().begin(), m->list().end());
        modifiers_ = std::make_shared<const TerrainModifiers>(std::move(all));
    }
    return modifiers_;
}

int GlobeView::updateLayers(double time, std::size_t uploadLimit, int& uploaded) {
    overlays_.assign(drawList().size(), TileOverlays{});
    int missing = 0;
    for (ViewLayer& l : layers_) {
        if (!l.residency || !l.desc.visible || l.desc.opacity <= 0.0) continue;
        const double t = l.desc.time.pinned.value_or(time);
        const auto st = l.residency->update(drawList(), t, l.desc.time.fadeYears, float(l.desc.opacity), uploadLimit,
                                            overlays_);
        missing += st.missing;
        uploaded += st.uploaded;
    }
    return missing;
}

SelectionParams GlobeView::withLayers(SelectionParams params) const {
    params.drapedDataBelow = [this, mods = residency_.modifiers().set](const TileId& id) {
        if (mods && mods->wantsDetailBelow(id)) return true;
        for (const ViewLayer& l : layers_) {
            if (!l.source || !l.desc.visible || l.desc.opacity <= 0.0) continue;
            for (const TileId& c : id.children())
                if (c.z <= l.source->maxZoom() && l.source->hasTile(c)) return true;
        }
        return false;
    };
    return params;
}

PrepareStats GlobeView::update(const FrameInput& in, const SelectionParams& params, int uploadLimit) {
    PrepareStats st;
    residency_.setModifiers(visibleModifiers(), in.time);
    static_cast<FrameResidency&>(st) =
        residency_.update(in.camera, withLayers(params), std::size_t(uploadLimit < 0 ? 0 : uploadLimit));
    morph_.update(drawList(), true, in.elapsedSeconds);
    st.overlayMissing = updateLayers(in.time, std::size_t(uploadLimit < 0 ? 0 : uploadLimit), st.overlayUploaded);
    return st;
}

PrepareStats GlobeView::settle(const FrameInput& in, const SelectionParams& params, double timeoutSeconds,
                               const std::function<void()>& onFirstDrawable) {
    const auto start = std::chrono::steady_clock::now();
    PrepareStats st;
    residency_.setModifiers(visibleModifiers(), in.time);
    static_cast<FrameResidency&>(st) = residency_.settle(in.camera, withLayers(params), timeoutSeconds, onFirstDrawable);
    morph_.update(drawList(), false, 0.0);
    // Then every draped layer, for exactly the tiles the settled terrain draws.
    while (true) {
        const int missing = updateLayers(in.time, SIZE_MAX, st.overlayUploaded);
        st.overlayMissing = missing;
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (missing == 0 || elapsed > timeoutSeconds) break;
        bool helped = false;
        for (ViewLayer& l : layers_)
            if (!helped && l.residency && l.residency->helpOne()) helped = true;
        if (!helped)
            for (ViewLayer& l : layers_)
                if (l.residency && l.residency->busy()) {
                    l.residency->waitForProgress(0.02);
                    break;
                }
    }
    st.settled = st.settled && st.overlayMissing == 0;
    return st;
}

std::optional<double> GlobeView::terrainHeight(double lon_deg, double lat_deg) const {
    return terrainHeightAt(store(), lon_deg, lat_deg);
}

gpu::FrameDesc GlobeView::frame(const FrameInput& in, const Shading& shading) const {
    gpu::FrameDesc f;
    f.camera = withNearPlane(in.camera, store(), shading.exaggeration);
    f.tiles = drawList();
    f.tileMorph = morph_.factors(f.tiles, in.elapsedSeconds);
    if (overlays_.size() == f.tiles.size()) f.tileOverlays = overlays_;
    const Geodetic g = ecefToGeodetic(in.camera.position);
    f.style.sunDirection = sunDirection(shading.sunAzimuthDeg, shading.sunElevationDeg, g.lon_deg, g.lat_deg);
    f.style.exaggeration = shading.exaggeration;
    f.style.contourIntervalM = shading.contourIntervalM;
    f.style.hazeDistanceM = shading.haze ? hazeDistance(g.height_m) : 0.0;
    return f;
}

}  // namespace plateau::app
