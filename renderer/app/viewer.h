#pragma once
// One viewer of a scene: the globe with its layers, bodies and deposits, the camera and its
// navigation, the panel and the time bar, advanced one frame at a time from plain input (ImGui's
// IO: mouse position and buttons, wheel, keys). The window (view_command.cpp) fills that IO from
// GLFW and presents the frames; headless tests fill it by hand and draw the frames offscreen, so
// every part of the UI is tested as it runs in the window.
#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/scene_setup.h"
#include "app/viewer_recording.h"
#include "app/viewer_measure.h"
#include "core/camera.h"
#include "core/camera_path.h"
#include "core/info_card.h"
#include "core/picking.h"
#include "core/underground.h"
#include "gpu/renderer.h"
#include "ui/frame_overlay.h"
#include "ui/panel.h"

struct ImDrawData;

namespace plateau::gpu {
class Context;
class RenderTarget;
}  // namespace plateau::gpu

namespace plateau::app {

class GlobeView;
class LayerLoader;
class ViewModels;
class ModelLoader;
class DepositLayers;
class ViewerPlaces;
class ViewerPath;
class ViewerTour;
struct ViewerNavigation;

struct PrepareStatsLite {
    bool settled = false;
    int missing = 0;
};

struct ViewerOptions {
    UndergroundView underground;
    std::optional<CameraPose> camera;  // unset: the scene's
    std::function<void(const std::string&)> log;
    float contentScale = 0.0f;  // the monitor's content scale; 0: the one the fonts were set up with
    std::filesystem::path pathFile;  // a flythrough path file to open at start (an error is logged)
};

class Viewer {
public:
    // `target`: where the frames go (the window's swapchain or an offscreen image); its depth is
    // read back for picking and label occlusion. The ImGui context must exist (fonts added) and
    // the renderer's ImGui pass enabled.
    Viewer(OpenedScene opened, gpu::Context& ctx, gpu::Renderer& renderer, gpu::RenderTarget& target,
           ViewerOptions options);
    ~Viewer();
    Viewer(const Viewer&) = delete;
    Viewer& operator=(const Viewer&) = delete;

    // One frame at `now` (seconds on the caller's clock): calls ImGui::NewFrame (the caller has
    // run its platform backend's NewFrame, or set io.DisplaySize, io.DeltaTime and the input by
    // hand), moves the camera, plays the timeline, updates residency, builds the UI and returns
    // what to draw, with desc.ui set. Never waits for tiles.
    gpu::FrameDesc frame(double now);
    // Adds a layer at run time, on top of the others: draped layers and bodies open in the
    // background (their row shows "loading", then the reason if they fail); a deposit catalogue
    // is read at once. An id already in use gets a suffix. Returns the id used.
    std::string addLayer(LayerDesc desc);
    // Waits until every layer, body and catalogue has opened (or failed), attaching them.
    void waitForLayers();
    // Waits until every tile the current view needs is resident (as a screenshot does).
    PrepareStatsLite settle(double timeoutSeconds = 120.0);
    // After the caller drew the frame: does what needs a drawn frame (a screenshot asked for),
    // and twice a second hands the heap's freed memory back to the system.
    void afterFrame();
    // The residency of the last frame() (terrain and draped-layer tiles it still wanted): the
    // recorder refuses to keep a frame drawn with tiles missing.
    const PrepareStatsLite& lastFrameResidency() const { return frameResidency_; }
    // How often afterFrame() had freed memory handed back to the system, and how long that took
    // (on a thread of its own; the soak prints it).
    struct MemoryReleases {
        int count = 0;
        double totalMs = 0.0;
        double maxMs = 0.0;
    };
    const MemoryReleases& memoryReleases() const { return releases_; }

    // Saves a screenshot now (as the panel's button does): `scale` times the target's size,
    // with or without the panel, settled (no missing tiles). Returns the file written or an error.
    Result<std::string> saveScreenshot(int scale, bool withPanel, const std::string& folder);

    Scene& scene() { return opened_.scene; }
    Camera& camera() { return camera_; }
    ui::PanelState& panel() { return panel_; }
    GlobeView& view() { return *view_; }
    DepositLayers& deposits() { return *deposits_; }
    ViewModels& models() { return *models_; }
    ViewerPlaces& places() { return *places_; }
    // The flythrough being edited, its preview and the panel's Flythrough section
    // (app/viewer_path.h); the path itself is flythrough().path().
    ViewerPath& flythrough() { return *path_; }
    // Tours and presenter mode (app/viewer_tour.h).
    ViewerTour& tour() { return *tour_; }
    // In presenter mode: the window goes fullscreen while this is true.
    bool presenting() const;
    // True once every layer, body and catalogue has been opened (or failed).
    bool layersLoaded() const { return layersLoaded_; }
    // The slider's range and the dates with data, as the last frame computed them.
    const Timeline& timeRange() const { return range_; }
    const std::vector<double>& dataDates() const { return dataDates_; }
    // The card of the object clicked last (none: nothing picked, or the card was closed).
    const std::optional<InfoCard>& infoCard() const { return card_; }
    // What is at pixel (x, y) of the last frame (framebuffer pixels), as a click picks it:
    // a deposit marker, a body, a mine pit, dump or pond, a vector feature (top layer first),
    // else the ground; none for the sky.
    std::optional<InfoCard> pickAt(float x, float y);
    // A key press from the window's event queue (GLFW key code, Ctrl held): the viewer's own
    // shortcuts act on these, so a tap shorter than a frame is never lost on a slow machine.
    void queueKey(int glfwKey, bool ctrl) { keys_.push_back({glfwKey, ctrl}); }
    // Ctrl+Q was pressed: the window closes.
    bool quitRequested() const { return quit_; }
    // Lines logged since the viewer started (errors included), newest last.
    const std::vector<std::string>& messages() const { return messages_; }
    // The window moved to a monitor with another content scale: the UI is rebuilt at the next frame.
    void setContentScale(float scale) { contentScale_ = scale; }
    // Shows what a flythrough or a tour sets at one instant: the camera (with its field of view),
    // the timeline's date, the listed layers' visibility and opacity, and the caption. The
    // preview, the recorder and the presenter all apply samples through here, so they cannot
    // disagree. Layer ids the scene lacks are ignored.
    void applyPathSample(const PathSample& sample);
    // The caption applied last with its fade (none: no caption, or alpha 0); cleared by
    // clearCaption (a preview or a tour ended).
    struct ShownCaption {
        Caption caption;
        double alpha = 1.0;
    };
    const std::optional<ShownCaption>& activeCaption() const { return caption_; }
    void clearCaption() { caption_.reset(); }
    // Shows a caption without moving the camera (`plateau render --caption-title`); alpha 0 or an
    // empty caption clears it.
    void setCaption(const Caption& caption, double alpha = 1.0);
    // What frames show over the picture (ui/frame_overlay.h): the presenter enlarges it with
    // sizeFactor. The panel's scale bar and north arrow checkboxes (ViewSettings) apply on top.
    ui::FrameOverlayOptions& frameOverlay() { return overlay_; }
    // Where the last frame drew its caption, scale bar and north arrow (display pixels).
    const ui::FrameOverlayDrawn& frameOverlayDrawn() const { return overlayDrawn_; }

