#pragma once
// The deposits plateau-orebody makes bodies for: rows of the USGS porphyry copper database
// (Singer, Berger & Moring 2008) or a subset of it, as CSV with a header line. Fields may be
// quoted ("Zhalaga, Zanaga"), with doubled quotes inside and line breaks (RFC 4180), as the full
// database has.
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"

namespace plateau::orebody {

// Rows of fields; the first row is the header. Errors: "<name>: unterminated quoted field".
Result<std::vector<std::vector<std::string>>> parseCsv(const std::string& text, const std::string& name);

struct Deposit {
    std::string name;
    double lon = 0.0, lat = 0.0;
    double tonnageMt = 0.0;      // 0: not reported
    double copperPercent = 0.0;  // 0: not reported
};

struct Bounds {
    double west, south, east, north;
};

// Deposits inside `bounds` with a reported tonnage, from columns NameDeposit, LongitudeDecimal,
// LatitudeDecimal, Tonnage and "Copper grade". Errors name the file and the missing column or
// the row with an unreadable number.
Result<std::vector<Deposit>> readDeposits(const std::filesystem::path& csv, const Bounds& bounds);

// "Lakang'e " -> "lakang_e": lower-case ASCII letters and digits, runs of anything else one '_'.
std::string fileStem(const std::string& name);

}  // namespace plateau::orebody
