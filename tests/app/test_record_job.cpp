// The window's recording runner (app/record_job.h) headless, with stand-in child processes that
// write what `plateau record` writes: progress lines, a last line, an exit code.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "app/record_job.h"

using namespace plateau;
using Clock = std::chrono::steady_clock;

namespace {

std::unique_ptr<app::RecordJob> startShell(const std::string& script) {
    auto job = app::RecordJob::start("/bin/sh", {"-c", script});
    REQUIRE(job);
    return std::move(*job);
}

// Polls as the window does, once a frame, until the child has exited (or 20 s).
void pollUntilDone(app::RecordJob& job) {
    const auto end = Clock::now() + std::chrono::seconds(20);
    while (job.running() && Clock::now() < end) {
        job.poll();
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

}  // namespace

TEST_CASE("record job: progress lines become progress, the last other line the message", "[record_job]") {
    auto job = startShell(
        "for i in 1 2 3; do echo \"record: frame $i/3, 2.0 fps, 0:01 left\" >&2; sleep 0.05; done;"
        "echo 'plateau: wrote flight.mp4 (3 frames)' >&2; exit 0");
    pollUntilDone(*job);
    REQUIRE_FALSE(job->running());
    CHECK(job->exitCode() == 0);
    REQUIRE(job->progress());
    CHECK(job->progress()->done == 3);
    CHECK(job->progress()->total == 3);
    CHECK(job->message() == "plateau: wrote flight.mp4 (3 frames)");
}

TEST_CASE("record job: polling never waits for the child", "[record_job]") {
    auto job = startShell("sleep 2; echo 'record: frame 1/1, 1.0 fps, 0:00 left' >&2");
    const auto t0 = Clock::now();
    for (int i = 0; i < 20; ++i) job->poll();
    CHECK(std::chrono::duration<double>(Clock::now() - t0).count() < 0.5);
    CHECK(job->running());
    CHECK_FALSE(job->progress());
}

TEST_CASE("record job: Cancel interrupts the child, which finishes its file and exits 130", "[record_job]") {
    // Like `plateau record`: SIGINT is caught, the file finished, exit code 130.
    auto job = startShell(
        "trap 'echo \"plateau: interrupted: flight.mp4 holds the first 1 of 10 frames\" >&2; exit 130' INT;"
        "echo 'record: frame 1/10, 1.0 fps, 0:09 left' >&2; while :; do sleep 0.05; done");
    const auto end = Clock::now() + std::chrono::seconds(20);
    while (!job->progress() && Clock::now() < end) {
        job->poll();
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    REQUIRE(job->progress());
    job->cancel();
    CHECK(job->cancelled());
    pollUntilDone(*job);
    CHECK(job->exitCode() == 130);
    CHECK(job->message().find("interrupted") != std::string::npos);
}

TEST_CASE("record job: a failing child's error line and exit code come through", "[record_job]") {
    auto job = startShell("echo 'plateau: error: /x/path.json: file not found' >&2; exit 1");
    pollUntilDone(*job);
    CHECK(job->exitCode() == 1);
    CHECK(job->message() == "plateau: error: /x/path.json: file not found");
    CHECK_FALSE(job->progress());
}

TEST_CASE("record job: a program that cannot start is a one-line error", "[record_job]") {
    auto job = app::RecordJob::start("/nonexistent/plateau", {"record"});
    REQUIRE_FALSE(job);
    CHECK(job.error().message.find("/nonexistent/plateau: cannot start") == 0);
}

TEST_CASE("record job: the arguments of a request", "[record_job]") {
    app::RecordRequest r;
    r.scene = "/tmp/s.json";
    r.path = "/tmp/p.json";
    r.width = 1280;
    r.height = 720;
    r.fps = 25;
    r.out = "out/";
    CHECK(app::recordArguments(r) == std::vector<std::string>{"record", "--scene", "/tmp/s.json", "--path", "/tmp/p.json",
                                                              "--size", "1280x720", "--fps", "25", "--out", "out/"});
}
