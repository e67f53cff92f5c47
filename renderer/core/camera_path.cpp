#include "core/camera_path.h"

#include <algorithm>
#include <cmath>

#include "core/path_clearance.h"
#include "core/path_curve.h"
#include "core/path_orientation.h"

namespace plateau {

namespace path_detail {

// A value set by some keyframes (the date, a layer's opacity), by key index.
using Channel = std::vector<std::pair<std::size_t, double>>;

struct PathModel {
    std::vector<CurveSegment> segments;
    OrientationSpline orientation;
    ClearanceLift lift;
    Channel fov;
    Channel time;
    struct Layer {
        std::string id;
        Channel shown;    // opacity, 0 where the keyframe hides the layer
        Channel opacity;  // the opacity the keyframe keeps for the layer, shown or not
        Channel visible;  // 1 or 0
    };
    std::vector<Layer> layers;
};

}  // namespace path_detail

using namespace path_detail;

namespace {

// The finest time step of the clearance samples, and how far apart they may be on the ground:
// a ridge narrower than this is stepped over.
constexpr double kClearanceStepS = 0.02;
constexpr double kClearanceStepM = 200.0;
constexpr double kClearanceMaxSamples = 20000.0;
// The lift rises over about three of these (or a quarter of the shortest segment).
constexpr double kClearanceWindowS = 1.0;

double validDuration(double d) { return std::isfinite(d) && d > 0.0 ? d : 1.0; }

struct Where {
    std::size_t key = 0;  // the segment (the keyframe the instant is after)
    double u = 0.0;       // 0..1 along it, not eased
    bool hold = false;    // on the last keyframe's hold
};

}  // namespace

PathSampler::PathSampler(CameraPath path, PathGroundFn ground) : path_(std::move(path)) {
    auto model = std::make_shared<PathModel>();
    const std::size_t n = path_.keys.size();
    starts_.assign(n + 1, 0.0);
    for (std::size_t i = 0; i < n; ++i) starts_[i + 1] = starts_[i] + validDuration(path_.keys[i].duration_s);

    std::vector<glm::dvec4> points;
    std::vector<glm::dquat> quats;
    for (std::size_t i = 0; i < n; ++i) {
        const Keyframe& k = path_.keys[i];
        points.push_back(curvePoint(k.pose.lon_deg, k.pose.lat_deg, k.pose.height_m));
        quats.push_back(cameraQuat(makeCamera(k.pose, 16, 9)));
        model->fov.emplace_back(i, std::clamp(k.pose.fov_deg, kMinFovDeg, kMaxFovDeg));
        if (k.time) model->time.emplace_back(i, *k.time);
        for (const LayerState& l : k.layers) {
            auto it = std::find_if(model->layers.begin(), model->layers.end(),
                                   [&](const PathModel::Layer& m) { return m.id == l.id; });
            if (it == model->layers.end()) {
                model->layers.push_back({l.id, {}, {}, {}});
                it = model->layers.end() - 1;
            }
            const double opacity = std::clamp(l.opacity, 0.0, 1.0);
            // A keyframe naming the same layer twice: the last entry counts.
            if (!it->shown.empty() && it->shown.back().first == i) {
                it->shown.pop_back();
                it->opacity.pop_back();
                it->visible.pop_back();
            }
            it->shown.emplace_back(i, l.visible ? opacity : 0.0);
            it->opacity.emplace_back(i, opacity);
            it->visible.emplace_back(i, l.visible ? 1.0 : 0.0);
        }
    }
    model->segments = catmullRomSegments(points);
    model->orientation = OrientationSpline(std::move(quats));
    model_ = model;

    if (!ground || n == 0 || !(path_.clearance_m >= 0.0)) return;
    // The lift, computed once over the whole unraised path (model_ has no lift yet).
    const double total = duration();
    double length = 0.0, shortest = total;
    for (std::size_t i = 0; i + 1 < n; ++i) {
        length += model->segments[i].length();
        shortest = std::min(shortest, starts_[i + 1] - starts_[i]);
    }
    const double samples = std::clamp(std::ceil(std::max(total / kClearanceStepS, length / kClearanceStepM)), 64.0,
                                      kClearanceMaxSamples);
    const double dt = total / samples;
    std::vector<double> need(std::size_t(samples) + 1, 0.0);
    for (std::size_t j = 0; j < need.size(); ++j) {
        const CameraPose p = at(double(j) * dt).pose;
        if (const auto g = ground(p.lon_deg, p.lat_deg); g && std::isfinite(*g))
            need[j] = std::max(0.0, *g + path_.clearance_m - p.height_m);
    }
    std::vector<double> pinned;
    for (std::size_t i = 0; i < n; ++i) {
        const CameraPose& p = path_.keys[i].pose;
        const auto g = ground(p.lon_deg, p.lat_deg);
        if (!g || !std::isfinite(*g) || p.height_m >= *g + path_.clearance_m) {
            pinned.push_back(starts_[i]);
            if (i + 1 == n) pinned.push_back(total);  // the hold at the end stays on it too
        }
    }
    model->lift = ClearanceLift(need, dt, std::min(kClearanceWindowS, 0.25 * shortest), pinned);
}

double PathSampler::duration() const { return starts_.empty() ? 0.0 : starts_.back(); }

double PathSampler::keyTime(std::size_t key) const {
    return starts_.empty() ? 0.0 : starts_[std::min(key, starts_.size() - 1)];
}

double PathSampler::maxLift() const { return model_->lift.maximum(); }

namespace {

Where locate(const std::vector<double>& starts, double t) {
    Where w;
    const std::size_t n = starts.size() - 1;  // keyframes
    // The last keyframe whose start is at or before t.
    const auto it = std::upper_bound(starts.begin(), starts.begin() + std::ptrdiff_t(n), t);
    w.key = std::size_t(std::max<std::ptrdiff_t>(0, (it - starts.begin()) - 1));
    w.hold = w.key + 1 >= n;
    w.u = std::clamp((t - starts[w.key]) / (starts[w.key + 1] - starts[w.key]), 0.0, 1.0);
    return w;
}

double channelAt(const Channel& c, const std::vector<double>& starts, const std::vector<Keyframe>& keys, double t) {
    if (t <= starts[c.front().first]) return c.front().second;
    if (t >= starts[c.back().first]) return c.back().second;
    std::size_t b = 1;
    while (b < c.size() && starts[c[b].first] <= t) ++b;
    const auto& [ka, va] = c[b - 1];
    const auto& [kb, vb] = c[b];
    const double w = (t - starts[ka]) / (starts[kb] - starts[ka]);
    // Between neighbouring keyframes the value eases with the segment; across keyframes that
    // leave it unset it eases in and out over the whole span.
    const double e = ease(kb == ka + 1 ? keys[ka].easing : Easing::EaseInOut, w);
    return va + (vb - va) * e;
}

double smoothstep(double x) {
    x = std::clamp(x, 0.0, 1.0);
    return x * x * (3.0 - 2.0 * x);
}

}  // namespace

PathSample PathSampler::at(double seconds) const {
    PathSample out;
    const std::size_t n = path_.keys.size();
    if (n == 0) return out;
    const double t = std::clamp(std::isfinite(seconds) ? seconds : 0.0, 0.0, duration());
    const Where w = locate(starts_, t);
    const Keyframe& key = path_.keys[w.key];
    const PathModel& m = *model_;

    // Position and orientation.
    glm::dvec4 c;
    glm::dquat q;
    if (w.hold) {
        c = curvePoint(key.pose.lon_deg, key.pose.lat_deg, key.pose.height_m);
        q = m.orientation.keys().back();
    } else {
        const double e = ease(key.easing, w.u);
        const CurveSegment& seg = m.segments[w.key];
        c = seg.at(path_.constantGroundSpeed ? seg.uAtArcFraction(e) : e);
        q = m.orientation.at(w.key, e);
    }
    Geodetic g = w.hold ? Geodetic{key.pose.lon_deg, key.pose.lat_deg, key.pose.height_m} : curvePointGeodetic(c);
    g.height_m += m.lift.at(t);
    Camera cam;
    cam.position = geodeticToEcef(g);
    cam.forward = quatForward(q);
    cam.up = quatUp(q);
    out.pose = cameraPose(cam);
    out.pose.lon_deg = g.lon_deg;
    out.pose.lat_deg = g.lat_deg;
    out.pose.height_m = g.height_m;
    out.pose.fov_deg = channelAt(m.fov, starts_, path_.keys, t);

    if (!m.time.empty()) out.time = channelAt(m.time, starts_, path_.keys, t);
    for (const PathModel::Layer& l : m.layers) {
        LayerState s;
        s.id = l.id;
        const double shown = channelAt(l.shown, starts_, path_.keys, t);
        // Fading between hidden and shown goes through the opacity; a layer hidden on both sides
        // stays hidden with the opacity its keyframes keep (so the scene's value survives).
        s.visible = shown > 1e-6 || channelAt(l.visible, starts_, path_.keys, t) > 0.0;
        s.opacity = s.visible ? shown : channelAt(l.opacity, starts_, path_.keys, t);
        out.layers.push_back(std::move(s));
    }

    for (std::size_t i = w.key + 1; i-- > 0;)
        if (path_.keys[i].underground) {
            out.underground = path_.keys[i].underground;
            break;
        }

    // The caption of the keyframe the instant is after, faded in and out at its span's ends.
    out.segment = w.key;
    out.caption = key.caption;
    if (!key.caption.empty()) {
        const double span = starts_[w.key + 1] - starts_[w.key];
        const double fade = std::min(0.75, span / 4.0);
        const double x = std::min(t - starts_[w.key], starts_[w.key + 1] - t) / fade;
        out.captionAlpha = smoothstep(x);
    }
    return out;
}

}  // namespace plateau
