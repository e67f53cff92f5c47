// The viewer's scene files: open a scene in place of the current one, save the scene as it is
// now, add a file as a layer. Whatever fails leaves the viewer as it was; the panel shows the
// one-line result.
#include <algorithm>

#include "app/deposit_layers.h"
#include "app/globe_view.h"
#include "app/layer_setup.h"
#include "app/model_loading.h"
#include "app/view_models.h"
#include "app/viewer.h"
#include "app/viewer_navigation.h"
#include "core/camera_control.h"
#include "core/geodesy.h"
#include "io/layer_probe.h"
#include "io/scene_file.h"

namespace plateau::app {

Scene Viewer::currentScene() const {
    Scene s = opened_.scene;
    CameraPose pose = cameraPose(camera_);
    // Scene files hold Web Mercator's latitudes (the tiles end there); a camera beyond looks
    // from the nearest one it can be saved with.
    pose.lat_deg = std::clamp(pose.lat_deg, -85.0, 85.0);
    s.camera = pose;
    s.shading = panel_.settings.shading;
    s.maxScreenSpaceError = panel_.settings.maxScreenSpaceError;
    s.underground = panel_.settings.underground;
    return s;
}

Status Viewer::saveSceneAs(const std::filesystem::path& file) {
    const Status saved = saveScene(currentScene(), file);
    if (!saved) return saved;
    opened_.scene.file = file;
    log("saved the scene to " + file.string());
    return Ok{};
}

Status Viewer::openSceneFile(const std::filesystem::path& file) {
    // The whole scene, its terrain source included, opens before anything of the current one is
    // let go: a file that fails changes nothing.
    auto next = openScene(file, [this](const std::string& line) { log(line); });
    if (!next) return next.error();
    shutdown();            // cancels transfers, waits for the loaders
    renderer_.waitIdle();  // no frame in flight uses the old view's tiles
    deposits_.reset();
    models_.reset();
    view_.reset();
    nav_.reset();
    opened_ = std::move(*next);
    shuttingDown_ = false;
    layersLoaded_ = false;
    datesKey_ = std::size_t(-1);
    dataDates_.clear();
    card_.reset();  // an info card of the old scene's objects
    pressedOnMap_ = false;
    start(std::nullopt, opened_.scene.underground);
    log("opened " + file.string());
    return Ok{};
}

Status Viewer::addLayerFromFile(const std::filesystem::path& file) {
    // Models go where the view looks: the ground at the centre of the screen, else below the camera.
    const auto centre = intersectEllipsoid(camera_.position, pixelRay(camera_, camera_.width / 2.0, camera_.height / 2.0), 0.0);
    const Geodetic g = ecefToGeodetic(centre ? *centre : camera_.position);
    auto layer = layerFromFile(file, LonLat{g.lon_deg, g.lat_deg}, opened_.scene.layers);
    if (!layer) return layer.error();
    // Opens in the background like every run-time layer (Viewer::addLayer); a file that the
    // probe took but that fails to open marks its row with the reason.
    addLayer(*layer);
    return Ok{};
}

void Viewer::applySceneFileRequest(const ui::SceneFileRequest& r) {
    auto report = [this](const Status& s, const std::string& done) {
        panel_.message = s ? done : s.error().message;
        if (!s) log(panel_.message);
    };
    if (r.saveAs) report(saveSceneAs(*r.saveAs), "saved " + r.saveAs->string());
    if (r.addLayer) report(addLayerFromFile(*r.addLayer), "added " + r.addLayer->filename().string());
    if (r.open) report(openSceneFile(*r.open), "opened " + r.open->string());
}

}  // namespace plateau::app
