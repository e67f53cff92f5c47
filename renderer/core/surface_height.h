#pragma once
// The surface as the view displays it: heights from the most detailed resident tile under a
// point, times the vertical exaggeration. Near planes, navigation and picking all ask here, so
// none of them can disagree with what is drawn (a raw height under a 5x view would put the near
// plane below a peak the camera skims over).
#include <optional>

#include "core/camera.h"
#include "core/tile_store.h"

namespace plateau {

// Height in metres of the most detailed resident tile under the point (unexaggerated).
std::optional<double> terrainHeightAt(const TileStore& store, double lon_deg, double lat_deg);
// Height of the drawn surface above the ellipsoid: terrainHeightAt times the exaggeration.
std::optional<double> displayedSurfaceHeight(const TileStore& store, double lon_deg, double lat_deg,
                                             double exaggeration);
// The camera with a near plane suited to its clearance above the displayed surface.
Camera withNearPlane(Camera cam, const TileStore& store, double exaggeration);

}  // namespace plateau
