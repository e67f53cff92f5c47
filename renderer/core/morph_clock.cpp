#include "core/morph_clock.h"

#include <algorithm>

namespace plateau {

void MorphClock::update(const std::vector<TileId>& drawList, bool interactive, double elapsedSeconds) {
    // A tile whose parent was on screen in the previous frame is a refinement: it morphs in.
    // Anything else (first frame, zooming out, a settled still) shows its own shape at once.
    std::unordered_map<TileId, double, TileIdHash> next;
    for (const TileId& id : drawList) {
        auto it = appeared_.find(id);
        if (it != appeared_.end()) {
            if (interactive) next.emplace(id, it->second);
        } else if (interactive && id.z > 0 && drawnBefore_.count(id.parent())) {
            next.emplace(id, elapsedSeconds);
        }
    }
    appeared_ = std::move(next);
    drawnBefore_ = std::unordered_set<TileId, TileIdHash>(drawList.begin(), drawList.end());
}

std::vector<float> MorphClock::factors(const std::vector<TileId>& drawList, double elapsedSeconds) const {
    std::vector<float> out;
    if (appeared_.empty()) return out;
    out.reserve(drawList.size());
    for (const TileId& id : drawList) {
        const auto it = appeared_.find(id);
        out.push_back(it == appeared_.end()
                          ? 1.0f
                          : float(std::clamp((elapsedSeconds - it->second) / kMorphSeconds, 0.0, 1.0)));
    }
    return out;
}

}  // namespace plateau
