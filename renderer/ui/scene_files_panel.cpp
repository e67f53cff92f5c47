#include "ui/scene_files_panel.h"

#include <imgui.h>

#include "ui/widget_rects.h"

namespace plateau::ui {

const std::vector<std::string>& layerFileExtensions() {
    static const std::vector<std::string> exts{".geojson", ".json", ".shp", ".gpkg", ".kml", ".gml", ".csv",
                                               ".tif",     ".tiff", ".vrt", ".hgt",  ".jp2", ".png", ".jpg",
                                               ".gltf",    ".glb"};
    return exts;
}

SceneFileRequest drawSceneFilesSection(SceneFilesState& s, const std::filesystem::path& sceneFile) {
    using Purpose = SceneFilesState::Purpose;
    SceneFileRequest req;
    const std::filesystem::path folder = sceneFile.has_parent_path() ? sceneFile.parent_path() : ".";
    ImGui::TextDisabled("%s", sceneFile.empty() ? "(no file)" : sceneFile.string().c_str());
    if (ImGui::Button("Open...")) {
        s.purpose = Purpose::Open;
        openFileBrowser(s.browser, "Open scene", folder, {".json"}, FileBrowserMode::Open);
    }
    noteItem("file.open");
    ImGui::SameLine();
    const bool canSave = !sceneFile.empty();
    if (!canSave) ImGui::BeginDisabled();
    if (ImGui::Button("Save")) req.saveAs = sceneFile;
    if (!canSave) ImGui::EndDisabled();
    noteItem("file.save");
    ImGui::SameLine();
    if (ImGui::Button("Save as...")) {
        s.purpose = Purpose::SaveAs;
        openFileBrowser(s.browser, "Save scene as", folder, {".json"}, FileBrowserMode::Save,
                        sceneFile.filename().string());
    }
    noteItem("file.saveas");
    ImGui::SameLine();
    if (ImGui::Button("Add layer...")) {
        s.purpose = Purpose::AddLayer;
        openFileBrowser(s.browser, "Add layer from file", folder, layerFileExtensions(), FileBrowserMode::Open);
    }
    noteItem("file.addlayer");

    if (s.browser.open) {
        ImGui::Separator();
        const FileBrowserResult r = fileBrowser(s.browser);
        if (r.action == FileBrowserAction::Chosen) {
            if (s.purpose == Purpose::Open) req.open = r.path;
            if (s.purpose == Purpose::SaveAs) req.saveAs = r.path;
            if (s.purpose == Purpose::AddLayer) req.addLayer = r.path;
        }
        if (r.action != FileBrowserAction::None) s.purpose = Purpose::None;
    }
    return req;
}

}  // namespace plateau::ui
