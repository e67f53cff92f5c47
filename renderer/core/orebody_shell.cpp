#include "core/orebody_shell.h"

#include <cmath>
#include <numbers>
#include <string>

#include "core/model_geometry.h"

namespace plateau {
namespace {

constexpr double kHeightOverRadius = 3.0;
constexpr double kFlareBottom = 0.75;  // radius factor at the bottom; 1 at the top
constexpr double kSuperellipse = 4.0;
constexpr double kCoreCentre = 0.6;  // inner shells scale about this height fraction

double profile(double t) {
    const double u = std::fabs(2.0 * t - 1.0);
    return (kFlareBottom + (1.0 - kFlareBottom) * t) * std::pow(std::max(0.0, 1.0 - std::pow(u, kSuperellipse)), 1.0 / kSuperellipse);
}

// The R = 1 shell, bottom at y = 0, top at y = H: two poles and rings between them.
void unitShell(std::vector<ModelVertex>& v, std::vector<std::uint32_t>& idx) {
    const int n = kOreShellSegments, m = kOreShellRings;
    const double h = kHeightOverRadius;
    v.clear();
    idx.clear();
    v.push_back({});  // bottom pole
    v.back().position = {0.0f, 0.0f, 0.0f};
    for (int j = 1; j <= m; ++j) {
        // Rings spaced evenly in the superellipse's angle, so the blunt ends get enough rings.
        const double phi = std::numbers::pi * j / (m + 1);
        const double t = 0.5 - 0.5 * std::cos(phi);
        const double r = profile(t);
        for (int i = 0; i < n; ++i) {
            const double a = 2.0 * std::numbers::pi * i / n;
            ModelVertex x;
            // Counter-clockwise seen from above (+Y): x = cos, z = -sin.
            x.position = glm::vec3(static_cast<float>(r * std::cos(a)), static_cast<float>(t * h),
                                   static_cast<float>(-r * std::sin(a)));
            v.push_back(x);
        }
    }
    v.push_back({});  // top pole
    v.back().position = {0.0f, static_cast<float>(h), 0.0f};
    const auto ring = [](int j, int i) {
        return static_cast<std::uint32_t>(1 + (j - 1) * kOreShellSegments + (i % kOreShellSegments));
    };
    const auto top = static_cast<std::uint32_t>(v.size() - 1);
    for (int i = 0; i < n; ++i) idx.insert(idx.end(), {0u, ring(1, i + 1), ring(1, i)});
    for (int j = 1; j < m; ++j)
        for (int i = 0; i < n; ++i) {
            idx.insert(idx.end(), {ring(j, i), ring(j, i + 1), ring(j + 1, i + 1)});
            idx.insert(idx.end(), {ring(j, i), ring(j + 1, i + 1), ring(j + 1, i)});
        }
    for (int i = 0; i < n; ++i) idx.insert(idx.end(), {ring(m, i), ring(m, i + 1), top});
}

}  // namespace

Result<std::vector<OreShell>> buildOreShells(const OrebodyParams& p) {
    if (!(std::isfinite(p.tonnageMt) && p.tonnageMt > 0.0))
        return makeError("tonnage must be a positive number of Mt (got " + std::to_string(p.tonnageMt) + ")");
    if (!(std::isfinite(p.density) && p.density > 0.0))
        return makeError("density must be a positive number of t/m3 (got " + std::to_string(p.density) + ")");
    if (!(std::isfinite(p.gradePercent) && p.gradePercent >= 0.0 && p.gradePercent <= 100.0))
        return makeError("grade must be 0..100 % (got " + std::to_string(p.gradePercent) + ")");
    std::vector<ModelVertex> unitV;
    std::vector<std::uint32_t> unitI;
    unitShell(unitV, unitI);
    const double unitVolume = enclosedVolume(unitV, unitI);
    const double outerVolume = p.tonnageMt * 1e6 / p.density;
    const double k = std::cbrt(outerVolume / unitVolume);
    const double height = kHeightOverRadius * k;
    const glm::dvec3 centre(0.0, -height * (1.0 - kCoreCentre), 0.0);  // after moving the top to y = 0

    std::vector<OreShell> shells;
    for (const double f : kOreShellFractions) {
        OreShell s;
        s.tonnageFraction = f;
        s.gradePercent = std::min(100.0, p.gradePercent * std::pow(f, kOreShellGradeExponent));
        s.volumeM3 = outerVolume * f;
        const double sf = std::cbrt(f);
        s.vertices = unitV;
        s.indices = unitI;
        for (auto& vert : s.vertices) {
            const glm::dvec3 outer = glm::dvec3(vert.position) * k - glm::dvec3(0.0, height, 0.0);
            vert.position = glm::vec3(centre + (outer - centre) * sf);
        }
        generateSmoothNormals(s.vertices, s.indices);
        shells.push_back(std::move(s));
    }
    return shells;
}

}  // namespace plateau
