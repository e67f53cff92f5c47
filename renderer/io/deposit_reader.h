#pragma once
// Deposit catalogues from any table OGR reads: CSV (the USGS porphyry copper database),
// GeoJSON, GeoPackage, Shapefile, ... into plain Deposits (core/deposit.h).
//
// - CSV goes through GDAL's OGR CSV driver, not a hand-written splitter: it follows RFC 4180,
//   so quoted fields with commas and with line breaks (631 of the USGS rows carry multi-line
//   reference lists) are one field, and it skips a UTF-8 byte order mark. All values are read as
//   text (no type guessing), so "n.d." and "1600s" reach core's value rules unchanged.
// - Position: the lon/lat columns of the field mapping, or the point geometry (transformed to
//   WGS84) of sources without those columns.
// - A bad row (a latitude that is not a number or out of range, a negative tonnage, ...) is
//   skipped with a warning naming the file and the row, 1 = the first row after the header:
//   "deposits.csv: row 17: latitude 'abc' is not a number"; the good rows still load.
// - Errors (one line naming the file): missing, empty or unreadable file, no table, a mapped
//   column that is missing (the message lists the columns found, and says when the header looks
//   semicolon-separated), no rows, or no row that could be read (with the first problem).
#include <filesystem>
#include <string>
#include <vector>

#include "core/deposit.h"
#include "core/result.h"

namespace plateau {

struct DepositCatalogue {
    std::string source;                // file name, for messages and info cards
    std::vector<std::string> columns;  // the source's column names
    std::vector<Deposit> deposits;
    std::vector<std::string> warnings;  // at most kMaxDepositWarnings, one line each
    std::size_t skippedRows = 0;        // all of them, also beyond the warnings kept
};

constexpr std::size_t kMaxDepositWarnings = 50;

// `layerName`: which table of a multi-layer source (default: the first). Paths may be GDAL
// virtual files (/vsimem/...).
Result<DepositCatalogue> readDeposits(const std::filesystem::path& path, const DepositFields& fields,
                                      const std::string& layerName = {});

// The same from bytes in memory (a download, a fuzzer's input): `name` is used in messages and
// its extension picks the driver ("deposits.csv", "deposits.geojson").
Result<DepositCatalogue> readDepositsFromMemory(const std::string& bytes, const std::string& name,
                                                const DepositFields& fields);

}  // namespace plateau
