#pragma once
// tinygltf's parsed model to ModelData: scene traversal, primitives, materials, textures (already
// decoded to RGBA8 by the reader's image callback). Errors are the problem only; the reader adds
// the file name.
#include <tiny_gltf.h>

#include "core/model_data.h"
#include "core/result.h"
#include "io/gltf_reader.h"

namespace plateau::gltf {

Result<ModelData> convertModel(const tinygltf::Model& model, const GltfLimits& limits);

}  // namespace plateau::gltf
