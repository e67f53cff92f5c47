// Vector layers (rivers, lakes, glacier outlines) are read through OGR from any file: any bytes
// as GeoJSON, with the time fields a scene may name, must give features or one error, within the
// vertex budget. The code under test is ours around OGR (geometry conversion, time fields,
// limits); GDAL itself is fuzzed by OSS-Fuzz.
#include <cstdint>
#include <string>

#include "io/gdal_common.h"
#include "io/ogr_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    plateau::gdal::registerDrivers();
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    plateau::gdal::MemoryFile file(bytes, "fuzz", "fuzz.geojson");
    if (!file.ok()) return 0;
    plateau::LayerSourceDesc src;
    src.type = "ogr";
    src.path = file.path();
    plateau::LayerTimeDesc none, year, range;
    year.field = "year";
    year.idField = "name";
    range.startField = "start";
    range.endField = "end";
    for (const auto* t : {&none, &year, &range}) (void)plateau::readVectorLayer(src, *t, 200'000);
    return 0;
}
