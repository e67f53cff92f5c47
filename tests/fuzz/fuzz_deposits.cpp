// Deposit catalogues come from users and shared folders: any bytes must give deposits (with
// per-row warnings) or one error, never a crash or a hang. The bytes go through GDAL's in-memory
// file system (readDepositsFromMemory) to the same reader and OGR CSV driver the program uses.
// A first byte of '{' makes the input a GeoJSON file instead, read by its point geometry.
#include <cstdint>
#include <string>

#include "io/deposit_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    const bool json = size > 0 && data[0] == '{';
    plateau::DepositFields fields;
    if (json) {
        fields.lon.clear();
        fields.lat.clear();
    }
    (void)plateau::readDepositsFromMemory(bytes, json ? "fuzz.geojson" : "fuzz.csv", fields);
    return 0;
}
