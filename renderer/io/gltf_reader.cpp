#include "io/gltf_reader.h"

#include <algorithm>
#include <cstring>
#include <system_error>

#include "core/input_limits.h"
#include "io/atomic_file.h"
#include "io/gltf_convert.h"
#include "io/gltf_safe_fs.h"
#include "io/gltf_schema.h"
#include "io/imagery_decode.h"
#include "io/png_codec.h"

namespace plateau {
namespace {

struct ImageContext {
    int maxDimension = 0;
    std::size_t pixelBudget = 0;  // what is left of GltfLimits::maxTexturePixels
};

// Images to RGBA8 with the project's decoders (libpng, libjpeg-turbo): hardened, and they refuse
// oversized images from the header before allocating pixels.
bool loadImage(tinygltf::Image* image, const int index, std::string* err, std::string*, int, int,
               const unsigned char* bytes, int size, void* user) {
    auto& ctx = *static_cast<ImageContext*>(user);
    const std::string name = "image " + std::to_string(index);
    if (bytes == nullptr || size <= 0) {
        if (err) *err += name + ": empty\n";
        return false;
    }
    const auto n = static_cast<std::size_t>(size);
    Result<Image8> decoded = makeError(name + ": not a PNG or JPEG image");
    static const std::uint8_t kPng[8] = {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
    if (n >= 8 && std::memcmp(bytes, kPng, 8) == 0) decoded = decodePng(bytes, n, name, ctx.maxDimension);
    else if (n >= 3 && bytes[0] == 0xff && bytes[1] == 0xd8 && bytes[2] == 0xff)
        decoded = decodeJpeg(bytes, n, name, ctx.maxDimension);
    if (!decoded) {
        if (err) *err += decoded.error().message + "\n";
        return false;
    }
    const Image8& src = *decoded;
    const auto pixels = static_cast<std::size_t>(src.width) * static_cast<std::size_t>(src.height);
    if (pixels > ctx.pixelBudget) {
        if (err) *err += name + ": the model's images exceed the limit on texture pixels\n";
        return false;
    }
    ctx.pixelBudget -= pixels;
    std::vector<unsigned char> rgba(pixels * 4);
    for (std::size_t i = 0; i < pixels; ++i) {
        const std::uint8_t* p = src.pixels.data() + i * static_cast<std::size_t>(src.channels);
        switch (src.channels) {
            case 1: rgba[4 * i] = rgba[4 * i + 1] = rgba[4 * i + 2] = p[0]; rgba[4 * i + 3] = 255; break;
            case 2: rgba[4 * i] = rgba[4 * i + 1] = rgba[4 * i + 2] = p[0]; rgba[4 * i + 3] = p[1]; break;
            case 3: std::memcpy(&rgba[4 * i], p, 3); rgba[4 * i + 3] = 255; break;
            default: std::memcpy(&rgba[4 * i], p, 4); break;
        }
    }
    image->width = src.width;
    image->height = src.height;
    image->component = 4;
    image->bits = 8;
    image->pixel_type = TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE;
    image->image = std::move(rgba);
    return true;
}

// tinygltf's messages are several lines ("... \n"); ours are one. Its "File not found : x.bin"
// (the folder was searched through our callbacks) says where it looked.
std::string oneLine(std::string s) {
    const std::string notFound = "File not found : ";
    if (s.rfind(notFound, 0) == 0) {
        const std::string file = s.substr(notFound.size(), s.find('\n') - notFound.size());
        return "file '" + file + "' not found in the model's folder";
    }
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
    for (char& c : s)
        if (c == '\n' || c == '\r') c = ';';
    return s.empty() ? "not a valid glTF file" : s;
}

bool isGlb(const std::uint8_t* data, std::size_t size) { return size >= 4 && std::memcmp(data, "glTF", 4) == 0; }

// The JSON chunk of a GLB, after checking the header (tinygltf checks the rest, but says only
// "Invalid glTF binary").
Result<std::pair<const char*, std::size_t>> glbJson(const std::uint8_t* data, std::size_t size) {
    if (size < 20) return makeError("GLB of " + std::to_string(size) + " bytes is shorter than its headers");
    std::uint32_t version, total, len;
    std::memcpy(&version, data + 4, 4);
    std::memcpy(&total, data + 8, 4);
    std::memcpy(&len, data + 12, 4);
    if (version != 2) return makeError("GLB version " + std::to_string(version) + " (only 2 is glTF 2.0)");
    if (total != size) return makeError("GLB header says " + std::to_string(total) + " bytes, the file has " + std::to_string(size));
    if (std::memcmp(data + 16, "JSON", 4) != 0) return makeError("GLB does not start with a JSON chunk");
    if (len == 0) return makeError("GLB JSON chunk is empty");
    if (len > size - 20) return makeError("GLB JSON chunk of " + std::to_string(len) + " bytes runs past the end of the file");
    return std::make_pair(reinterpret_cast<const char*>(data + 20), static_cast<std::size_t>(len));
}

Result<ModelData> loadBytes(const std::uint8_t* data, std::size_t size, const std::string& name,
                            gltf::SafeFsContext& fsContext, const GltfLimits& limits) {
    auto fail = [&](const std::string& problem) { return makeError(name + ": " + problem); };
    if (size == 0) return fail("empty file");
    if (size > limits.maxFileBytes || size > 0xffffffffu)
        return fail("file of " + std::to_string(size) + " bytes exceeds the limit of " +
                    std::to_string(std::min<std::size_t>(limits.maxFileBytes, 0xffffffffu)));
    const bool binary = isGlb(data, size);
    std::pair<const char*, std::size_t> json{reinterpret_cast<const char*>(data), size};
    if (binary) {
        auto chunk = glbJson(data, size);
        if (!chunk) return fail(chunk.error().message);
        json = *chunk;
    }
    // Before tinygltf sees it: it copies extras and extensions recursively, one stack frame a level.
    if (auto deep = jsonTooDeep(std::string_view(json.first, json.second), name)) return *deep;
    if (auto problem = gltf::schemaProblem(json.first, json.second)) return fail(*problem);

    tinygltf::TinyGLTF loader;
    loader.SetFsCallbacks(gltf::safeFsCallbacks(fsContext));
    ImageContext images{limits.maxTextureDimension, limits.maxTexturePixels};
    loader.SetImageLoader(&loadImage, &images);
    tinygltf::Model model;
    std::string err, warn;
    const std::string baseDir = fsContext.root.string();
    const auto length = static_cast<unsigned int>(size);
    bool ok = false;
    try {
        ok = binary ? loader.LoadBinaryFromMemory(&model, &err, &warn, data, length, baseDir)
                    : loader.LoadASCIIFromString(&model, &err, &warn, reinterpret_cast<const char*>(data), length, baseDir);
    } catch (const std::exception& e) {
        // tinygltf's JSON library throws on some wrong types; it never should leave the reader.
        return fail(std::string("malformed glTF (") + e.what() + ")");
    }
    if (!fsContext.refusal.empty()) return fail(fsContext.refusal);
    if (!ok) return fail(oneLine(err));
    auto converted = gltf::convertModel(model, limits);
    if (!converted) return fail(converted.error().message);
    converted->source = name;
    return converted;
}

}  // namespace

Result<ModelData> loadGltf(const std::filesystem::path& file) { return loadGltf(file, GltfLoadOptions{}); }

Result<ModelData> loadGltf(const std::filesystem::path& file, const GltfLoadOptions& options) {
    const std::string name = file.string();
    std::error_code ec;
    const auto folder = std::filesystem::canonical(std::filesystem::absolute(file, ec).parent_path(), ec);
    if (ec) return makeError(name + ": " + ec.message());
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) return makeError(name + (ec == std::errc::no_such_file_or_directory ? ": file not found" : ": " + ec.message()));
    if (size > options.limits.maxFileBytes)
        return makeError(name + ": file of " + std::to_string(size) + " bytes exceeds the limit of " +
                         std::to_string(options.limits.maxFileBytes));
    auto bytes = readFileBytes(file);
    if (!bytes) return bytes.error();
    if (options.openedFiles) options.openedFiles->push_back(std::filesystem::canonical(file, ec));
    gltf::SafeFsContext ctx;
    ctx.root = folder;
    ctx.maxFileBytes = options.limits.maxFileBytes;
    ctx.opened = options.openedFiles;
    return loadBytes(bytes->data(), bytes->size(), name, ctx, options.limits);
}

Result<ModelData> loadGltfFromMemory(const std::uint8_t* data, std::size_t size, const std::string& name,
                                     const GltfLimits& limits) {
    gltf::SafeFsContext ctx;  // no root: every external URI is refused
    ctx.maxFileBytes = 0;
    return loadBytes(data, size, name, ctx, limits);
}

}  // namespace plateau
