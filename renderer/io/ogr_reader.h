#pragma once
// Vector layers from any source OGR reads (GeoJSON, Shapefile, GeoPackage, KML, ...) in any
// CRS, into plain VectorData in WGS84 longitude/latitude.
//
// - Layer: `src.layerName`, else the source's first layer. `src.where`: an OGR SQL attribute
//   filter; SQL OGR rejects is an error.
// - Geometry: transformed to WGS84 (longitude first); multi-geometries and collections are
//   flattened into parts; curves are linearised; Z and M are dropped; features with empty or
//   null geometry are skipped. A collection mixing kinds keeps its highest-dimension parts.
// - Attributes: every field as text, with a number for integer and real fields and for text
//   that parses completely as a number.
// - Time (`time`): `field` gives each feature its start (the next version of the same object
//   ends it, core/time_versions.h); `startField`/`endField` give a span. Values may be numbers
//   (decimal years), text dates ("2007", "2007-08", "2007-08-15") or OGR date fields; null
//   leaves that end open. `idField` fills objectId (only when a time field is set).
// Errors (one line naming the file): missing file, a file OGR cannot read (malformed GeoJSON),
// a Shapefile without its .shx or .dbf, a CRS that cannot be read or transformed (a .prj with
// garbage), no CRS with coordinates outside longitude/latitude, an unknown layer or field,
// bad WHERE, a date that does not parse, and more than kMaxVectorVertices vertices.
#include "core/layer.h"
#include "core/result.h"
#include "core/vector_data.h"

namespace plateau {

// A layer's vertex budget: 20 million vertices take about 700 MB once read, projected and
// simplified for the shallow zooms; beyond that the data belongs in a tiled format (vector
// tiles), not in one file.
constexpr std::size_t kMaxVectorVertices = 20'000'000;

// `maxVertices` lowers the budget (tests); it cannot raise it above kMaxVectorVertices.
Result<VectorData> readVectorLayer(const LayerSourceDesc& src, const LayerTimeDesc& time,
                                   std::size_t maxVertices = kMaxVectorVertices);

}  // namespace plateau
