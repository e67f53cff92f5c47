#pragma once
// Scene -> scene file text: the inverse of parseScene (core/scene.h), so saving keeps the whole
// state: terrain source, camera, level of detail, shading, memory, every layer with its source,
// style, time and type-specific section, the timeline, bookmarks and the underground view.
//
// Exact round trip, tested: parseScene(writeScene(s, f), f) == s for any scene a file can
// describe, and writing that again gives the same bytes. What a file cannot hold is not kept:
// colours are 8 bits a channel ("#rrggbbaa"), a vector style's categories come back in the
// order of their values, and a timeline that is not `present` is not written. Optional members
// (styles, filters, deposit column names) are written where they differ from the reader's
// defaults, so a saved file reads like a hand-written one and nothing is lost by rounding a
// default colour.
//
// Paths: the reader resolves them against the scene file's folder, so they are written for the
// target file (save-as to another folder still opens): "@cache/..." under cacheDirectory(),
// relative to the target's folder when inside it or in a folder beside it ("../data/x.tif"),
// else absolute. Lexical only (no file system access): give the scene's paths and the target in
// the same form, both absolute or both relative to one folder (io/scene_file.h makes them
// absolute).
#include <filesystem>
#include <functional>
#include <string>

#include "core/scene.h"

namespace plateau {

// The whole scene as JSON text (two-space indents, a final newline), with "version" first.
std::string writeScene(const Scene& scene, const std::filesystem::path& target);

// How a path is written into the scene file at `target` (see the header comment).
std::string scenePathText(const std::filesystem::path& path, const std::filesystem::path& target);

// Every file path the scene holds (terrain and its extra rasters, layer sources, trace inputs,
// models, and TileJSON references that are not URLs), for rebasing them all at once.
void forEachScenePath(Scene& scene, const std::function<void(std::filesystem::path&)>& fn);

}  // namespace plateau
