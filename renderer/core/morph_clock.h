#pragma once
// When drawn tiles appeared, so that refined tiles morph in from their parent's shape instead of
// popping. Time is passed in (the frame's elapsed seconds), never read from a clock: a still or a
// recorded frame is the same whenever it is drawn.
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/tile_id.h"

namespace plateau {

class MorphClock {
public:
    static constexpr double kMorphSeconds = 0.35;

    // After each residency update. Interactive frames start morphs for tiles that refine a tile
    // drawn in the previous frame; a settled still shows every tile in its own shape at once.
    void update(const std::vector<TileId>& drawList, bool interactive, double elapsedSeconds);
    // Per tile of `drawList`: 0 = the parent's shape .. 1 = its own. Empty when nothing morphs.
    std::vector<float> factors(const std::vector<TileId>& drawList, double elapsedSeconds) const;

private:
    std::unordered_map<TileId, double, TileIdHash> appeared_;
    std::unordered_set<TileId, TileIdHash> drawnBefore_;
};

}  // namespace plateau
