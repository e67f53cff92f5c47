#pragma once
// Internal to the scene writer (scene_writer.cpp, scene_writer_layers.cpp): JSON values in the
// forms the reader takes back exactly.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "core/scene.h"

namespace plateau::writer_detail {

// Insertion order kept, so a saved file lists its members in the order scene.cpp documents.
using ojson = nlohmann::ordered_json;

// "#rrggbb" when opaque, else "#rrggbbaa".
std::string colourText(const Colour& c);
// A whole year as text ("2021", as people write them), any other date as its decimal year.
ojson dateJson(double year);
// A float (style widths and sizes) as the shortest decimal that reads back as the same float:
// 0.1f is written 0.1, not 0.10000000149011612.
ojson floatJson(float v);
// [west, south, east, north].
ojson boundsJson(const LonLatBounds& b);
// {lon, lat, height, heading, pitch} and fov when it is not the default (scene cameras,
// bookmarks, path keyframes, tour stops).
ojson cameraJson(const CameraPose& c);
// The underground view (the scene's "underground", a tour stop's).
ojson undergroundJson(const UndergroundView& u);
// Whole numbers as integers ("16000", not "16000.0"): the same value to the reader, and the
// file reads like a hand-written one. Exact up to 2^53.
void wholeNumbersAsIntegers(ojson& j);

// One layer of scene.layers as the reader takes it back.
ojson layerJson(const LayerDesc& layer, const Scene& scene, const std::filesystem::path& target);

}  // namespace plateau::writer_detail
