#pragma once
// Shared set-up for the GPU tests: an offscreen session with validation on, the synthetic test
// pyramid, and image comparison helpers.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/globe_view.h"
#include "app/offscreen_session.h"
#include "core/scene.h"

namespace plateau::test {

struct GpuFixture {
    // `samples`: MSAA samples per pixel of the offscreen target (1: none).
    GpuFixture(int width, int height, bool forceStaging = false, std::uint32_t samples = 1);
    // A fixture over another tile source (real data).
    GpuFixture(int width, int height, std::shared_ptr<TileSource> source);
    std::unique_ptr<app::OffscreenSession> session;
    std::unique_ptr<app::GlobeView> view;
    std::vector<std::string> log;
    int maxZoom = 0;

    // Loads until settled and renders; returns RGBA.
    std::vector<std::uint8_t> render(const CameraPose& pose, const Shading& shading, double sse = 2.0,
                                     bool sky = true, bool flat = false, const float* clear = nullptr);
    app::PrepareStats lastStats;
    int validationMessages() const;
    // ECEF position of the surface at pixel (x, y) from a frame's depth (none: sky).
    std::optional<glm::dvec3> surfaceAt(const std::vector<float>& depth, const Camera& frameCamera, int x, int y) const;
};

struct ImageDiff {
    double meanAbs = 0;          // mean absolute channel difference (0..255)
    double fractionOver = 0;     // fraction of pixels whose largest channel difference exceeds the threshold
};
ImageDiff compareImages(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b, int threshold);
void writePng(const std::string& path, const std::vector<std::uint8_t>& rgba, int w, int h);
bool isMagenta(const std::uint8_t* px);
// For each column, the first row from the top that is not magenta (height if none).
std::vector<int> terrainTopRows(const std::vector<std::uint8_t>& rgba, int w, int h);

}  // namespace plateau::test
