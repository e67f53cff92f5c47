#include "app/record_job.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <random>
#include <thread>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/camera_path_file.h"
#include "io/scene_file.h"

extern char** environ;

namespace plateau::app {

std::vector<std::string> recordArguments(const RecordRequest& r) {
    return {"record",
            "--scene", r.scene.string(),
            "--path", r.path.string(),
            "--size", std::to_string(r.width) + "x" + std::to_string(r.height),
            "--fps", std::to_string(r.fps),
            "--out", r.out};
}

Result<std::unique_ptr<RecordJob>> RecordJob::start(const std::filesystem::path& program,
                                                    const std::vector<std::string>& args) {
    int fds[2];
    // Close-on-exec: only the child's stderr copy (made by the file actions) stays open in it.
    if (::pipe2(fds, O_CLOEXEC) != 0) return makeError("record: cannot make a pipe (" + std::string(std::strerror(errno)) + ")");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
    // The child gets default signal handling (SIGINT stops it cleanly through its own handler).
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    std::vector<std::string> argStore;
    argStore.push_back(program.string());
    argStore.insert(argStore.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : argStore) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int rc = ::posix_spawn(&pid, program.c_str(), &actions, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    ::close(fds[1]);
    if (rc != 0) {
        ::close(fds[0]);
        return makeError(program.string() + ": cannot start (" + std::strerror(rc) + ")");
    }
    // Non-blocking: the window reads whatever is there each frame and never waits on the child.
    ::fcntl(fds[0], F_SETFL, ::fcntl(fds[0], F_GETFL) | O_NONBLOCK);
    return std::unique_ptr<RecordJob>(new RecordJob(pid, fds[0]));
}

RecordJob::~RecordJob() {
    if (running()) {
        cancel();
        // The child finishes its frame and the file; give it a while, then stop it hard.
        for (int i = 0; i < 300 && running(); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            poll();
        }
        if (running()) {
            ::kill(pid_, SIGKILL);
            int status = 0;
            ::waitpid(pid_, &status, 0);
        }
    }
    if (fd_ >= 0) ::close(fd_);
}

void RecordJob::takeLine(const std::string& line) {
    if (line.empty()) return;
    // A terminal's progress bar is redrawn with '\r'; the pipe gets whole lines, but be safe.
    const std::string last = line.substr(line.rfind('\r') == std::string::npos ? 0 : line.rfind('\r') + 1);
    if (auto p = parseProgressLine(last)) progress_ = *p;
    else if (!last.empty()) message_ = last;
}

void RecordJob::poll() {
    char buf[4096];
    while (fd_ >= 0) {
        const ssize_t n = ::read(fd_, buf, sizeof buf);
        if (n > 0) {
            partial_.append(buf, std::size_t(n));
            std::size_t nl;
            while ((nl = partial_.find('\n')) != std::string::npos) {
                takeLine(partial_.substr(0, nl));
                partial_.erase(0, nl + 1);
            }
            if (partial_.size() > 65536) partial_.clear();  // no line is that long: drop noise
            continue;
        }
        if (n == 0) {  // the child closed stderr: it has exited (or is about to)
            takeLine(partial_);
            partial_.clear();
            ::close(fd_);
            fd_ = -1;
        }
        break;  // EAGAIN: nothing more for now
    }
    if (exit_) return;
    int status = 0;
    const pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
        if (WIFEXITED(status)) exit_ = WEXITSTATUS(status);
        else if (WIFSIGNALED(status)) exit_ = 128 + WTERMSIG(status);
        else exit_ = 1;
    }
}

void RecordJob::cancel() {
    if (!running() || cancelled_) return;
    cancelled_ = true;
    ::kill(pid_, SIGINT);
}

Result<RecordRequest> prepareRecording(const Scene& scene, const CameraPath& path, RecordRequest request) {
    std::random_device rd;
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("plateau-record-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return makeError(dir.string() + ": cannot create (" + ec.message() + ")");
    request.scene = dir / "scene.json";
    request.path = dir / "path.json";
    if (auto st = saveScene(scene, request.scene); !st) return st.error();
    if (auto st = writeCameraPathFile(request.path, path); !st) return st.error();
    return request;
}

}  // namespace plateau::app
