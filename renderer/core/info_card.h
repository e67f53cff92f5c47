#pragma once
// What an info card says about a picked object, as plain text rows: every number with its unit,
// and the source named. Built here for each kind of pickable thing (a deposit, a vector
// feature, a mine pit or dump, a 3D body, the bare ground) so the panel only lays rows out.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/deposit.h"
#include "core/terrain_modifier.h"
#include "core/vector_data.h"

namespace plateau {

struct InfoCard {
    std::string title;   // "Qulong", "Yamzho Yumco"
    std::string kind;    // "deposit", "lake (Lakes)", "ground"
    std::vector<std::pair<std::string, std::string>> rows;  // label, value with its unit
    std::string source;  // the layer's attribution or file
    double lon = 0, lat = 0;       // where it was picked
    std::optional<double> elevation_m;  // of the ground there, when known
};

// "29.6012 N, 91.5834 E" and "5,012 m".
std::string formatLonLat(double lon, double lat);
std::string formatMetres(double m);

InfoCard depositCard(const Deposit& d, const std::string& layerTitle, const std::string& source);
// A feature of a vector layer (rivers, lakes, glaciers, a trace's reaches): its attributes in
// field order; numbers whose field name carries a unit (area_km2, length_km, elev_m, ...) show it.
InfoCard featureCard(const VectorData& data, std::size_t feature, const std::string& layerTitle,
                     const std::string& source);
// A mine pit, waste dump or tailings pond at `year`: its state then and its dated stages.
InfoCard modifierCard(const TerrainModifier& m, const ModifierStage& state, double year, const std::string& layerTitle,
                      const std::string& source);
// The bare ground at a point: coordinates and elevation.
InfoCard groundCard(double lon, double lat, double elevation_m, const std::string& terrainSource);

}  // namespace plateau
