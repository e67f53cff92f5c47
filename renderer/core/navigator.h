#pragma once
// Google-Earth-like navigation as a state machine over plain input: one call per frame turns the
// camera, the frame's input (core/nav_input.h) and the elapsed time into the next camera.
//
// - Left-drag grabs the ground point under the cursor at the press and keeps it under the cursor
//   (the globe turns about its centre; exact wherever the cursor's ray meets the sphere through
//   that point). Over the sky it pans by the screen scale instead.
// - The wheel zooms toward the ground point under the cursor, which stays under the cursor; the
//   zoom is eased over a short time. Right-drag zooms too (drag down: in), toward the press point.
// - Middle-drag or ctrl+left-drag orbits (heading, tilt) about the ground point under the press;
//   that point keeps its pixel.
// - Double-click flies to the point: a short animation that centres it and halves the distance.
// - Keys move, climb and turn at speeds proportional to the height above the ground.
// - After a grab or orbit is released the motion continues and decays exponentially in time, so
//   30 and 60 frames per second end in the same place.
// - North-up and reset-tilt turn about the point at the screen centre, smoothly.
// - The camera stays `clearance` above the displayed surface (in the underground view, above a
//   floor below it) and below the maximum height.
// Any new press, wheel step or key cancels an animation or inertia.
#include <deque>
#include <optional>

#include "core/camera.h"
#include "core/nav_input.h"
#include "core/navigator_ground.h"
#include "core/navigator_moves.h"

namespace plateau {

struct NavigatorOptions {
    double clearance_m = 50.0;            // above the displayed surface
    double maxHeight_m = 40'000'000.0;    // above the ellipsoid
    bool underground = false;             // the camera may go below the surface, down to the floor
    double floorDepth_m = 3000.0;         // below the surface, in the underground view
    double minPitchDeg = -90.0;
    double maxPitchDeg = -2.0;            // above ground; the underground view allows looking up
    double undergroundMaxPitchDeg = 80.0;
    double unknownGround_m = 0.0;         // surface height where the query has none
    double wheelFactor = 0.8;             // distance to the point kept per wheel step in
    double wheelEase_s = 0.12;            // time constant of the eased wheel zoom
    double dragZoomPerPixel = 0.006;      // right-drag: e-folds of distance per pixel
    double orbitDegPerPixel = 0.25;       // heading per horizontal pixel; tilt uses 0.8 of it
    double inertia_s = 0.35;              // time constant of the decay after a drag
    double keyMoveRate = 0.8;             // fraction of the height above ground per second
    double keyClimbRate = 1.0;            // e-folds of the height above ground per second
    double keyTurnDegPerS = 60.0;
    double keyTiltDegPerS = 45.0;
    double flyTime_s = 0.8;               // double-click
    double resetTime_s = 0.6;             // north-up, reset tilt
};

class Navigator {
public:
    enum class Drag { None, Grab, Orbit, Zoom, Swallowed };

    NavigatorOptions options;

    // The next camera. `dt` in seconds (clamped to 0.25 so a stall does not jump).
    Camera update(const Camera& cam, const NavInput& in, double dt, const GroundQuery& ground);

    // Start the double-click flight to `point` (also used by code that wants the same move).
    void flyTo(const Camera& cam, const glm::dvec3& point, const GroundQuery& ground);
    // Drop any drag, inertia, eased zoom and animation.
    void stop();

    Drag drag() const { return drag_; }
    // True while the camera moves by itself (inertia, eased zoom, an animation).
    bool moving() const { return inertia_.has_value() || zoom_.has_value() || anim_.has_value(); }
    // The height navigation keeps the camera above at a point: the surface, or the floor.
    double groundAt(double lon_deg, double lat_deg, const GroundQuery& ground) const;

private:
    struct Sample { double t; glm::dvec3 position; double heading, pitch; };
    struct Inertia {
        Drag kind = Drag::Grab;
        glm::dvec3 axis{0};     // grab: rotation axis through the Earth's centre
        double rate = 0;        // grab: rad/s
        glm::dvec3 pivot{0};    // orbit
        double headingRate = 0, pitchRate = 0;  // orbit: deg/s
        double age = 0;
    };
    struct EasedZoom { glm::dvec3 target{0}; double pendingLog = 0; };
    struct Animation { FocusView from, to; double duration = 1, t = 0; };

    Camera startPress(const Camera& cam, const NavInput& in, const GroundQuery& ground, bool orbit, bool zoom);
    Camera continueDrag(const Camera& cam, const NavInput& in, const GroundQuery& ground);
    void release();
    Camera keys(const Camera& cam, const NavInput& in, double dt, const GroundQuery& ground);
    Camera runInertia(const Camera& cam, double dt, const GroundQuery& ground);
    Camera runZoom(const Camera& cam, double dt, const GroundQuery& ground);
    Camera runAnimation(const Camera& cam, double dt);
    void startReset(const Camera& cam, bool north, bool tilt, const GroundQuery& ground);
    // Scale the distance to `target` by `factor`, stopping short of the ground: the largest part
    // of the move that keeps the clearance. Returns the factor actually applied.
    double zoomSafely(Camera& cam, const glm::dvec3& target, double factor, const GroundQuery& ground) const;
    bool clear(const Camera& cam, const GroundQuery& ground) const;
    Camera clamp(const Camera& cam, const GroundQuery& ground) const;
    double minPitch() const { return options.minPitchDeg; }
    double maxPitch() const { return options.underground ? options.undergroundMaxPitchDeg : options.maxPitchDeg; }

    bool prevLeft_ = false, prevMiddle_ = false, prevRight_ = false;
    Drag drag_ = Drag::None;
    std::optional<glm::dvec3> anchor_;  // the grabbed point, the orbit pivot, the zoom target
    double lastX_ = 0, lastY_ = 0;
    double clock_ = 0;
    std::deque<Sample> samples_;  // recent drag states, for the release velocity
    std::optional<Inertia> inertia_;
    std::optional<EasedZoom> zoom_;
    std::optional<Animation> anim_;
};

}  // namespace plateau
