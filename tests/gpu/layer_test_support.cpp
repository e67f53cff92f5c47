#include "layer_test_support.h"

#include <catch2/catch.hpp>
#include <fstream>

#include "app/globe_view.h"
#include "io/png_codec.h"
#include "io/vector_overlay_source.h"

namespace plateau::test {

std::filesystem::path tempDir(const std::string& name) {
    const auto dir = std::filesystem::path(PLATEAU_TEST_OUTPUT) / ("layers-" + name);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

std::vector<std::uint8_t> solidPng(std::uint8_t r, std::uint8_t g, std::uint8_t b) {
    Image8 img{256, 256, 3, std::vector<std::uint8_t>(256 * 256 * 3)};
    for (std::size_t i = 0; i < img.pixels.size(); i += 3) {
        img.pixels[i] = r;
        img.pixels[i + 1] = g;
        img.pixels[i + 2] = b;
    }
    auto png = encodePng(img);
    REQUIRE(png.ok());
    return *png;
}

void writeText(const std::filesystem::path& p, const std::string& text) {
    std::ofstream f(p, std::ios::binary);
    f << text;
}

LayerDesc vectorLayer(const std::string& id, const std::filesystem::path& path, const Colour& colour,
                      float strokeWidth) {
    LayerDesc d;
    d.id = id;
    d.title = id;
    d.type = LayerType::Vector;
    d.source.type = "ogr";
    d.source.path = path;
    d.style.fill = colour;
    d.style.stroke = colour;
    d.style.strokeWidthPx = strokeWidth;
    return d;
}

void addLayer(GpuFixture& fx, const LayerDesc& desc) {
    auto src = openVectorOverlay(desc);
    REQUIRE(src.ok());
    const std::size_t i = fx.view->addLayer(desc);
    fx.view->setLayerSource(i, *src);
}

LayerRender renderLayers(GpuFixture& fx, const CameraPose& pose, double time, const Shading& shading, double sse,
                         bool flat) {
    const Camera cam = makeCamera(pose, fx.session->width(), fx.session->height());
    const FrameInput in{cam, time, 0.0};
    const auto st = fx.view->settle(in, app::selectionParams(sse, shading, fx.maxZoom));
    REQUIRE(st.settled);
    gpu::FrameDesc f = fx.view->frame(in, shading);
    f.drawSky = false;
    f.style.flatColour = flat;
    LayerRender out;
    out.camera = f.camera;
    out.rgba = fx.session->renderAndCapture(f, nullptr);
    return out;
}

bool project(const Camera& cam, const glm::dvec3& ecef, double& px, double& py) {
    const glm::dvec4 clip = projectionMatrix(cam) * viewMatrix(cam) * glm::dvec4(ecef, 1.0);
    if (clip.w <= 0.0) return false;
    px = (clip.x / clip.w * 0.5 + 0.5) * cam.width;
    py = (clip.y / clip.w * 0.5 + 0.5) * cam.height;
    return true;
}

std::vector<std::uint8_t> mask(const std::vector<std::uint8_t>& rgba, int w, int h,
                               const std::function<bool(int, int, int)>& pred) {
    std::vector<std::uint8_t> m(std::size_t(w * h), 0);
    for (std::size_t i = 0; i < m.size(); ++i) m[i] = pred(rgba[i * 4], rgba[i * 4 + 1], rgba[i * 4 + 2]) ? 1 : 0;
    return m;
}

std::size_t countSet(const std::vector<std::uint8_t>& m) {
    std::size_t n = 0;
    for (auto v : m) n += v;
    return n;
}

int components(const std::vector<std::uint8_t>& m, int w, int h) {
    std::vector<int> label(m.size(), 0);
    int count = 0;
    std::vector<int> stack;
    for (int start = 0; start < w * h; ++start) {
        if (!m[std::size_t(start)] || label[std::size_t(start)]) continue;
        ++count;
        stack.push_back(start);
        label[std::size_t(start)] = count;
        while (!stack.empty()) {
            const int p = stack.back();
            stack.pop_back();
            const int x = p % w, y = p / w;
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx) {
                    const int nx = x + dx, ny = y + dy;
                    if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
                    const int q = ny * w + nx;
                    if (m[std::size_t(q)] && !label[std::size_t(q)]) {
                        label[std::size_t(q)] = count;
                        stack.push_back(q);
                    }
                }
        }
    }
    return count;
}

}  // namespace plateau::test
