#include "core/tile_path.h"

namespace plateau {

std::string expandTileTemplate(std::string_view tmpl, int z, int x, int y) {
    std::string out;
    out.reserve(tmpl.size() + 16);
    for (std::size_t i = 0; i < tmpl.size();) {
        const std::string_view rest = tmpl.substr(i);
        std::size_t len = 3;
        if (rest.rfind("{z}", 0) == 0) out += std::to_string(z);
        else if (rest.rfind("{x}", 0) == 0) out += std::to_string(x);
        else if (rest.rfind("{y}", 0) == 0) out += std::to_string(y);
        else if (rest.rfind("{-y}", 0) == 0) {
            out += std::to_string(z >= 0 && z <= 30 ? (1 << z) - 1 - y : y);
            len = 4;
        } else {
            out += tmpl[i++];
            continue;
        }
        i += len;
    }
    return out;
}

const char* missingTilePlaceholder(std::string_view tmpl) {
    for (const char* p : {"{z}", "{x}", "{y}"}) {
        const bool has = tmpl.find(p) != std::string_view::npos ||
                         (p[1] == 'y' && tmpl.find("{-y}") != std::string_view::npos);
        if (!has) return p;
    }
    return nullptr;
}

std::filesystem::path tileFilePath(const std::filesystem::path& root, const TileId& id, std::string_view extension) {
    std::string file = std::to_string(id.y);
    file += extension;
    return root / std::to_string(id.z) / std::to_string(id.x) / file;
}

}  // namespace plateau
