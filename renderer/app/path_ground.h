#pragma once
// The ground a camera path keeps its clearance above when it is recorded or previewed
// (core/camera_path.h's PathGroundFn): the displayed (exaggerated) terrain height, read from the
// scene's terrain source at one fixed level of detail and loaded synchronously. The window's
// surface height depends on which tiles happen to be resident; this does not, so two runs of
// `plateau record` compute the same path, and the preview shows that path.
#include <memory>

#include "core/camera_path.h"
#include "core/tile_source.h"

namespace plateau::app {

// The zoom the ground is read at: 76 m pixels at the equator, 66 m over the plateau; finer than
// the clearance samples' 200 m spacing, and a 400 km flight needs a few dozen tiles.
constexpr int kPathGroundZoom = 11;

// Tiles are loaded on first use and kept (a mutex makes the function safe to call from several
// threads). Where the source has no tile at `zoom` the nearest ancestor it has answers; where it
// has none (outside its data, or every load failed) the answer is none. Mine pits and dumps
// (terrain modifiers) are not applied: the clearance is about mountains, not pits.
PathGroundFn pathGround(std::shared_ptr<TileSource> source, double exaggeration, int zoom = kPathGroundZoom);

}  // namespace plateau::app
