#pragma once
// The panel's Record section in the window: saves the current scene and path to temporary files,
// runs `plateau record` on them as a child process (app/record_job.h) and shows its progress, so
// the window keeps drawing while the video is made. One recording at a time.
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "app/record_job.h"
#include "ui/record_panel.h"

namespace plateau::app {

class ViewerRecording {
public:
    explicit ViewerRecording(std::function<void(const std::string&)> log);
    ~ViewerRecording();  // a recording still running is cancelled (its file finished) and waited for
    // Draws the section into the panel window (once a frame): reads the child's progress, starts
    // and cancels. `path`: the keyframes to record (null or fewer than two: nothing to record).
    // `scene` gives the scene as it is now (called only when a recording starts).
    void drawSection(const std::function<Scene()>& scene, const CameraPath* path);
    bool running() const { return job_ != nullptr; }
    ui::RecordPanelState& state() { return state_; }
    // The program run for a recording (default: this executable, /proc/self/exe).
    void setProgram(std::filesystem::path program) { program_ = std::move(program); }

private:
    void start(const Scene& scene, const CameraPath& path);
    std::function<void(const std::string&)> log_;
    ui::RecordPanelState state_;
    std::unique_ptr<RecordJob> job_;
    std::string message_;
    std::filesystem::path program_;
};

}  // namespace plateau::app
