#pragma once
// A recording started from the window: `plateau record` run as a child process, so the window
// stays responsive and its own frames are never held up by settled rendering. The child's stderr
// comes through a non-blocking pipe, read once a window frame; its progress lines
// (core/record_progress.h) become a progress bar, its other lines the message shown. Cancel sends
// SIGINT: the child finishes the video with the frames done, as on Ctrl-C.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

#include "core/camera_path.h"
#include "core/record_progress.h"
#include "core/result.h"
#include "core/scene.h"

namespace plateau::app {

// What the panel's Record… asks for.
struct RecordRequest {
    std::filesystem::path scene;  // a scene file (the window's current scene, saved)
    std::filesystem::path path;   // a camera path file
    int width = 1920;
    int height = 1080;
    int fps = 30;
    std::string out = "flight.mp4";
};

// The `plateau record` arguments for a request (after the program name).
std::vector<std::string> recordArguments(const RecordRequest& request);

class RecordJob {
public:
    // Starts `program` with `args` (posix_spawn; stdout to /dev/null, stderr to a pipe). Errors:
    // the program cannot be started.
    static Result<std::unique_ptr<RecordJob>> start(const std::filesystem::path& program, const std::vector<std::string>& args);
    // Still running: cancelled and waited for (the video is finished by the child).
    ~RecordJob();
    RecordJob(const RecordJob&) = delete;
    RecordJob& operator=(const RecordJob&) = delete;

    // Reads what the child has written and reaps it once it has exited. Never blocks.
    void poll();
    // Asks the child to stop after its current frame (SIGINT).
    void cancel();
    bool running() const { return !exit_; }
    bool cancelled() const { return cancelled_; }
    // The child's exit code once it has exited (0 done, 130 interrupted, 1 error; 128 + n when a
    // signal n ended it).
    std::optional<int> exitCode() const { return exit_; }
    // The newest progress line read (none before the first frame).
    const std::optional<RecordProgress>& progress() const { return progress_; }
    // The newest other line the child wrote ("plateau: wrote flight.mp4 ..." or an error).
    const std::string& message() const { return message_; }
    pid_t pid() const { return pid_; }

private:
    RecordJob(pid_t pid, int fd) : pid_(pid), fd_(fd) {}
    void takeLine(const std::string& line);
    pid_t pid_;
    int fd_;
    std::string partial_;
    std::optional<RecordProgress> progress_;
    std::string message_;
    std::optional<int> exit_;
    bool cancelled_ = false;
};

// Writes the scene and the path to a fresh temporary folder for a recording. Returns the request
// with `scene` and `path` set.
Result<RecordRequest> prepareRecording(const Scene& scene, const CameraPath& path, RecordRequest request);

}  // namespace plateau::app
