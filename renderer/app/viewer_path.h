#pragma once
// Flythroughs in the viewer: the path being edited (kept in memory, opened from and saved to
// path files), keyframes captured from the current view, and the preview that plays the path
// through PathSampler (what `plateau record` renders). The viewer calls advance() once a frame
// after its navigation and applies the sample it returns through Viewer::applyPathSample, and
// drawSection() after the panel. Esc, or mouse or key input on the globe, stops a preview.
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/camera.h"
#include "core/camera_path.h"
#include "core/scene.h"
#include "ui/path_panel.h"

struct ImGuiIO;

namespace plateau::app {

class ViewerPath {
public:
    // `ground` makes the preview's ground function (called when a preview starts: the scene or
    // the exaggeration may have changed since); `log` gets file errors.
    ViewerPath(std::function<PathGroundFn()> ground, std::function<void(const std::string&)> log);

    // The path being edited; the recorder and tours read it from here.
    const CameraPath& path() const { return path_; }
    CameraPath& path() { return path_; }
    ui::PathPanelState& panelState() { return state_; }

    // Adds the view as a keyframe after the selected one (or at the end), with the date and the
    // layers' visibility and opacity when the panel's boxes say so, and the panel's caption.
    void capture(const Camera& cam, const Scene& scene);

    // Path files; an error leaves the path as it was and returns the one-line message.
    Status open(const std::filesystem::path& file);
    Status save(const std::filesystem::path& file);

    // Preview.
    void play(double from = 0.0);
    void stop();
    bool playing() const { return playing_; }
    double position() const { return position_; }
    // The sample for this frame while playing (or right after the slider moved); none otherwise.
    // Input on the globe or Esc stops the preview first; the end of the path stops it after
    // showing the last keyframe.
    std::optional<PathSample> advance(double dt, const ImGuiIO& io, bool escPressed);
    // True once after a preview ended or was stopped (the viewer clears its caption).
    bool takeEnded();

    // The Flythrough section at the end of the panel window (ui::kPanelWindow).
    void drawSection(const Camera& cam, const Scene& scene);

private:
    const PathSampler& sampler();

    std::function<PathGroundFn()> ground_;
    std::function<void(const std::string&)> log_;
    CameraPath path_;
    ui::PathPanelState state_;
    std::unique_ptr<PathSampler> sampler_;  // for path_ as it was when the preview started
    bool playing_ = false;
    bool ended_ = false;
    double position_ = 0.0;
    std::optional<double> scrubbed_;  // a slider move to show once
};

}  // namespace plateau::app
