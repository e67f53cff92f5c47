#pragma once
// Place records (core/place_search.h) from the loaded layers: a deposit layer's deposits and a
// vector layer's named features, so that search covers whatever the scene shows.
#include <string>
#include <vector>

#include "core/deposit.h"
#include "core/place_search.h"
#include "core/vector_data.h"

namespace plateau {

// One place per deposit, kind "deposit", named as the catalogue names it.
std::vector<Place> placesFromDeposits(const std::vector<Deposit>& deposits, const std::string& layerName);

// One place per feature whose `nameField` is not empty (features of the same name and kind are
// kept apart: two lakes may share a name). Its position: a point's first vertex; a line's middle
// vertex along its longest part (on the river, unlike the centre of its bounds); a polygon's
// centre of bounds. `kind`: what the layer holds ("river", "lake", "glacier", ...). Features
// without a usable vertex are skipped. Only the first of a name's time versions is kept (a
// glacier's outline at six dates is one place).
std::vector<Place> placesFromFeatures(const VectorData& data, const std::string& nameField, const std::string& kind,
                                      const std::string& layerName);

}  // namespace plateau