    // The panel's Record section: records the Flythrough section's path in a child process
    // (app/viewer_recording.h).
    ViewerRecording& recording() { return *recording_; }

    // Cancels network transfers and waits for the loaders (before the renderer goes away).
    void shutdown();

    // Scene files (app/viewer_files.cpp), as the panel's Scene file section does them. A file
    // that fails leaves the viewer as it was and returns the one-line error.
    Status openSceneFile(const std::filesystem::path& file);  // replaces the scene, view and layers
    Status saveSceneAs(const std::filesystem::path& file);    // currentScene(), atomically
    Status addLayerFromFile(const std::filesystem::path& file);
    // The scene as it is now: the camera, view settings and date of the view (what Save writes).
    Scene currentScene() const;

private:
    // Builds the view, loaders and panel settings for opened_ (the constructor, and a newly opened scene).
    void start(const std::optional<CameraPose>& camera, const UndergroundView& underground);
    void applySceneFileRequest(const ui::SceneFileRequest& request);
    void releaseFreedMemoryTwiceASecond();
    void log(const std::string& line);
    void applyPanelActions(const ui::PanelActions& actions);
    void syncLayers();
    void removeLayer(std::size_t index);
    ui::PanelModel panelModel(double frameMs, int drawn, int loading, int overlayLoading);
    void updateDataDates();
    void drawMapOverlays(const gpu::FrameDesc& desc, ui::StatusInfo& status);
    void drawTileBounds(const Camera& cam);
    std::string placeNameAt(double lon, double lat) const;
    // The ground point under framebuffer pixel (x, y) of the newest finished depth copy, picked
    // with the camera that drew it; none for the sky or before any copy.
    std::optional<PickedPoint> groundAt(float x, float y) const;

    OpenedScene opened_;
    gpu::Context& ctx_;
    gpu::Renderer& renderer_;
    gpu::RenderTarget& target_;
    std::function<void(const std::string&)> log_;
    std::vector<std::string> messages_;
    std::unique_ptr<GlobeView> view_;
    std::unique_ptr<LayerLoader> layers_;
    std::unique_ptr<ViewModels> models_;
    std::unique_ptr<ModelLoader> modelLoader_;
    std::unique_ptr<DepositLayers> deposits_;
    std::unique_ptr<ViewerNavigation> nav_;
    std::unique_ptr<ViewerPlaces> places_;  // search, flights, bookmarks (app/viewer_places.h)
    std::unique_ptr<ViewerPath> path_;      // the flythrough being edited and its preview
    std::unique_ptr<ViewerTour> tour_;      // the tour, its player and presenter mode
    ui::PanelState panel_;
    ViewerMeasure measure_;  // the measuring tool's clicks and line; the computed sun
    Camera camera_;
    Timeline range_;
    std::vector<double> dataDates_;
    std::size_t datesKey_ = std::size_t(-1);
    bool layersLoaded_ = false;
    std::optional<double> lastNow_;
    double elapsed_ = 0;
    bool screenshotPending_ = false;
    std::chrono::steady_clock::time_point lastRelease_;  // of freed memory to the system
    std::future<double> release_;                        // the one running, if any: its time in ms
    MemoryReleases releases_;
    bool quit_ = false;
    struct QueuedKey {
        int key;
        bool ctrl;
    };
    std::vector<QueuedKey> keys_;
    // True when `key` was pressed since the last frame (queued, or seen by ImGui this frame).
    bool pressed(int key, bool ctrl = false) const;
    bool pressedOnMap_ = false;  // the left button went down over the map, not over a window
    std::optional<InfoCard> card_;
    std::optional<ShownCaption> caption_;
    PrepareStatsLite frameResidency_;
    std::unique_ptr<ViewerRecording> recording_;
    ui::FrameOverlayOptions overlay_;
    ui::FrameOverlayDrawn overlayDrawn_;
    void drawFrameOverlay(const gpu::FrameDesc& desc, const ui::StatusInfo& status);
    bool shuttingDown_ = false;
    float contentScale_ = 1.0f;
};

}  // namespace plateau::app
