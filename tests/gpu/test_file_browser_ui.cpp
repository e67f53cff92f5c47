// The panel's file browser driven by injected ImGui input (no window, no GPU: ImGui lays out and
// handles input without a renderer): folders first, a click opens a folder, a double click
// chooses a file, Cancel closes, and a folder that cannot be listed shows one line.
#include <catch2/catch.hpp>

#include <imgui.h>
#include <imgui_internal.h>

#include <fstream>

#include "io_test_helpers.h"
#include "ui/file_browser.h"

using namespace plateau;
namespace fs = std::filesystem;

namespace {

// One ImGui context with a built font atlas; frames of the browser in a panel-like window.
class Harness {
public:
    Harness() {
        ctx_ = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(640, 480);
        io.DeltaTime = 1.0f / 60.0f;
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    }
    ~Harness() { ImGui::DestroyContext(ctx_); }
    Harness(const Harness&) = delete;
    Harness& operator=(const Harness&) = delete;

    // A frame with the mouse at `pos`, the left button down or up.
    ui::FileBrowserResult frame(ui::FileBrowserState& s, ImVec2 pos, bool down) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = pos;
        io.MouseDown[0] = down;
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(400, 460));
        ImGui::Begin("panel", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove);
        const ui::FileBrowserResult r = ui::fileBrowser(s);
        lastItem_ = ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());  // the Cancel button
        ImGui::End();
        ImGui::Render();
        return r;
    }

    // Clicks at `pos` (press, release); `twice` for a double click. Returns what the browser said.
    ui::FileBrowserResult click(ui::FileBrowserState& s, ImVec2 pos, bool twice = false) {
        ui::FileBrowserResult last;
        for (int n = 0; n < (twice ? 2 : 1); ++n) {
            for (bool down : {true, false}) {
                const auto r = frame(s, pos, down);
                if (r.action != ui::FileBrowserAction::None) last = r;
            }
        }
        return last;
    }

    // The centre of row `i` of the entries list, from the list's child window as ImGui laid it out.
    ImVec2 row(int i) const {
        for (ImGuiWindow* w : ctx_->Windows)
            if (std::string(w->Name).find("/entries") != std::string::npos) {
                const float lineH = ImGui::GetTextLineHeightWithSpacing();
                return ImVec2(w->InnerRect.Min.x + 40.0f,
                              w->InnerRect.Min.y + w->WindowPadding.y + lineH * float(i) + lineH * 0.5f - 1.0f);
            }
        FAIL("no entries list drawn");
        return {};
    }
    ImVec2 cancelButton() const { return lastItem_.GetCenter(); }

private:
    ImGuiContext* ctx_ = nullptr;
    ImRect lastItem_;
};

void touch(const fs::path& p) { std::ofstream(p) << "{}"; }

}  // namespace

TEST_CASE("the file browser opens folders and chooses files with the mouse", "[file_browser_ui]") {
    const test::TempDir dir("browser");
    fs::create_directories(dir.path() / "scenes");
    touch(dir.path() / "scenes" / "qulong.json");
    touch(dir.path() / "default.json");
    touch(dir.path() / "notes.txt");

    Harness h;
    ui::FileBrowserState s;
    ui::openFileBrowser(s, "Open scene", dir.path(), {".json"}, ui::FileBrowserMode::Open);
    h.frame(s, ImVec2(-1, -1), false);
    REQUIRE(s.error.empty());
    REQUIRE(s.listing.entries.size() == 2);  // notes.txt filtered out
    CHECK(s.listing.entries[0].name == "scenes");
    CHECK(s.listing.entries[1].name == "default.json");

    // One click on a file selects it; a click on a folder opens it.
    CHECK(h.click(s, h.row(1)).action == ui::FileBrowserAction::None);
    CHECK(s.fileName == "default.json");
    h.click(s, h.row(0));
    h.frame(s, ImVec2(-1, -1), false);  // the new folder is listed on the next frame
    CHECK(s.folder == dir.path() / "scenes");
    REQUIRE(s.listing.entries.size() == 1);
    CHECK(s.fileName.empty());

    // A double click chooses, and closes the browser.
    const auto r = h.click(s, h.row(0), true);
    CHECK(r.action == ui::FileBrowserAction::Chosen);
    CHECK(r.path == dir.path() / "scenes" / "qulong.json");
    CHECK(!s.open);
}

TEST_CASE("the file browser is cancelled and shows listing errors in one line", "[file_browser_ui]") {
    const test::TempDir dir("browser-err");
    Harness h;
    ui::FileBrowserState s;
    ui::openFileBrowser(s, "Add layer from file", dir.path() / "missing", {}, ui::FileBrowserMode::Open);
    h.frame(s, ImVec2(-1, -1), false);
    CHECK(s.error == (dir.path() / "missing").string() + ": folder not found");
    CHECK(s.listing.entries.empty());

    // Typing a path that exists goes there.
    CHECK(ui::navigateTo(s, dir.path().string()));
    h.frame(s, ImVec2(-1, -1), false);
    CHECK(s.error.empty());
    CHECK(!ui::navigateTo(s, "no/such/place"));
    CHECK(s.error == "no/such/place: no such folder or file");
    h.frame(s, ImVec2(-1, -1), false);  // the error line moves the buttons down

    const auto r = h.click(s, h.cancelButton());
    CHECK(r.action == ui::FileBrowserAction::Cancelled);
    CHECK(!s.open);
    // Closed: nothing drawn, nothing returned.
    CHECK(h.frame(s, ImVec2(-1, -1), false).action == ui::FileBrowserAction::None);
}

TEST_CASE("saving adds the extension to a typed name", "[file_browser_ui]") {
    const test::TempDir dir("browser-save");
    ui::FileBrowserState s;
    ui::openFileBrowser(s, "Save scene as", dir.path(), {".json"}, ui::FileBrowserMode::Save, "qulong");
    CHECK(ui::chosenPath(s) == dir.path() / "qulong.json");
    s.fileName = "Qulong.JSON";
    CHECK(ui::chosenPath(s) == dir.path() / "Qulong.JSON");
    s.fileName.clear();
    CHECK(ui::chosenPath(s).empty());
    // A new file in an existing folder can be typed as a path when saving.
    CHECK(ui::navigateTo(s, (dir.path() / "new.json").string()));
    CHECK(s.fileName == "new.json");
    CHECK(ui::chosenPath(s) == dir.path() / "new.json");
}
