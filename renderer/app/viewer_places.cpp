#include "app/viewer_places.h"

#include <imgui.h>

#include "app/globe_input.h"
#include "app/deposit_layers.h"
#include "app/globe_view.h"
#include "core/place_sources.h"
#include "io/gazetteer_reader.h"
#include "io/vector_overlay_source.h"
#include "ui/panel.h"
#include "ui/widget_rects.h"

namespace plateau::app {

namespace {

// What a layer's named features are, for ranking and the result line.
std::string featureKind(const LayerDesc& desc, const VectorData& data) {
    const bool lines = !data.features.empty() && data.features.front().kind == GeometryKind::Line;
    const bool polygons = !data.features.empty() && data.features.front().kind == GeometryKind::Polygon;
    if (lines && desc.id.find("river") != std::string::npos) return "river";
    if (polygons && desc.id.find("lake") != std::string::npos) return "lake";
    if (polygons && desc.id.find("glacier") != std::string::npos) return "glacier";
    return lines ? "line" : polygons ? "area" : "point";
}

}  // namespace

ViewerPlaces::ViewerPlaces(const std::filesystem::path& gazetteer, std::function<void(const std::string&)> log)
    : log_(std::move(log)) {
    auto places = readGazetteer(gazetteer);
    if (places) gazetteer_ = std::move(*places);
    else if (log_) log_(std::string("places: ").append(places.error().message));
    index_ = PlaceIndex(gazetteer_);
}

void ViewerPlaces::refresh(const GlobeView& view, const DepositLayers& deposits) {
    // A key that changes when a layer finishes loading, is added or removed.
    std::size_t key = 0;
    for (const ViewLayer& l : view.layers()) key = key * 31 + (l.source ? 2 : 1);
    for (const DepositLayerState& d : deposits.layers()) key = key * 31 + d.deposits.size() + 3;
    if (key == indexKey_) return;
    indexKey_ = key;
    std::vector<Place> all = gazetteer_;
    for (const DepositLayerState& d : deposits.layers()) {
        auto places = placesFromDeposits(d.deposits, d.desc.title.empty() ? d.desc.id : d.desc.title);
        all.insert(all.end(), places.begin(), places.end());
    }
    for (const ViewLayer& l : view.layers()) {
        const auto* vec = dynamic_cast<const VectorOverlaySource*>(l.source.get());
        if (!vec) continue;
        const std::string field = l.desc.style.labelField.empty() ? "name" : l.desc.style.labelField;
        auto places = placesFromFeatures(vec->data(), field, featureKind(l.desc, vec->data()),
                                         l.desc.title.empty() ? l.desc.id : l.desc.title);
        all.insert(all.end(), places.begin(), places.end());
    }
    index_ = PlaceIndex(std::move(all));
    ui::updatePlaceSearch(search_, index_);  // results index into the old list: recompute them
}

Camera ViewerPlaces::advance(const Camera& cam, double dt, const ImGuiIO& io) {
    if (!flight_.active()) return cam;
    if (userInputOnGlobe(io)) {
        flight_.cancel();
        status_.clear();
        return cam;
    }
    const auto pose = flight_.advance(dt);
    if (!flight_.active()) status_.clear();
    if (!pose) return cam;
    return makeCamera(*pose, cam.width, cam.height);
}

void ViewerPlaces::flyTo(const Camera& cam, const CameraPose& target) { flight_.start(cameraPose(cam), target); }

void ViewerPlaces::drawSection(const Camera& cam, std::vector<Bookmark>& bookmarks, Timeline& timeline,
                               const ui::GroundHeightFn& ground, bool& changed) {
    // Appended to the panel's window: ImGui continues a window begun earlier in the frame.
    if (ImGui::Begin(ui::kPanelWindow)) {
        const bool open = ImGui::CollapsingHeader("Places");
        ui::noteItem("places.header");
        if (open) {
            std::optional<ui::FlyRequest> fly = ui::drawPlaceSearch(search_, index_, ground);
            ImGui::Separator();
            ImGui::TextUnformatted("Bookmarks");
            if (auto b = ui::drawBookmarkList(bookmarkList_, bookmarks, cameraPose(cam),
                                              timeline.present ? std::optional<double>(timeline.current) : std::nullopt,
                                              index_, changed))
                fly = b;
            if (fly) {
                flyTo(cam, fly->target);
                status_ = std::string("flying to ").append(fly->label);
                if (fly->time && timeline.present) timeline.current = *fly->time;
            }
            if (!status_.empty()) ImGui::TextDisabled("%s", status_.c_str());
        }
    }
    ImGui::End();
}

}  // namespace plateau::app
