#pragma once
// Coordinates typed into the search box, in the forms people copy from maps, papers and GPS:
//
//   29.63 91.13            29.63, 91.13           -29.63; -91.13
//   91.13E 29.63N          N29.63 E91.13          29.63 N 91.13 E
//   29°37'48"N 91°07'12"E  29 37 48 N 91 7 12 E   29°37.8'N 91°7.2'E
//
// Each of the two values is decimal degrees or degrees-minutes(-seconds); only its last part may
// have a fraction, minutes and seconds are below 60. Units may be written ° º ˚ (degrees),
// ' ′ ’ (minutes), " ″ '' (seconds); values are separated by spaces, a comma or a semicolon
// (so a decimal comma is not read: "29,63 91,13" is four numbers).
//
// Which value is which:
//   - A hemisphere letter before or after a value (N S E W, either case) says so: N/S latitude,
//     E/W longitude, in either order. S and W are negative. A letter and a minus sign together
//     are refused, as are two latitudes or two longitudes.
//   - With one letter, the other value is the other axis.
//   - Without letters: latitude first, then longitude (ISO 6709, Google Maps, GPS receivers),
//     except that a first value that cannot be a latitude (beyond +-90) with a second that can is
//     read as longitude, latitude ("91.13 29.63").
//   - Without letters, units or separators, an even count of whole numbers is split in half:
//     "29 37 48 91 7 12" is 29°37'48", 91°07'12".
//
// Errors are one line naming the text and the problem: "coordinates '29.63': need two values
// (latitude and longitude), got 1".
#include <string_view>

#include "core/result.h"
#include "core/vector_data.h"

namespace plateau {

Result<LonLat> parseCoordinates(std::string_view text);

}  // namespace plateau
