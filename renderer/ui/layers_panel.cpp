#include "ui/layers_panel.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <utility>

#include <imgui.h>

#include "core/relief_ramp.h"
#include "ui/widget_rects.h"

namespace plateau::ui {

namespace {

const ImVec4 kWarn(1.0f, 0.80f, 0.35f, 1.0f);
const ImVec4 kError(1.0f, 0.45f, 0.40f, 1.0f);

ImU32 toU32(const Colour& c) { return ImGui::ColorConvertFloat4ToU32(ImVec4(c[0], c[1], c[2], c[3])); }

// The scene file's type names, but "3D model" reads better in a list than "model".
const char* typeTag(LayerType t) { return t == LayerType::Model ? "3D model" : layerTypeName(t); }

// Colours of a vector-like layer's style: fill, stroke, width. True when something changed;
// the layer is restyled when the user lets go of the widget (not on every drag step).
bool vectorStyle(VectorStyle& s, const std::string& key) {
    bool done = false;
    ImGui::ColorEdit4(("Fill##" + key).c_str(), s.fill.data(), ImGuiColorEditFlags_NoInputs | ImGuiColorEditFlags_AlphaBar);
    done |= ImGui::IsItemDeactivatedAfterEdit();
    ImGui::SameLine();
    ImGui::ColorEdit4(("Line##" + key).c_str(), s.stroke.data(), ImGuiColorEditFlags_NoInputs | ImGuiColorEditFlags_AlphaBar);
    done |= ImGui::IsItemDeactivatedAfterEdit();
    ImGui::SetNextItemWidth(120.0f);
    ImGui::SliderFloat(("Line width##" + key).c_str(), &s.strokeWidthPx, 0.0f, 8.0f, "%.1f px");
    done |= ImGui::IsItemDeactivatedAfterEdit();
    return done;
}

// Deposit markers are placed every frame from the style: changes apply at once.
bool depositStyle(DepositLayerDesc& d, const std::string& key) {
    bool changed = false;
    int size = d.style.sizeBy == DepositStyle::SizeBy::Tonnage ? 0 : 1;
    ImGui::SetNextItemWidth(160.0f);
    if (ImGui::Combo(("Size by##" + key).c_str(), &size, "ore tonnage\0contained copper\0")) {
        d.style.sizeBy = size == 0 ? DepositStyle::SizeBy::Tonnage : DepositStyle::SizeBy::ContainedCopper;
        changed = true;
    }
    int colour = d.style.colourBy == DepositStyle::ColourBy::Commodity ? 0 : 1;
    ImGui::SetNextItemWidth(160.0f);
    if (ImGui::Combo(("Colour by##" + key).c_str(), &colour, "commodity\0grade\0")) {
        d.style.colourBy = colour == 0 ? DepositStyle::ColourBy::Commodity : DepositStyle::ColourBy::Grade;
        changed = true;
    }
    float px[2] = {d.style.sizePx.first, d.style.sizePx.second};
    ImGui::SetNextItemWidth(160.0f);
    if (ImGui::DragFloat2(("Disc size##" + key).c_str(), px, 0.2f, 2.0f, 64.0f, "%.0f px")) {
        d.style.sizePx = {std::min(px[0], px[1]), std::max(px[0], px[1])};
        changed = true;
    }
    bool labels = !d.style.labelField.empty();
    if (ImGui::Checkbox(("Labels##" + key).c_str(), &labels)) {
        d.style.labelField = labels ? "name" : "";
        changed = true;
    }
    return changed;
}

void layerRow(std::vector<LayerDesc>& layers, std::size_t i, const LayerStatus& st, const Timeline& range,
              PanelActions& actions) {
    LayerDesc& l = layers[i];
    ImGui::PushID(l.id.c_str());
    if (ImGui::Checkbox("##visible", &l.visible)) actions.layersChanged = true;
    noteItem("layer.visible." + l.id);
    ImGui::SameLine();
    const std::string title = l.title.empty() ? l.id : l.title;
    const bool open = ImGui::TreeNodeEx("##row", ImGuiTreeNodeFlags_SpanAvailWidth, "%s", title.c_str());
    noteItem("layer.row." + l.id);
    // Dragging a row onto another moves it there (the list shows the top layer first).
    if (ImGui::BeginDragDropSource()) {
        const int from = int(i);
        ImGui::SetDragDropPayload("plateau-layer", &from, sizeof from);
        ImGui::Text("move %s", title.c_str());
        ImGui::EndDragDropSource();
    }
    if (ImGui::BeginDragDropTarget()) {
        if (const ImGuiPayload* p = ImGui::AcceptDragDropPayload("plateau-layer")) {
            const int from = *static_cast<const int*>(p->Data);
            if (from >= 0 && std::size_t(from) < layers.size() && std::size_t(from) != i) {
                LayerDesc moved = std::move(layers[std::size_t(from)]);
                layers.erase(layers.begin() + from);
                layers.insert(layers.begin() + std::ptrdiff_t(i), std::move(moved));
                actions.layersChanged = true;
            }
        }
        ImGui::EndDragDropTarget();
    }
    ImGui::SameLine();
    ImGui::TextDisabled("%s", typeTag(l.type));
    if (st.loading) {
        ImGui::SameLine();
        ImGui::TextColored(kWarn, "loading...");
    }
    if (!st.error.empty()) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 380.0f);
        ImGui::TextColored(kError, "failed: %s", st.error.c_str());
        ImGui::PopTextWrapPos();
    }
    if (open) {
        if (!st.summary.empty()) ImGui::TextDisabled("%s", st.summary.c_str());
        float opacity = float(l.opacity) * 100.0f;
        ImGui::SetNextItemWidth(160.0f);
        if (ImGui::SliderFloat("Opacity", &opacity, 0.0f, 100.0f, "%.0f %%")) {
            l.opacity = std::clamp(opacity / 100.0f, 0.0f, 1.0f);
            actions.layersChanged = true;
        }
        noteItem("layer.opacity." + l.id);
        // A layer pinned to its own date shows that date whatever the timeline says, so two
        // years can be compared side by side, each in its own layer.
        bool pinned = l.time.pinned.has_value();
        if (ImGui::Checkbox("Own date", &pinned)) {
            if (pinned) l.time.pinned = range.current;
            else l.time.pinned.reset();
            actions.layersChanged = true;
        }
        noteItem("layer.pin." + l.id);
        if (l.time.pinned) {
            ImGui::SameLine();
            float year = float(*l.time.pinned);
            ImGui::SetNextItemWidth(140.0f);
            if (ImGui::SliderFloat("##pinned", &year, float(range.start), float(range.end), "%.1f")) {
                l.time.pinned = double(year);
                actions.layersChanged = true;
            }
            noteItem("layer.pinned." + l.id);
        }
        if (l.type == LayerType::Vector || l.type == LayerType::Trace) {
            if (vectorStyle(l.style, l.id)) actions.restyled.push_back(i);
        } else if (l.type == LayerType::Deposits) {
            if (depositStyle(l.deposits, l.id)) actions.layersChanged = true;
        }
        if (const std::string& legend = st.legend.empty() ? l.legend : st.legend; !legend.empty()) {
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 380.0f);
            ImGui::TextDisabled("%s", legend.c_str());
            ImGui::PopTextWrapPos();
        }
        if (!l.attribution.empty()) ImGui::TextDisabled("%s", l.attribution.c_str());
        const std::size_t n = layers.size();
        if (i + 1 < n && ImGui::SmallButton("Raise")) {
            std::swap(layers[i], layers[i + 1]);
            actions.layersChanged = true;
        }
        noteItem("layer.raise." + l.id);
        if (i > 0) {
            ImGui::SameLine();
            if (ImGui::SmallButton("Lower")) {
                std::swap(layers[i], layers[i - 1]);
                actions.layersChanged = true;
            }
        }
        ImGui::SameLine();
        if (ImGui::SmallButton("Remove")) actions.remove = i;
        ImGui::TreePop();
    }
    ImGui::PopID();
}

