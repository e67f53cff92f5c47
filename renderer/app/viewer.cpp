#include "app/viewer.h"

#include <algorithm>
#include <cmath>

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_internal.h>

#include "app/commands.h"
#include "app/deposit_layers.h"
#include "app/globe_view.h"
#include "app/layer_setup.h"
#include "app/map_labels.h"
#include "app/model_loading.h"
#include "app/view_models.h"
#include "app/path_ground.h"
#include "app/process_memory.h"
#include "app/viewer_navigation.h"
#include "app/viewer_path.h"
#include "app/viewer_places.h"
#include "app/viewer_tour.h"
#include "core/camera_control.h"
#include "core/measure.h"
#include "core/picking.h"
#include "core/screenshot_name.h"
#include "core/surface_height.h"
#include "core/terrain_modifiers.h"
#include "gpu/context.h"
#include "gpu/offscreen_target.h"
#include "gpu/overlay_pool.h"
#include "gpu/tile_pool.h"
#include "io/atomic_file.h"
#include "io/vector_overlay_source.h"
#include "io/png_codec.h"
#include "ui/deposit_overlay.h"
#include "ui/info_card.h"
#include "ui/overlay.h"
#include "ui/widget_rects.h"

namespace plateau::app {

namespace {

std::string describeCamera(const Camera& cam) {
    const CameraPose p = cameraPose(cam);
    char buf[160];
    std::snprintf(buf, sizeof buf, "%.4f %s %.4f %s, %.1f km, heading %.0f, pitch %.0f", std::fabs(p.lat_deg),
                  p.lat_deg >= 0 ? "N" : "S", std::fabs(p.lon_deg), p.lon_deg >= 0 ? "E" : "W", p.height_m / 1000.0,
                  p.heading_deg, p.pitch_deg);
    return buf;
}

// The ImGui draw data without the panel's windows (and their popups and children).
struct FilteredDrawData {
    ImDrawData data;
    std::vector<ImDrawList*> lists;
};
FilteredDrawData withoutPanel(const ImDrawData& all) {
    FilteredDrawData out;
    out.data = all;
    std::vector<const ImGuiWindow*> roots;
    for (const char* name : {ui::kPanelWindow, ui::kTimeWindow, ui::kInfoWindow, ui::kHelpWindow,
                             ui::kPresenterNotesWindow})
        if (ImGuiWindow* w = ImGui::FindWindowByName(name)) roots.push_back(w);
    std::vector<const ImDrawList*> skip;
    for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
        if (std::find(roots.begin(), roots.end(), w->RootWindow) != roots.end()) skip.push_back(w->DrawList);
    out.data.TotalIdxCount = out.data.TotalVtxCount = 0;
    for (int i = 0; i < all.CmdListsCount; ++i) {
        ImDrawList* l = all.CmdLists[i];
        if (std::find(skip.begin(), skip.end(), l) != skip.end()) continue;
        out.lists.push_back(l);
        out.data.TotalIdxCount += l->IdxBuffer.Size;
        out.data.TotalVtxCount += l->VtxBuffer.Size;
    }
    out.data.CmdLists = out.lists.data();
    out.data.CmdListsCount = int(out.lists.size());
    return out;
}

}  // namespace

Viewer::Viewer(OpenedScene opened, gpu::Context& ctx, gpu::Renderer& renderer, gpu::RenderTarget& target,
               ViewerOptions options)
    : opened_(std::move(opened)), ctx_(ctx), renderer_(renderer), target_(target), log_(std::move(options.log)) {
    contentScale_ = options.contentScale > 0.0f ? options.contentScale : ui::builtFontOptions().contentScale;
    recording_ = std::make_unique<ViewerRecording>([this](const std::string& line) { log(line); });
    start(options.camera, options.underground);
    // The path outlives scene changes (a path may be made for another scene with the same area).
    path_ = std::make_unique<ViewerPath>(
        [this] { return pathGround(opened_.source, panel_.settings.shading.exaggeration); },
        [this](const std::string& line) { log(line); });
    if (!options.pathFile.empty()) (void)path_->open(options.pathFile);
}

void Viewer::start(const std::optional<CameraPose>& camera, const UndergroundView& underground) {
    Scene& scene = opened_.scene;
    const auto logFn = [this](const std::string& line) { log(line); };
    view_ = std::make_unique<GlobeView>(opened_.source, renderer_, logFn, memoryBudget(scene));
    // Layers open in the background; each is drawn as soon as it is ready.
    layers_ = std::make_unique<LayerLoader>(*view_, scene.layers, opened_.cancel, logFn);
    models_ = std::make_unique<ViewModels>(renderer_);
    modelLoader_ = std::make_unique<ModelLoader>(*models_, scene.layers, logFn);
    deposits_ = std::make_unique<DepositLayers>(scene.layers, logFn);
    nav_ = std::make_unique<ViewerNavigation>();
    places_ = std::make_unique<ViewerPlaces>(defaultScenePath().parent_path() / "places/gazetteer.csv", logFn);
    if (!tour_) tour_ = std::make_unique<ViewerTour>(logFn);  // a tour outlives opening another scene
    panel_.settings.shading = scene.shading;
    panel_.settings.maxScreenSpaceError = scene.maxScreenSpaceError;
    panel_.settings.underground = underground;
    const VkExtent2D ext = target_.extent();
    camera_ = makeCamera(camera.value_or(scene.camera), int(ext.width), int(ext.height));
    range_ = scene.timeline;
}

Viewer::~Viewer() { shutdown(); }

void Viewer::shutdown() {
    if (shuttingDown_) return;
    shuttingDown_ = true;
    opened_.cancelTransfers();  // workers stop waiting on the network before they are joined
    layers_.reset();
    modelLoader_.reset();
    if (release_.valid()) release_.wait();
}

void Viewer::log(const std::string& line) {
    messages_.push_back(line);
    if (messages_.size() > 200) messages_.erase(messages_.begin());
    if (log_) log_(line);
}

gpu::FrameDesc Viewer::frame(double now) {
    Scene& scene = opened_.scene;
    const double dt = lastNow_ ? std::clamp(now - *lastNow_, 0.0, 1.0) : 0.0;
    lastNow_ = now;
    elapsed_ = now;
    ImGuiIO& io = ImGui::GetIO();
    const VkExtent2D ext = target_.extent();
    camera_.width = int(ext.width);
    camera_.height = int(ext.height);
    ui::ViewSettings& settings = panel_.settings;

    // A caption about to be drawn for the first time has its glyphs baked in before this frame,
    // so no recorded frame shows it with missing glyphs.
    if (caption_) {
        ui::requireText(caption_->caption.title);
        ui::requireText(caption_->caption.subtitle);
        ui::requireText(caption_->caption.source);
    }
    // A new text size or content scale, or names whose glyphs the atlas lacked: fonts rebuilt
    // and uploaded between frames (ui/fonts.h).
    if (ui::refreshFonts(contentScale_, settings.textSizePercent)) renderer_.rebuildImGuiFonts();
    ui::clearWidgetRects();
    ImGui::NewFrame();
    // A click on the map (pressed there, released within 4 pixels) picks what is there or adds
    // a measuring point; a drag moves the camera instead. Framebuffer pixels.
    std::optional<std::pair<float, float>> click;
    if (ImGui::IsMouseClicked(0)) pressedOnMap_ = !io.WantCaptureMouse;
    if (ImGui::IsMouseReleased(0) && pressedOnMap_ && io.MouseDragMaxDistanceSqr[0] <= 16.0f)
        click = std::make_pair(io.MousePos.x * io.DisplayFramebufferScale.x, io.MousePos.y * io.DisplayFramebufferScale.y);
    // F1: the help, which lists every shortcut (ui/help_window.h); its window is drawn by the navigation.
    if (pressed(GLFW_KEY_F1)) panel_.navigation.help.open = !panel_.navigation.help.open;
    if (pressed(GLFW_KEY_F2)) settings.showPanel = !settings.showPanel;
    const bool shotKey = pressed(GLFW_KEY_F12);
    if (pressed(GLFW_KEY_Q, true)) quit_ = true;
    // K adds the view to the flythrough, unless the key is typed into a text field.
    const bool keyframeKey = pressed(GLFW_KEY_K) && !io.WantTextInput && !tour_->presenting();
    const bool escKey = pressed(GLFW_KEY_ESCAPE);
    // Presenter keys (arrows, pages, space) step through the tour instead of navigating.
    tour_->keys(*this, [&](int key) { return pressed(key); });
    keys_.clear();
    if (!tour_->presenting()) {
        camera_ = nav_->update(camera_, std::min(dt, 0.1), *view_, target_, settings, panel_.navigation);
        camera_ = places_->advance(camera_, dt, io);  // a fly-to in progress; input cancels it
    }
    // A flythrough preview (or a scrub of its slider); input or Esc stops it.
    if (const auto sample = path_->advance(dt, io, escKey)) applyPathSample(*sample);
    if (path_->takeEnded()) clearCaption();
    if (keyframeKey) path_->capture(camera_, scene);
    tour_->advance(*this, dt, io);  // a tour sets the camera, date, layers and caption

    if (scene.timeline.present && !tour_->player()) {
        range_.current = scene.timeline.current;
        scene.timeline.current = advancePlayback(range_, panel_.playback, dt);
    }
    const double time = scene.timeline.current;

    // Tiles load on worker threads; a few uploads per frame keep the window responsive and
    // parents show until their children arrive.
    const FrameInput input{camera_, time, elapsed_};
    const auto st = view_->update(input, selectionParams(settings.maxScreenSpaceError, settings.shading,
                                                           opened_.source->maxZoom()),
                                  scene.memory.uploadsPerFrame);
    frameResidency_ = {st.settled && st.overlayMissing == 0, st.missing + st.overlayMissing};
    const bool draped = layers_ ? layers_->poll() : true;
    const bool bodies = modelLoader_ ? modelLoader_->poll() : true;
    layersLoaded_ = draped && bodies;
    for (const std::string& line : opened_.messages->take()) log(line);
    updateDataDates();

    ui::StatusInfo status = statusLabel(scene, *view_);
    if (!models_->models().empty() && !io.WantCaptureMouse) {
        const double sx = double(io.DisplayFramebufferScale.x), sy = double(io.DisplayFramebufferScale.y);
        if (const auto hit = models_->pick(camera_, double(io.MousePos.x) * sx, double(io.MousePos.y) * sy, *view_,
                                           settings.shading.exaggeration))
            status.picked = hit->layerId + (hit->node.empty() ? "" : ": " + hit->node);
    }
    gpu::FrameDesc desc = view_->frame(input, settings.shading);
    desc.style.underground = settings.underground;
    desc.style.wireframe = settings.wireframe;
    desc.models = models_->instances(*view_, settings.shading.exaggeration);
    drawMapOverlays(desc, status);
    // While measuring, a click on the ground adds a point instead of opening an info card.
    const bool measuring = panel_.measure.active;
    measure_.frame(panel_, desc.camera, *view_,
                   click && measuring ? groundAt(click->first, click->second) : std::nullopt);
    if (click && !measuring) card_ = pickAt(click->first, click->second);
    nav_->drawn(target_, desc.camera);  // tags this frame's depth copy with its camera
    if (card_ && !ui::drawInfoCard(*card_)) card_.reset();
    if (settings.tileBounds) drawTileBounds(desc.camera);
    drawFrameOverlay(desc, status);

    if (settings.showPanel) {
        const ui::PanelModel model = panelModel(dt * 1000.0, st.drawn, st.missing, st.overlayMissing);
        const ui::PanelActions actions = ui::drawPanel(panel_, scene.layers, scene.timeline, range_, model);
        applyPanelActions(actions);
        places_->refresh(*view_, *deposits_);
        bool bookmarksChanged = false;
        places_->drawSection(camera_, scene.bookmarks, scene.timeline, [&](double lon, double lat) {
            // Where no tile is resident yet, the plateau's typical height (the flight ends above it).
            return displayedSurfaceHeight(view_->store(), lon, lat, settings.shading.exaggeration)
                .value_or(4000.0 * settings.shading.exaggeration);
        }, bookmarksChanged);
        path_->drawSection(camera_, scene);
        tour_->drawSection(*this);
    }
    if (settings.showPanel)
        recording_->drawSection([this] { return currentScene(); }, &path_->path());
    tour_->drawNotes();
    if (scene.timeline.present && panel_.showTimeBar)
        ui::drawTimeBar(scene.timeline, range_, panel_.playback, dataDates_);
    if (shotKey) screenshotPending_ = true;
    ImGui::Render();
    desc.ui = ImGui::GetDrawData();
    return desc;
}

bool Viewer::presenting() const { return tour_->presenting(); }

bool Viewer::pressed(int key, bool ctrl) const {
    for (const QueuedKey& k : keys_)
        if (k.key == key && k.ctrl == ctrl) return true;
    return ImGui::IsKeyPressed(key, false) && ImGui::GetIO().KeyCtrl == ctrl;
}

void Viewer::waitForLayers() {
    if (layers_) layers_->wait();
    if (modelLoader_) modelLoader_->wait();
    layersLoaded_ = true;
    datesKey_ = std::size_t(-1);
    updateDataDates();
}

PrepareStatsLite Viewer::settle(double timeoutSeconds) {
    const ui::ViewSettings& s = panel_.settings;
    const auto st = view_->settle({camera_, opened_.scene.timeline.current, elapsed_},
                                  selectionParams(s.maxScreenSpaceError, s.shading, opened_.source->maxZoom()),
                                  timeoutSeconds);
    return {st.settled, st.missing};
}

void Viewer::releaseFreedMemoryTwiceASecond() {
    // Not only after evictions: tiles the view flew past before they were uploaded, overlay
    // images after their upload and other short-lived buffers are freed without one, and left
    // untrimmed they showed as 100-200 MiB bumps in resident memory.
    // On a thread of its own: a trim after a large eviction took up to 38 ms on lavapipe's busy
    // cores, a dropped frame if the frame's thread did it.
    // Twice a second: what is freed between two trims stays resident until the second, and in
    // a 30-minute soak that trimmed once a second it reached 30 MiB in views of 100 tiles, most of
    // the 5 % that resident memory may vary. A trim costs 1.5-2.5 ms of the other thread.
    const auto now = std::chrono::steady_clock::now();
    if (release_.valid()) {
        if (release_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
        const double ms = release_.get();
        ++releases_.count;
        releases_.totalMs += ms;
        releases_.maxMs = std::max(releases_.maxMs, ms);
    }
    if (now - lastRelease_ < std::chrono::milliseconds(500)) return;
    lastRelease_ = now;
    release_ = std::async(std::launch::async, [] {
        const auto t0 = std::chrono::steady_clock::now();
        releaseFreedMemory();
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    });
}

void Viewer::afterFrame() {
    releaseFreedMemoryTwiceASecond();
    if (!screenshotPending_) return;
    screenshotPending_ = false;
    const ui::ScreenshotSettings& s = panel_.screenshot;
    auto written = saveScreenshot(s.scale, s.withPanel, s.folder);
    panel_.message = written ? "saved " + *written : written.error().message;
    log(panel_.message);
}

Result<std::string> Viewer::saveScreenshot(int scale, bool withPanel, const std::string& folder) {
    scale = std::clamp(scale, 1, 4);
    const VkExtent2D ext = target_.extent();
    const int w = int(ext.width) * scale, h = int(ext.height) * scale;
    const ImDrawData* drawn = ImGui::GetDrawData();
    FilteredDrawData ui;
    if (drawn) ui = withPanel ? FilteredDrawData{*drawn, {}} : withoutPanel(*drawn);
    // The UI was laid out for the window: drawn at `scale` times its size, in place.
    ui.data.FramebufferScale = ImVec2(float(scale), float(scale));
    try {
        renderer_.waitIdle();  // the window's frame is done with the UI's vertex buffers
        // The window's sample count: drawn with the same pipelines (Renderer::drawFrame).
        gpu::OffscreenTarget shot(ctx_, VkExtent2D{std::uint32_t(w), std::uint32_t(h)}, target_.samples());
        Camera cam = camera_;
        cam.width = w;
        cam.height = h;
        const ui::ViewSettings& settings = panel_.settings;
        const FrameInput in{cam, opened_.scene.timeline.current, elapsed_};
        const auto st = view_->settle(in, selectionParams(settings.maxScreenSpaceError, settings.shading,
                                                           opened_.source->maxZoom()),
                                      60.0);
        if (!st.settled) log("screenshot: view not settled, " + std::to_string(st.missing) + " tiles missing");
        gpu::FrameDesc f = view_->frame(in, settings.shading);
        f.style.underground = settings.underground;
        f.style.wireframe = settings.wireframe;
        f.models = models_->instances(*view_, settings.shading.exaggeration);
        f.ui = drawn ? &ui.data : nullptr;
        shot.requestCapture();
        renderer_.drawFrame(f, shot);
        renderer_.waitIdle();
        Image8 img{w, h, 4, shot.readColourRgba()};
        auto png = encodePng(img);
        if (!png) return makeError("screenshot: " + png.error().message);
        const CameraPose pose = cameraPose(camera_);
        const auto centre = intersectEllipsoid(camera_.position, pixelRay(camera_, camera_.width / 2.0, camera_.height / 2.0),
                                               0.0);
        const Geodetic c = centre ? ecefToGeodetic(*centre) : Geodetic{pose.lon_deg, pose.lat_deg, 0.0};
        const std::string date = opened_.scene.timeline.present ? formatDate(opened_.scene.timeline.current) : "";
        const std::filesystem::path path =
            std::filesystem::path(folder.empty() ? "." : folder) / screenshotFileName(placeNameAt(c.lon_deg, c.lat_deg),
                                                                                       c.lon_deg, c.lat_deg, date);
        if (auto ok = writeFileAtomic(path, *png); !ok) return makeError(ok.error().message);
        return path.string();
    } catch (const std::exception& e) {
        return makeError(std::string("screenshot: ") + e.what());
    }
}

std::string Viewer::placeNameAt(double lon, double lat) const {
    // The nearest named place (gazetteer, deposits, named features) within about 25 km names the
    // picture; elsewhere the coordinates do.
    std::string best;
    double bestD = 25000.0;
    for (const Place& p : places_->index().places())
        if (const double d = geodesicDistance(lon, lat, p.lon, p.lat); d < bestD) bestD = d, best = p.name;
    return best;
}

void Viewer::drawMapOverlays(const gpu::FrameDesc& desc, ui::StatusInfo& status) {
    (void)status;
    const ImGuiIO& io = ImGui::GetIO();
    const double exaggeration = panel_.settings.shading.exaggeration;
    const double time = opened_.scene.timeline.current;
    // Labels and deposit markers hide behind terrain by the newest depth copy finished (a frame
    // or two old: at interactive rates a pixel or so). Every frame asks for one (nav_->drawn).
    if (hasLabels(*view_) || deposits_->any()) {
        const gpu::DepthImage depth = target_.readDepth();
        const bool fits = int(depth.width) == desc.camera.width && int(depth.height) == desc.camera.height;
        const std::vector<float> noDepth;
        const std::vector<float>& d = fits ? depth.values : noDepth;
        std::vector<ui::ScreenLabel> mapLabels;
        if (hasLabels(*view_)) mapLabels = placeLabels(*view_, desc.camera, time, exaggeration, d, ui::measureText);
        if (deposits_->any()) {
            deposits_->place(*view_, desc.camera, time, exaggeration, d, ui::measureText);
            deposits_->dropCoveredLabels(mapLabels, ui::measureText);
            deposits_->draw();
            if (!io.WantCaptureMouse)
                if (const auto picked = deposits_->pick(io.MousePos.x, io.MousePos.y))
                    ui::drawInfoTooltip(
                        depositCard(*picked->deposit, picked->layer->desc.title, picked->layer->desc.attribution));
        }
        ui::drawMapLabels(mapLabels);
    }
    // Body labels only where bodies can be seen (see render_command.cpp).
    if (!models_->models().empty() && panel_.settings.underground.enabled)
        ui::drawMapLabels(models_->labels(desc.camera, *view_, exaggeration));
}

std::optional<PickedPoint> Viewer::groundAt(float x, float y) const {
    // The newest depth copy shows an earlier frame: pick with the camera that drew it.
    const gpu::DepthImage depth = target_.readDepth();
    const Camera* shown = nav_->cameraOfDepth(depth.tag);
    if (!shown || int(depth.width) != shown->width || int(depth.height) != shown->height) return std::nullopt;
    return pickSurface(*shown, depth.values, int(x), int(y), panel_.settings.shading.exaggeration);
}

std::optional<InfoCard> Viewer::pickAt(float x, float y) {
    const Scene& scene = opened_.scene;
    const double exaggeration = panel_.settings.shading.exaggeration;
    const double time = scene.timeline.current;
    const ImVec2 scale = ImGui::GetIO().DisplayFramebufferScale;
    // Deposit markers are screen symbols: picked where they are drawn (display coordinates).
    if (const auto d = deposits_->pick(x / scale.x, y / scale.y))
        return depositCard(*d->deposit, d->layer->desc.title, d->layer->desc.attribution);
    if (const auto hit = models_->pick(camera_, double(x), double(y), *view_, exaggeration)) {
        const ViewModel& m = models_->models().at(hit->index);
        InfoCard c;
        c.title = m.desc.model.label.empty() ? m.desc.title : m.desc.model.label;
        c.kind = "3D body (" + m.desc.title + ")" + (hit->node.empty() ? "" : ", part " + hit->node);
        const Geodetic g = ecefToGeodetic(hit->ecef);
        c.lon = g.lon_deg;
        c.lat = g.lat_deg;
        c.rows.emplace_back("Location", formatLonLat(m.desc.model.placement.lon_deg, m.desc.model.placement.lat_deg));
        if (m.desc.model.placement.depth_m)
            c.rows.emplace_back("Top below the surface", formatMetres(*m.desc.model.placement.depth_m));
        c.rows.emplace_back("Distance from the camera", formatMetres(hit->distance_m));
        if (!m.desc.legend.empty()) c.rows.emplace_back("Note", m.desc.legend);
        c.source = m.desc.attribution.empty() ? m.desc.model.path.filename().string() : m.desc.attribution;
        return c;
    }
    const auto ground = groundAt(x, y);
    if (!ground) return std::nullopt;  // the sky
    const double tolerance = 5.0 * metresPerPixel(camera_, ground->distance_m);
    // Top layer first: what is drawn over the rest is what the user clicked.
    const auto& layers = view_->layers();
    for (std::size_t k = layers.size(); k-- > 0;) {
        const ViewLayer& l = layers[k];
        if (!l.desc.visible || l.desc.opacity <= 0.0) continue;
        const double t = l.desc.time.pinned.value_or(time);
        if (l.modifiers)
            if (const auto p = l.modifiers->pick(ground->lon_deg, ground->lat_deg, t))
                return modifierCard(l.modifiers->list().at(p->index), p->state, t, l.desc.title, l.desc.attribution);
        if (const auto* v = dynamic_cast<const VectorOverlaySource*>(l.source.get()))
            if (const auto f = v->pick(ground->lon_deg, ground->lat_deg, tolerance, v->stateAt(t)))
                return featureCard(v->data(), *f, l.desc.title, l.desc.attribution);
    }
    return groundCard(ground->lon_deg, ground->lat_deg, ground->elevation_m, scene.terrain.attribution);
}

void Viewer::drawTileBounds(const Camera& cam) {
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const double exaggeration = panel_.settings.shading.exaggeration;
    const double sx = 1.0 / double(ImGui::GetIO().DisplayFramebufferScale.x);
    const double sy = 1.0 / double(ImGui::GetIO().DisplayFramebufferScale.y);
    for (const TileId& id : view_->drawList()) {
        const LonLatBounds b = tileBounds(id);
        const double lons[4] = {b.west, b.east, b.east, b.west}, lats[4] = {b.south, b.south, b.north, b.north};
        ImVec2 pts[4];
        bool ok = true;
        for (int k = 0; k < 4 && ok; ++k) {
            const double hgt = displayedSurfaceHeight(view_->store(), lons[k], lats[k], exaggeration).value_or(0.0);
            const auto p = projectToScreen(cam, geodeticToEcef({lons[k], lats[k], hgt}));
            ok = p.has_value();
            if (p) pts[k] = ImVec2(float(p->x * sx), float(p->y * sy));
        }
        if (ok) dl->AddPolyline(pts, 4, IM_COL32(255, 60, 200, 200), ImDrawFlags_Closed, 1.0f);
    }
}

ui::PanelModel Viewer::panelModel(double frameMs, int drawn, int loading, int overlayLoading) {
    const Scene& scene = opened_.scene;
    ui::PanelModel m;
    m.terrainLabel = scene.label;
    m.terrainAttribution = scene.terrain.attribution;
    m.sceneFile = scene.file;
    m.dataDates = dataDates_;
    for (LayerDesc& l : opened_.scene.layers) {
        ui::LayerStatus s;
        if (const auto i = view_->indexOf(l.id)) {
            ViewLayer& v = view_->layers()[*i];
            s.loading = v.loading;
            s.error = v.error;
            s.summary = v.summary;
            // A trace's report, once routed: shown, but the scene keeps the legend it was given.
            if (v.desc.legend != l.legend) s.legend = v.desc.legend;
        }
        for (const DepositLayerState& d : deposits_->layers())
            if (d.desc.id == l.id) {
                s.error = d.error;
                s.summary = std::to_string(d.deposits.size()) + " deposits";
            }
        for (const ViewModel& v : models_->models())
            if (v.desc.id == l.id) {
                s.loading = v.loading;
                s.error = v.error;
            }
        m.layers.push_back(std::move(s));
    }
    ui::PanelStats& st = m.stats;
    st.camera = describeCamera(camera_);
    st.frameMs = frameMs;
    st.tilesDrawn = drawn;
    st.tilesLoading = loading;
    st.overlayLoading = overlayLoading;
    st.gpuTiles = renderer_.tilePool().residentCount();
    st.gpuTileCapacity = renderer_.tilePool().capacity();
    st.overlaySlots = renderer_.overlayPool().used();
    st.overlayCapacity = renderer_.overlayPool().capacity();
    st.cpuTileBytes = view_->store().bytes();
    st.cpuBudgetBytes = memoryBudget(scene).cpuBytes;
    return m;
}

void Viewer::applyPanelActions(const ui::PanelActions& a) {
    if (a.remove) removeLayer(*a.remove);
    if (a.layersChanged || a.remove || !a.restyled.empty()) syncLayers();
    for (const std::size_t i : a.restyled)
        if (i < opened_.scene.layers.size() && layers_) layers_->add(opened_.scene.layers[i]);
    if (a.screenshot) screenshotPending_ = true;
    applySceneFileRequest(a.file);
}

std::string Viewer::addLayer(LayerDesc desc) {
    std::vector<LayerDesc>& layers = opened_.scene.layers;
    const auto taken = [&](const std::string& id) {
        return std::any_of(layers.begin(), layers.end(), [&](const LayerDesc& l) { return l.id == id; });
    };
    if (desc.id.empty()) desc.id = "layer";
    const std::string base = desc.id;
    for (int n = 2; taken(desc.id); ++n) desc.id = base + "-" + std::to_string(n);
    layers.push_back(desc);
    layersLoaded_ = false;  // until the next frame sees the new layer attached
    if (layers_) layers_->add(desc);
    if (modelLoader_) modelLoader_->add(desc);
    deposits_->add(desc, [this](const std::string& l) { log(l); });
    datesKey_ = std::size_t(-1);  // the new layer's dates mark the time bar
    log("layer '" + desc.id + "' added");
    return desc.id;
}

void Viewer::removeLayer(std::size_t index) {
    std::vector<LayerDesc>& layers = opened_.scene.layers;
    if (index >= layers.size()) return;
    const std::string id = layers[index].id;
    layers.erase(layers.begin() + std::ptrdiff_t(index));
    if (const auto i = view_->indexOf(id)) view_->removeLayer(*i);
    // Catalogues and bodies stay in their lists (loaders refer to them by index), hidden.
    for (DepositLayerState& d : deposits_->layers())
        if (d.desc.id == id) d.desc.visible = false;
    for (ViewModel& m : models_->models())
        if (m.desc.id == id) m.desc.visible = false;
    log("layer '" + id + "' removed");
}

void Viewer::setCaption(const Caption& caption, double alpha) {
    if (caption.empty() || !(alpha > 0.0)) caption_.reset();
    else caption_ = ShownCaption{caption, std::clamp(alpha, 0.0, 1.0)};
}

void Viewer::drawFrameOverlay(const gpu::FrameDesc& desc, const ui::StatusInfo& status) {
    const ui::ViewSettings& settings = panel_.settings;
    const Scene& scene = opened_.scene;
    ui::FrameOverlayOptions o = overlay_;
    o.scaleBar = o.scaleBar && settings.scaleBar;
    o.northArrow = o.northArrow && settings.northArrow;
    // Presenting to a room: captions half as large again, read from the back of a classroom.
    if (tour_ && tour_->presenting()) o.sizeFactor = std::max(o.sizeFactor, 1.5f);
    // The time bar shows the date where it is drawn: the frame does not repeat it, and keeps its
    // scale bar clear of the bar.
    const bool timeBar = scene.timeline.present && panel_.showTimeBar;
    o.date = o.date && !timeBar;
    if (timeBar)
        if (const ImGuiWindow* w = ImGui::FindWindowByName(ui::kTimeWindow); w && w->WasActive)
            o.bottomInset = std::max(o.bottomInset, w->Size.y + 10.0f);
    ui::FrameOverlayContent c;
    if (caption_) c.caption = caption_->caption, c.captionAlpha = caption_->alpha;
    c.title = status.title;
    c.label = status.label;
    c.date = status.date;
    c.attributions = status.attributions;
    c.picked = status.picked;
    if (o.scaleBar || o.northArrow) {
        const double exaggeration = settings.shading.exaggeration;
        ui::measureScaleAndNorth(c, desc.camera, [this, exaggeration](double lon, double lat) {
            return displayedSurfaceHeight(view_->store(), lon, lat, exaggeration);
        });
    }
    overlayDrawn_ = ui::drawFrameOverlay(c, o);
}

void Viewer::applyPathSample(const PathSample& sample) {
    const VkExtent2D ext = target_.extent();
    camera_ = makeCamera(sample.pose, int(ext.width), int(ext.height));  // the frame sets its near plane
    Scene& scene = opened_.scene;
    if (sample.time && scene.timeline.present) {
        // A path may reach beyond the scene's range: the slider widens rather than clamping it.
        scene.timeline.start = std::min(scene.timeline.start, *sample.time);
        scene.timeline.end = std::max(scene.timeline.end, *sample.time);
        scene.timeline.current = *sample.time;
        range_.start = std::min(range_.start, *sample.time);
        range_.end = std::max(range_.end, *sample.time);
        range_.current = *sample.time;
    }
    bool changed = false;
    for (const LayerState& s : sample.layers)
        for (LayerDesc& l : scene.layers)
            if (l.id == s.id && (l.visible != s.visible || l.opacity != s.opacity)) {
                l.visible = s.visible;
                l.opacity = std::clamp(s.opacity, 0.0, 1.0);
                changed = true;
            }
    if (changed) syncLayers();
    if (sample.underground) panel_.settings.underground = *sample.underground;
    if (sample.caption.empty() || sample.captionAlpha <= 0.0) caption_.reset();
    else caption_ = ShownCaption{sample.caption, std::clamp(sample.captionAlpha, 0.0, 1.0)};
}

void Viewer::syncLayers() {
    std::vector<std::string> order;
    for (const LayerDesc& l : opened_.scene.layers) {
        order.push_back(l.id);
        if (const auto i = view_->indexOf(l.id)) {
            LayerDesc& v = view_->layers()[*i].desc;
            v.visible = l.visible;
            v.opacity = l.opacity;
            v.time = l.time;
            v.style = l.style;
        }
        for (DepositLayerState& d : deposits_->layers())
            if (d.desc.id == l.id) {
                d.desc.visible = l.visible;
                d.desc.opacity = l.opacity;
                d.desc.deposits = l.deposits;
                d.desc.time = l.time;
            }
        for (ViewModel& m : models_->models())
            if (m.desc.id == l.id) {
                m.desc.visible = l.visible;
                m.desc.opacity = l.opacity;
            }
    }
    view_->reorder(order);
}

void Viewer::updateDataDates() {
    // Recomputed when a layer finishes opening (the key counts what has opened).
    std::size_t key = opened_.scene.layers.size() * 1000003u;
    for (const ViewLayer& l : view_->layers()) key = key * 31u + (l.loading ? 1u : 2u);
    if (key == datesKey_) return;
    datesKey_ = key;
    std::vector<double> dates;
    for (const ViewLayer& l : view_->layers()) {
        if (l.source)
            for (double d : l.source->timeStamps()) dates.push_back(d);
        for (const auto& t : l.desc.source.times) dates.push_back(t.second);
        if (l.modifiers)
            for (const TerrainModifier& m : l.modifiers->list())
                for (const ModifierStage& s : m.stages) dates.push_back(s.year);
    }
    // Catalogue years (discoveries back to the 1600s) mark the slider but do not stretch it:
    // its range is what the layers that change with time span.
    std::vector<double> catalogue;
    for (const DepositLayerState& l : deposits_->layers())
        for (const Deposit& d : l.deposits) {
            if (d.discoveryYear) catalogue.push_back(double(*d.discoveryYear));
            if (d.productionYear) catalogue.push_back(double(*d.productionYear));
        }
    if (dates.empty()) dates = catalogue;
    range_ = sliderRange(opened_.scene.timeline, plateau::dataDates(dates));
    for (double d : catalogue)
        if (d >= range_.start && d <= range_.end) dates.push_back(d);
    dataDates_ = plateau::dataDates(std::move(dates));
}

}  // namespace plateau::app
