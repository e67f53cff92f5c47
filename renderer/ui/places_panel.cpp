#include "ui/places_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "core/coordinate_parse.h"
#include "core/fly_to.h"
#include "ui/widget_rects.h"

namespace plateau::ui {

namespace {

constexpr double kRad = 3.14159265358979323846 / 180.0;
constexpr double kEarthRadius = 6371008.8;

double distanceM(double lon1, double lat1, double lon2, double lat2) {
    const double dLat = (lat2 - lat1) * kRad, dLon = (lon2 - lon1) * kRad;
    const double h = std::sin(dLat / 2) * std::sin(dLat / 2) +
                     std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dLon / 2) * std::sin(dLon / 2);
    return 2.0 * kEarthRadius * std::asin(std::min(1.0, std::sqrt(h)));
}

// Does the text start like a number or a hemisphere letter with a number? Only then is a
// coordinate error worth showing ("Lhasa" is a name, "29.6" an unfinished coordinate).
bool looksNumeric(const char* s) {
    while (*s == ' ') ++s;
    if (*s == '-' || *s == '+') ++s;
    if ((*s == 'N' || *s == 'S' || *s == 'E' || *s == 'W' || *s == 'n' || *s == 's' || *s == 'e' || *s == 'w') &&
        ((s[1] >= '0' && s[1] <= '9') || s[1] == ' '))
        ++s;
    while (*s == ' ') ++s;
    return *s >= '0' && *s <= '9';
}

std::string coordinateLabel(const LonLat& c) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.5f %c, %.5f %c", std::fabs(c.lat), c.lat < 0 ? 'S' : 'N', std::fabs(c.lon),
                  c.lon < 0 ? 'W' : 'E');
    return buf;
}

void copyName(char* dst, std::size_t size, const std::string& src) {
    const std::size_t n = std::min(size - 1, src.size());
    std::memcpy(dst, src.data(), n);
    dst[n] = '\0';
}

}  // namespace

void updatePlaceSearch(PlaceSearchState& state, const PlaceIndex& index, std::size_t maxResults) {
    state.lastQuery = state.query;
    state.results = index.search(state.lastQuery, maxResults);
    state.coordinate.reset();
    state.coordinateError.clear();
    if (!looksNumeric(state.query)) return;
    auto c = parseCoordinates(state.lastQuery);
    if (c) state.coordinate = *c;
    else state.coordinateError = c.error().message;
}

std::optional<FlyRequest> flyToResult(const PlaceSearchState& state, const PlaceIndex& index, std::size_t i,
                                      const GroundHeightFn& groundHeight) {
    const auto ground = [&](double lon, double lat) { return groundHeight ? groundHeight(lon, lat) : 0.0; };
    if (state.coordinate) {
        if (i == 0) {
            const LonLat& c = *state.coordinate;
            return FlyRequest{viewOf(c.lon, c.lat, ground(c.lon, c.lat), "point"), coordinateLabel(c), std::nullopt};
        }
        --i;
    }
    if (i >= state.results.size()) return std::nullopt;
    const Place& p = index.place(state.results[i].index);
    return FlyRequest{viewOf(p.lon, p.lat, ground(p.lon, p.lat), p.kind, p.viewHeightM), p.name, std::nullopt};
}

