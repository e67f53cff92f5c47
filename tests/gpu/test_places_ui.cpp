// The Places widgets driven like a user, with injected mouse and keyboard input in a bare ImGui
// context (no window, no GPU): typing a name and pressing Enter asks to fly there; bookmarks are
// added, renamed inline, reordered, deleted and flown to.
#include <catch2/catch.hpp>

#include <imgui.h>
#include <imgui_internal.h>  // GetHoveredID: where an item is, for clicking it

#include <cmath>
#include <cstdio>
#include <functional>

#include <GLFW/glfw3.h>

#include "app/viewer_places.h"
#include "core/camera_control.h"
#include "core/fly_to.h"
#include "gpu_test_support.h"
#include "ui/places_panel.h"
#include "ui/widget_rects.h"
#include "viewer_test_support.h"

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

namespace {

constexpr int kVW = 640, kVH = 360;
const CameraPose kOverLhasa{91.1, 29.3, 60000.0, 0.0, -60.0};
constexpr double kQulongLon = 91.58333, kQulongLat = 29.6;  // the gazetteer's row (USGS deposit 579)

void typeText(test::HeadlessViewer& hv, const std::string& text) {
    for (unsigned char c : text) {
        ImGui::GetIO().AddInputCharacter(c);
        hv.frame();
    }
}

void openPlaces(test::HeadlessViewer& hv) {
    ImGui::GetIO().KeyMap[ImGuiKey_Enter] = GLFW_KEY_ENTER;  // as the window's GLFW backend maps it
    hv.frame();
    hv.scrollPanelTo("places.header");
    hv.clickWidget("places.header");
    hv.frame();
}

// Frames until the flight has ended (REQUIREs that it does within `maxSeconds`).
void flyToEnd(test::HeadlessViewer& hv, double maxSeconds = 10.0) {
    REQUIRE(hv.viewer->places().flight().active());
    for (double t = 0; hv.viewer->places().flight().active(); t += hv.step) {
        REQUIRE(t < maxSeconds);
        hv.frame();
    }
}

// Where the view's centre meets the ground `belowM` under the camera's pose height.
Geodetic viewCentre(const Camera& cam, double groundM) {
    const auto hit = intersectEllipsoid(cam.position, pixelRay(cam, cam.width / 2.0, cam.height / 2.0), groundM);
    REQUIRE(hit);
    return ecefToGeodetic(*hit);
}

double metres(double lon1, double lat1, double lon2, double lat2) {
    const double k = 3.14159265358979323846 / 180.0;
    const double dx = (lon2 - lon1) * k * 6371008.8 * std::cos(lat1 * k), dy = (lat2 - lat1) * k * 6371008.8;
    return std::sqrt(dx * dx + dy * dy);
}

}  // namespace

TEST_CASE("places ui: in the viewer, a search for Qulong finds it and the camera flies there", "[places-ui]") {
    test::HeadlessViewer hv(kVW, kVH, kOverLhasa);
    openPlaces(hv);
    hv.scrollPanelTo("places.search");
    hv.clickWidget("places.search");
    typeText(hv, "Qulong");
    const auto& results = hv.viewer->places().search().results;
    REQUIRE_FALSE(results.empty());
    const Place& first = hv.viewer->places().index().place(results[0].index);
    CHECK(first.name == "Qulong");
    CHECK(first.kind == "mine");
    REQUIRE(ui::widgetRect("places.result.0"));
    const double before = metres(cameraPose(hv.viewer->camera()).lon_deg, cameraPose(hv.viewer->camera()).lat_deg,
                                 kQulongLon, kQulongLat);
    CHECK(before > 20000.0);

    hv.pressKey(GLFW_KEY_ENTER);
    const FlyTo flight = *hv.viewer->places().flight().flight();
    CHECK(flight.duration() > 1.0);
    flyToEnd(hv);
    // The camera ended where the flight aimed: looking north at Qulong from the south, and the
    // centre of the view is on Qulong (the gazetteer's suggested 8 km above its ground).
    const CameraPose at = cameraPose(hv.viewer->camera());
    CHECK(at.lon_deg == Approx(kQulongLon).margin(1e-4));
    CHECK(at.pitch_deg == Approx(-40.0).margin(0.01));
    const Geodetic centre = viewCentre(hv.viewer->camera(), flight.to().height_m - 8000.0);
    CHECK(metres(centre.lon_deg, centre.lat_deg, kQulongLon, kQulongLat) < 300.0);
    hv.viewer->panel().settings.showPanel = false;  // the map where the flight ended, to look at
    const auto img = hv.settledFrame();
    test::writePng(std::string(PLATEAU_TEST_OUTPUT) + "/places_flown_to_qulong.png", img, kVW, kVH);
    CHECK(hv.validationMessages() == 0);
}

