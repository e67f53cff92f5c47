// Path files on disk: written atomically and read back the same; unreadable files are refused
// with one line naming them.
#include <fstream>

#include <catch2/catch.hpp>

#include "io/camera_path_file.h"
#include "io_test_helpers.h"

using namespace plateau;

TEST_CASE("path files are written and read back", "[camera_path_file]") {
    test::TempDir dir("camera_path_file");
    CameraPath p;
    Keyframe a;
    a.pose = CameraPose{91.1, 29.65, 9000.0, 20.0, -35.0, 45.0};
    a.caption.title = "Lhasa";
    Keyframe b = a;
    b.pose.lon_deg = 91.58;
    b.time = 2021.0;
    p.keys = {a, b};
    const auto file = dir.path() / "flight.json";
    REQUIRE(writeCameraPathFile(file, p).ok());
    const Result<CameraPath> back = readCameraPathFile(file);
    REQUIRE(back.ok());
    CHECK(*back == p);
    // Saving again replaces the file whole (no temporary left beside it).
    p.keys.pop_back();
    REQUIRE(writeCameraPathFile(file, p).ok());
    CHECK(readCameraPathFile(file)->keys.size() == 1);
    std::size_t files = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir.path())) files += e.is_regular_file() ? 1 : 0;
    CHECK(files == 1);
}

TEST_CASE("unreadable path files are refused naming the file", "[camera_path_file]") {
    test::TempDir dir("camera_path_file_bad");
    const auto missing = dir.path() / "missing.json";
    CHECK(readCameraPathFile(missing).error().message == missing.string() + ": cannot open path file (No such file or directory)");
    CHECK(readCameraPathFile(dir.path()).error().message == dir.path().string() + ": cannot open path file (Is a directory)");
    const auto empty = dir.path() / "empty.json";
    std::ofstream(empty).close();
    CHECK(readCameraPathFile(empty).error().message == empty.string() + ": empty file (expected a path file: a JSON object)");
    const auto bad = dir.path() / "bad.json";
    std::ofstream(bad) << R"({"version": 1, "keyframes": [{"camera": {"lon": 91, "lat": 29, "height": 1e999, "heading": 0, "pitch": 0}}]})";
    CHECK(readCameraPathFile(bad).error().message ==
          bad.string() + ": keyframes[0].camera.height: must be a finite number (got 1e999)");
    // A save into a folder that does not exist fails with a message, and nothing is written.
    CameraPath p;
    p.keys.resize(1);
    const Status s = writeCameraPathFile(dir.path() / "no" / "such" / "flight.json", p);
    CHECK_FALSE(s.ok());
    CHECK_FALSE(s.error().message.empty());
}
