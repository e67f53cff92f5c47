// The Places widgets driven like a user, with injected mouse and keyboard input in a bare ImGui
// context (no window, no GPU): typing a name and pressing Enter asks to fly there; bookmarks are
// added, renamed inline, reordered, deleted and flown to.
#include <catch2/catch.hpp>

#include <imgui.h>
#include <imgui_internal.h>  // GetHoveredID: where an item is, for clicking it

#include <cstdio>
#include <functional>

#include "core/fly_to.h"
#include "ui/places_panel.h"

using namespace plateau;

namespace {

constexpr int kEnter = 257, kEscape = 256;  // GLFW key codes, as the window feeds ImGui

class BareImGui {
public:
    BareImGui() {
        ctx_ = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(640, 480);
        io.DeltaTime = 1.0f / 60.0f;
        io.IniFilename = nullptr;
        io.KeyMap[ImGuiKey_Enter] = kEnter;
        io.KeyMap[ImGuiKey_Escape] = kEscape;
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    }
    ~BareImGui() { ImGui::DestroyContext(ctx_); }

    // One frame with `body` inside a window at the top left.
    void frame(const std::function<void()>& body) {
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(600, 460));
        ImGui::Begin("Places", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove);
        body();
        ImGui::End();
        ImGui::Render();
        ImGuiIO& io = ImGui::GetIO();
        io.MouseDown[0] = false;
        io.KeysDown[kEnter] = io.KeysDown[kEscape] = false;
    }
    // Where an item is: hover the window on a grid until ImGui says the item is hovered.
    ImVec2 find(const char* label, const std::function<void()>& body, int pushId = -1) {
        ImGuiIO& io = ImGui::GetIO();
        for (float y = 2; y < 460; y += 3)
            for (float x = 2; x < 600; x += 5) {
                io.MousePos = ImVec2(x, y);
                ImGuiID want = 0;
                frame([&] {
                    body();
                    if (pushId >= 0) ImGui::PushID(pushId);
                    want = ImGui::GetID(label);
                    if (pushId >= 0) ImGui::PopID();
                });
                if (ImGui::GetHoveredID() == want) return ImVec2(x, y);
            }
        FAIL("no item " << label);
        return {};
    }
    void click(ImVec2 at, const std::function<void()>& body, bool twice = false) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = at;
        frame(body);
        for (int k = 0; k < (twice ? 2 : 1); ++k) {
            io.MouseDown[0] = true;
            frame(body);  // press
            frame(body);  // release
        }
    }
    void type(const char* text, const std::function<void()>& body) {
        for (const char* c = text; *c; ++c) {
            ImGui::GetIO().AddInputCharacter(static_cast<unsigned char>(*c));
            frame(body);
        }
    }
    void key(int k, const std::function<void()>& body) {
        ImGui::GetIO().KeysDown[k] = true;
        frame(body);
        frame(body);
    }

private:
    ImGuiContext* ctx_ = nullptr;
};

Place place(std::string name, std::string kind, double lon, double lat, std::vector<std::string> other = {}) {
    Place p;
    p.name = std::move(name);
    p.kind = std::move(kind);
    p.lon = lon;
    p.lat = lat;
    p.otherNames = std::move(other);
    p.sourceLayer = "gazetteer";
    p.citation = "test";
    return p;
}

}  // namespace

TEST_CASE("places ui: typing a name lists it live and Enter flies to the first result", "[places-ui]") {
    BareImGui ui;
    const PlaceIndex index({place("Lhasa", "city", 91.1, 29.65, {"拉萨"}), place("Qulong", "mine", 91.58333, 29.6),
                            place("Quxu", "town", 90.74, 29.35)});
    ui::PlaceSearchState state;
    state.focus = true;
    std::optional<ui::FlyRequest> fly;
    const auto ground = [](double, double) { return 5000.0; };
    const auto body = [&] {
        if (auto f = ui::drawPlaceSearch(state, index, ground)) fly = f;
    };
    ui.frame(body);
    ui.frame(body);  // focus requested in one frame takes the keyboard in the next
    ui.type("qul", body);
    CHECK(state.lastQuery == "qul");
    REQUIRE(state.results.size() == 1);
    CHECK(index.place(state.results[0].index).name == "Qulong");
    CHECK_FALSE(fly);
    ui.key(kEnter, body);
    REQUIRE(fly);
    CHECK(fly->label == "Qulong");
    const CameraPose expected = viewOf(91.58333, 29.6, 5000.0, "mine");
    CHECK(fly->target == expected);
}

