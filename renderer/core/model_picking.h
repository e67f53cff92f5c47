#pragma once
// Which body is under a screen position: the camera's ray through the pixel against the models'
// triangles on the CPU, in each model's own space (the ray is taken there by the inverse of its
// placement, so exaggeration, rotation and scale need no special cases). Exact to the triangle,
// independent of what the last frame drew, and cheap for bodies of a few thousand triangles
// behind a bounding-box test; no id buffer to read back.
#include <optional>
#include <string>
#include <vector>

#include "core/camera.h"
#include "core/model_data.h"

namespace plateau {

// One placed model as the picker sees it (the same data and matrix the model pass draws).
struct PickableModel {
    const ModelData* data = nullptr;
    glm::dmat4 modelToEcef{1.0};
    std::size_t id = 0;  // the caller's handle, returned in the hit
};

struct ModelHit {
    std::size_t id = 0;         // PickableModel::id
    std::size_t primitive = 0;  // index into ModelData::primitives
    std::string node;           // the primitive's node name
    glm::dvec3 ecef{0.0};       // the hit point (drawn, exaggerated)
    double distance_m = 0;      // from the ray's origin
};

// Nearest hit of the ray (origin, unit direction, ECEF) with any model's triangles, both sides.
std::optional<ModelHit> pickModel(const glm::dvec3& origin, const glm::dvec3& dir,
                                  const std::vector<PickableModel>& models);
// The same for the ray through pixel (x, y) of `cam`.
std::optional<ModelHit> pickModelAt(const Camera& cam, double x, double y, const std::vector<PickableModel>& models);

}  // namespace plateau
