// The cost of multisample anti-aliasing on the Vulkan device at hand (lavapipe in CI): one
// settled 1280x720 frame of the default scene at its own camera (terrain and sky; no layers),
// drawn and waited for, at 1x and 4x MSAA (each in its own session: a renderer's pipelines are
// made for one sample count). The view is settled before timing, so only drawing is measured.
// Run: build/bench/plateau_msaa_bench
#include <benchmark/benchmark.h>

#include <map>
#include <memory>
#include <stdexcept>

#include "app/commands.h"
#include "app/globe_view.h"
#include "app/offscreen_session.h"
#include "app/scene_setup.h"
#include "core/camera_control.h"

namespace {
using namespace plateau;

constexpr int kW = 1280, kH = 720;

struct World {
    std::unique_ptr<app::OffscreenSession> session;
    std::unique_ptr<app::GlobeView> view;
    std::shared_ptr<TileSource> source;
    Scene scene;
    Camera camera;
};

World& world(std::uint32_t samples) {
    static std::map<std::uint32_t, std::unique_ptr<World>> worlds;
    auto& w = worlds[samples];
    if (w) return *w;
    w = std::make_unique<World>();
    auto opened = app::openScene(app::defaultScenePath(), [](const std::string&) {});
    if (!opened) throw std::runtime_error(opened.error().message);
    w->scene = opened->scene;
    w->source = opened->source;
    app::CommonOptions common;
    common.msaa = int(samples);
    app::OffscreenOptions o = app::offscreenOptions(common, w->scene, kW, kH);
    w->session = std::make_unique<app::OffscreenSession>(o);
    if (std::uint32_t(w->session->target().samples()) != samples)
        throw std::runtime_error("this device has no " + std::to_string(samples) + "x MSAA");
    w->view = std::make_unique<app::GlobeView>(w->source, w->session->renderer(), [](const std::string&) {},
                                               app::memoryBudget(w->scene));
    w->camera = makeCamera(w->scene.camera, kW, kH);
    w->view->settle({w->camera}, app::selectionParams(w->scene.maxScreenSpaceError, w->scene.shading,
                                                      w->source->maxZoom()));
    return *w;
}

void BM_SettledFrame(benchmark::State& state) {
    World& w = world(std::uint32_t(state.range(0)));
    const gpu::FrameDesc f = w.view->frame({w.camera}, w.scene.shading);
    gpu::FrameResult r;
    for (auto _ : state) r = w.session->render(f, true);
    state.counters["samples"] = double(state.range(0));
    state.counters["tiles"] = double(r.stats.tiles);
    state.counters["triangles"] = double(r.stats.triangles);
}
BENCHMARK(BM_SettledFrame)->Arg(1)->Arg(4)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(3.0);

}  // namespace

BENCHMARK_MAIN();
