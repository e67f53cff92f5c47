#pragma once
// The default scene's deposit catalogue: the USGS porphyry copper database rows of High Asia
// (Singer, Berger & Moring 2008, US public domain) joined with typed facts that the 2008 table
// does not have (production start, status) or gets wrong, each with its source.
//
// facts.csv columns: name (matches the USGS NameDeposit, ignoring case and double spaces),
// discovery_year, production_start, status, source (required: a citation for the row). An empty
// cell keeps the USGS value; a fact naming no USGS deposit is an error (a typo would otherwise be
// silently dropped).
#include <filesystem>

#include "core/result.h"

namespace plateau::assets {

// High Asia: the plateau and its margins (the Gangdese and Yulong belts, Yunnan, Qinghai).
inline constexpr double kDepositWest = 70.0, kDepositSouth = 25.0, kDepositEast = 105.0, kDepositNorth = 40.0;
inline constexpr const char* kDepositAsset = "deposits/gangdese.csv";

// Writes outDir/deposits/gangdese.csv: name, country, lat, lon, age_ma, tonnage_mt, cu_pct,
// mo_pct, au_gt, ag_gt, discovery_year, production_start, status, usgs_id, source. Values are the
// USGS text as written ("not reported" cells left empty), sorted by name.
Status buildDeposits(const std::filesystem::path& dataDir, const std::filesystem::path& factsFile,
                     const std::filesystem::path& outDir);

}  // namespace plateau::assets