TEST_CASE("places ui: typed coordinates are offered first and flown to", "[places-ui]") {
    BareImGui ui;
    const PlaceIndex index({place("Lhasa", "city", 91.1, 29.65)});
    ui::PlaceSearchState state;
    state.focus = true;
    std::optional<ui::FlyRequest> fly;
    const auto body = [&] {
        if (auto f = ui::drawPlaceSearch(state, index, {})) fly = f;
    };
    ui.frame(body);
    ui.frame(body);
    ui.type("29.63N 91.13E", body);
    REQUIRE(state.coordinate);
    CHECK(state.coordinate->lat == Approx(29.63));
    ui.key(kEnter, body);
    REQUIRE(fly);
    CHECK(fly->target.lon_deg == Approx(91.13));
    CHECK(fly->target.lat_deg < 29.63);  // looking north at it
    // An unfinished coordinate says why it is not one yet.
    std::snprintf(state.query, sizeof state.query, "29.63");
    ui.frame(body);
    CHECK_FALSE(state.coordinate);
    CHECK(state.coordinateError.find("need two values") != std::string::npos);
}

TEST_CASE("places ui: bookmarks are added, renamed inline, reordered, flown to and deleted", "[places-ui]") {
    BareImGui ui;
    const PlaceIndex index({place("Qulong", "mine", 91.58333, 29.6), place("Lhasa", "city", 91.1, 29.65)});
    ui::BookmarkListState state;
    std::vector<Bookmark> bookmarks;
    CameraPose current = viewOf(91.58333, 29.6, 5000, "mine");
    std::optional<ui::FlyRequest> fly;
    bool changed = false;
    const auto body = [&] {
        if (auto f = ui::drawBookmarkList(state, bookmarks, current, 2025.5, index, changed)) fly = f;
    };

    const ImVec2 add = ui.find("Add current view", body);
    ui.click(add, body);
    REQUIRE(bookmarks.size() == 1);
    CHECK(changed);
    CHECK(bookmarks[0].name == "Near Qulong");
    CHECK(bookmarks[0].pose == current);
    CHECK(bookmarks[0].time == 2025.5);

    current = viewOf(91.1, 29.65, 3650, "city");
    ui.click(add, body);
    REQUIRE(bookmarks.size() == 2);
    CHECK(bookmarks[1].name == "Near Lhasa");

    // Rename the first inline: the button opens a text field with the keyboard in it.
    changed = false;
    ui.click(ui.find("Rename", body, 0), body);
    REQUIRE(state.renaming == 0);
    ui.frame(body);
    ui.frame(body);
    ui.type("Qulong pit", body);  // the field starts with the old name selected
    ui.key(kEnter, body);
    CHECK(state.renaming == -1);
    CHECK(bookmarks[0].name == "Qulong pit");
    CHECK(changed);

    // Move it down, fly to it, delete the other.
    ui.click(ui.find("Down", body, 0), body);
    REQUIRE(bookmarks.size() == 2);
    CHECK(bookmarks[1].name == "Qulong pit");
    ui.click(ui.find("Fly", body, 1), body);
    REQUIRE(fly);
    CHECK(fly->target == viewOf(91.58333, 29.6, 5000, "mine"));
    CHECK(fly->time == 2025.5);
    ui.click(ui.find("Delete", body, 0), body);
    REQUIRE(bookmarks.size() == 1);
    CHECK(bookmarks[0].name == "Qulong pit");
}
