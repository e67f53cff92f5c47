#include "app/scene_setup.h"

#include <cstdio>
#include <unistd.h>

#include "io/folder_source.h"
#include "synthetic/pyramid_writer.h"

namespace plateau::app {

std::filesystem::path defaultScenePath() {
    // Next to the executable's source tree when run from a build; PLATEAU_ASSET_DIR overrides.
    if (const char* env = std::getenv("PLATEAU_ASSET_DIR"); env && *env) return std::filesystem::path(env) / "default.json";
    return std::filesystem::path(PLATEAU_ASSET_DIR) / "default.json";
}

Result<OpenedScene> openScene(const std::filesystem::path& file, const std::function<void(const std::string&)>& log) {
    auto scene = loadScene(file);
    if (!scene) return scene.error();
    OpenedScene out{*scene, nullptr};
    const TerrainSourceDesc& t = out.scene.terrain;
    if (t.type != "folder") return makeError(file.string() + ": terrain.type '" + t.type + "' is not supported (use \"folder\")");
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
    auto source = openFolderSource(t.path, t.encoding);
    if (!source) return source.error();
    out.source = *source;
    return out;
}

}  // namespace plateau::app
