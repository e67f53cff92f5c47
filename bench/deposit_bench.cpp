// Deposit catalogues: reading the full USGS porphyry copper database (690 rows, 1 MB, quoted
// multi-line fields) through OGR, placing all its markers for a frame (projection, filter,
// timeline, label layout), and whole frames with and without the markers and legend drawn in
// the ImGui pass (offscreen, 960x540, a view of the Americas where most of the deposits are).
// Run: build/bench/plateau_deposit_bench
#include <benchmark/benchmark.h>

#include <imgui.h>

#include <memory>

#include "app/deposit_layers.h"
#include "app/globe_view.h"
#include "app/offscreen_session.h"
#include "core/deposit_markers.h"
#include "io/deposit_reader.h"
#include "ui/deposit_overlay.h"
#include "ui/overlay.h"

namespace {
using namespace plateau;

const char* kUsgs = PLATEAU_SHARED_DATA "/deposits/PorCuEX2008_singer_berger_moring.csv";
// Over the Americas from 12,000 km: most of the 690 deposits are in view.
const CameraPose kPose{-85.0, 5.0, 12'000'000.0, 0.0, -90.0};
constexpr int kW = 960, kH = 540;

void BM_ReadUsgsCatalogue(benchmark::State& state) {
    std::size_t n = 0;
    for (auto _ : state) {
        auto c = readDeposits(kUsgs, DepositFields{});
        if (!c) state.SkipWithError(c.error().message.c_str());
        else n = c->deposits.size();
    }
    state.counters["deposits"] = double(n);
}
BENCHMARK(BM_ReadUsgsCatalogue)->Unit(benchmark::kMillisecond);

void BM_PlaceAllMarkers(benchmark::State& state) {
    auto c = readDeposits(kUsgs, DepositFields{});
    if (!c) return state.SkipWithError(c.error().message.c_str());
    const Camera cam = makeCamera(kPose, kW, kH);
    const DepositLayerDesc layer;
    const SurfaceHeightFn flat = [](double, double) { return std::optional<double>(0.0); };
    const MeasureTextFn measure = [](const std::string& t) { return std::make_pair(7.0f * float(t.size()), 14.0f); };
    std::size_t markers = 0, labels = 0;
    for (auto _ : state) {
        const DepositFrame f = placeDepositMarkers(c->deposits, layer, 2024.0, cam, flat, {}, measure);
        markers = f.markers.size();
        labels = f.labels.size();
        benchmark::DoNotOptimize(f.markers.data());
    }
    state.counters["markers"] = double(markers);
    state.counters["labels"] = double(labels);
}
BENCHMARK(BM_PlaceAllMarkers)->Unit(benchmark::kMicrosecond);

// Terrain at sea level everywhere (the markers' cost is what is measured, not the relief's).
class SeaLevel : public TileSource {
public:
    std::string describe() const override { return "sea level"; }
    int minZoom() const override { return 0; }
    int maxZoom() const override { return 4; }
    bool hasTile(const TileId& id) const override { return id.valid() && id.z <= 4; }
    Result<HeightGrid> load(const TileId&) override {
        HeightGrid g;
        g.width = g.height = 16;
        g.samples.assign(256, 0.0f);
        return g;
    }
};

struct Gpu {
    std::unique_ptr<app::OffscreenSession> session;
    std::unique_ptr<app::GlobeView> view;
    std::unique_ptr<app::DepositLayers> deposits;
    gpu::FrameDesc frame;
};

Gpu& gpuSetup() {
    static Gpu g = [] {
        Gpu s;
        app::OffscreenOptions o;
        o.width = kW;
        o.height = kH;
        s.session = std::make_unique<app::OffscreenSession>(o);
        s.view = std::make_unique<app::GlobeView>(std::make_shared<SeaLevel>(), s.session->renderer(),
                                                  [](const std::string&) {});
        LayerDesc d;
        d.id = "usgs";
        d.title = "Porphyry copper deposits (USGS 2008)";
        d.type = LayerType::Deposits;
        d.source.type = "ogr";
        d.source.path = kUsgs;
        s.deposits = std::make_unique<app::DepositLayers>(std::vector<LayerDesc>{d}, nullptr);
        const Camera cam = makeCamera(kPose, kW, kH);
        const Shading shading;
        s.view->settle({cam, 2024.0, 0.0}, app::selectionParams(2.0, shading, 4));
        s.frame = s.view->frame({cam, 2024.0, 0.0}, shading);
        s.session->ensureImGui();
        return s;
    }();
    return g;
}

// One frame: ImGui content built (with or without the deposits), then drawn and waited for.
// `legendOnly`: the legend box without markers (to tell the two costs apart).
void frameWith(benchmark::State& state, bool deposits, bool legendOnly = false) {
    Gpu& g = gpuSetup();
    if (deposits) {
        g.session->target().requestDepth();
        g.session->render(g.frame, true);
        g.deposits->place(*g.view, g.frame.camera, 2024.0, 1.0, g.session->lastDepth(), ui::measureText);
    }
    ImGui::GetIO().DisplaySize = ImVec2(float(kW), float(kH));
    ImGui::GetIO().DeltaTime = 1.0f / 30.0f;
    int triangles = 0;
    for (auto _ : state) {
        ImGui::NewFrame();
        if (legendOnly) ui::drawDepositLegends({depositLegend("Deposits", DepositStyle{})});
        else if (deposits) g.deposits->draw();
        ImGui::Render();
        gpu::FrameDesc f = g.frame;
        f.ui = ImGui::GetDrawData();
        triangles = f.ui->TotalIdxCount / 3;
        g.session->render(f, true);
    }
    state.counters["markers"] = deposits ? double(g.deposits->frame(0).markers.size()) : 0.0;
    state.counters["ui_triangles"] = triangles;
}
void BM_FrameWithoutDeposits(benchmark::State& state) { frameWith(state, false); }
void BM_FrameWithAllDeposits(benchmark::State& state) { frameWith(state, true); }
void BM_FrameWithLegendOnly(benchmark::State& state) { frameWith(state, false, true); }
BENCHMARK(BM_FrameWithoutDeposits)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);
BENCHMARK(BM_FrameWithAllDeposits)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);
BENCHMARK(BM_FrameWithLegendOnly)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
