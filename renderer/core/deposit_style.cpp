#include "core/deposit_style.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace plateau {

namespace {

std::optional<double> grade(const Deposit& d, const std::string& metal) {
    if (metal == "Cu") return d.copperPct;
    if (metal == "Mo") return d.molybdenumPct;
    if (metal == "Au") return d.goldGt;
    if (metal == "Ag") return d.silverGt;
    return std::nullopt;
}

const char* gradeUnit(const std::string& metal) { return metal == "Au" || metal == "Ag" ? "g/t" : "%"; }

std::string fmt(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

// Diameter for a value: disc area proportional to the log of the value within the domain (a
// linear area scale would make Qulong 150 times the size of a 10 Mt prospect).
float sizeFor(const DepositStyle& s, double value) {
    const auto [lo, hi] = depositSizeDomain(s);
    const double t = std::clamp((std::log(std::max(value, 1e-12)) - std::log(lo)) / (std::log(hi) - std::log(lo)), 0.0, 1.0);
    const double a0 = double(s.sizePx.first) * double(s.sizePx.first);
    const double a1 = double(s.sizePx.second) * double(s.sizePx.second);
    return float(std::sqrt(a0 + t * (a1 - a0)));
}

}  // namespace

std::pair<double, double> depositSizeDomain(const DepositStyle& s) {
    if (s.sizeDomain) return *s.sizeDomain;
    return s.sizeBy == DepositStyle::SizeBy::Tonnage ? std::make_pair(10.0, 3000.0) : std::make_pair(0.05, 15.0);
}

float depositMarkerSize(const DepositStyle& s, const Deposit& d) {
    const std::optional<double> v = s.sizeBy == DepositStyle::SizeBy::Tonnage ? d.tonnageMt : d.containedCopperMt();
    return v ? sizeFor(s, *v) : s.sizePx.first;
}

Colour depositMarkerColour(const DepositStyle& s, const Deposit& d) {
    if (s.colourBy == DepositStyle::ColourBy::Commodity) {
        for (const auto& [symbol, colour] : s.commodityColours)
            if (d.hasCommodity(symbol)) return colour;
        return s.missingColour;
    }
    const std::optional<double> g = grade(d, s.gradeMetal);
    if (!g) return s.missingColour;
    const auto [lo, hi] = s.gradeRange;
    const float t = float(std::clamp((*g - lo) / (hi - lo), 0.0, 1.0));
    Colour c;
    for (std::size_t i = 0; i < 4; ++i) c[i] = s.gradeColours.first[i] + t * (s.gradeColours.second[i] - s.gradeColours.first[i]);
    return c;
}

std::string depositLabel(const DepositStyle& s, const Deposit& d) {
    if (s.labelField.empty()) return {};
    if (s.labelField == "name") return d.name;
    return d.attribute(s.labelField);
}

DepositLegend depositLegend(const std::string& title, const DepositStyle& s) {
    DepositLegend l;
    l.title = title;
    if (s.colourBy == DepositStyle::ColourBy::Commodity) {
        // A colour goes to the deposits that have its commodity, tried in the list's order. In a
        // copper catalogue an entry before "Cu" (gold, molybdenum) marks copper deposits that
        // also carry that metal: Cu-Au and Cu-Mo porphyries, not gold or molybdenum deposits.
        bool copperLater = false;
        for (auto it = s.commodityColours.rbegin(); it != s.commodityColours.rend(); ++it) {
            const std::string& symbol = it->first;
            l.colours.emplace(l.colours.begin(), copperLater && symbol != "Cu" ? "Cu-" + symbol : symbol, it->second);
            copperLater |= symbol == "Cu";
        }
    } else {
        const auto [lo, hi] = s.gradeRange;
        for (int i = 0; i <= 2; ++i) {
            const double v = lo + (hi - lo) * i / 2.0;
            Colour c;
            for (std::size_t k = 0; k < 4; ++k)
                c[k] = s.gradeColours.first[k] + float(i) / 2.0f * (s.gradeColours.second[k] - s.gradeColours.first[k]);
            l.colours.emplace_back(fmt(v) + " " + gradeUnit(s.gradeMetal) + " " + s.gradeMetal, c);
        }
    }
    l.colours.emplace_back("not reported", s.missingColour);
    const auto [lo, hi] = depositSizeDomain(s);
    const bool tonnage = s.sizeBy == DepositStyle::SizeBy::Tonnage;
    // Three round values across the domain: its ends and their geometric mean.
    for (const double v : {lo, std::sqrt(lo * hi), hi}) {
        const double e = std::pow(10.0, std::floor(std::log10(v)));
        const double round = std::round(v / e) * e;
        l.sizes.emplace_back(fmt(round) + (tonnage ? " Mt ore" : " Mt Cu"), sizeFor(s, round));
    }
    l.note = "ring: producing";
    return l;
}

}  // namespace plateau
