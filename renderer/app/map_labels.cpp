#include "app/map_labels.h"

#include <cmath>

#include "core/label_layout.h"
#include "core/surface_height.h"
#include "io/vector_overlay_source.h"

namespace plateau::app {

bool hasLabels(const GlobeView& view) {
    for (const ViewLayer& l : view.layers())
        if (l.desc.visible && ((!l.desc.style.labelField.empty() && l.source) || l.modifiers)) return true;
    return false;
}

std::vector<ui::ScreenLabel> placeLabels(const GlobeView& view, const Camera& cam, double time, double exaggeration,
                                         const std::vector<float>& depth, const MeasureText& measure) {
    std::vector<LabelCandidate> candidates;
    std::vector<std::string> texts;
    const glm::dmat4 viewProj = projectionMatrix(cam) * viewMatrix(cam);
    const auto& layers = view.layers();
    const auto place = [&](std::size_t li, double lon, double lat, const std::string& text) {
        if (text.empty()) return;
        const auto h = displayedSurfaceHeight(view.store(), lon, lat, exaggeration);
        if (!h) return;
        const glm::dvec3 p = geodeticToEcef({lon, lat, *h});
        const glm::dvec4 clip = viewProj * glm::dvec4(p, 1.0);
        if (clip.w <= 0.0) return;
        const double x = (clip.x / clip.w * 0.5 + 0.5) * cam.width;
        const double y = (clip.y / clip.w * 0.5 + 0.5) * cam.height;
        if (x < 0 || y < 0 || x >= cam.width || y >= cam.height) return;
        const auto [w, hgt] = measure(text);
        LabelCandidate c;
        c.x = x;
        c.y = y;
        c.width = w;
        c.height = hgt;
        c.distance_m = glm::dot(p - cam.position, cam.forward);
        // Upper layers first, then nearer features.
        c.priority = int(li) * 1000000 - int(std::min(999999.0, c.distance_m / 100.0));
        candidates.push_back(c);
        texts.push_back(text);
    };
    for (std::size_t li = 0; li < layers.size(); ++li) {
        const ViewLayer& l = layers[li];
        if (!l.desc.visible) continue;
        if (l.modifiers) {  // mines: each pit, dump and pond with its dates and state
            for (const TerrainModifiers::Label& a : l.modifiers->labels(time)) place(li, a.lon, a.lat, a.text);
            continue;
        }
        if (l.desc.style.labelField.empty() || !l.source) continue;
        const auto* vec = dynamic_cast<const VectorOverlaySource*>(l.source.get());
        if (!vec) continue;
        const double t = l.desc.time.pinned.value_or(time);
        for (const LabelAnchor& a : vec->labels(vec->stateAt(t))) place(li, a.lon, a.lat, a.text);
    }
    std::vector<ui::ScreenLabel> out;
    for (std::size_t i : layoutLabels(candidates, depth, cam.width, cam.height, cam.near_m))
        out.push_back({float(candidates[i].x), float(candidates[i].y), texts[i]});
    return out;
}

}  // namespace plateau::app
