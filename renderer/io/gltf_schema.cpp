#include "io/gltf_schema.h"

#include <cstdint>
#include <initializer_list>
#include <vector>

#include <nlohmann/json.hpp>

namespace plateau::gltf {
namespace {

using nlohmann::json;

enum class Kind { UInt, Number, String, Bool, Any, UIntArray, NumberArray, StringArray, Object, ObjectArray, UIntMap, UIntMapArray };

struct Field;
using Spec = std::vector<Field>;
struct Field {
    const char* key;
    Kind kind;
    const Spec* spec = nullptr;  // for Object and ObjectArray
};

const Spec kTextureInfo{{"index", Kind::UInt}, {"texCoord", Kind::UInt}, {"scale", Kind::Number}, {"strength", Kind::Number}};
const Spec kPbr{{"baseColorFactor", Kind::NumberArray}, {"baseColorTexture", Kind::Object, &kTextureInfo},
                {"metallicFactor", Kind::Number}, {"roughnessFactor", Kind::Number},
                {"metallicRoughnessTexture", Kind::Object, &kTextureInfo}};
const Spec kMaterial{{"pbrMetallicRoughness", Kind::Object, &kPbr}, {"normalTexture", Kind::Object, &kTextureInfo},
                     {"occlusionTexture", Kind::Object, &kTextureInfo}, {"emissiveTexture", Kind::Object, &kTextureInfo},
                     {"emissiveFactor", Kind::NumberArray}, {"alphaMode", Kind::String},
                     {"alphaCutoff", Kind::Number}, {"doubleSided", Kind::Bool}};
const Spec kPrimitive{{"attributes", Kind::UIntMap}, {"indices", Kind::UInt}, {"material", Kind::UInt},
                      {"mode", Kind::UInt}, {"targets", Kind::UIntMapArray}};
const Spec kMesh{{"primitives", Kind::ObjectArray, &kPrimitive}, {"weights", Kind::NumberArray}};
const Spec kNode{{"camera", Kind::UInt}, {"children", Kind::UIntArray}, {"skin", Kind::UInt}, {"matrix", Kind::NumberArray},
                 {"mesh", Kind::UInt}, {"rotation", Kind::NumberArray}, {"scale", Kind::NumberArray},
                 {"translation", Kind::NumberArray}, {"weights", Kind::NumberArray}};
const Spec kScene{{"nodes", Kind::UIntArray}};
const Spec kSparseIndices{{"bufferView", Kind::UInt}, {"byteOffset", Kind::UInt}, {"componentType", Kind::UInt}};
const Spec kSparseValues{{"bufferView", Kind::UInt}, {"byteOffset", Kind::UInt}};
const Spec kSparse{{"count", Kind::UInt}, {"indices", Kind::Object, &kSparseIndices}, {"values", Kind::Object, &kSparseValues}};
const Spec kAccessor{{"bufferView", Kind::UInt}, {"byteOffset", Kind::UInt}, {"componentType", Kind::UInt},
                     {"normalized", Kind::Bool}, {"count", Kind::UInt}, {"type", Kind::String},
                     {"max", Kind::NumberArray}, {"min", Kind::NumberArray}, {"sparse", Kind::Object, &kSparse}};
const Spec kBuffer{{"uri", Kind::String}, {"byteLength", Kind::UInt}};
const Spec kBufferView{{"buffer", Kind::UInt}, {"byteOffset", Kind::UInt}, {"byteLength", Kind::UInt},
                       {"byteStride", Kind::UInt}, {"target", Kind::UInt}};
const Spec kImage{{"uri", Kind::String}, {"mimeType", Kind::String}, {"bufferView", Kind::UInt}};
const Spec kTexture{{"sampler", Kind::UInt}, {"source", Kind::UInt}};
const Spec kSampler{{"magFilter", Kind::UInt}, {"minFilter", Kind::UInt}, {"wrapS", Kind::UInt}, {"wrapT", Kind::UInt}};
const Spec kSkin{{"inverseBindMatrices", Kind::UInt}, {"skeleton", Kind::UInt}, {"joints", Kind::UIntArray}};
const Spec kTarget{{"node", Kind::UInt}, {"path", Kind::String}};
const Spec kChannel{{"sampler", Kind::UInt}, {"target", Kind::Object, &kTarget}};
const Spec kAnimSampler{{"input", Kind::UInt}, {"output", Kind::UInt}, {"interpolation", Kind::String}};
const Spec kAnimation{{"channels", Kind::ObjectArray, &kChannel}, {"samplers", Kind::ObjectArray, &kAnimSampler}};
const Spec kPerspective{{"aspectRatio", Kind::Number}, {"yfov", Kind::Number}, {"zfar", Kind::Number}, {"znear", Kind::Number}};
const Spec kOrthographic{{"xmag", Kind::Number}, {"ymag", Kind::Number}, {"zfar", Kind::Number}, {"znear", Kind::Number}};
const Spec kCamera{{"type", Kind::String}, {"perspective", Kind::Object, &kPerspective},
                   {"orthographic", Kind::Object, &kOrthographic}};
const Spec kAsset{{"version", Kind::String}, {"minVersion", Kind::String}, {"generator", Kind::String},
                  {"copyright", Kind::String}};
const Spec kRoot{{"asset", Kind::Object, &kAsset}, {"scene", Kind::UInt},
                 {"scenes", Kind::ObjectArray, &kScene}, {"nodes", Kind::ObjectArray, &kNode},
                 {"meshes", Kind::ObjectArray, &kMesh}, {"materials", Kind::ObjectArray, &kMaterial},
                 {"accessors", Kind::ObjectArray, &kAccessor}, {"buffers", Kind::ObjectArray, &kBuffer},
                 {"bufferViews", Kind::ObjectArray, &kBufferView}, {"images", Kind::ObjectArray, &kImage},
                 {"textures", Kind::ObjectArray, &kTexture}, {"samplers", Kind::ObjectArray, &kSampler},
                 {"skins", Kind::ObjectArray, &kSkin}, {"animations", Kind::ObjectArray, &kAnimation},
                 {"cameras", Kind::ObjectArray, &kCamera}, {"extensionsUsed", Kind::StringArray},
                 {"extensionsRequired", Kind::StringArray}};

bool isUInt(const json& v) { return v.is_number_unsigned() || (v.is_number_integer() && v.get<long long>() >= 0); }

const char* describe(Kind k) {
    switch (k) {
        case Kind::UInt: return "a non-negative integer";
        case Kind::Number: return "a number";
        case Kind::String: return "a string";
        case Kind::Bool: return "true or false";
        case Kind::UIntArray: return "an array of non-negative integers";
        case Kind::NumberArray: return "an array of numbers";
        case Kind::StringArray: return "an array of strings";
        case Kind::Object:
        case Kind::UIntMap: return "an object";
        case Kind::ObjectArray:
        case Kind::UIntMapArray: return "an array of objects";
        default: return "valid";
    }
}

bool allOf(const json& v, bool (*ok)(const json&)) {
    if (!v.is_array()) return false;
    for (const auto& x : v)
        if (!ok(x)) return false;
    return true;
}

bool uintMap(const json& v) {
    if (!v.is_object()) return false;
    for (const auto& [key, value] : v.items())
        if (!isUInt(value)) return false;
    return true;
}

std::optional<std::string> checkObject(const json& obj, const Spec& spec, const std::string& path);

std::optional<std::string> checkField(const json& v, const Field& f, const std::string& path) {
    bool ok = true;
    switch (f.kind) {
        case Kind::UInt: ok = isUInt(v); break;
        case Kind::Number: ok = v.is_number(); break;
        case Kind::String: ok = v.is_string(); break;
        case Kind::Bool: ok = v.is_boolean(); break;
        case Kind::Any: break;
        case Kind::UIntArray: ok = allOf(v, isUInt); break;
        case Kind::NumberArray: ok = allOf(v, [](const json& x) { return x.is_number(); }); break;
        case Kind::StringArray: ok = allOf(v, [](const json& x) { return x.is_string(); }); break;
        case Kind::UIntMap: ok = uintMap(v); break;
        case Kind::UIntMapArray: ok = allOf(v, uintMap); break;
        case Kind::Object:
            if (!v.is_object()) ok = false;
            else return checkObject(v, *f.spec, path);
            break;
        case Kind::ObjectArray:
            if (!v.is_array()) ok = false;
            else
                for (std::size_t i = 0; i < v.size(); ++i) {
                    const std::string item = path + "[" + std::to_string(i) + "]";
                    if (!v[i].is_object()) return item + " must be an object";
                    if (auto p = checkObject(v[i], *f.spec, item)) return p;
                }
            break;
    }
    if (!ok) return path + " must be " + describe(f.kind);
    return std::nullopt;
}

std::optional<std::string> checkObject(const json& obj, const Spec& spec, const std::string& path) {
    const std::string prefix = path.empty() ? "" : path + ".";
    // Rules for every glTF object: a name is a string, every extension an object.
    if (auto it = obj.find("name"); it != obj.end() && !it->is_string()) return prefix + "name must be a string";
    if (auto it = obj.find("extensions"); it != obj.end()) {
        if (!it->is_object()) return prefix + "extensions must be an object";
        for (const auto& [key, value] : it->items())
            if (!value.is_object()) return prefix + "extensions." + key + " must be an object";
    }
    for (const auto& f : spec)
        if (auto it = obj.find(f.key); it != obj.end())
            if (auto p = checkField(*it, f, prefix + f.key)) return p;
    return std::nullopt;
}

// tinygltf 2.7.0 hands an image's buffer view to the image decoder without checking that the view
// lies inside its buffer (tiny_gltf.h, LoadFromString: "Load image from the buffer view"), so a
// crafted view would make the decoder read past the buffer. A loaded buffer always holds exactly
// its declared byteLength (tinygltf checks that for GLB chunks, data URIs and files), so the
// declared numbers are enough to check here, before tinygltf runs.
std::optional<std::string> imageViewProblem(const json& doc) {
    const auto images = doc.find("images");
    if (images == doc.end()) return std::nullopt;
    const json empty = json::array();
    const json& views = doc.contains("bufferViews") ? doc["bufferViews"] : empty;
    const json& buffers = doc.contains("buffers") ? doc["buffers"] : empty;
    for (std::size_t i = 0; i < images->size(); ++i) {
        const json& image = (*images)[i];
        if (!image.contains("bufferView")) continue;
        const std::string what = "images[" + std::to_string(i) + "]";
        const auto v = image["bufferView"].get<std::uint64_t>();
        if (v >= views.size()) return what + ".bufferView " + std::to_string(v) + " does not exist";
        const json& view = views[v];
        const std::uint64_t b = view.value("buffer", std::uint64_t{0}), offset = view.value("byteOffset", std::uint64_t{0}),
                            length = view.value("byteLength", std::uint64_t{0});
        if (!view.contains("buffer") || b >= buffers.size())
            return "bufferViews[" + std::to_string(v) + "].buffer does not exist";
        const std::uint64_t size = buffers[b].value("byteLength", std::uint64_t{0});
        if (length == 0 || offset > size || length > size - offset)
            return what + ": buffer view " + std::to_string(v) + " (" + std::to_string(offset) + "+" +
                   std::to_string(length) + ") lies outside buffer " + std::to_string(b) + " (" + std::to_string(size) +
                   " bytes)";
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> schemaProblem(const char* text, std::size_t size) {
    const json doc = json::parse(text, text + size, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) return std::string("malformed JSON");
    if (!doc.is_object()) return std::string("the JSON document is not an object");
    if (!doc.contains("asset")) return std::string("no 'asset' (not a glTF 2.0 file)");
    if (auto p = checkObject(doc, kRoot, "")) return p;
    return imageViewProblem(doc);
}

}  // namespace plateau::gltf
