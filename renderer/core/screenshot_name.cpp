#include "core/screenshot_name.h"

#include <cmath>
#include <cstdio>

namespace plateau {

namespace {
std::string slug(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
        const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                          c == '-' || c == '_';
        const char ch = keep ? char(c) : '-';
        if (ch == '-' && (out.empty() || out.back() == '-')) continue;  // no runs, no leading dash
        out.push_back(ch);
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out;
}
}  // namespace

std::string screenshotFileName(const std::string& place, double lon_deg, double lat_deg, const std::string& date) {
    std::string where = slug(place);
    if (where.empty()) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.2f%c_%.2f%c", std::fabs(lat_deg), lat_deg >= 0 ? 'N' : 'S', std::fabs(lon_deg),
                      lon_deg >= 0 ? 'E' : 'W');
        where = buf;
    }
    std::string name = "plateau_" + where;
    if (const std::string when = slug(date); !when.empty()) name += "_" + when;
    return name + ".png";
}

}  // namespace plateau
