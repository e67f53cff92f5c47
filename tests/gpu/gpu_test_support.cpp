#include "gpu_test_support.h"

#include <catch2/catch.hpp>
#include <cstdlib>

#include "core/camera_control.h"
#include "core/picking.h"
#include "io/atomic_file.h"
#include "io/folder_source.h"
#include "io/png_codec.h"

namespace plateau::test {

GpuFixture::GpuFixture(int width, int height, bool forceStaging) {
    app::OffscreenOptions o;
    o.width = width;
    o.height = height;
    o.validation = true;
    o.forceStaging = forceStaging;
    session = std::make_unique<app::OffscreenSession>(o);
    REQUIRE(session->context().validationActive());  // else "no validation messages" proves nothing
    auto src = openFolderSource(PLATEAU_TEST_TILES, HeightEncoding::Terrarium);
    REQUIRE(src.ok());
    maxZoom = (*src)->maxZoom();
    view = std::make_unique<app::GlobeView>(*src, session->renderer(), [this](const std::string& s) { log.push_back(s); });
}

GpuFixture::GpuFixture(int width, int height, std::shared_ptr<TileSource> source) {
    app::OffscreenOptions o;
    o.width = width;
    o.height = height;
    o.validation = true;
    session = std::make_unique<app::OffscreenSession>(o);
    REQUIRE(session->context().validationActive());
    maxZoom = source->maxZoom();
    view = std::make_unique<app::GlobeView>(source, session->renderer(), [this](const std::string& s) { log.push_back(s); });
}

std::optional<glm::dvec3> GpuFixture::surfaceAt(const std::vector<float>& depth, const Camera& cam, int x, int y) const {
    // The program's own picking: the drawn surface point from the depth buffer.
    const auto p = pickSurface(cam, depth, x, y, 1.0);
    if (!p) return std::nullopt;
    return p->ecef;
}

int GpuFixture::validationMessages() const { return session->context().validationMessageCount(); }

std::vector<std::uint8_t> GpuFixture::render(const CameraPose& pose, const Shading& shading, double sse, bool sky,
                                             bool flat, const float* clear) {
    const Camera cam = makeCamera(pose, session->width(), session->height());
    lastStats = view->settle({cam}, app::selectionParams(sse, shading, maxZoom));
    gpu::FrameDesc f = view->frame({cam}, shading);
    f.drawSky = sky;
    f.style.flatColour = flat;
    if (clear)
        for (int i = 0; i < 4; ++i) f.clearColour[i] = clear[i];
    return session->renderAndCapture(f, nullptr);
}

ImageDiff compareImages(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b, int threshold) {
    ImageDiff d;
    REQUIRE(a.size() == b.size());
    const std::size_t n = a.size() / 4;
    double sum = 0;
    std::size_t over = 0;
    for (std::size_t i = 0; i < n; ++i) {
        int worst = 0;
        for (int c = 0; c < 3; ++c) {
            const int diff = std::abs(int(a[i * 4 + c]) - int(b[i * 4 + c]));
            sum += diff;
            worst = std::max(worst, diff);
        }
        if (worst > threshold) ++over;
    }
    d.meanAbs = sum / double(n * 3);
    d.fractionOver = double(over) / double(n);
    return d;
}

void writePng(const std::string& path, const std::vector<std::uint8_t>& rgba, int w, int h) {
    Image8 img{w, h, 4, rgba};
    auto png = encodePng(img);
    REQUIRE(png.ok());
    REQUIRE(writeFileAtomic(path, *png).ok());
}

bool isMagenta(const std::uint8_t* px) { return px[0] > 240 && px[1] < 16 && px[2] > 240; }

std::vector<int> terrainTopRows(const std::vector<std::uint8_t>& rgba, int w, int h) {
    std::vector<int> top(std::size_t(w), h);
    for (int x = 0; x < w; ++x)
        for (int y = 0; y < h; ++y)
            if (!isMagenta(&rgba[(std::size_t(y) * std::size_t(w) + std::size_t(x)) * 4])) {
                top[std::size_t(x)] = y;
                break;
            }
    return top;
}

}  // namespace plateau::test
