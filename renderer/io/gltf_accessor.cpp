#include "io/gltf_accessor.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <optional>

namespace plateau::gltf {
namespace {

std::string acc(int i) { return "accessor " + std::to_string(i); }

std::size_t componentSize(int type) {
    switch (type) {
        case TINYGLTF_COMPONENT_TYPE_BYTE:
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE: return 1;
        case TINYGLTF_COMPONENT_TYPE_SHORT:
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT: return 2;
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT:
        case TINYGLTF_COMPONENT_TYPE_FLOAT: return 4;
        default: return 0;  // INT and DOUBLE are not allowed in glTF 2.0 vertex data
    }
}

int componentCount(int type) {
    switch (type) {
        case TINYGLTF_TYPE_SCALAR: return 1;
        case TINYGLTF_TYPE_VEC2: return 2;
        case TINYGLTF_TYPE_VEC3: return 3;
        case TINYGLTF_TYPE_VEC4: return 4;
        default: return 0;  // matrices are never vertex attributes we read
    }
}

// A strided run of `count` elements of `elemSize` bytes inside a buffer view, checked.
struct Span {
    const std::uint8_t* base = nullptr;
    std::size_t stride = 0;
};

Result<Span> locate(const tinygltf::Model& model, int viewIndex, std::size_t offset, std::size_t count,
                    std::size_t elemSize, bool allowStride, const std::string& what) {
    if (viewIndex < 0 || static_cast<std::size_t>(viewIndex) >= model.bufferViews.size())
        return makeError(what + ": buffer view " + std::to_string(viewIndex) + " does not exist");
    const auto& view = model.bufferViews[static_cast<std::size_t>(viewIndex)];
    if (view.buffer < 0 || static_cast<std::size_t>(view.buffer) >= model.buffers.size())
        return makeError(what + ": buffer " + std::to_string(view.buffer) + " does not exist");
    const auto& buffer = model.buffers[static_cast<std::size_t>(view.buffer)];
    const std::size_t bufSize = buffer.data.size();
    if (view.byteOffset > bufSize || view.byteLength > bufSize - view.byteOffset)
        return makeError(what + ": buffer view " + std::to_string(viewIndex) + " (" + std::to_string(view.byteOffset) +
                         "+" + std::to_string(view.byteLength) + ") lies outside buffer " + std::to_string(view.buffer) +
                         " (" + std::to_string(bufSize) + " bytes)");
    const std::size_t stride = (allowStride && view.byteStride != 0) ? view.byteStride : elemSize;
    if (stride < elemSize)
        return makeError(what + ": byte stride " + std::to_string(stride) + " is smaller than an element (" +
                         std::to_string(elemSize) + " bytes)");
    if (count == 0) return Span{buffer.data.data() + view.byteOffset, stride};
    // Last byte needed: offset + stride * (count - 1) + elemSize, computed without overflow.
    const std::size_t limit = view.byteLength;
    if (offset > limit || count - 1 > (limit - offset) / stride ||
        stride * (count - 1) + elemSize > limit - offset)
        return makeError(what + ": " + std::to_string(count) + " elements from byte " + std::to_string(offset) +
                         " do not fit buffer view " + std::to_string(viewIndex) + " (" + std::to_string(limit) +
                         " bytes)");
    return Span{buffer.data.data() + view.byteOffset + offset, stride};
}

double readComponent(const std::uint8_t* p, int type, bool normalized) {
    switch (type) {
        case TINYGLTF_COMPONENT_TYPE_FLOAT: {
            float f;
            std::memcpy(&f, p, 4);
            return f;
        }
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE: return normalized ? p[0] / 255.0 : p[0];
        case TINYGLTF_COMPONENT_TYPE_BYTE: {
            const auto v = static_cast<std::int8_t>(p[0]);
            return normalized ? std::max(v / 127.0, -1.0) : v;
        }
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT: {
            std::uint16_t v;
            std::memcpy(&v, p, 2);
            return normalized ? v / 65535.0 : v;
        }
        case TINYGLTF_COMPONENT_TYPE_SHORT: {
            std::int16_t v;
            std::memcpy(&v, p, 2);
            return normalized ? std::max(v / 32767.0, -1.0) : v;
        }
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT: {
            std::uint32_t v;
            std::memcpy(&v, p, 4);
            return v;
        }
        default: return 0.0;
    }
}

std::uint32_t readIndexValue(const std::uint8_t* p, int type) {
    switch (type) {
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE: return p[0];
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT: {
            std::uint16_t v;
            std::memcpy(&v, p, 2);
            return v;
        }
        default: {
            std::uint32_t v;
            std::memcpy(&v, p, 4);
            return v;
        }
    }
}

const tinygltf::Accessor* find(const tinygltf::Model& model, int index) {
    if (index < 0 || static_cast<std::size_t>(index) >= model.accessors.size()) return nullptr;
    return &model.accessors[static_cast<std::size_t>(index)];
}

// Element values of an accessor (dense part, then sparse substitutions), each converted by
// `convert(value, elementIndex, out)`, which returns an error message or nothing. Values go
// straight into T: no intermediate copy of a large accessor.
template <class T, class Convert>
Result<std::vector<T>> readElements(const tinygltf::Model& model, int index, int components, std::size_t maxCount,
                                    const Convert& convert) {
    const auto* a = find(model, index);
    if (!a) return makeError(acc(index) + " does not exist");
    const std::string what = acc(index);
    const std::size_t csize = componentSize(a->componentType);
    if (csize == 0) return makeError(what + ": unsupported component type " + std::to_string(a->componentType));
    if (componentCount(a->type) != components)
        return makeError(what + ": has " + std::to_string(componentCount(a->type)) + " components, expected " +
                         std::to_string(components));
    if (a->count > maxCount)
        return makeError(what + ": " + std::to_string(a->count) + " elements exceed the limit of " +
                         std::to_string(maxCount));
    const std::size_t comps = static_cast<std::size_t>(components);
    const std::size_t elemSize = csize * comps;
    // Ranges first: nothing is allocated for a count the buffer cannot back.
    Span dense;
    if (a->bufferView >= 0) {
        auto span = locate(model, a->bufferView, a->byteOffset, a->count, elemSize, true, what);
        if (!span) return span.error();
        dense = *span;
    }
    std::vector<T> out(a->count * comps);
    auto store = [&](std::size_t element, std::size_t c, double v) -> Status {
        if (auto problem = convert(v, element, out[element * comps + c])) return makeError(what + ": " + *problem);
        return Ok{};
    };
    if (a->bufferView >= 0) {
        for (std::size_t i = 0; i < a->count; ++i)
            for (std::size_t c = 0; c < comps; ++c)
                if (auto st = store(i, c, readComponent(dense.base + i * dense.stride + c * csize, a->componentType,
                                                        a->normalized));
                    !st)
                    return st.error();
    } else {
        for (std::size_t i = 0; i < a->count; ++i)  // no buffer view: zeros (then sparse)
            for (std::size_t c = 0; c < comps; ++c)
                if (auto st = store(i, c, 0.0); !st) return st.error();
    }
    if (a->sparse.isSparse) {
        const auto& sp = a->sparse;
        if (sp.count <= 0 || static_cast<std::size_t>(sp.count) > a->count)
            return makeError(what + ": sparse count " + std::to_string(sp.count) + " outside 1.." +
                             std::to_string(a->count));
        const auto n = static_cast<std::size_t>(sp.count);
        const int itype = sp.indices.componentType;
        if (itype != TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE && itype != TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT &&
            itype != TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT)
            return makeError(what + ": sparse indices have component type " + std::to_string(itype));
        if (sp.indices.byteOffset < 0 || sp.values.byteOffset < 0)
            return makeError(what + ": negative sparse byte offset");
        auto ispan = locate(model, sp.indices.bufferView, static_cast<std::size_t>(sp.indices.byteOffset), n,
                            componentSize(itype), false, what + " sparse indices");
        if (!ispan) return ispan.error();
        auto vspan = locate(model, sp.values.bufferView, static_cast<std::size_t>(sp.values.byteOffset), n, elemSize,
                            false, what + " sparse values");
        if (!vspan) return vspan.error();
        std::int64_t previous = -1;
        for (std::size_t k = 0; k < n; ++k) {
            const std::uint32_t target = readIndexValue(ispan->base + k * ispan->stride, itype);
            if (target >= a->count || static_cast<std::int64_t>(target) <= previous)
                return makeError(what + ": sparse index " + std::to_string(target) +
                                 " is out of range or not increasing");
            previous = target;
            for (std::size_t c = 0; c < comps; ++c)
                if (auto st = store(target, c,
                                    readComponent(vspan->base + k * vspan->stride + c * csize, a->componentType,
                                                  a->normalized));
                    !st)
                    return st.error();
        }
    }
    return out;
}

}  // namespace

Result<std::vector<float>> readFloats(const tinygltf::Model& model, int accessor, int components,
                                      std::size_t maxCount) {
    return readElements<float>(model, accessor, components, maxCount,
                               [](double v, std::size_t element, float& out) -> std::optional<std::string> {
                                   if (!std::isfinite(v) || std::fabs(v) > static_cast<double>(std::numeric_limits<float>::max()))
                                       return "element " + std::to_string(element) + " is not a finite number";
                                   out = static_cast<float>(v);
                                   return std::nullopt;
                               });
}

Result<std::vector<std::uint32_t>> readIndices(const tinygltf::Model& model, int accessor, std::size_t vertexCount,
                                               std::size_t maxCount) {
    const auto* a = find(model, accessor);
    if (!a) return makeError(acc(accessor) + " (indices) does not exist");
    if (a->componentType != TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE &&
        a->componentType != TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT &&
        a->componentType != TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT)
        return makeError(acc(accessor) + ": indices must be unsigned byte, short or int, not component type " +
                         std::to_string(a->componentType));
    // glTF 3.7.2.1: an index accessor is backed by an ELEMENT_ARRAY_BUFFER view; without one it
    // would be all zeros, a way to ask for memory without sending any data.
    if (a->bufferView < 0) return makeError(acc(accessor) + ": indices without a buffer view");
    return readElements<std::uint32_t>(
        model, accessor, 1, maxCount,
        [vertexCount](double v, std::size_t element, std::uint32_t& out) -> std::optional<std::string> {
            if (!(v >= 0.0) || v >= static_cast<double>(vertexCount))
                return "index " + std::to_string(static_cast<long long>(v)) + " at " + std::to_string(element) +
                       " is not below the vertex count " + std::to_string(vertexCount);
            out = static_cast<std::uint32_t>(v);
            return std::nullopt;
        });
}

}  // namespace plateau::gltf
