#include "io/frame_sink.h"

#include <cstdio>
#include <system_error>

#include "io/atomic_file.h"
#include "io/png_codec.h"

namespace plateau {

namespace {

class VideoSink : public FrameSink {
public:
    explicit VideoSink(std::unique_ptr<VideoEncoder> encoder, int width, int height)
        : encoder_(std::move(encoder)), bytes_(std::size_t(width) * std::size_t(height) * 4) {}
    Status write(int, const std::vector<std::uint8_t>& rgba) override {
        if (rgba.size() != bytes_) return makeError(encoder_->path().string() + ": frame of the wrong size");
        return encoder_->addFrame(rgba.data());
    }
    Status finish() override { return encoder_->finish(); }

private:
    std::unique_ptr<VideoEncoder> encoder_;
    std::size_t bytes_;
};

class PngSequenceSink : public FrameSink {
public:
    PngSequenceSink(std::filesystem::path folder, int width, int height)
        : folder_(std::move(folder)), width_(width), height_(height) {}
    Status write(int number, const std::vector<std::uint8_t>& rgba) override {
        // zlib level 1 (the bulk mode): rendered frames compress about as well and several times
        // faster than at the default level, and the encoder thread keeps up with rendering.
        auto png = encodePng(Image8{width_, height_, 4, rgba}, 1);
        if (!png) return makeError((folder_ / sequenceFrameName(number)).string() + ": " + png.error().message);
        // Atomic: a frame file is whole or absent, even when the recording is stopped mid-write.
        return writeFileAtomic(folder_ / sequenceFrameName(number), *png);
    }
    Status finish() override { return Ok{}; }

private:
    std::filesystem::path folder_;
    int width_, height_;
};

}  // namespace

bool isPngSequenceOut(const std::string& out) {
    if (out.empty()) return false;
    if (out.back() == '/') return true;
    std::error_code ec;
    return std::filesystem::is_directory(out, ec);
}

std::string sequenceFrameName(int number) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "frame_%05d.png", number);
    return buf;
}

Result<std::unique_ptr<FrameSink>> openFrameSink(const std::string& out, const VideoOptions& video) {
    if (isPngSequenceOut(out)) {
        std::error_code ec;
        std::filesystem::create_directories(out, ec);
        if (ec) return makeError(out + ": cannot create the folder (" + ec.message() + ")");
        return std::unique_ptr<FrameSink>(std::make_unique<PngSequenceSink>(out, video.width, video.height));
    }
    auto enc = VideoEncoder::open(out, video);
    if (!enc) return enc.error();
    return std::unique_ptr<FrameSink>(std::make_unique<VideoSink>(std::move(*enc), video.width, video.height));
}

}  // namespace plateau
