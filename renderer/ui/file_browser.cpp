#include "ui/file_browser.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <cstdio>

#include "ui/widget_rects.h"

namespace plateau::ui {

namespace {

namespace fs = std::filesystem;

void refresh(FileBrowserState& s) {
    s.stale = false;
    const Result<FolderListing> l = listFolder(s.folder, s.extensions, s.showHidden);
    if (l) {
        s.listing = *l;
        s.folder = l->folder;
        s.error.clear();
    } else {
        s.listing = FolderListing{s.folder, {}};
        s.error = l.error().message;
    }
    s.typedPath = s.folder.string();
}

void goToFolder(FileBrowserState& s, const fs::path& folder) {
    s.folder = folder.lexically_normal();
    s.stale = true;
    if (s.mode == FileBrowserMode::Open) s.fileName.clear();
}

std::string sizeText(std::uintmax_t bytes) {
    char buf[32];
    if (bytes >= (1u << 20)) std::snprintf(buf, sizeof buf, "%.1f MiB", double(bytes) / double(1u << 20));
    else if (bytes >= 1024) std::snprintf(buf, sizeof buf, "%.1f KiB", double(bytes) / 1024.0);
    else std::snprintf(buf, sizeof buf, "%u B", unsigned(bytes));
    return buf;
}

}  // namespace

void openFileBrowser(FileBrowserState& s, std::string title, const fs::path& folder, std::vector<std::string> extensions,
                     FileBrowserMode mode, std::string fileName) {
    std::error_code ec;
    s.open = true;
    s.mode = mode;
    s.title = std::move(title);
    s.extensions = std::move(extensions);
    s.folder = fs::absolute(folder.empty() ? fs::path(".") : folder, ec).lexically_normal();
    if (!s.folder.has_filename() && s.folder != s.folder.root_path()) s.folder = s.folder.parent_path();
    s.fileName = std::move(fileName);
    s.error.clear();
    s.stale = true;
}

bool navigateTo(FileBrowserState& s, const std::string& typed) {
    if (typed.empty()) return false;
    fs::path p(typed);
    if (p.is_relative()) p = s.folder / p;
    p = p.lexically_normal();
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
        goToFolder(s, p);
        return true;
    }
    if (fs::exists(p, ec) || (s.mode == FileBrowserMode::Save && fs::is_directory(p.parent_path(), ec))) {
        goToFolder(s, p.parent_path());
        s.fileName = p.filename().string();
        return true;
    }
    s.error = typed + ": no such folder or file";
    return false;
}

fs::path chosenPath(const FileBrowserState& s) {
    if (s.fileName.empty()) return {};
    std::string name = s.fileName;
    if (s.mode == FileBrowserMode::Save && !s.extensions.empty() && !matchesExtension(name, s.extensions))
        name += s.extensions.front();
    return s.folder / name;
}

FileBrowserResult fileBrowser(FileBrowserState& s) {
    FileBrowserResult result;
    if (!s.open) return result;
    if (s.stale) refresh(s);

    ImGui::PushID("file_browser");
    ImGui::TextUnformatted(s.title.c_str());
    ImGui::Separator();

    if (ImGui::Button("Up") && s.folder.has_parent_path() && s.folder != s.folder.root_path())
        goToFolder(s, s.folder.parent_path());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1.0f);
    const bool entered = ImGui::InputText("##path", &s.typedPath, ImGuiInputTextFlags_EnterReturnsTrue);
    noteItem("browser.path");
    if (entered) {
        // A typed file is chosen at once when opening (it exists: navigateTo checked).
        std::error_code ec;
        const fs::path typed = s.folder / fs::path(s.typedPath);  // an absolute typed path replaces the folder
        const bool isFolder = fs::is_directory(typed, ec);
        if (navigateTo(s, s.typedPath) && !isFolder && s.mode == FileBrowserMode::Open)
            result = {FileBrowserAction::Chosen, chosenPath(s)};
    }

    if (!s.error.empty()) ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.4f, 1.0f), "%s", s.error.c_str());

    const float listHeight = ImGui::GetTextLineHeightWithSpacing() * 10.0f;
    if (ImGui::BeginChild("entries", ImVec2(0.0f, listHeight), true)) {
        for (std::size_t i = 0; i < s.listing.entries.size(); ++i) {
            const FolderEntry& e = s.listing.entries[i];
            ImGui::PushID(int(i));
            if (e.isFolder) {
                const std::string label = e.name + "/";
                const bool clicked = ImGui::Selectable(label.c_str(), false);
                noteItem("browser.entry." + e.name);
                if (clicked) goToFolder(s, s.folder / e.name);
            } else {
                const bool selected = e.name == s.fileName;
                const bool clicked = ImGui::Selectable(e.name.c_str(), selected, ImGuiSelectableFlags_AllowDoubleClick);
                noteItem("browser.entry." + e.name);
                if (clicked) {
                    s.fileName = e.name;
                    if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left))
                        result = {FileBrowserAction::Chosen, chosenPath(s)};
                }
                ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - 80.0f);
                ImGui::TextDisabled("%s", sizeText(e.size).c_str());
            }
            ImGui::PopID();
        }
        if (s.listing.entries.empty() && s.error.empty()) ImGui::TextDisabled("(nothing here)");
    }
    ImGui::EndChild();

    if (!s.extensions.empty()) {
        std::string filter;
        for (const auto& e : s.extensions) filter += (filter.empty() ? "" : " ") + e;
        ImGui::TextDisabled("showing: %s", filter.c_str());
    }
    if (ImGui::Checkbox("hidden files", &s.showHidden)) s.stale = true;

    if (s.mode == FileBrowserMode::Save) {
        ImGui::SetNextItemWidth(-60.0f);
        ImGui::InputText("file name", &s.fileName);
        noteItem("browser.name");
    } else {
        ImGui::Text("file: %s", s.fileName.empty() ? "(none selected)" : s.fileName.c_str());
    }

    const bool canChoose = !s.fileName.empty();
    if (!canChoose) ImGui::BeginDisabled();
    if (ImGui::Button(s.mode == FileBrowserMode::Save ? "Save" : "Open")) result = {FileBrowserAction::Chosen, chosenPath(s)};
    noteItem("browser.ok");
    if (!canChoose) ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) result = {FileBrowserAction::Cancelled, {}};
    noteItem("browser.cancel");
    ImGui::PopID();

    if (result.action != FileBrowserAction::None) s.open = false;
    return result;
}

}  // namespace plateau::ui
