#include "app/viewer_measure.h"

#include <imgui.h>

#include "app/globe_view.h"
#include "core/camera_control.h"
#include "core/geodesy.h"
#include "core/picking.h"
#include "core/surface_height.h"
#include "gpu/render_target.h"
#include "ui/measure_panel.h"
#include "ui/sun_settings.h"

namespace plateau::app {

namespace {

// Profile samples every 30 m (the measure tool caps a line at 1,024 samples): finer than the
// 1 km source data and its synthetic detail need, cheap to recompute on each click.
constexpr double kProfileSpacingM = 30.0;
// A press and release closer than this (pixels) is a click, not a drag of the ground.
constexpr float kClickSlopPx = 4.0f;

}  // namespace

bool ViewerMeasure::frame(ui::PanelState& panel, gpu::RenderTarget& target, const Camera& cam, const GlobeView& view,
                          const std::function<const Camera*(std::uint64_t)>& cameraOfDepth) {
    ImGuiIO& io = ImGui::GetIO();
    const double exaggeration = panel.settings.shading.exaggeration;
    const double sx = double(io.DisplayFramebufferScale.x), sy = double(io.DisplayFramebufferScale.y);
    ui::MeasureTool& tool = panel.measure;

    if (tool.active) {
        if (io.MouseReleased[0] && !io.WantCaptureMouse && io.MouseDragMaxDistanceSqr[0] < kClickSlopPx * kClickSlopPx) {
            // The newest depth copy shows an earlier frame: pick with the camera that drew it.
            const gpu::DepthImage depth = target.readDepth();
            const Camera* shown = cameraOfDepth(depth.tag);
            if (shown && int(depth.width) == shown->width && int(depth.height) == shown->height) {
                const int x = int(double(io.MousePos.x) * sx), y = int(double(io.MousePos.y) * sy);
                if (const auto p = pickSurface(*shown, depth.values, x, y, exaggeration))
                    ui::addMeasurePoint(tool, {p->lon_deg, p->lat_deg, p->elevation_m});
            }
        }
    }
    if (tool.stale) {
        const TileStore& store = view.store();
        ui::updateMeasure(tool, [&store](double lon, double lat) { return terrainHeightAt(store, lon, lat); },
                          kProfileSpacingM);
    }
    if (!tool.points.empty()) {
        ui::drawMeasureLine(tool, [&](double lon, double lat, double h) -> std::optional<std::array<float, 2>> {
            const auto p = projectToScreen(cam, geodeticToEcef({lon, lat, h * exaggeration}));
            if (!p) return std::nullopt;
            return std::array<float, 2>{float(p->x / sx), float(p->y / sy)};
        });
    }

    ui::SunSettings& sun = panel.sun;
    if (sun.mode != ui::SunSettings::Mode::DateTime) return false;
    const auto centre = intersectEllipsoid(cam.position, pixelRay(cam, cam.width / 2.0, cam.height / 2.0), 0.0);
    const Geodetic c = ecefToGeodetic(centre ? *centre : cam.position);
    sun.centreLon = c.lon_deg;
    sun.centreLat = c.lat_deg;
    return ui::applySunSettings(sun, c.lon_deg, c.lat_deg, panel.settings.shading);
}

}  // namespace plateau::app