std::optional<FlyRequest> drawPlaceSearch(PlaceSearchState& state, const PlaceIndex& index, const GroundHeightFn& groundHeight,
                                          std::size_t maxResults) {
    std::optional<FlyRequest> fly;
    if (state.focus) {
        ImGui::SetKeyboardFocusHere();
        state.focus = false;
    }
    ImGui::SetNextItemWidth(-60.0f);
    const bool enter = ImGui::InputTextWithHint("##place search", "Place or coordinates", state.query, sizeof state.query,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
    noteItem("places.search");
    if (state.lastQuery != state.query) updatePlaceSearch(state, index, maxResults);
    ImGui::SameLine();
    const bool anything = state.coordinate || !state.results.empty();
    if (!anything) ImGui::BeginDisabled();
    const bool flyButton = ImGui::Button("Fly##search");
    noteItem("places.fly");
    if (!anything) ImGui::EndDisabled();
    if ((enter || flyButton) && anything) fly = flyToResult(state, index, 0, groundHeight);

    std::size_t row = 0;
    if (state.coordinate) {
        const std::string label = "Coordinates " + coordinateLabel(*state.coordinate) + "##result0";
        if (ImGui::Selectable(label.c_str())) fly = flyToResult(state, index, 0, groundHeight);
        noteItem("places.result.0");
        ++row;
    } else if (!state.coordinateError.empty()) {
        ImGui::TextDisabled("%s", state.coordinateError.c_str());
    }
    for (std::size_t i = 0; i < state.results.size(); ++i, ++row) {
        const PlaceMatch& m = state.results[i];
        const Place& p = index.place(m.index);
        std::string label = p.name;
        if (!m.mainName) label += " (" + m.matchedName + ")";
        label += "##result" + std::to_string(row);
        if (ImGui::Selectable(label.c_str(), false, ImGuiSelectableFlags_AllowItemOverlap))
            fly = flyToResult(state, index, row, groundHeight);
        noteItem("places.result." + std::to_string(row));
        ImGui::SameLine();
        ImGui::TextDisabled("%s, %s", p.kind.c_str(), p.sourceLayer.c_str());
        if (!p.citation.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("position: %s", p.citation.c_str());
    }
    if (state.query[0] != '\0' && !anything && state.coordinateError.empty()) ImGui::TextDisabled("No place of that name");
    return fly;
}

std::string bookmarkName(const CameraPose& pose, const PlaceIndex& index, const std::vector<Bookmark>& existing) {
    // Where the camera looks: along its heading, height / tan(-pitch) ahead (its own position
    // when it looks at or above the horizon).
    double lon = pose.lon_deg, lat = pose.lat_deg;
    if (pose.pitch_deg < -1.0) {
        const double ahead = std::min(pose.height_m / std::tan(-pose.pitch_deg * kRad), 200'000.0);
        lat += ahead * std::cos(pose.heading_deg * kRad) / kEarthRadius / kRad;
        lon += ahead * std::sin(pose.heading_deg * kRad) / (kEarthRadius * std::max(std::cos(lat * kRad), 1e-6)) / kRad;
    }
    const Place* nearest = nullptr;
    double best = 50'000.0;
    for (const Place& p : index.places()) {
        if (p.sourceLayer != "gazetteer") continue;
        const double d = distanceM(lon, lat, p.lon, p.lat);
        if (d < best) best = d, nearest = &p;
    }
    const auto taken = [&](const std::string& name) {
        return std::any_of(existing.begin(), existing.end(), [&](const Bookmark& b) { return b.name == name; });
    };
    if (nearest && !taken("Near " + nearest->name)) return "Near " + nearest->name;
    for (int n = 1;; ++n)
        if (!taken("View " + std::to_string(n))) return "View " + std::to_string(n);
}

std::optional<FlyRequest> drawBookmarkList(BookmarkListState& state, std::vector<Bookmark>& bookmarks, const CameraPose& current,
                                           std::optional<double> currentTime, const PlaceIndex& index, bool& changed) {
    std::optional<FlyRequest> fly;
    if (ImGui::Button("Add current view")) {
        bookmarks.push_back(Bookmark{bookmarkName(current, index, bookmarks), current, currentTime});
        changed = true;
    }
    noteItem("bookmarks.add");
    if (bookmarks.empty()) ImGui::TextDisabled("No bookmarks yet");
    if (state.renaming >= int(bookmarks.size())) state.renaming = -1;

    enum class Op { None, Up, Down, Delete } op = Op::None;
    std::size_t opRow = 0;
    for (std::size_t i = 0; i < bookmarks.size(); ++i) {
        Bookmark& b = bookmarks[i];
        ImGui::PushID(int(i));
        const std::string n = std::to_string(i);
        if (ImGui::SmallButton("Fly")) fly = FlyRequest{b.pose, b.name, b.time};
        noteItem("bookmark.fly." + n);
        ImGui::SameLine();
        if (state.renaming == int(i)) {
            if (state.focusRename) {
                ImGui::SetKeyboardFocusHere();
                state.focusRename = false;
            }
            ImGui::SetNextItemWidth(-1.0f);
            if (ImGui::InputText("##rename", state.renameBuffer, sizeof state.renameBuffer,
                                 ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll)) {
                noteItem("bookmark.field." + n);
                std::string name = state.renameBuffer;
                if (!name.empty() && name != b.name) b.name = std::move(name), changed = true;
                state.renaming = -1;
            } else {
                noteItem("bookmark.field." + n);
                if (ImGui::IsItemActive() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) state.renaming = -1;
            }
        } else {
            ImGui::TextUnformatted(b.name.c_str());
            noteItem("bookmark.name." + n);
            if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(0)) {
                state.renaming = int(i);
                copyName(state.renameBuffer, sizeof state.renameBuffer, b.name);
                state.focusRename = true;
            }
            ImGui::SameLine();
            const bool rename = ImGui::SmallButton("Rename");
            noteItem("bookmark.rename." + n);
            if (rename) {
                state.renaming = int(i);
                copyName(state.renameBuffer, sizeof state.renameBuffer, b.name);
                state.focusRename = true;
            }
            ImGui::SameLine();
            if (i == 0) ImGui::BeginDisabled();
            if (ImGui::SmallButton("Up")) op = Op::Up, opRow = i;
            noteItem("bookmark.up." + n);
            if (i == 0) ImGui::EndDisabled();
            ImGui::SameLine();
            if (i + 1 == bookmarks.size()) ImGui::BeginDisabled();
            if (ImGui::SmallButton("Down")) op = Op::Down, opRow = i;
            noteItem("bookmark.down." + n);
            if (i + 1 == bookmarks.size()) ImGui::EndDisabled();
            ImGui::SameLine();
            if (ImGui::SmallButton("Delete")) op = Op::Delete, opRow = i;
            noteItem("bookmark.delete." + n);
        }
        ImGui::PopID();
    }
    // Applied after the loop, so the rows drawn this frame match the list they were drawn from.
    if (op == Op::Up) std::swap(bookmarks[opRow], bookmarks[opRow - 1]);
    if (op == Op::Down) std::swap(bookmarks[opRow], bookmarks[opRow + 1]);
    if (op == Op::Delete) bookmarks.erase(bookmarks.begin() + std::ptrdiff_t(opRow));
    if (op != Op::None) {
        changed = true;
        state.renaming = -1;
    }
    return fly;
}

}  // namespace plateau::ui