void tagLine(const std::string& text) {
    for (const std::string& c : caveats(text)) {
        ImGui::SameLine();
        ImGui::TextColored(kWarn, "[%s]", c.c_str());
    }
}

void swatch(const Colour& c, bool line = false) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    if (line) dl->AddLine(ImVec2(p.x, p.y + h * 0.5f), ImVec2(p.x + h * 1.4f, p.y + h * 0.5f), toU32(c), 2.5f);
    else dl->AddRectFilled(ImVec2(p.x, p.y + 2.0f), ImVec2(p.x + h * 1.4f, p.y + h - 2.0f), toU32(c));
    ImGui::Dummy(ImVec2(h * 1.4f, h));
    ImGui::SameLine();
}

}  // namespace

std::vector<std::string> caveats(const std::string& text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    std::vector<std::string> out;
    for (const char* w : {"synthetic", "schematic", "illustrative"})
        if (lower.find(w) != std::string::npos) out.emplace_back(w);
    return out;
}

void drawLayersSection(std::vector<LayerDesc>& layers, const PanelModel& model, const Timeline& range,
                       PanelActions& actions) {
    if (layers.empty()) ImGui::TextDisabled("no layers: the terrain alone");
    // The top of the list is drawn on top: the scene's last layer first.
    for (std::size_t k = layers.size(); k-- > 0;) {
        const LayerStatus st = k < model.layers.size() ? model.layers[k] : LayerStatus{};
        const std::size_t before = layers.size();
        layerRow(layers, k, st, range, actions);
        if (layers.size() != before) break;  // cannot happen: moves keep the size; be safe
    }
}

