#pragma once
// Time in the scene: one timeline (start, end, current) in decimal years. Data so far is dated by
// year, but full dates parse: "2007", "2007-08", "2007-08-15" (proleptic Gregorian, UTC). A date
// becomes the decimal year of its first instant: 2007-07-02 is about 2007.5.
#include <optional>
#include <string>

#include "core/result.h"

namespace plateau {

// "YYYY", "YYYY-MM" or "YYYY-MM-DD" (years -9999..9999, optionally with a leading '-'), or a
// number ("1990", "1990.5"). Errors name the text and what is wrong, without a file name (callers
// add theirs).
Result<double> parseDate(const std::string& text);
// Inverse for display: "2007" when `year` is a whole year, else "2007-08-15".
std::string formatDate(double year);

struct Timeline {
    double start = 1900.0;
    double end = 2030.0;
    double current = 2024.0;  // always within [start, end]
    bool present = false;     // the scene or a layer said anything about time
    double clamp(double t) const { return t < start ? start : (t > end ? end : t); }
    bool operator==(const Timeline&) const = default;
};

}  // namespace plateau
