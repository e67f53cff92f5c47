#pragma once
// What a file the user picked ("Add layer from file") is, as a layer description ready to add to
// the scene: GDAL and OGR look at the content, not only the extension.
//
//   .gltf / .glb                      -> a model layer at the view centre, on the surface
//   a table or features with deposit
//   columns (the USGS database's
//   names, or the shipped catalogue's)-> a deposits layer with those columns mapped
//   other vector data OGR reads       -> a vector layer (GeoJSON, Shapefile, GeoPackage, KML, ...)
//                                        with the default style, labelled by "name" when it has one
//   a georeferenced raster GDAL reads -> an imagery layer (gdal source)
//   a plateau scene (.json with
//   "terrain")                        -> an error saying to open it as a scene
//
// Anything else is one line naming the file and what was found there ("a raster without
// georeferencing", "a table without coordinates (columns: a, b)", "text starting ...").
#include <filesystem>
#include <vector>

#include "core/layer.h"
#include "core/result.h"
#include "core/vector_data.h"

namespace plateau {

// `viewCentre`: where a model is placed. `existing`: the scene's layers, so the new id (from the
// file name) is unique among them.
Result<LayerDesc> layerFromFile(const std::filesystem::path& file, const LonLat& viewCentre,
                                const std::vector<LayerDesc>& existing = {});

// A layer id from a file name, unique among `existing`: "Rivers 10m.geojson" -> "rivers_10m",
// then "rivers_10m-2", ...
std::string layerIdFor(const std::filesystem::path& file, const std::vector<LayerDesc>& existing);

}  // namespace plateau
