#pragma once
// A flythrough: keyframes (the camera and, optionally, the date, layer visibility and opacity and
// a caption), each with the duration and easing of the segment after it, and the smooth path
// through them. The window previews the path and `plateau record` renders it frame by frame, so
// both take every value from PathSampler::at and nothing else: what is previewed is what is
// recorded.
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/camera.h"
#include "core/underground.h"
#include "core/result.h"

namespace plateau {

constexpr int kCameraPathSchemaVersion = 1;

enum class Easing { Linear, EaseInOut, EaseIn, EaseOut };

// Text drawn over the frames while a keyframe (or a tour stop) is shown: a title, a subtitle and
// the source of the facts it states.
struct Caption {
    std::string title;
    std::string subtitle;
    std::string source;
    bool empty() const { return title.empty() && subtitle.empty() && source.empty(); }
    bool operator==(const Caption&) const = default;
};

// A layer's state at a keyframe, by the scene's layer id; layers not listed keep the scene's.
struct LayerState {
    std::string id;
    bool visible = true;
    double opacity = 1.0;
    bool operator==(const LayerState&) const = default;
};

struct Keyframe {
    CameraPose pose;                  // with its field of view
    std::optional<double> time;       // the timeline's date (decimal year); none: unchanged
    std::vector<LayerState> layers;
    Caption caption;                  // shown over the segment that starts here, faded in and out
    // The underground view from this keyframe on (terrain opacity, cutaway); none: as before it
    // (before any keyframe sets one: the scene's). A switch, not a blend: it changes what is drawn.
    std::optional<UndergroundView> underground;
    double duration_s = 4.0;          // the segment to the next keyframe; on the last, a hold at the end
    Easing easing = Easing::EaseInOut;
    bool operator==(const Keyframe&) const = default;
};

struct CameraPath {
    std::vector<Keyframe> keys;
    bool constantGroundSpeed = false;  // positions at constant speed along the curve (each segment's easing still applies)
    double clearance_m = 100.0;        // the least height above the displayed (exaggerated) terrain
    bool operator==(const CameraPath&) const = default;
};

// Everything the path sets at one instant.
struct PathSample {
    CameraPose pose;
    std::optional<double> time;
    std::vector<LayerState> layers;  // every layer any keyframe names
    Caption caption;
    double captionAlpha = 0.0;       // 0..1: the fade of `caption`
    std::optional<UndergroundView> underground;  // the last one set at or before the instant
    std::size_t segment = 0;         // the keyframe the instant is after
};

// The displayed (exaggerated) surface height above the ellipsoid at a point; none where unknown.
// Recording needs the same answer on every run: give a function that does not depend on which
// tiles happen to be resident.
using PathGroundFn = std::function<std::optional<double>(double lonDeg, double latDeg)>;

namespace path_detail {
struct PathModel;
}

// Positions follow a centripetal Catmull-Rom spline through the keyframes (core/path_curve.h),
// each segment's parameter eased, or with `constantGroundSpeed` reparameterised by arc length
// first; orientations follow squad through the keyframes' quaternions (core/path_orientation.h);
// the field of view, the date and layer opacities interpolate between the keyframes that set
// them, eased like the segment (over several segments: ease-in-out), held before the first and
// after the last. With a ground function, the path is sampled finely once here and raised where
// it would pass closer than `clearance_m` to the ground, smoothly (core/path_clearance.h); it
// still passes exactly through every keyframe that is itself clear. Keyframes with durations
// that are not positive and finite count as 1 s. Copies share the computed curves; `at` is
// const and safe to call from several threads.
class PathSampler {
public:
    explicit PathSampler(CameraPath path, PathGroundFn ground = {});
    double duration() const;          // seconds, the sum of the keyframes' durations
    PathSample at(double seconds) const;  // clamped to [0, duration]
    const CameraPath& path() const { return path_; }
    // The keyframe's start time (the end of the path for keys.size()).
    double keyTime(std::size_t key) const;
    // The most the path was raised anywhere to keep its clearance (metres; 0 without ground).
    double maxLift() const;

private:
    CameraPath path_;
    std::vector<double> starts_;  // each keyframe's start time, and the end of the path
    std::shared_ptr<const path_detail::PathModel> model_;
};

// Path files (JSON, "version": kCameraPathSchemaVersion). Errors name the file and the field; a
// newer version, unknown fields, NaN or infinite numbers and an empty path are refused.
Result<CameraPath> parseCameraPath(const std::string& text, const std::string& name);
std::string writeCameraPath(const CameraPath& path);

}  // namespace plateau
