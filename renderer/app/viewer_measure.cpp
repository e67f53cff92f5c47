#include "app/viewer_measure.h"

#include <imgui.h>

#include "app/globe_view.h"
#include "core/camera_control.h"
#include "core/geodesy.h"
#include "core/picking.h"
#include "core/surface_height.h"
#include "ui/measure_panel.h"
#include "ui/sun_settings.h"

namespace plateau::app {

namespace {

// Profile samples every 30 m (the measure tool caps a line at 1,024 samples): finer than the
// 1 km source data and its synthetic detail need, cheap to recompute on each click.
constexpr double kProfileSpacingM = 30.0;

}  // namespace

bool ViewerMeasure::frame(ui::PanelState& panel, const Camera& cam, const GlobeView& view,
                          const std::optional<PickedPoint>& clickedGround) {
    ImGuiIO& io = ImGui::GetIO();
    const double exaggeration = panel.settings.shading.exaggeration;
    const double sx = double(io.DisplayFramebufferScale.x), sy = double(io.DisplayFramebufferScale.y);
    ui::MeasureTool& tool = panel.measure;

    if (tool.active && clickedGround)
        ui::addMeasurePoint(tool, {clickedGround->lon_deg, clickedGround->lat_deg, clickedGround->elevation_m});
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
