#include "app/scene_setup.h"

#include <cstdio>
#include <unistd.h>

#include "io/detail_source.h"
#include "io/folder_source.h"
#include "io/gdal_source.h"
#include "io/http_source.h"
#include "io/mbtiles.h"
#include "io/quantized_mesh_source.h"
#include "synthetic/pyramid_writer.h"

namespace plateau::app {

std::filesystem::path defaultScenePath() {
    // Next to the executable's source tree when run from a build; PLATEAU_ASSET_DIR overrides.
    if (const char* env = std::getenv("PLATEAU_ASSET_DIR"); env && *env) return std::filesystem::path(env) / "default.json";
    return std::filesystem::path(PLATEAU_ASSET_DIR) / "default.json";
}

Result<std::shared_ptr<TileSource>> openTerrainSource(const TerrainSourceDesc& t,
                                                      std::shared_ptr<std::atomic<bool>> cancel,
                                                      std::function<void(const std::string&)> log) {
    if (t.type == "mbtiles") return openMbtilesSource(t.path, t.encoding);
    if (t.type == "quantized-mesh") return openQuantizedMeshSource(t.path);
    if (t.type == "gdal") {
        std::vector<std::filesystem::path> files{t.path};
        files.insert(files.end(), t.extraPaths.begin(), t.extraPaths.end());
        return openGdalSource(files);
    }
    if (t.type == "http") return openHttpTerrainSource(t, std::move(cancel), std::move(log));
    return openFolderSource(t.path, t.encoding);
}

Result<OpenedScene> openScene(const std::filesystem::path& file, const std::function<void(const std::string&)>& log) {
    auto scene = loadScene(file);
    if (!scene) return scene.error();
    OpenedScene out{*scene, nullptr};
    const TerrainSourceDesc& t = out.scene.terrain;
    if (t.generateSynthetic) {
        SyntheticOptions so;
        so.out = t.path;
        so.seed = t.syntheticSeed;
        so.encoding = t.encoding;
        if (!syntheticPyramidIsCurrent(so))
            log("building the synthetic terrain into " + t.path.string() + " (first run only, about 40 s)");
        const bool tty = isatty(fileno(stderr));
        int lastPct = -1;
        auto st = generateSyntheticPyramid(so, [&](int done, int total) {
            const int pct = total ? done * 100 / total : 100;
            if (pct == lastPct) return;
            lastPct = pct;
            if (tty) std::fprintf(stderr, "\rplateau: synthetic terrain %3d%% (%d/%d tiles)%s", pct, done, total,
                                  done == total ? "\n" : "");
        });
        if (!st) return st.error();
    }
    auto source = openTerrainSource(t, out.cancel, [inbox = out.messages](const std::string& line) { inbox->post(line); });
    if (!source) return source.error();
    out.source = *source;
    if (t.detailSeed)
        out.source = std::make_shared<DetailSource>(out.source, ReliefDetailParams{*t.detailSeed, t.detailAmplitudeM});
    return out;
}

}  // namespace plateau::app
