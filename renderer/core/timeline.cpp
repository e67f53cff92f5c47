#include "core/timeline.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace plateau {

namespace {

bool isLeap(long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int daysInMonth(long y, int m) {
    static const int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : kDays[m - 1];
}

// Digits only, exactly `n` of them (n = 0: one or more), into `out`.
bool digits(const std::string& s, std::size_t& pos, std::size_t n, long& out) {
    std::size_t start = pos;
    out = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9' && (n == 0 || pos - start < n)) {
        out = out * 10 + (s[pos] - '0');
        ++pos;
        if (pos - start > 6) return false;
    }
    return pos > start && (n == 0 || pos - start == n);
}

}  // namespace

Result<double> parseDate(const std::string& text) {
    const std::string bad = "\"" + text + "\" is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)";
    if (text.empty()) return makeError("empty date (expected YYYY, YYYY-MM or YYYY-MM-DD)");
    std::size_t pos = 0;
    bool negative = false;
    if (text[0] == '-') {
        negative = true;
        pos = 1;
    }
    long year = 0;
    const std::size_t yearStart = pos;
    if (!digits(text, pos, 0, year) || pos - yearStart > 4) {
        // Perhaps a decimal year such as "1990.5".
        char* end = nullptr;
        const double v = std::strtod(text.c_str(), &end);
        if (end && *end == '\0' && std::isfinite(v) && std::fabs(v) <= 9999.0) return v;
        return makeError(bad);
    }
    if (negative) year = -year;
    if (pos == text.size()) return double(year);
    if (text[pos] == '.') {
        char* end = nullptr;
        const double v = std::strtod(text.c_str(), &end);
        if (end && *end == '\0' && std::isfinite(v)) return v;
        return makeError(bad);
    }
    if (text[pos] != '-') return makeError(bad);
    ++pos;
    long month = 0, day = 1;
    if (!digits(text, pos, 2, month) || month < 1 || month > 12) return makeError(bad + ": month must be 01..12");
    if (pos < text.size()) {
        if (text[pos] != '-') return makeError(bad);
        ++pos;
        if (!digits(text, pos, 2, day) || day < 1 || day > daysInMonth(year, int(month)))
            return makeError(bad + ": no such day in that month");
        // A time of day ("T12:00:00Z") is accepted and ignored: data is dated by the day at best.
        if (pos < text.size() && text[pos] != 'T' && text[pos] != ' ') return makeError(bad);
    }
    int dayOfYear = 0;
    for (int m = 1; m < month; ++m) dayOfYear += daysInMonth(year, m);
    dayOfYear += int(day) - 1;
    return double(year) + double(dayOfYear) / (isLeap(year) ? 366.0 : 365.0);
}

std::string formatDate(double year) {
    const double whole = std::floor(year);
    const long y = long(whole);
    const double daysInYear = isLeap(y) ? 366.0 : 365.0;
    int dayOfYear = int(std::lround((year - whole) * daysInYear));
    char buf[32];
    if (dayOfYear == 0) {
        std::snprintf(buf, sizeof buf, "%ld", y);
        return buf;
    }
    if (dayOfYear >= int(daysInYear)) {
        std::snprintf(buf, sizeof buf, "%ld", y + 1);
        return buf;
    }
    int m = 1;
    while (dayOfYear >= daysInMonth(y, m)) dayOfYear -= daysInMonth(y, m++);
    std::snprintf(buf, sizeof buf, "%ld-%02d-%02d", y, m, dayOfYear + 1);
    return buf;
}


}  // namespace plateau
