#include "app/viewer_path.h"

#include <imgui.h>

#include "io/camera_path_file.h"
#include "ui/panel.h"
#include "ui/widget_rects.h"
#include "app/globe_input.h"

namespace plateau::app {

ViewerPath::ViewerPath(std::function<PathGroundFn()> ground, std::function<void(const std::string&)> log)
    : ground_(std::move(ground)), log_(std::move(log)) {}

void ViewerPath::capture(const Camera& cam, const Scene& scene) {
    Keyframe k;
    k.pose = cameraPose(cam);
    if (state_.captureTime && scene.timeline.present) k.time = scene.timeline.current;
    if (state_.captureLayers)
        for (const LayerDesc& l : scene.layers) k.layers.push_back({l.id, l.visible, l.opacity});
    k.caption = state_.caption;
    state_.caption = {};
    const std::size_t at = state_.selected ? *state_.selected + 1 : path_.keys.size();
    path_.keys.insert(path_.keys.begin() + std::ptrdiff_t(at), std::move(k));
    if (state_.selected) state_.selected = at;
    sampler_.reset();
    state_.message = "keyframe " + std::to_string(at + 1) + " of " + std::to_string(path_.keys.size()) + " added";
}

Status ViewerPath::open(const std::filesystem::path& file) {
    Result<CameraPath> p = readCameraPathFile(file);
    if (!p) {
        state_.message = p.error().message;
        if (log_) log_(p.error().message);
        return p.error();
    }
    stop();
    path_ = std::move(*p);
    sampler_.reset();
    state_.file = file;
    state_.selected.reset();
    state_.message = "opened " + file.filename().string() + " (" + std::to_string(path_.keys.size()) + " keyframes)";
    return Ok{};
}

Status ViewerPath::save(const std::filesystem::path& file) {
    const Status s = writeCameraPathFile(file, path_);
    if (!s) {
        state_.message = s.error().message;
        if (log_) log_(s.error().message);
        return s;
    }
    state_.file = file;
    state_.message = "saved " + file.filename().string();
    return s;
}

const PathSampler& ViewerPath::sampler() {
    if (!sampler_) sampler_ = std::make_unique<PathSampler>(path_, ground_ ? ground_() : PathGroundFn{});
    return *sampler_;
}

void ViewerPath::play(double from) {
    if (path_.keys.empty()) return;
    sampler_.reset();  // the ground and the keyframes as they are now
    position_ = from >= sampler().duration() ? 0.0 : std::max(0.0, from);
    playing_ = true;
}

void ViewerPath::stop() {
    if (playing_) ended_ = true;
    playing_ = false;
}

bool ViewerPath::takeEnded() {
    const bool e = ended_;
    ended_ = false;
    return e;
}

std::optional<PathSample> ViewerPath::advance(double dt, const ImGuiIO& io, bool escPressed) {
    if (scrubbed_) {
        position_ = *scrubbed_;
        scrubbed_.reset();
        if (!path_.keys.empty()) return sampler().at(position_);
    }
    if (!playing_) return std::nullopt;
    if (escPressed || userInputOnGlobe(io)) {
        stop();
        return std::nullopt;
    }
    position_ += dt;
    const double end = sampler().duration();
    if (position_ >= end) {
        position_ = end;
        stop();  // the last keyframe is shown below, then the preview is over
    }
    return sampler().at(position_);
}

void ViewerPath::drawSection(const Camera& cam, const Scene& scene) {
    if (ImGui::Begin(ui::kPanelWindow)) {
        const bool shown = ImGui::CollapsingHeader("Flythrough");
        ui::noteItem("path.header");
        if (shown) {
            const ui::PathPreviewInfo info{playing_, position_, path_.keys.empty() ? 0.0 : sampler().duration()};
            const ui::PathPanelActions a = ui::drawPathSection(state_, path_, info);
            if (a.changed) sampler_.reset();
            if (a.changed && playing_) play(position_);
            if (a.capture) capture(cam, scene);
            if (a.stop) stop();
            if (a.play) play(position_);
            if (a.scrub) {
                stop();
                ended_ = false;  // the scrubbed caption stays
                scrubbed_ = a.scrub;
            }
            if (a.open) (void)open(*a.open);
            if (a.save) (void)save(*a.save);
        }
    }
    ImGui::End();
}

}  // namespace plateau::app
