#include "orebody/orebody_glb.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include <nlohmann/json.hpp>

#include "io/atomic_file.h"

namespace plateau::orebody {
namespace {

using nlohmann::json;

constexpr int kArrayBuffer = 34962, kElementArrayBuffer = 34963;
constexpr int kFloat = 5126, kUnsignedShort = 5123, kUnsignedInt = 5125;

const char* kMethod =
    "schematic porphyry Cu shells: solid of revolution r(t) = R (0.75 + 0.25 t) (1 - |2t-1|^4)^(1/4), height 3R, "
    "outer volume = tonnage / density (divergence theorem); inner shells hold 50 % and 20 % of the tonnage, "
    "scaled about 60 % of the height, grade g f^-0.35";

void pad4(std::vector<std::uint8_t>& bin, std::uint8_t fill) {
    while (bin.size() % 4 != 0) bin.push_back(fill);
}

template <class T>
std::size_t append(std::vector<std::uint8_t>& bin, const T* data, std::size_t count) {
    pad4(bin, 0);
    const std::size_t offset = bin.size();
    bin.resize(offset + count * sizeof(T));
    std::memcpy(bin.data() + offset, data, count * sizeof(T));
    return offset;
}

void put32(std::vector<std::uint8_t>& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

// Numbers for labels: grades to 3 significant digits, tonnages and densities as given.
std::string percent(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3g", v);
    return buf;
}

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

}  // namespace

glm::vec3 gradeColour(double g) {
    const glm::vec3 low(0.95f, 0.85f, 0.35f), mid(0.90f, 0.45f, 0.12f), high(0.65f, 0.06f, 0.04f);
    const double t = std::clamp((std::log10(std::max(g, 1e-3)) - std::log10(0.1)) / (std::log10(2.0) - std::log10(0.1)), 0.0, 1.0);
    const double tm = (std::log10(0.5) - std::log10(0.1)) / (std::log10(2.0) - std::log10(0.1));
    if (t < tm) return glm::mix(low, mid, static_cast<float>(t / tm));
    return glm::mix(mid, high, static_cast<float>((t - tm) / (1.0 - tm)));
}

float shellOpacity(std::size_t k) { return std::min(0.8f, 0.25f + 0.2f * static_cast<float>(k)); }

Result<std::vector<std::uint8_t>> orebodyGlb(const OrebodySpec& spec) {
    if (spec.name.empty()) return makeError("the ore body needs a name");
    auto shells = buildOreShells(spec.params);
    if (!shells) return shells.error();
    const auto& p = spec.params;

    std::vector<std::uint8_t> bin;
    json accessors = json::array(), views = json::array(), meshes = json::array(), materials = json::array(),
         nodes = json::array(), sceneNodes = json::array();
    auto addView = [&](std::size_t offset, std::size_t length, int target) {
        views.push_back({{"buffer", 0}, {"byteOffset", offset}, {"byteLength", length}, {"target", target}});
        return views.size() - 1;
    };
    for (std::size_t k = 0; k < shells->size(); ++k) {
        const OreShell& s = (*shells)[k];
        std::vector<float> pos, nrm;
        glm::vec3 lo(1e30f), hi(-1e30f);
        for (const auto& v : s.vertices) {
            pos.insert(pos.end(), {v.position.x, v.position.y, v.position.z});
            nrm.insert(nrm.end(), {v.normal.x, v.normal.y, v.normal.z});
            lo = glm::min(lo, v.position);
            hi = glm::max(hi, v.position);
        }
        const std::size_t n = s.vertices.size();
        const std::size_t posView = addView(append(bin, pos.data(), pos.size()), pos.size() * 4, kArrayBuffer);
        const std::size_t nrmView = addView(append(bin, nrm.data(), nrm.size()), nrm.size() * 4, kArrayBuffer);
        std::size_t idxView;
        int idxType;
        if (n <= 65535) {  // 16-bit indices keep the files small
            std::vector<std::uint16_t> idx(s.indices.begin(), s.indices.end());
            idxView = addView(append(bin, idx.data(), idx.size()), idx.size() * 2, kElementArrayBuffer);
            idxType = kUnsignedShort;
        } else {
            idxView = addView(append(bin, s.indices.data(), s.indices.size()), s.indices.size() * 4, kElementArrayBuffer);
            idxType = kUnsignedInt;
        }
        const std::size_t a = accessors.size();
        accessors.push_back({{"bufferView", posView}, {"componentType", kFloat}, {"count", n}, {"type", "VEC3"},
                             {"min", {lo.x, lo.y, lo.z}}, {"max", {hi.x, hi.y, hi.z}}});
        accessors.push_back({{"bufferView", nrmView}, {"componentType", kFloat}, {"count", n}, {"type", "VEC3"}});
        accessors.push_back({{"bufferView", idxView}, {"componentType", idxType}, {"count", s.indices.size()}, {"type", "SCALAR"}});
        const glm::vec3 c = gradeColour(s.gradePercent);
        const std::string label = spec.name + " " + percent(s.tonnageFraction * 100.0) + " % of tonnage, " +
                                  percent(s.gradePercent) + " % " + spec.metal;
        materials.push_back({{"name", label},
                             {"pbrMetallicRoughness",
                              {{"baseColorFactor", {c.r, c.g, c.b, shellOpacity(k)}}, {"metallicFactor", 0.0}, {"roughnessFactor", 0.7}}},
                             {"alphaMode", "BLEND"}});
        meshes.push_back({{"name", label},
                          {"primitives", {{{"attributes", {{"POSITION", a}, {"NORMAL", a + 1}}}, {"indices", a + 2}, {"material", k}}}}});
        nodes.push_back({{"name", label}, {"mesh", k},
                         {"extras", {{"tonnage_fraction", s.tonnageFraction}, {"grade", s.gradePercent}, {"volume_m3", s.volumeM3}}}});
        sceneNodes.push_back(k);
    }
    pad4(bin, 0);
    const std::string description = "Schematic ore body of " + spec.name + ": " + number(p.tonnageMt) + " Mt at " +
                                    percent(p.gradePercent) + " % " + spec.metal + " (density " + number(p.density) +
                                    " t/m3). Illustrative shape and grade shells, not a surveyed outline.";
    json doc = {{"asset",
                 {{"version", "2.0"},
                  {"generator", "plateau-orebody"},
                  {"extras",
                   {{"schematic", true}, {"name", spec.name}, {"metal", spec.metal}, {"tonnage_mt", p.tonnageMt},
                    {"grade", p.gradePercent}, {"density", p.density}, {"method", kMethod}, {"description", description}}}}},
                {"scene", 0},
                {"scenes", {{{"name", spec.name}, {"nodes", sceneNodes}}}},
                {"nodes", nodes},
                {"meshes", meshes},
                {"materials", materials},
                {"accessors", accessors},
                {"bufferViews", views},
                {"buffers", {{{"byteLength", bin.size()}}}}};
    std::string text = doc.dump();
    while (text.size() % 4 != 0) text.push_back(' ');  // JSON chunk padded with spaces (GLB 4.4.3.1)

    std::vector<std::uint8_t> out;
    const std::size_t total = 12 + 8 + text.size() + 8 + bin.size();
    out.reserve(total);
    out.insert(out.end(), {'g', 'l', 'T', 'F'});
    put32(out, 2);
    put32(out, static_cast<std::uint32_t>(total));
    put32(out, static_cast<std::uint32_t>(text.size()));
    out.insert(out.end(), {'J', 'S', 'O', 'N'});
    out.insert(out.end(), text.begin(), text.end());
    put32(out, static_cast<std::uint32_t>(bin.size()));
    out.insert(out.end(), {'B', 'I', 'N', 0});
    out.insert(out.end(), bin.begin(), bin.end());
    return out;
}

Status writeOrebodyGlb(const OrebodySpec& spec, const std::filesystem::path& path) {
    auto bytes = orebodyGlb(spec);
    if (!bytes) return makeError(path.string() + ": " + bytes.error().message);
    return writeFileAtomic(path, *bytes);
}

}  // namespace plateau::orebody
