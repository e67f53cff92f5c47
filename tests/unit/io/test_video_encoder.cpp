#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "io/atomic_file.h"
#include "io/frame_sink.h"
#include "io/png_codec.h"
#include "io/video_encoder.h"
#include "io/video_probe.h"

using namespace plateau;
namespace fs = std::filesystem;

namespace {

fs::path freshDir(const std::string& name) {
    const fs::path d = fs::temp_directory_path() / ("plateau_video_" + name + "_" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

// A frame with a flat colour block that moves with the frame number and a gradient, so frames
// differ and the encoder has something to predict.
std::vector<std::uint8_t> syntheticFrame(int w, int h, int i) {
    std::vector<std::uint8_t> px(std::size_t(w) * std::size_t(h) * 4);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            std::uint8_t* p = &px[(std::size_t(y) * std::size_t(w) + std::size_t(x)) * 4];
            const bool block = x >= i * 4 && x < i * 4 + 32 && y >= 16 && y < 48;
            p[0] = block ? 230 : std::uint8_t(x * 255 / w);
            p[1] = block ? 40 : std::uint8_t(y * 255 / h);
            p[2] = block ? 30 : 128;
            p[3] = 255;
        }
    return px;
}

std::vector<char> bytesOf(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

fs::path encodeFrames(const fs::path& file, int w, int h, int n) {
    VideoOptions o;
    o.width = w;
    o.height = h;
    o.fps = 30;
    auto enc = VideoEncoder::open(file, o);
    REQUIRE(enc);
    for (int i = 0; i < n; ++i) {
        const auto f = syntheticFrame(w, h, i);
        REQUIRE((*enc)->addFrame(f.data()));
    }
    REQUIRE((*enc)->finish());
    CHECK((*enc)->frames() == n);
    return file;
}

}  // namespace

TEST_CASE("video: H.264 MP4 decodes back to the size, rate, count and pictures encoded", "[video]") {
    const fs::path dir = freshDir("roundtrip");
    const fs::path file = encodeFrames(dir / "clip.mp4", 160, 96, 12);
    CHECK_FALSE(fs::exists(dir / "clip.mp4.part"));
    const auto probe = probeVideo(file, 12);
    REQUIRE(probe);
    CHECK(probe->width == 160);
    CHECK(probe->height == 96);
    CHECK(probe->codec == "h264");
    CHECK(probe->pixelFormat == "yuv420p");
    CHECK(probe->fps == Approx(30.0));
    CHECK(probe->frames == 12);
    REQUIRE(probe->rgba.size() == 12);
    // The red block is where each frame put it (lossy, so within a tolerance).
    for (int i : {0, 5, 11}) {
        const auto& px = probe->rgba[std::size_t(i)];
        const std::size_t in = (std::size_t(32) * 160 + std::size_t(i * 4 + 16)) * 4;
        const std::size_t out = (std::size_t(70) * 160 + std::size_t(i * 4 + 16)) * 4;
        CHECK(std::abs(int(px[in]) - 230) < 16);
        CHECK(std::abs(int(px[in + 1]) - 40) < 16);
        CHECK(std::abs(int(px[out + 2]) - 128) < 16);
    }
    fs::remove_all(dir);
}

TEST_CASE("video: two encodings of the same frames are byte-identical", "[video]") {
    const fs::path dir = freshDir("same");
    const auto a = bytesOf(encodeFrames(dir / "a.mp4", 128, 72, 20));
    const auto b = bytesOf(encodeFrames(dir / "b.mp4", 128, 72, 20));
    REQUIRE(a.size() > 1000);
    CHECK(a == b);
    fs::remove_all(dir);
}

TEST_CASE("video: a video stopped early is finished and playable", "[video]") {
    // As after Ctrl-C: finish() after whatever frames were done.
    const fs::path dir = freshDir("early");
    encodeFrames(dir / "one.mp4", 64, 64, 1);
    const auto probe = probeVideo(dir / "one.mp4");
    REQUIRE(probe);
    CHECK(probe->frames == 1);
    fs::remove_all(dir);
}

TEST_CASE("video: bad sizes, codecs, containers and folders are one-line errors naming the file", "[video]") {
    const fs::path dir = freshDir("errors");
    VideoOptions o;
    o.width = 321;
    o.height = 180;
    auto odd = VideoEncoder::open(dir / "odd.mp4", o);
    REQUIRE_FALSE(odd);
    CHECK(odd.error().message.find("odd.mp4") != std::string::npos);
    CHECK(odd.error().message.find("even") != std::string::npos);
    o.width = 320;
    o.codec = "no-such-codec";
    auto codec = VideoEncoder::open(dir / "c.mp4", o);
    REQUIRE_FALSE(codec);
    CHECK(codec.error().message.find("c.mp4: unknown video codec 'no-such-codec'") != std::string::npos);
    o.codec = "libx264";
    auto container = VideoEncoder::open(dir / "c.notavideo", o);
    REQUIRE_FALSE(container);
    CHECK(container.error().message.find("c.notavideo: unknown video container") != std::string::npos);
    auto folder = VideoEncoder::open(dir / "missing" / "c.mp4", o);
    REQUIRE_FALSE(folder);
    CHECK(folder.error().message.find("c.mp4") != std::string::npos);
    for (const auto* e : {&odd, &codec, &container, &folder})
        CHECK(e->error().message.find('\n') == std::string::npos);
    // An encoder dropped without finish() leaves no file behind.
    {
        auto enc = VideoEncoder::open(dir / "dropped.mp4", o);
        REQUIRE(enc);
    }
    CHECK_FALSE(fs::exists(dir / "dropped.mp4"));
    CHECK_FALSE(fs::exists(dir / "dropped.mp4.part"));
    CHECK_FALSE(probeVideo(dir / "nothing.mp4"));
    fs::remove_all(dir);
}

TEST_CASE("video: a folder or a name ending in '/' is a PNG sequence", "[video]") {
    const fs::path dir = freshDir("seq");
    CHECK(isPngSequenceOut((dir / "frames/").string()));
    CHECK(isPngSequenceOut(dir.string()));
    CHECK_FALSE(isPngSequenceOut((dir / "flight.mp4").string()));
    CHECK(sequenceFrameName(1) == "frame_00001.png");
    CHECK(sequenceFrameName(123) == "frame_00123.png");
    VideoOptions o;
    o.width = 33;  // any size: no yuv420p constraint
    o.height = 17;
    auto sink = openFrameSink((dir / "frames/").string(), o);
    REQUIRE(sink);
    const auto f = syntheticFrame(33, 17, 0);
    REQUIRE((*sink)->write(7, f));
    REQUIRE((*sink)->finish());
    auto back = readPngFile(dir / "frames" / "frame_00007.png");
    REQUIRE(back);
    CHECK(back->width == 33);
    CHECK(back->pixels == f);
    fs::remove_all(dir);
}
