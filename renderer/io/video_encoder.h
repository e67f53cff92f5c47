#pragma once
// H.264 video in an MP4 file from RGBA frames, with FFmpeg's libraries (libavcodec with libx264,
// libavformat, libswscale from Debian).
//
// In-process libav rather than a pipe to the ffmpeg program: errors come back as values at the
// call that failed (an unwritable file, a missing encoder) instead of a child's exit status and
// stderr to parse; no process to start, find on PATH, or leave behind on Ctrl-C; frames are not
// copied through a pipe (at 1080p that is 8 MB a frame); and the flags that make the output
// reproducible (bit-exact muxing and encoding, a fixed thread count) are set in code, where a
// test checks them, rather than on a command line.
//
// Output is yuv420p (what players and projectors expect), so width and height must be even: an
// odd size is refused at open with a one-line error (pad or crop would change the picture the
// user asked for; a PNG sequence takes any size). Two encoders given the same frames and options
// write byte-identical files. The file is written as NAME.part and renamed to NAME by finish(),
// so NAME is never a half-written video; a recording stopped early (Ctrl-C) calls finish() and
// gets a playable file of the frames so far.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "core/result.h"

namespace plateau {

struct VideoOptions {
    int width = 1920;
    int height = 1080;
    int fps = 30;
    int crf = 18;                    // x264 constant rate factor: 0 lossless .. 51 worst; 18 looks lossless
    std::string codec = "libx264";   // an FFmpeg encoder name
    std::string preset = "fast";     // x264 speed/size trade-off
    int threads = 2;                 // fixed, so the output does not depend on the machine's cores
};

class VideoEncoder {
public:
    // Opens `path` (its extension picks the container: .mp4, .mov, .mkv) for writing. Errors name
    // the file: an odd size, an unknown container or codec, a folder that cannot be written.
    static Result<std::unique_ptr<VideoEncoder>> open(const std::filesystem::path& path, const VideoOptions& options);
    ~VideoEncoder();  // without finish(): the partial file is removed
    VideoEncoder(const VideoEncoder&) = delete;
    VideoEncoder& operator=(const VideoEncoder&) = delete;

    // One frame: width * height RGBA8 pixels, rows top to bottom. Shown for 1/fps seconds.
    Status addFrame(const std::uint8_t* rgba);
    // Flushes the encoder, writes the MP4 index and renames the file into place.
    Status finish();
    int frames() const { return frames_; }
    const std::filesystem::path& path() const { return path_; }

private:
    struct State;
    VideoEncoder(std::filesystem::path path, std::unique_ptr<State> state);
    Status drain(bool flush);
    Error fail(const std::string& what, int averror) const;

    std::filesystem::path path_;
    std::unique_ptr<State> s_;
    int frames_ = 0;
    bool finished_ = false;
};

}  // namespace plateau
