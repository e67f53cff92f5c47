#include "core/navigator_ground.h"

#include <algorithm>
#include <cmath>

#include "core/camera_control.h"

namespace plateau {

std::optional<glm::dvec3> marchToSurface(const glm::dvec3& origin, const glm::dvec3& dir, const SurfaceHeightFn& height,
                                         double maxSurface_m, double minSurface_m) {
    auto gapAt = [&](double t) {
        const Geodetic g = ecefToGeodetic(origin + dir * t);
        return g.height_m - (height ? height(g.lon_deg, g.lat_deg).value_or(0.0) : 0.0);
    };
    // The search runs inside the shell between the lowest and highest possible surfaces.
    double t0 = 0.0;
    if (ecefToGeodetic(origin).height_m > maxSurface_m) {
        const auto enter = intersectEllipsoid(origin, dir, maxSurface_m);
        if (!enter) return std::nullopt;
        t0 = glm::length(*enter - origin);
    }
    double t1 = 0.0;
    if (const auto low = intersectEllipsoid(origin + dir * t0, dir, minSurface_m)) {
        t1 = t0 + glm::length(*low - (origin + dir * t0));
    } else {  // passes over the lowest surface: search until it leaves the shell
        const glm::dvec3 inside = origin + dir * (t0 + 1.0);
        const auto leave = intersectEllipsoid(inside, dir, maxSurface_m);
        if (!leave) return std::nullopt;
        t1 = t0 + 1.0 + glm::length(*leave - inside);
    }
    // Step by half the vertical gap (never past a surface sloping less than about 60 degrees) until
    // the gap changes sign: from above (the usual case) or from below (underground looking up).
    double prev = t0, gPrev = gapAt(t0);
    if (gPrev == 0.0) return origin + dir * t0;
    const bool above = gPrev > 0.0;
    double t = t0;
    for (int i = 0; i < 4000 && t < t1; ++i) {
        t = std::min(t1, t + std::max(std::fabs(gPrev) * 0.5, 0.5 + t * 2e-4));
        const double g = gapAt(t);
        if ((g > 0.0) != above || g == 0.0) {
            double lo = prev, hi = t;
            for (int k = 0; k < 50 && hi - lo > 1e-3; ++k) {
                const double mid = 0.5 * (lo + hi);
                if ((gapAt(mid) > 0.0) == above) lo = mid; else hi = mid;
            }
            return origin + dir * (0.5 * (lo + hi));
        }
        prev = t;
        gPrev = g;
    }
    return std::nullopt;
}

GroundQuery marchingGroundQuery(SurfaceHeightFn height, double maxSurface_m) {
    GroundQuery q;
    q.surfaceHeight = height;
    q.pointAt = [height, maxSurface_m](const Camera& cam, double px, double py) {
        return marchToSurface(cam.position, pixelRay(cam, px, py), height, maxSurface_m);
    };
    return q;
}

}  // namespace plateau
