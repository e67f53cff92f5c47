// External URIs resolve only inside the model's folder, and hostile sizes and structures are
// refused. Each refusal is checked against a file that really exists where the URI points, so a
// test passes only because of the policy, never because the file was missing; and the reader's
// record of opened files proves nothing outside the folder was opened.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "io/gltf_reader.h"
#include "io/gltf_safe_fs.h"
#include "io_test_helpers.h"

using namespace plateau;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// One triangle in the XY plane, counter-clockwise seen from +Z: 36 bytes of positions.
std::vector<std::uint8_t> triangleBytes() {
    const float p[9] = {0, 0, 0, 1, 0, 0, 0, 1, 0};
    std::vector<std::uint8_t> b(sizeof p);
    std::memcpy(b.data(), p, sizeof p);
    return b;
}

json triangleModel(const std::string& uri) {
    return json{{"asset", {{"version", "2.0"}}},
                {"scene", 0},
                {"scenes", {{{"nodes", {0}}}}},
                {"nodes", {{{"mesh", 0}}}},
                {"meshes", {{{"primitives", {{{"attributes", {{"POSITION", 0}}}}}}}}},
                {"accessors", {{{"bufferView", 0}, {"componentType", 5126}, {"count", 3}, {"type", "VEC3"}}}},
                {"bufferViews", {{{"buffer", 0}, {"byteLength", 36}}}},
                {"buffers", {{{"byteLength", 36}, {"uri", uri}}}}};
}

void writeFile(const fs::path& p, const std::vector<std::uint8_t>& bytes) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

void writeText(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}

struct Sandbox {
    test::TempDir tmp{"gltf-safety"};
    fs::path folder = fs::canonical(tmp.path()) / "model";
    fs::path outside = fs::canonical(tmp.path()) / "outside";
    fs::path secret = outside / "secret.bin";
    Sandbox() {
        fs::create_directories(folder);
        writeFile(secret, triangleBytes());  // a perfectly loadable buffer, outside the folder
    }
    // Loads a model whose buffer URI is `uri`; fails the test if any file outside the folder was
    // opened, whatever the outcome.
    Result<ModelData> load(const std::string& uri, const std::string& name = "m.gltf") {
        const fs::path file = folder / name;
        writeText(file, triangleModel(uri).dump());
        std::vector<fs::path> opened;
        GltfLoadOptions options;
        options.openedFiles = &opened;
        auto result = loadGltf(file, options);
        for (const auto& p : opened) {
            INFO(p);
            CHECK(p.string().rfind(folder.string() + "/", 0) == 0);
            CHECK(p != secret);
        }
        return result;
    }
};

void requireRefused(const Result<ModelData>& r, const std::string& fragment) {
    REQUIRE_FALSE(r.ok());
    INFO(r.error().message);
    CHECK(r.error().message.find('\n') == std::string::npos);
    CHECK(r.error().message.find(fragment) != std::string::npos);
}

}  // namespace

TEST_CASE("glTF URI policy: plain relative names only", "[gltf][gltf-safety]") {
    using gltf::uriProblem;
    CHECK_FALSE(uriProblem("tri.bin"));
    CHECK_FALSE(uriProblem("sub/dir/tri 1.bin"));
    CHECK_FALSE(uriProblem("Box_0.png"));
    CHECK(uriProblem("/etc/passwd"));
    CHECK(uriProblem("../x.bin"));
    CHECK(uriProblem("a/../../x.bin"));
    CHECK_FALSE(uriProblem("./x.bin"));  // stays inside
    CHECK(uriProblem("a//x.bin"));
    CHECK(uriProblem("a;rm -rf ~.bin"));
    CHECK(uriProblem("$(x).bin"));
    CHECK(uriProblem("`x`.bin"));
    CHECK(uriProblem("x|y.bin"));
    CHECK(uriProblem("x\ny.bin"));
    CHECK(uriProblem("C:\\x.bin"));
    CHECK(uriProblem("C:/x.bin"));
    CHECK(uriProblem("http://example.com/x.bin")->find("URL scheme 'http:'") != std::string::npos);
    CHECK(uriProblem("file:///etc/passwd")->find("URL scheme 'file:'") != std::string::npos);
    CHECK(uriProblem(""));
    CHECK(uriProblem(std::string(2000, 'a')));
    // The length limit exactly: 1024 characters pass, 1025 do not.
    CHECK_FALSE(uriProblem(std::string(1024, 'a')));
    CHECK(uriProblem(std::string(1025, 'a')) == std::optional<std::string>("longer than 1024 characters"));
}

