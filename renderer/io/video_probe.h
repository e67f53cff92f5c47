#pragma once
// Reads a video file back with libavformat/libavcodec: its size, codec, pixel format and every
// frame decoded (to count them, and to compare pictures). Tests check recordings with it, and it
// is what any player built on FFmpeg would see.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"

namespace plateau {

struct VideoProbe {
    int width = 0;
    int height = 0;
    std::string codec;        // e.g. "h264"
    std::string pixelFormat;  // e.g. "yuv420p"
    double fps = 0;           // the stream's average frame rate
    int frames = 0;           // frames decoded
    // The frames asked for (keepFrames), decoded to RGBA8 rows top to bottom, in order.
    std::vector<std::vector<std::uint8_t>> rgba;
};

// Decodes the whole file. `keepFrames`: how many of the first frames to keep as RGBA.
// Errors name the file: missing, not a video, or a stream that fails to decode.
Result<VideoProbe> probeVideo(const std::filesystem::path& path, int keepFrames = 0);

}  // namespace plateau
