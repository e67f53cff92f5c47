// The recorder (app/recorder.h) through the whole viewer, headless: settled frames, the same
// bytes every run, the residency check, video output and stopping early.
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>

#include "app/recorder.h"
#include "io/atomic_file.h"
#include "io/frame_sink.h"
#include "io/video_probe.h"
#include "layer_test_support.h"
#include "viewer_test_support.h"

using namespace plateau;
namespace fs = std::filesystem;

namespace {

constexpr int kW = 320, kH = 180;

// Everest from the SRTM3 tile in the shared data, with a labelled point so labels (which hide
// behind the depth of the frame before) are part of what must repeat exactly.
fs::path everestScene() {
    const auto dir = test::tempDir("recorder");
    test::writeText(dir / "peak.geojson", R"({"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {"name": "Everest"}, "geometry": {"type": "Point", "coordinates": [86.925, 27.988]}}]})");
    test::writeText(dir / "scene.json", std::string(R"({"title": "record", "terrain": {"type": "gdal", "path": ")") +
                                            PLATEAU_SHARED_DATA + R"(/dem/srtm3/N27E086.hgt"},
  "camera": {"lon": 86.93, "lat": 27.85, "height": 14000, "heading": 0, "pitch": -25},
  "layers": [{"id": "peak", "title": "Peak", "type": "vector", "source": {"type": "ogr", "path": "peak.geojson"},
              "style": {"fill": "#ffffff", "stroke": "#000000", "point_size": 5, "label": "name"}}]})");
    return dir / "scene.json";
}

// A straight one-second flight toward the peak, turning (a path built in code; the recorder only
// sees samples).
app::RecordClip flight() {
    return {1.0, [](double t) {
                PathSample s;
                s.pose = CameraPose{86.93, 27.80 + 0.05 * t, 14000.0 - 2000.0 * t, 10.0 * t, -25.0, 45.0};
                return s;
            }};
}

struct Recording {
    Result<app::RecordOutcome> outcome = makeError("not run");
    int validation = 0;
};

Recording record(const fs::path& scene, const std::string& out, app::RecordSettings rs, int stopAfter = 0) {
    test::HeadlessViewer hv(kW, kH, std::nullopt, scene);
    hv.viewer->panel().settings.showPanel = false;
    hv.viewer->panel().showTimeBar = false;
    VideoOptions vo;
    vo.width = kW;
    vo.height = kH;
    vo.fps = rs.fps;
    auto sink = openFrameSink(out, vo);
    REQUIRE(sink);
    std::atomic<bool> stop{false};
    Recording r;
    r.outcome = app::recordClip(*hv.viewer, *hv.session, flight(), rs, **sink, stop, [&](const RecordProgress& p) {
        if (stopAfter > 0 && p.done >= stopAfter) stop = true;  // as Ctrl-C during the next frame
    });
    r.validation = hv.validationMessages();
    return r;
}

}  // namespace

TEST_CASE("recorder: settled frames, byte-identical run after run, as a PNG sequence and an MP4", "[record]") {
    const fs::path scene = everestScene();
    const fs::path out = test::tempDir("recorder_out");
    app::RecordSettings rs;
    rs.fps = 8;  // 8 frames: short on a software rasteriser
    const Recording a = record(scene, (out / "a/").string(), rs);
    REQUIRE(a.outcome);
    CHECK(a.validation == 0);
    CHECK(a.outcome->frames == 8);
    CHECK_FALSE(a.outcome->interrupted);
    const Recording b = record(scene, (out / "b/").string(), rs);
    REQUIRE(b.outcome);
    CHECK(b.outcome->frames == 8);
    for (int n = 1; n <= 8; ++n) {
        auto fa = readFileBytes(out / "a" / sequenceFrameName(n));
        auto fb = readFileBytes(out / "b" / sequenceFrameName(n));
        REQUIRE(fa);
        REQUIRE(fb);
        INFO("frame " << n);
        CHECK(*fa == *fb);
    }
    CHECK_FALSE(fs::exists(out / "a" / sequenceFrameName(9)));
    // Frames differ along the path (the camera moves), so identical runs are not trivially so.
    CHECK(*readFileBytes(out / "a" / sequenceFrameName(1)) != *readFileBytes(out / "a" / sequenceFrameName(8)));

    const Recording v = record(scene, (out / "flight.mp4").string(), rs);
    REQUIRE(v.outcome);
    const auto probe = probeVideo(out / "flight.mp4");
    REQUIRE(probe);
    CHECK(probe->width == kW);
    CHECK(probe->height == kH);
    CHECK(probe->frames == 8);
    CHECK(probe->fps == Approx(8.0));
}

TEST_CASE("recorder: a frame drawn with tiles missing fails the recording", "[record]") {
    app::RecordSettings rs;
    rs.fps = 8;
    rs.settle = false;  // the frames are drawn at once, with tiles still loading
    const fs::path out = test::tempDir("recorder_unsettled");
    const Recording r = record(everestScene(), (out / "frames/").string(), rs);
    REQUIRE_FALSE(r.outcome);
    CHECK_THAT(r.outcome.error().message, Catch::Matches("frame 1 drawn with [0-9]+ missing tiles.*"));
    CHECK_FALSE(fs::exists(out / "frames" / sequenceFrameName(1)));  // nothing drawn wrongly was kept
}

TEST_CASE("recorder: stopped early, the MP4 holds the frames done and plays", "[record]") {
    app::RecordSettings rs;
    rs.fps = 8;
    const fs::path out = test::tempDir("recorder_stop");
    const Recording r = record(everestScene(), (out / "part.mp4").string(), rs, 3);
    REQUIRE(r.outcome);
    CHECK(r.outcome->interrupted);
    CHECK(r.outcome->frames == 3);
    const auto probe = probeVideo(out / "part.mp4");
    REQUIRE(probe);
    CHECK(probe->frames == 3);
}