void drawLegendSection(const std::vector<LayerDesc>& layers, const PanelModel& model) {
    // The relief ramp with its heights: the bar spans the stops from 0 m up, snow above.
    ImGui::Text("Terrain");
    tagLine(model.terrainLabel);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float w = std::max(200.0f, ImGui::GetContentRegionAvail().x - 10.0f), h = 14.0f;
    const float top = kReliefRamp.back().height_m + 1300.0f, bottom = 0.0f;  // up to 8,300 m
    auto xOf = [&](float m) { return p.x + w * (m - bottom) / (top - bottom); };
    for (std::size_t i = 1; i < kReliefRamp.size(); ++i) {
        const ReliefStop& a = kReliefRamp[i - 1];
        const ReliefStop& b = kReliefRamp[i];
        if (b.height_m <= bottom) continue;
        const ImU32 ca = toU32({a.rgb[0], a.rgb[1], a.rgb[2], 1.0f}), cb = toU32({b.rgb[0], b.rgb[1], b.rgb[2], 1.0f});
        dl->AddRectFilledMultiColor(ImVec2(xOf(std::max(a.height_m, bottom)), p.y), ImVec2(xOf(b.height_m), p.y + h), ca,
                                    cb, cb, ca);
    }
    const ReliefStop& last = kReliefRamp.back();
    dl->AddRectFilled(ImVec2(xOf(last.height_m), p.y), ImVec2(xOf(kSnowLineM + 1300.0f), p.y + h),
                      toU32({last.rgb[0], last.rgb[1], last.rgb[2], 1.0f}));
    // Snow: above the snow line on gentle slopes (drawn as a band over the ramp's top).
    dl->AddRectFilled(ImVec2(xOf(kSnowLineM), p.y), ImVec2(xOf(top), p.y + h * 0.45f),
                      toU32({kSnowRgb[0], kSnowRgb[1], kSnowRgb[2], 1.0f}));
    const std::pair<float, const char*> ticks[] = {
        {0.0f, "0 m"}, {2000.0f, "2,000"}, {4000.0f, "4,000"}, {5700.0f, "5,700"}, {8000.0f, "8,000 m"}};
    for (const auto& [m, text] : ticks) {
        const ImVec2 ts = ImGui::CalcTextSize(text);
        const float x = std::clamp(xOf(m) - ts.x * 0.5f, p.x, p.x + w - ts.x);
        dl->AddLine(ImVec2(xOf(m), p.y + h), ImVec2(xOf(m), p.y + h + 3.0f), IM_COL32(220, 220, 220, 255));
        dl->AddText(ImVec2(x, p.y + h + 3.0f), IM_COL32(220, 220, 220, 255), text);
    }
    ImGui::Dummy(ImVec2(w, h + 4.0f + ImGui::GetTextLineHeight()));
    ImGui::TextDisabled("white: snow above about %.0f m on slopes under 40 degrees", double(kSnowLineM));
    if (!model.terrainAttribution.empty()) ImGui::TextDisabled("%s", model.terrainAttribution.c_str());

    for (std::size_t k = layers.size(); k-- > 0;) {
        const LayerDesc& l = layers[k];
        if (!l.visible) continue;
        ImGui::Separator();
        const std::string title = l.title.empty() ? l.id : l.title;
        switch (l.type) {
        case LayerType::Vector:
        case LayerType::Trace:
            if (!l.style.categories.empty()) {
                ImGui::TextUnformatted(title.c_str());
                for (const auto& [name, colour] : l.style.categories) {
                    swatch(colour);
                    ImGui::TextUnformatted(name.c_str());
                }
            } else {
                swatch(l.style.fill[3] > 0.05f ? l.style.fill : l.style.stroke, l.style.fill[3] <= 0.05f);
                ImGui::TextUnformatted(title.c_str());
            }
            break;
        case LayerType::Deposits:
            ImGui::TextUnformatted(title.c_str());
            ImGui::TextDisabled("symbols: see the deposit legend on the map");
            break;
        default: ImGui::TextUnformatted(title.c_str()); break;
        }
        const std::string& legend =
            k < model.layers.size() && !model.layers[k].legend.empty() ? model.layers[k].legend : l.legend;
        tagLine(l.title + " " + legend + " " + l.model.label);
        if (!legend.empty()) {
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 380.0f);
            ImGui::TextDisabled("%s", legend.c_str());
            ImGui::PopTextWrapPos();
        }
        if (!l.attribution.empty()) ImGui::TextDisabled("%s", l.attribution.c_str());
    }
}

}  // namespace plateau::ui
