// plateau-synth: builds the synthetic plateau tile pyramid (the default scene's terrain).
#include <CLI/CLI.hpp>

#include <chrono>
#include <unistd.h>
#include <cstdio>
#include <string>

#include "synthetic/pyramid_writer.h"

int main(int argc, char** argv) {
    using namespace plateau;
    CLI::App app{"Builds a deterministic synthetic Tibetan-plateau DEM as {z}/{x}/{y}.png terrain tiles "
                 "plus metadata.json. The relief is made up (labelled synthetic), not real elevation."};
    SyntheticOptions opts;
    std::string encoding = "terrarium";
    app.add_option("--out", opts.out, "Output folder (created; replaced only if it holds older synthetic tiles)")
        ->required();
    app.add_option("--seed", opts.seed, "Relief seed (same seed, same tiles)")->capture_default_str();
    app.add_option("--max-zoom", opts.maxZoom, "Deepest zoom level, 0..15")->check(CLI::Range(0, 15))->capture_default_str();
    app.add_option("--threads", opts.threads, "Worker threads (0: one per hardware thread)")
        ->check(CLI::NonNegativeNumber)->capture_default_str();
    app.add_option("--encoding", encoding, "Height encoding: terrarium or mapbox")
        ->check(CLI::IsMember({"terrarium", "mapbox"}))->capture_default_str();
    CLI11_PARSE(app, argc, argv);
    opts.encoding = *parseHeightEncoding(encoding);

    if (syntheticPyramidIsCurrent(opts)) {
        std::printf("%s: up to date (seed %u, max zoom %d)\n", opts.out.string().c_str(), opts.seed, opts.maxZoom);
        return 0;
    }
    const auto start = std::chrono::steady_clock::now();
    auto seconds = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    // On a terminal the progress line rewrites itself; in logs (CI) it prints every 10%.
    const bool tty = isatty(fileno(stdout));
    int lastDecile = -1;
    const Status st = generateSyntheticPyramid(opts, [&](int done, int total) {
        const int pct = total ? done * 100 / total : 100;
        if (tty) {
            std::printf("\rtiles %d/%d (%d%%)  %.1f s", done, total, pct, seconds());
        } else if (pct / 10 != lastDecile) {
            lastDecile = pct / 10;
            std::printf("tiles %d/%d (%d%%)  %.1f s\n", done, total, pct, seconds());
        }
        std::fflush(stdout);
    });
    if (tty) std::printf("\n");
    if (!st) {
        std::fprintf(stderr, "plateau-synth: %s\n", st.error().message.c_str());
        return 1;
    }
    std::printf("wrote %zu synthetic tiles to %s in %.1f s\n", syntheticTiles(opts).size(), opts.out.string().c_str(),
                seconds());
    return 0;
}
