#include "app/globe_view.h"

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
      residency_(std::move(source), uploader_, std::move(log), budget, loaderThreads) {}

PrepareStats GlobeView::update(const Camera& cam, const SelectionParams& params, int uploadLimit,
                               double elapsedSeconds) {
    PrepareStats st = residency_.update(cam, params, std::size_t(uploadLimit < 0 ? 0 : uploadLimit));
    morph_.update(drawList(), true, elapsedSeconds);
    return st;
}

PrepareStats GlobeView::settle(const Camera& cam, const SelectionParams& params, double timeoutSeconds,
                               const std::function<void()>& onFirstDrawable) {
    PrepareStats st = residency_.settle(cam, params, timeoutSeconds, onFirstDrawable);
    morph_.update(drawList(), false, 0.0);
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
    const Geodetic g = ecefToGeodetic(in.camera.position);
    f.style.sunDirection = sunDirection(shading.sunAzimuthDeg, shading.sunElevationDeg, g.lon_deg, g.lat_deg);
    f.style.exaggeration = shading.exaggeration;
    f.style.contourIntervalM = shading.contourIntervalM;
    f.style.hazeDistanceM = shading.haze ? hazeDistance(g.height_m) : 0.0;
    return f;
}

}  // namespace plateau::app
