#pragma once
// Vector features in plain CPU form, as the OGR reader delivers them: geometry in WGS84
// longitude/latitude (whatever the file's CRS), attributes as text with a number when the
// field is numeric, and each feature's time span. No GDAL types leak past the reader.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "core/tile_id.h"

namespace plateau {

struct LonLat {
    double lon = 0, lat = 0;
    bool operator==(const LonLat&) const = default;
};

enum class GeometryKind { Point, Line, Polygon };

struct AttributeValue {
    std::string text;              // as OGR formats it; empty for null
    std::optional<double> number;  // for integer and real fields (and numeric-looking text)
    bool isNull = false;
};

struct VectorFeature {
    std::int64_t fid = 0;
    GeometryKind kind = GeometryKind::Point;
    // Points: one vertex per part. Lines: one line string per part. Polygons: one ring per part,
    // outer rings and holes alike, filled with the even-odd rule, so multipolygons and holes
    // need no grouping.
    std::vector<std::vector<LonLat>> parts;
    LonLatBounds bounds;
    std::vector<AttributeValue> values;  // one per VectorData::fields
    // Valid from `timeStart` (inclusive) until `timeEnd` (exclusive), decimal years; unbounded
    // when the layer has no time fields.
    double timeStart = -std::numeric_limits<double>::infinity();
    double timeEnd = std::numeric_limits<double>::infinity();
    std::string objectId;  // the same glacier at several dates shares this; empty: the fid
};

struct VectorData {
    std::string source;               // file name, for messages
    std::vector<std::string> fields;  // attribute names
    std::vector<VectorFeature> features;
    LonLatBounds bounds;
    std::size_t vertexCount = 0;

    int fieldIndex(const std::string& name) const {
        for (std::size_t i = 0; i < fields.size(); ++i)
            if (fields[i] == name) return int(i);
        return -1;
    }
};

}  // namespace plateau
