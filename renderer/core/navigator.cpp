#include "core/navigator.h"

#include <algorithm>
#include <cmath>

#include "core/camera_control.h"
#include "core/picking.h"

namespace plateau {

namespace {
constexpr double kDeg = 3.14159265358979323846 / 180.0;
// Release velocity from the drag state this long ago: long enough to average a few frames, short
// enough that stopping before letting go means no inertia.
constexpr double kVelocityWindow_s = 0.05;
constexpr double kStaleDrag_s = 0.1;

double smoothstep(double s) {
    s = std::clamp(s, 0.0, 1.0);
    return s * s * (3.0 - 2.0 * s);
}

// The part of an exponential decay with time constant tau that falls in [t, t + dt], per unit of
// initial rate: integrating the rate exactly is what makes the result independent of the frame rate.
double decayed(double t, double dt, double tau) { return tau * (std::exp(-t / tau) - std::exp(-(t + dt) / tau)); }

// Centre of the image in pixelRay's convention.
glm::dvec2 centrePixel(const Camera& cam) { return {cam.width * 0.5 - 0.5, cam.height * 0.5 - 0.5}; }

// The ground point under a pixel, or the ellipsoid's where the query has none.
std::optional<glm::dvec3> groundPoint(const Camera& cam, double px, double py, const GroundQuery& q) {
    if (q.pointAt)
        if (auto p = q.pointAt(cam, px, py)) return p;
    return intersectEllipsoid(cam.position, pixelRay(cam, px, py), 0.0);
}
}  // namespace

double Navigator::groundAt(double lon_deg, double lat_deg, const GroundQuery& ground) const {
    double h = options.unknownGround_m;
    if (ground.surfaceHeight)
        if (const auto s = ground.surfaceHeight(lon_deg, lat_deg)) h = *s;
    return options.underground ? h - options.floorDepth_m : h;
}

bool Navigator::clear(const Camera& cam, const GroundQuery& ground) const {
    const Geodetic g = ecefToGeodetic(cam.position);
    return g.height_m >= groundAt(g.lon_deg, g.lat_deg, ground) + options.clearance_m - 1e-6 &&
           g.height_m <= options.maxHeight_m + 1e-6;
}

Camera Navigator::clamp(const Camera& cam, const GroundQuery& ground) const {
    if (clear(cam, ground)) return cam;
    // Straight up or down along the vertical: the view direction is kept.
    const Geodetic g = ecefToGeodetic(cam.position);
    const double h = std::clamp(g.height_m, groundAt(g.lon_deg, g.lat_deg, ground) + options.clearance_m, options.maxHeight_m);
    Camera out = cam;
    out.position = geodeticToEcef({g.lon_deg, g.lat_deg, h});
    return levelAbout(out, out.forward);
}

double Navigator::zoomSafely(Camera& cam, const glm::dvec3& target, double factor, const GroundQuery& ground) const {
    Camera moved = scaleToward(cam, target, factor);
    if (clear(moved, ground) || !clear(cam, ground)) {
        cam = clear(moved, ground) ? moved : clamp(moved, ground);
        return factor;
    }
    // Bisect the log of the factor: the largest part of the move that keeps the clearance.
    double lo = 0.0, hi = std::log(factor);
    for (int i = 0; i < 30; ++i) {
        const double mid = 0.5 * (lo + hi);
        if (clear(scaleToward(cam, target, std::exp(mid)), ground)) lo = mid; else hi = mid;
    }
    cam = scaleToward(cam, target, std::exp(lo));
    return std::exp(lo);
}

void Navigator::stop() {
    drag_ = Drag::None;
    anchor_.reset();
    samples_.clear();
    inertia_.reset();
    zoom_.reset();
    anim_.reset();
}

Camera Navigator::update(const Camera& camIn, const NavInput& in, double dt, const GroundQuery& ground) {
    dt = dt > 0.0 ? std::min(dt, 0.25) : 0.0;  // also NaN
    clock_ += dt;
    Camera cam = camIn;
    const bool pressL = in.left && !prevLeft_, pressM = in.middle && !prevMiddle_, pressR = in.right && !prevRight_;
    prevLeft_ = in.left;
    prevMiddle_ = in.middle;
    prevRight_ = in.right;
    const bool mouseFree = !in.uiHasMouse;
    const bool keysFree = !in.uiHasKeyboard;
    const bool anyKey = keysFree && (in.forward || in.back || in.moveLeft || in.moveRight || in.up || in.down ||
                                     in.turnLeft || in.turnRight || in.tiltUp || in.tiltDown);
    const bool press = mouseFree && (pressL || pressM || pressR);
    const bool wheel = mouseFree && in.wheel != 0.0;
    const bool oneShot = keysFree && (in.northUp || in.resetTilt);
    if (press || wheel || anyKey || oneShot || (mouseFree && in.doubleClick)) anim_.reset();

    // Drags end when their button is released; a release starts inertia.
    if (drag_ != Drag::None) {
        const bool held = (drag_ == Drag::Grab && in.left) || (drag_ == Drag::Orbit && (in.middle || in.left)) ||
                          (drag_ == Drag::Zoom && in.right) || (drag_ == Drag::Swallowed && (in.left || in.middle || in.right));
        if (!held) release();
    }
    if (mouseFree && in.doubleClick) {
        // The second click of a double-click is a flight, not the start of a grab.
        if (const auto p = groundPoint(cam, in.x, in.y, ground)) flyTo(cam, *p, ground);
        drag_ = Drag::Swallowed;
    } else if (drag_ == Drag::None && press) {
        inertia_.reset();
        zoom_.reset();
        cam = startPress(cam, in, ground, pressM || (pressL && in.ctrl), pressR && !pressL && !pressM);
    } else if (drag_ != Drag::None) {
        cam = continueDrag(cam, in, ground);
    }
    lastX_ = in.x;
    lastY_ = in.y;

    if (wheel) {
        inertia_.reset();
        if (const auto p = groundPoint(cam, in.x, in.y, ground)) {
            // A new wheel step retargets: the remaining zoom continues toward the new point.
            const double pending = zoom_ ? zoom_->pendingLog : 0.0;
            zoom_ = EasedZoom{*p, pending + in.wheel * std::log(options.wheelFactor)};
        }
    }
    if (oneShot) startReset(cam, in.northUp, in.resetTilt, ground);
    if (anyKey) {
        inertia_.reset();
        cam = keys(cam, in, dt, ground);
    }
    cam = runInertia(cam, dt, ground);
    cam = runZoom(cam, dt, ground);
    cam = runAnimation(cam, dt);
    return clamp(cam, ground);
}

Camera Navigator::startPress(const Camera& cam, const NavInput& in, const GroundQuery& ground, bool orbit, bool zoom) {
    drag_ = orbit ? Drag::Orbit : zoom ? Drag::Zoom : Drag::Grab;
    anchor_ = ground.pointAt ? ground.pointAt(cam, in.x, in.y) : std::nullopt;
    if (!anchor_ && drag_ != Drag::Grab) anchor_ = groundPoint(cam, in.x, in.y, ground);
    samples_.clear();
    const CameraPose pose = cameraPose(cam);
    samples_.push_back({clock_, cam.position, pose.heading_deg, pose.pitch_deg});
    return cam;
}

Camera Navigator::continueDrag(const Camera& cam, const NavInput& in, const GroundQuery& ground) {
    const double dx = in.x - lastX_, dy = in.y - lastY_;
    Camera out = cam;
    switch (drag_) {
        case Drag::Grab: {
            std::optional<Camera> grabbed = anchor_ ? grabTo(cam, *anchor_, in.x, in.y) : std::nullopt;
            if (grabbed) {
                out = *grabbed;
            } else if (dx != 0.0 || dy != 0.0) {
                // Over the sky (or the cursor's ray above the grabbed point's sphere): move the
                // ground by the screen scale at the height above it.
                const Geodetic g = ecefToGeodetic(cam.position);
                const double scale = 2.0 * std::tan(cam.fovy_rad * 0.5) / cam.height;
                out = moveHorizontal(cam, dy * scale, -dx * scale, groundAt(g.lon_deg, g.lat_deg, ground));
            }
            if (!clear(out, ground)) out = cam;  // a grab never pushes the camera into a slope
            break;
        }
        case Drag::Orbit: {
            if (dx == 0.0 && dy == 0.0) break;
            const double dh = dx * options.orbitDegPerPixel, dp = -dy * options.orbitDegPerPixel * 0.8;
            if (!anchor_) {  // nothing under the press: turn in place
                CameraPose pose = cameraPose(cam);
                pose.heading_deg += dh;
                pose.pitch_deg = std::clamp(pose.pitch_deg + dp, minPitch(), maxPitch());
                Camera turned = makeCamera(pose, cam.width, cam.height);
                turned.near_m = cam.near_m;
                out = turned;
                break;
            }
            // Tilting can swing the camera into a slope: keep the largest part of the tilt that stays clear.
            double lo = 0.0, hi = 1.0;
            out = orbitAbout(cam, *anchor_, dh, dp, minPitch(), maxPitch());
            if (!clear(out, ground)) {
                for (int i = 0; i < 20; ++i) {
                    const double mid = 0.5 * (lo + hi);
                    if (clear(orbitAbout(cam, *anchor_, dh, dp * mid, minPitch(), maxPitch()), ground)) lo = mid; else hi = mid;
                }
                out = orbitAbout(cam, *anchor_, dh, dp * lo, minPitch(), maxPitch());
                if (!clear(out, ground)) out = cam;
            }
            break;
        }
        case Drag::Zoom:
            if (anchor_ && dy != 0.0) zoomSafely(out, *anchor_, std::exp(-dy * options.dragZoomPerPixel), ground);
            break;
        case Drag::None:
        case Drag::Swallowed: break;
    }
    const CameraPose pose = cameraPose(out);
    samples_.push_back({clock_, out.position, pose.heading_deg, pose.pitch_deg});
    while (samples_.size() > 2 && clock_ - samples_[1].t >= kVelocityWindow_s) samples_.pop_front();
    return out;
}

void Navigator::release() {
    const Drag kind = drag_;
    drag_ = Drag::None;
    if ((kind != Drag::Grab && kind != Drag::Orbit) || samples_.size() < 2) return;
    // The velocity over the last window; none if the pointer rested before the release.
    const Sample& a = samples_.front();
    const Sample& b = samples_.back();
    const double span = b.t - a.t;
    if (span <= 1e-9) return;
    // Find when the pointer last moved: samples equal to the newest one mean it rested.
    double lastMove = a.t;
    for (std::size_t i = samples_.size() - 1; i > 0; --i)
        if (samples_[i].position != samples_[i - 1].position || samples_[i].heading != samples_[i - 1].heading ||
            samples_[i].pitch != samples_[i - 1].pitch) {
            lastMove = samples_[i].t;
            break;
        }
    if (clock_ - lastMove > kStaleDrag_s) return;
    Inertia in;
    in.kind = kind;
    if (kind == Drag::Grab) {
        const glm::dvec3 pa = glm::normalize(a.position), pb = glm::normalize(b.position);
        const glm::dvec3 axis = glm::cross(pa, pb);
        const double len = glm::length(axis);
        if (len < 1e-15) return;
        in.axis = axis / len;
        in.rate = std::atan2(len, glm::dot(pa, pb)) / span;
    } else {
        if (!anchor_) return;
        in.pivot = *anchor_;
        in.headingRate = std::remainder(b.heading - a.heading, 360.0) / span;
        in.pitchRate = (b.pitch - a.pitch) / span;
    }
    inertia_ = in;
}

Camera Navigator::runInertia(const Camera& cam, double dt, const GroundQuery& ground) {
    if (!inertia_ || dt <= 0.0) return cam;
    Inertia& in = *inertia_;
    const double tau = options.inertia_s;
    const double part = decayed(in.age, dt, tau);
    in.age += dt;
    Camera out = cam;
    if (in.kind == Drag::Grab) {
        // The camera keeps turning about the same axis through the Earth's centre; rotations about
        // one axis add up, and levelling about the forward ray depends only on where the camera is
        // and looks, so the frame rate does not change the path.
        out = levelAbout(rotateCamera(cam, glm::dvec3(0.0), in.axis, in.rate * part), cam.forward);
        // Stop once what is left of the coast is a fraction of a pixel at the ground below.
        const Geodetic g = ecefToGeodetic(out.position);
        const double above = std::max(g.height_m - groundAt(g.lon_deg, g.lat_deg, ground), options.clearance_m);
        const double remaining_m = in.rate * tau * std::exp(-in.age / tau) * glm::length(out.position);
        if (remaining_m < 0.25 * metresPerPixel(out, above)) inertia_.reset();
    } else {
        out = orbitAbout(cam, in.pivot, in.headingRate * part, in.pitchRate * part, minPitch(), maxPitch());
        // Stop once what is left turns the view by a fraction of a pixel.
        const double remaining_rad = std::max(std::fabs(in.headingRate), std::fabs(in.pitchRate)) * kDeg * tau * std::exp(-in.age / tau);
        if (remaining_rad < 0.25 * 2.0 * std::tan(out.fovy_rad * 0.5) / out.height) inertia_.reset();
    }
    if (!clear(out, ground)) {  // coasting into a slope stops
        inertia_.reset();
        return cam;
    }
    return out;
}

Camera Navigator::runZoom(const Camera& cam, double dt, const GroundQuery& ground) {
    if (!zoom_) return cam;
    // Each frame applies the share of the remaining zoom that an exponential ease gives its time
    // step; the shares of any split of the same time multiply to the same total.
    const double step = zoom_->pendingLog * (1.0 - std::exp(-dt / options.wheelEase_s));
    Camera out = cam;
    const double want = std::exp(step);
    const double got = zoomSafely(out, zoom_->target, want, ground);
    zoom_->pendingLog -= step;
    // A remaining 1e-4 of the distance moves the image edge by a few hundredths of a pixel.
    if (got != want || std::fabs(zoom_->pendingLog) < 1e-4) zoom_.reset();
    return out;
}

Camera Navigator::runAnimation(const Camera& cam, double dt) {
    if (!anim_) return cam;
    anim_->t += dt;
    const double s = smoothstep(anim_->t / anim_->duration);
    const Camera out = cameraOf(cam, interpolate(anim_->from, anim_->to, s));
    if (anim_->t >= anim_->duration) anim_.reset();
    return out;
}

void Navigator::flyTo(const Camera& cam, const glm::dvec3& point, const GroundQuery& ground) {
    inertia_.reset();
    zoom_.reset();
    const glm::dvec2 c = centrePixel(cam);
    const auto centre = groundPoint(cam, c.x, c.y, ground);
    Animation a;
    // From the current view about its centre (or a point on the forward ray as far as the target).
    a.from = focusViewOf(cam, centre ? *centre : cam.position + cam.forward * glm::length(point - cam.position));
    // To the same look direction as seen at the target, at half the distance.
    a.to = lookAlong(cam, point, std::max(0.5 * glm::length(point - cam.position), 4.0 * options.clearance_m));
    a.to.pitch_deg = std::clamp(a.to.pitch_deg, -90.0, -10.0);
    a.duration = options.flyTime_s;
    anim_ = a;
}

void Navigator::startReset(const Camera& cam, bool north, bool tilt, const GroundQuery& ground) {
    inertia_.reset();
    zoom_.reset();
    const glm::dvec2 c = centrePixel(cam);
    auto centre = groundPoint(cam, c.x, c.y, ground);
    if (!centre) {  // looking at the sky: turn about a point on the forward ray at the ground's distance
        const Geodetic g = ecefToGeodetic(cam.position);
        centre = cam.position + cam.forward * std::max(g.height_m - groundAt(g.lon_deg, g.lat_deg, ground), 1000.0);
    }
    Animation a;
    a.from = focusViewOf(cam, *centre);
    a.to = a.from;
    if (north) a.to.heading_deg = 0.0;
    if (tilt) a.to.pitch_deg = -90.0;
    a.duration = options.resetTime_s;
    anim_ = a;
}

Camera Navigator::keys(const Camera& cam, const NavInput& in, double dt, const GroundQuery& ground) {
    const Geodetic g = ecefToGeodetic(cam.position);
    const double floor = groundAt(g.lon_deg, g.lat_deg, ground);
    Camera out = cam;
    const double step = options.keyMoveRate * dt;
    const double fwd = (in.forward ? step : 0.0) - (in.back ? step : 0.0);
    const double rgt = (in.moveRight ? step : 0.0) - (in.moveLeft ? step : 0.0);
    if (fwd != 0.0 || rgt != 0.0) out = moveHorizontal(out, fwd, rgt, floor);
    CameraPose pose = cameraPose(out);
    bool posed = false;
    if (in.up != in.down) {
        // Exponential in the height above the ground: the same feel at 100 m and at 100 km.
        const double above = std::max(pose.height_m - floor, options.clearance_m);
        pose.height_m = floor + above * std::exp((in.up ? 1.0 : -1.0) * options.keyClimbRate * dt);
        posed = true;
    }
    if (in.turnLeft != in.turnRight) {
        pose.heading_deg += (in.turnRight ? 1.0 : -1.0) * options.keyTurnDegPerS * dt;
        posed = true;
    }
    if (in.tiltUp != in.tiltDown) {
        pose.pitch_deg = std::clamp(pose.pitch_deg + (in.tiltUp ? 1.0 : -1.0) * options.keyTiltDegPerS * dt,
                                    minPitch(), maxPitch());
        posed = true;
    }
    if (posed) {
        Camera c2 = makeCamera(pose, out.width, out.height);
        c2.near_m = out.near_m;
        out = c2;
    }
    return out;
}

}  // namespace plateau
