#pragma once
// File names for screenshots: what and when is in the picture, safe on every file system, e.g.
// "plateau_Qulong_2025-06-01.png" or "plateau_29.63N_91.13E_2025.png".
#include <string>

namespace plateau {

// `place`: the name of the place at the view centre (empty: the coordinates are used);
// `date`: the timeline's date as shown (empty: none). Only ASCII letters, digits, '.', '-' and
// '_' are kept; other characters become '-'.
std::string screenshotFileName(const std::string& place, double lon_deg, double lat_deg, const std::string& date);

}  // namespace plateau
