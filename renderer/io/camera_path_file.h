#pragma once
// Path files on disk (the format is core/camera_path.h's parseCameraPath / writeCameraPath).
#include <filesystem>

#include "core/camera_path.h"
#include "core/result.h"

namespace plateau {

// Errors are one line naming the file: "<file>: cannot open path file (No such file or
// directory)", or the parser's "<file>: keyframes[2].camera.height: ...".
Result<CameraPath> readCameraPathFile(const std::filesystem::path& file);

// Replaces the file atomically (io/atomic_file.h): a crash or a full disk mid-save leaves the
// previous file whole.
Status writeCameraPathFile(const std::filesystem::path& file, const CameraPath& path);

}  // namespace plateau
