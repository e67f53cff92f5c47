// Text: building the ImGui font atlas (Latin, Hanzi from the Noto CJK collection, shaped Tibetan
// glyphs) and laying out a label with HarfBuzz, as a text-size change and a labelled frame do.
#include <benchmark/benchmark.h>

#include <string>

#include <imgui.h>

#include "ui/fonts.h"
#include "ui/text_draw.h"

namespace {

const char* const kNames[] = {"ལྷ་ས 拉萨 Lhasa", "གཞིས་ཀ་རྩེ 日喀则 Shigatse", "ཡར་ཀླུངས་གཙང་པོ 雅鲁藏布江",
                              "གནམ་མཚོ 纳木错 Namtso", "Qulong 驱龙"};

struct Context {
    Context() {
        ImGui::CreateContext();
        for (const char* n : kNames) plateau::ui::addText(n);
    }
    ~Context() { ImGui::DestroyContext(); }
};

void buildAtlas(benchmark::State& state, bool commonHanzi, float percent) {
    Context ctx;
    plateau::ui::FontOptions o;
    o.commonHanzi = commonHanzi;
    o.textSizePercent = percent;
    int w = 0, h = 0;
    for (auto _ : state) {
        plateau::ui::buildFonts(o);
        unsigned char* px = nullptr;
        ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&px, &w, &h);
        benchmark::DoNotOptimize(px);
    }
    state.counters["atlas_w"] = w;
    state.counters["atlas_h"] = h;
}

void BM_AtlasAppTextOnly(benchmark::State& s) { buildAtlas(s, false, 100.0f); }
void BM_AtlasWithCommonHanzi(benchmark::State& s) { buildAtlas(s, true, 100.0f); }
void BM_AtlasWithCommonHanzi250(benchmark::State& s) { buildAtlas(s, true, 250.0f); }
BENCHMARK(BM_AtlasAppTextOnly)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AtlasWithCommonHanzi)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AtlasWithCommonHanzi250)->Unit(benchmark::kMillisecond);

void BM_LayoutMixedLabel(benchmark::State& state) {
    Context ctx;
    plateau::ui::FontOptions o;
    o.commonHanzi = false;
    plateau::ui::buildFonts(o);
    std::size_t i = 0;
    for (auto _ : state) {
        const auto l = plateau::ui::layoutText(kNames[i++ % 5]);
        benchmark::DoNotOptimize(l.width);
    }
}
BENCHMARK(BM_LayoutMixedLabel)->Unit(benchmark::kMicrosecond);

// Each text new (shaped, not from the layout cache): the cost of a label's first frame.
void BM_LayoutMixedLabelFirstTime(benchmark::State& state) {
    Context ctx;
    plateau::ui::buildFonts(plateau::ui::FontOptions{});
    std::size_t i = 0;
    for (auto _ : state) {
        const auto l = plateau::ui::layoutText(std::string(kNames[i % 5]) + " " + std::to_string(i));
        ++i;
        benchmark::DoNotOptimize(l.width);
    }
}
BENCHMARK(BM_LayoutMixedLabelFirstTime)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
