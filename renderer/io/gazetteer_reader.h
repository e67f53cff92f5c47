#pragma once
// The gazetteer: a small CSV of named places with a cited position each
// (assets/places/gazetteer.csv; see assets/PROVENANCE.md), read into Place records for search
// (core/place_search.h).
//
// Columns, in a header row with exactly these names (RFC 4180 quoting; read by GDAL's OGR CSV
// driver as the deposit catalogues are, so quoted commas, quotes and a byte order mark work):
//   name           required, the name shown
//   other_names    other names separated by '|': Chinese in Hanzi, Tibetan script, Wylie,
//                  other spellings (may be empty)
//   kind           required: city, town, mine, peak, lake, ... (ranks results, picks the view)
//   lon, lat       required, decimal degrees WGS84 in -180..180 and -90..90
//   view_height_m  suggested camera height above the place, > 0 and at most 10,000 km, or empty
//   source         required: where the position comes from
// Every row must be valid: the file is typed by hand and committed, so a bad row is a mistake
// to fix, not data to skip. Errors are one line naming the file and the row (1 = the first
// after the header) and the column: "gazetteer.csv: row 3: lat: '95.5' is outside -90..90".
#include <filesystem>
#include <string>
#include <vector>

#include "core/place_search.h"
#include "core/result.h"

namespace plateau {

// Places with sourceLayer "gazetteer" and citation = the source column.
Result<std::vector<Place>> readGazetteer(const std::filesystem::path& file);
// The same from bytes (a fuzzer's input); `name` is used in messages.
Result<std::vector<Place>> readGazetteerFromMemory(const std::string& bytes, const std::string& name);

}  // namespace plateau