TEST_CASE("glTF external buffers load from inside the model's folder", "[gltf][gltf-safety]") {
    Sandbox s;
    writeFile(s.folder / "tri.bin", triangleBytes());
    writeFile(s.folder / "sub" / "tri.bin", triangleBytes());
    auto a = s.load("tri.bin");
    if (!a) FAIL(a.error().message);
    CHECK(a->triangleCount() == 1);
    auto b = s.load("sub/tri.bin");
    if (!b) FAIL(b.error().message);
    auto c = s.load("%74ri.bin");  // percent-encoded "tri.bin"
    if (!c) FAIL(c.error().message);
    auto dot = s.load("./sub/tri.bin");
    if (!dot) FAIL(dot.error().message);
    // A link that stays inside the folder is fine.
    fs::create_symlink("tri.bin", s.folder / "alias.bin");
    auto d = s.load("alias.bin");
    if (!d) FAIL(d.error().message);
}

TEST_CASE("glTF hostile URIs are refused and nothing outside the folder is opened", "[gltf][gltf-safety]") {
    Sandbox s;
    // Files that exist at the hostile names inside the folder, so only the policy can refuse them.
    writeFile(s.folder / "a;rm -rf ~.bin", triangleBytes());
    writeFile(s.folder / "$(x).bin", triangleBytes());
    requireRefused(s.load(s.secret.string()), "absolute path");
    requireRefused(s.load("../outside/secret.bin"), "'..'");
    requireRefused(s.load("%2e%2e/outside/secret.bin"), "'..'");
    requireRefused(s.load("sub/../../outside/secret.bin"), "'..'");
    requireRefused(s.load("a;rm -rf ~.bin"), "shell special character");
    requireRefused(s.load("$(x).bin"), "shell special character '$'");
    requireRefused(s.load("http://127.0.0.1:9/secret.bin"), "URL scheme 'http:'");
    requireRefused(s.load("file://" + s.secret.string()), "URL scheme 'file:'");
    // Symbolic links out of the folder: to the file, and through a linked directory.
    fs::create_symlink(s.secret, s.folder / "link.bin");
    requireRefused(s.load("link.bin"), "outside the model's folder");
    fs::create_directory_symlink(s.outside, s.folder / "linkdir");
    requireRefused(s.load("linkdir/secret.bin"), "outside the model's folder");
}

TEST_CASE("glTF never looks in the working folder and never blocks on a FIFO", "[gltf][gltf-safety]") {
    Sandbox s;
    // tinygltf's own fallback tries "./<uri>": put the buffer there and nowhere else.
    writeFile(s.outside / "cwd_only.bin", triangleBytes());
    const fs::path previous = fs::current_path();
    fs::current_path(s.outside);
    auto r = s.load("cwd_only.bin");
    fs::current_path(previous);
    requireRefused(r, "cwd_only.bin");
    // A FIFO would block a plain open() for ever.
    REQUIRE(::mkfifo((s.folder / "fifo.bin").c_str(), 0600) == 0);
    requireRefused(s.load("fifo.bin"), "not a regular file");
}

TEST_CASE("glTF from memory refuses every external file", "[gltf][gltf-safety]") {
    const std::string text = triangleModel("tri.bin").dump();
    auto r = loadGltfFromMemory(reinterpret_cast<const std::uint8_t*>(text.data()), text.size(), "mem.gltf");
    requireRefused(r, "external files are not allowed");
    CHECK(r.error().message.rfind("mem.gltf: ", 0) == 0);
}
