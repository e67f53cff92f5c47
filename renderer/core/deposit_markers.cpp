#include "core/deposit_markers.h"

#include <algorithm>
#include <cmath>

#include "core/geodesy.h"
#include "core/label_layout.h"

namespace plateau {

DepositFrame placeDepositMarkers(const std::vector<Deposit>& deposits, const DepositLayerDesc& layer, double year,
                                 const Camera& cam, const SurfaceHeightFn& surfaceHeight,
                                 const std::vector<float>& depth, const MeasureTextFn& measure) {
    DepositFrame out;
    const glm::dmat4 viewProj = projectionMatrix(cam) * viewMatrix(cam);
    for (std::size_t i = 0; i < deposits.size(); ++i) {
        const Deposit& d = deposits[i];
        const DepositPhase phase = depositPhase(d, year);
        if (phase == DepositPhase::Hidden || !layer.filter.passes(d)) continue;
        const std::optional<double> h = surfaceHeight ? surfaceHeight(d.lon, d.lat) : std::optional<double>(0.0);
        if (!h) continue;
        const glm::dvec3 p = geodeticToEcef({d.lon, d.lat, *h});
        const glm::dvec4 clip = viewProj * glm::dvec4(p, 1.0);
        if (clip.w <= 0.0) continue;
        const double x = (clip.x / clip.w * 0.5 + 0.5) * cam.width;
        const double y = (clip.y / clip.w * 0.5 + 0.5) * cam.height;
        if (x < 0 || y < 0 || x >= cam.width || y >= cam.height) continue;
        const double distance = glm::dot(p - cam.position, cam.forward);
        if (distance <= 0 || hiddenBehindSurface(depth, cam.width, cam.height, x, y, distance, cam.near_m)) continue;
        DepositMarker m;
        m.deposit = i;
        m.x = float(x);
        m.y = float(y);
        m.diameter = depositMarkerSize(layer.style, d);
        m.colour = depositMarkerColour(layer.style, d);
        m.producing = phase == DepositPhase::Producing;
        m.distance_m = distance;
        out.markers.push_back(m);
    }
    // Far first, so nearer discs are drawn over them.
    std::stable_sort(out.markers.begin(), out.markers.end(),
                     [](const DepositMarker& a, const DepositMarker& b) { return a.distance_m > b.distance_m; });

    if (!measure || layer.style.labelField.empty()) return out;
    // Labels start right of their disc. Larger deposits win a contested place, then nearer ones.
    // Occlusion was judged for the markers already, so layout gets no depth.
    std::vector<LabelCandidate> candidates;
    std::vector<std::string> texts;
    for (const DepositMarker& m : out.markers) {
        std::string text = depositLabel(layer.style, deposits[m.deposit]);
        if (text.empty()) continue;
        const auto [w, hgt] = measure(text);
        LabelCandidate c;
        // Clear of the disc, and of the producing ring (ui/deposit_overlay.cpp draws it 3.5 px out).
        c.x = double(m.x) + double(m.diameter) * 0.5 + (m.producing ? 5.0 : 0.0);
        c.y = m.y;
        c.width = w;
        c.height = hgt;
        c.distance_m = m.distance_m;
        c.priority = int(m.diameter * 1000.0f) - int(std::min(999.0, m.distance_m / 10000.0));
        candidates.push_back(c);
        texts.push_back(std::move(text));
    }
    for (std::size_t i : layoutLabels(candidates, {}, cam.width, cam.height, cam.near_m))
        out.labels.push_back({float(candidates[i].x) + 3.0f, float(candidates[i].y), texts[i], candidates[i].width,
                              candidates[i].height});
    return out;
}

std::vector<bool> overlapsDepositFrame(const DepositFrame& frame, const std::vector<ScreenBox>& boxes) {
    std::vector<ScreenBox> taken;
    for (const DepositMarker& m : frame.markers) {
        const double r = m.diameter * 0.5 + (m.producing ? 5.0 : 1.0);
        taken.push_back({m.x - r, m.y - r, m.x + r, m.y + r});
    }
    for (const DepositLabel& l : frame.labels)
        taken.push_back({l.x - 1.0, l.y - l.height * 0.5 - 1.0, l.x + l.width + 1.0, l.y + l.height * 0.5 + 1.0});
    std::vector<bool> out(boxes.size(), false);
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        const ScreenBox& b = boxes[i];
        for (const ScreenBox& t : taken)
            if (b.x0 < t.x1 && t.x0 < b.x1 && b.y0 < t.y1 && t.y0 < b.y1) {
                out[i] = true;
                break;
            }
    }
    return out;
}

std::optional<std::size_t> pickDepositMarker(const std::vector<DepositMarker>& markers, float x, float y,
                                             float slackPx) {
    std::optional<std::size_t> best;
    float bestDist = 0;
    for (std::size_t i = 0; i < markers.size(); ++i) {
        const DepositMarker& m = markers[i];
        const float d = std::hypot(m.x - x, m.y - y);
        if (d > m.diameter * 0.5f + slackPx) continue;
        // Nearest to the cursor; on a tie the one drawn on top (later in the list).
        if (!best || d <= bestDist) {
            best = i;
            bestDist = d;
        }
    }
    return best;
}

}  // namespace plateau
