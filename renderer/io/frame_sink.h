#pragma once
// Where recorded frames go: an H.264 video (video_encoder.h) or a numbered PNG sequence in a
// folder. The recorder hands frames to a sink on its encoder thread; a sink is used by one
// thread at a time.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "io/video_encoder.h"

namespace plateau {

class FrameSink {
public:
    virtual ~FrameSink() = default;
    // `number`: the frame's 1-based number on the path's clock (frame n shows time (n-1)/fps),
    // so a part recorded with --from is numbered where it belongs. RGBA8, rows top to bottom.
    virtual Status write(int number, const std::vector<std::uint8_t>& rgba) = 0;
    // Completes the output (the video's index); frames written so far stay usable.
    virtual Status finish() = 0;
};

// True when `out` names a folder for a PNG sequence: an existing folder or a name ending in '/'.
bool isPngSequenceOut(const std::string& out);
// The PNG of frame `number` in a sequence: frame_00001.png, ...
std::string sequenceFrameName(int number);
// A PNG sequence sink (the folder is created) or a video file sink, by isPngSequenceOut. Errors
// are one line naming the file or folder.
Result<std::unique_ptr<FrameSink>> openFrameSink(const std::string& out, const VideoOptions& video);

}  // namespace plateau
