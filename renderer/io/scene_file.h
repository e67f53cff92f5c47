#pragma once
// Opening and saving scene files. The format is core/scene.h (reading) and core/scene_writer.h
// (writing); this adds the files: a save is atomic (io/atomic_file.h: a crash or a full disk
// mid-save leaves the previous file as it was), and a failed open or save is one line naming the
// file, after which the caller still has the scene it had.
#include <filesystem>

#include "core/result.h"
#include "core/scene.h"

namespace plateau {

// Writes `scene` to `target` (save, or save as anywhere): paths are rewritten for the target's
// folder (core/scene_writer.h), so the saved scene opens and finds the same files. The scene's
// relative paths are taken as relative to the current folder, as the reader made them. A scene
// the reader would refuse (a value outside its range) is not written. Errors:
// "<target>: cannot save scene (<reason>)".
Status saveScene(const Scene& scene, const std::filesystem::path& target);

// Reads and parses a scene file. Errors: "<path>: file not found", "<path>: is a folder, not a
// file", "<path>: <size> MiB is too large for a scene file", or the parser's one line
// ("<path>: camera.height: expected a number", "<path>: written by a newer plateau (...)").
Result<Scene> openSceneFile(const std::filesystem::path& path);

}  // namespace plateau
