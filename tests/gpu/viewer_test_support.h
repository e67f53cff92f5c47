#pragma once
// The whole viewer (app/viewer.h) headless: an offscreen session with validation on, a scene,
// and input injected into ImGui's IO the way the window's GLFW backend fills it. Tests click
// widgets where the panel drew them (ui/widget_rects.h) and read the frames back.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/offscreen_session.h"
#include "app/viewer.h"
#include "core/camera.h"

namespace plateau::test {

struct HeadlessViewer {
    // Opens `scene` (default: the shipped default scene) at w x h.
    HeadlessViewer(int w, int h, std::optional<CameraPose> pose = std::nullopt, std::filesystem::path scene = {});
    ~HeadlessViewer();

    std::unique_ptr<app::OffscreenSession> session;
    std::unique_ptr<app::Viewer> viewer;
    std::vector<std::string> log;
    double now = 0.0;
    double step = 1.0 / 30.0;  // seconds between frames

    // One frame with the current input; the frame is drawn (and read back when `capture`).
    std::vector<std::uint8_t> frame(bool capture = false);
    // Frames until every layer has opened and the view is settled, then one captured frame.
    std::vector<std::uint8_t> settledFrame();
    // Input, as a user gives it: the mouse moves there, the button goes down for a frame, up.
    void moveMouse(float x, float y);
    void click(float x, float y);
    // Clicks the centre of a widget the panel drew in the last frame (REQUIREs that it exists).
    void clickWidget(const std::string& key);
    void pressKey(int glfwKey);
    // Scrolls the panel with the wheel until the widget lies inside it (REQUIREs that it does).
    void scrollPanelTo(const std::string& key);
    int validationMessages() const;
};

}  // namespace plateau::test
