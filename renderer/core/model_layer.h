#pragma once
// A "model" layer of a scene: one glTF model (a deposit body, a shell) placed on the globe. The
// scene file's "model" section (see scene_models.cpp for the fields).
#include <filesystem>
#include <optional>
#include <string>

#include "core/model_placement.h"

namespace plateau {

struct ModelLayerDesc {
    std::filesystem::path path;  // .gltf or .glb, resolved like terrain.path
    ModelPlacement placement;    // lon, lat, elevation or depth, heading, pitch, roll, scale
    std::string label;           // shown next to the body, e.g. "Qulong ore body (schematic)"
    bool operator==(const ModelLayerDesc&) const = default;
};

}  // namespace plateau