TEST_CASE("places ui: in the viewer, a bookmark round-trips: add, rename, fly away, fly back to the same pose", "[places-ui]") {
    test::HeadlessViewer hv(kVW, kVH, kOverLhasa);
    openPlaces(hv);
    hv.scrollPanelTo("bookmarks.add");
    const CameraPose saved = cameraPose(hv.viewer->camera());
    hv.clickWidget("bookmarks.add");
    std::vector<Bookmark>& bookmarks = hv.viewer->scene().bookmarks;
    REQUIRE(bookmarks.size() == 1);
    CHECK(bookmarks[0].name == "Near Lhasa");
    CHECK(bookmarks[0].pose.lon_deg == Approx(saved.lon_deg).margin(1e-9));
    CHECK(bookmarks[0].pose.height_m == Approx(saved.height_m).margin(1e-3));

    // Rename inline: the Rename button opens a field with the name selected; typing replaces it.
    hv.scrollPanelTo("bookmark.rename.0");
    hv.clickWidget("bookmark.rename.0");
    hv.frame();
    hv.frame();  // the field asks for the keyboard in one frame and has it in the next
    typeText(hv, "Lhasa valley");
    hv.pressKey(GLFW_KEY_ENTER);
    CHECK(bookmarks[0].name == "Lhasa valley");

    // Fly away: a search for Nam Tso and its Fly button.
    hv.scrollPanelTo("places.search");
    hv.clickWidget("places.search");
    typeText(hv, "nam tso");
    hv.clickWidget("places.fly");
    flyToEnd(hv);
    const CameraPose away = cameraPose(hv.viewer->camera());
    CHECK(metres(away.lon_deg, away.lat_deg, saved.lon_deg, saved.lat_deg) > 50000.0);

    // And back with the bookmark's Fly button: the same pose.
    hv.scrollPanelTo("bookmark.fly.0");
    hv.clickWidget("bookmark.fly.0");
    flyToEnd(hv);
    const CameraPose back = cameraPose(hv.viewer->camera());
    CHECK(back.lon_deg == Approx(saved.lon_deg).margin(1e-7));
    CHECK(back.lat_deg == Approx(saved.lat_deg).margin(1e-7));
    CHECK(back.height_m == Approx(saved.height_m).margin(0.01));
    CHECK(back.heading_deg == Approx(saved.heading_deg).margin(1e-4));
    CHECK(back.pitch_deg == Approx(saved.pitch_deg).margin(1e-4));
    CHECK(hv.validationMessages() == 0);
}

TEST_CASE("places ui: in the viewer, a drag on the globe stops a flight where it is", "[places-ui]") {
    test::HeadlessViewer hv(kVW, kVH, kOverLhasa);
    hv.viewer->places().flyTo(hv.viewer->camera(), viewOf(kQulongLon, kQulongLat, 5000.0, "mine"));
    hv.frame();
    hv.frame();
    REQUIRE(hv.viewer->places().flight().active());
    ImGuiIO& io = ImGui::GetIO();
    // On the globe, beside the panel.
    const auto panel = ui::widgetRect("panel.window");
    REQUIRE(panel);
    const float x = panel->x0 > kVW / 2.0f ? panel->x0 / 2.0f : (panel->x1 + float(kVW)) / 2.0f;
    INFO("panel " << panel->x0 << " - " << panel->x1 << ", pressing at x " << x);
    io.MousePos = ImVec2(x, kVH / 3.0f);
    io.MouseDown[0] = true;
    hv.frame();
    io.MouseDown[0] = false;
    hv.frame();
    CHECK_FALSE(hv.viewer->places().flight().active());
    const CameraPose stopped = cameraPose(hv.viewer->camera());
    CHECK(metres(stopped.lon_deg, stopped.lat_deg, kQulongLon, kQulongLat) > 2000.0);
}
