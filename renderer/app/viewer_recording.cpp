#include "app/viewer_recording.h"

#include <system_error>

#include <imgui.h>

#include "ui/panel.h"

namespace plateau::app {

ViewerRecording::ViewerRecording(std::function<void(const std::string&)> log) : log_(std::move(log)) {
    std::error_code ec;
    program_ = std::filesystem::read_symlink("/proc/self/exe", ec);
}

ViewerRecording::~ViewerRecording() = default;

void ViewerRecording::start(const Scene& scene, const CameraPath& path) {
    RecordRequest request;
    request.width = state_.width;
    request.height = state_.height;
    request.fps = state_.fps;
    request.out = state_.out;
    auto prepared = prepareRecording(scene, path, request);
    if (!prepared) {
        message_ = prepared.error().message;
        return log_(message_);
    }
    auto job = RecordJob::start(program_, recordArguments(*prepared));
    if (!job) {
        message_ = job.error().message;
        return log_(message_);
    }
    job_ = std::move(*job);
    message_ = "recording to " + state_.out;
    log_(message_);
}

void ViewerRecording::drawSection(const std::function<Scene()>& scene, const CameraPath* path) {
    if (job_) {
        job_->poll();
        if (!job_->running()) {
            const int code = *job_->exitCode();
            std::string line = job_->message();
            if (line.rfind("plateau: ", 0) == 0) line.erase(0, 9);
            message_ = code == 0     ? line
                       : code == 130 ? "cancelled: " + line
                                     : "recording failed: " + (line.empty() ? "exit code " + std::to_string(code) : line);
            log_(message_);
            job_.reset();
        }
    }
    ui::RecordPanelModel model;
    model.havePath = path && path->keys.size() >= 2;
    model.running = job_ != nullptr;
    if (job_) model.progress = job_->progress();
    model.message = message_;
    ui::RecordPanelActions actions;
    if (ImGui::Begin(ui::kPanelWindow)) {
        if (ImGui::CollapsingHeader("Record")) actions = ui::drawRecordPanel(state_, model);
    }
    ImGui::End();
    if (actions.cancel && job_) job_->cancel();
    if (actions.start && !job_ && model.havePath) start(scene(), *path);
}

}  // namespace plateau::app
