#include "core/model_geometry.h"

#include <cmath>

namespace plateau {
namespace {

glm::vec3 anyPerpendicular(const glm::vec3& n) {
    const glm::vec3 axis = std::fabs(n.x) < 0.9f ? glm::vec3(1, 0, 0) : glm::vec3(0, 1, 0);
    return glm::normalize(glm::cross(axis, n));
}

}  // namespace

void generateFlatNormals(std::vector<ModelVertex>& vertices, std::vector<std::uint32_t>& indices) {
    std::vector<ModelVertex> out;
    out.reserve(indices.size());
    for (std::size_t t = 0; t + 2 < indices.size(); t += 3) {
        ModelVertex v[3] = {vertices[indices[t]], vertices[indices[t + 1]], vertices[indices[t + 2]]};
        const glm::vec3 c = glm::cross(v[1].position - v[0].position, v[2].position - v[0].position);
        const float len = glm::length(c);
        const glm::vec3 n = (len > 0.0f && std::isfinite(len)) ? c / len : glm::vec3(0, 1, 0);
        for (auto& x : v) {
            x.normal = n;
            out.push_back(x);
        }
    }
    vertices = std::move(out);
    indices.resize(vertices.size());
    for (std::size_t i = 0; i < indices.size(); ++i) indices[i] = static_cast<std::uint32_t>(i);
}

void generateSmoothNormals(std::vector<ModelVertex>& vertices, const std::vector<std::uint32_t>& indices) {
    std::vector<glm::dvec3> sum(vertices.size(), glm::dvec3(0.0));
    for (std::size_t t = 0; t + 2 < indices.size(); t += 3) {
        const glm::dvec3 a = vertices[indices[t]].position, b = vertices[indices[t + 1]].position,
                         c = vertices[indices[t + 2]].position;
        const glm::dvec3 n = glm::cross(b - a, c - a);  // length = twice the area: area weighting
        for (int k = 0; k < 3; ++k) sum[indices[t + static_cast<std::size_t>(k)]] += n;
    }
    for (std::size_t i = 0; i < vertices.size(); ++i) {
        const double len = glm::length(sum[i]);
        vertices[i].normal = len > 0.0 ? glm::vec3(sum[i] / len) : glm::vec3(0, 1, 0);
    }
}

void generateTangents(std::vector<ModelVertex>& vertices, const std::vector<std::uint32_t>& indices) {
    std::vector<glm::dvec3> tan(vertices.size(), glm::dvec3(0.0)), bit(vertices.size(), glm::dvec3(0.0));
    for (std::size_t t = 0; t + 2 < indices.size(); t += 3) {
        const auto& v0 = vertices[indices[t]];
        const auto& v1 = vertices[indices[t + 1]];
        const auto& v2 = vertices[indices[t + 2]];
        const glm::dvec3 e1 = glm::dvec3(v1.position - v0.position), e2 = glm::dvec3(v2.position - v0.position);
        const glm::dvec2 d1 = glm::dvec2(v1.uv - v0.uv), d2 = glm::dvec2(v2.uv - v0.uv);
        const double det = d1.x * d2.y - d2.x * d1.y;
        if (std::fabs(det) < 1e-20) continue;
        const double r = 1.0 / det;
        const glm::dvec3 sdir = (e1 * d2.y - e2 * d1.y) * r;
        const glm::dvec3 tdir = (e2 * d1.x - e1 * d2.x) * r;
        for (int k = 0; k < 3; ++k) {
            tan[indices[t + static_cast<std::size_t>(k)]] += sdir;
            bit[indices[t + static_cast<std::size_t>(k)]] += tdir;
        }
    }
    for (std::size_t i = 0; i < vertices.size(); ++i) {
        const glm::dvec3 n = glm::dvec3(vertices[i].normal);
        glm::dvec3 tangent = tan[i] - n * glm::dot(n, tan[i]);
        const double len = glm::length(tangent);
        if (!(len > 1e-12) || !std::isfinite(len)) {
            vertices[i].tangent = glm::vec4(anyPerpendicular(vertices[i].normal), 1.0f);
            continue;
        }
        tangent /= len;
        const double w = glm::dot(glm::cross(n, tangent), bit[i]) < 0.0 ? -1.0 : 1.0;
        vertices[i].tangent = glm::vec4(glm::vec3(tangent), static_cast<float>(w));
    }
}

double enclosedVolume(const std::vector<ModelVertex>& vertices, const std::vector<std::uint32_t>& indices) {
    double six = 0.0;
    for (std::size_t t = 0; t + 2 < indices.size(); t += 3) {
        const glm::dvec3 a = vertices[indices[t]].position, b = vertices[indices[t + 1]].position,
                         c = vertices[indices[t + 2]].position;
        six += glm::dot(a, glm::cross(b, c));
    }
    return six / 6.0;
}

}  // namespace plateau
