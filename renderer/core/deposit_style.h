#pragma once
// How a deposits layer draws its markers and which it shows: the "deposits" section of a scene
// layer (parsed in core/scene_deposits.cpp), and the pure functions that turn a deposit into a
// marker size and colour and list the legend's entries.
//
// Size: a disc whose area grows with tonnage (or contained copper), on a logarithmic scale from
// `sizeDomain.first` (smallest disc) to `.second` (largest), because deposit sizes span four
// orders of magnitude: 1 Mt to 15,000 Mt. Deposits without the value get the smallest size.
// Colour: by commodity (the first entry of `commodityColours` the deposit has) or by a grade on a
// linear ramp; deposits without the value get `missingColour`.
#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/deposit.h"

namespace plateau {

using Colour = std::array<float, 4>;  // as in core/layer.h: RGBA 0..1, straight alpha

struct DepositStyle {
    enum class SizeBy { Tonnage, ContainedCopper } sizeBy = SizeBy::Tonnage;
    std::pair<float, float> sizePx{5.0f, 26.0f};       // disc diameter, smallest and largest
    std::optional<std::pair<double, double>> sizeDomain;  // unset: 10..3000 Mt ore, 0.05..15 Mt Cu
    enum class ColourBy { Commodity, Grade } colourBy = ColourBy::Commodity;
    std::vector<std::pair<std::string, Colour>> commodityColours{
        {"Au", {0.95f, 0.78f, 0.20f, 1.0f}},  // gold-rich porphyries first: they are the rarer kind
        {"Mo", {0.55f, 0.45f, 0.85f, 1.0f}},
        {"Cu", {0.85f, 0.42f, 0.20f, 1.0f}}};
    std::string gradeMetal = "Cu";                  // "Cu", "Mo" (%), "Au", "Ag" (g/t)
    std::pair<double, double> gradeRange{0.2, 1.0};  // ramp ends, in the metal's unit
    std::pair<Colour, Colour> gradeColours{Colour{0.99f, 0.88f, 0.55f, 1.0f}, Colour{0.70f, 0.10f, 0.05f, 1.0f}};
    Colour missingColour{0.62f, 0.62f, 0.62f, 1.0f};
    std::string labelField = "name";  // "name" or a column of the source; "" for no labels
    bool operator==(const DepositStyle&) const = default;
};

// Which deposits a layer shows and how (the whole deposits part of a layer description).
struct DepositLayerDesc {
    DepositFields fields;
    DepositStyle style;
    DepositFilter filter;
    bool operator==(const DepositLayerDesc&) const = default;
};

std::pair<double, double> depositSizeDomain(const DepositStyle& s);
// Disc diameter in pixels.
float depositMarkerSize(const DepositStyle& s, const Deposit& d);
Colour depositMarkerColour(const DepositStyle& s, const Deposit& d);
// The label text (the name, or the named attribute).
std::string depositLabel(const DepositStyle& s, const Deposit& d);

// The legend: colour entries and a few reference sizes, with their captions.
struct DepositLegend {
    std::string title;
    std::vector<std::pair<std::string, Colour>> colours;  // "Cu-Au", "Cu", "0.2 % Cu", ...
    std::vector<std::pair<std::string, float>> sizes;     // "100 Mt" with its diameter
    std::string note;  // "ring: producing"
};
DepositLegend depositLegend(const std::string& title, const DepositStyle& s);

}  // namespace plateau
