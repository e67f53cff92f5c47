#include "io/scene_file.h"

#include <string>
#include <system_error>

#include "core/input_limits.h"
#include "core/scene_writer.h"
#include "io/atomic_file.h"

namespace plateau {

namespace {

// The reason part of an io/atomic_file error ("<path>: <reason>"): the path there may be the
// temporary file, which the user never named.
std::string reasonOf(const std::string& message) {
    const auto at = message.rfind(": ");
    return at == std::string::npos ? message : message.substr(at + 2);
}

}  // namespace

Status saveScene(const Scene& scene, const std::filesystem::path& target) {
    auto fail = [&](const std::string& why) { return makeError(target.string() + ": cannot save scene (" + why + ")"); };
    if (target.empty() || !target.has_filename()) return fail("no file name");
    std::error_code ec;
    const std::filesystem::path cwd = std::filesystem::current_path(ec);
    if (ec) return fail("the current folder is unknown: " + ec.message());
    // Both the scene's paths and the target absolute, so the writer can relate them.
    const std::filesystem::path absTarget = (cwd / target).lexically_normal();
    const std::filesystem::path folder = absTarget.parent_path();
    if (!std::filesystem::is_directory(folder, ec)) return fail("folder " + folder.string() + " does not exist");
    if (std::filesystem::is_directory(absTarget, ec)) return fail("it is a folder");
    Scene copy = scene;
    forEachScenePath(copy, [&](std::filesystem::path& p) {
        if (p.is_relative()) p = (cwd / p).lexically_normal();
    });
    const std::string text = writeScene(copy, absTarget);
    // What cannot be read back is not written: a save must never leave a file that fails to open
    // (a camera the panel let past a limit the reader enforces, say).
    if (const Result<Scene> back = parseScene(text, absTarget); !back)
        return fail("it would not open again: " + back.error().message);
    const Status written = writeFileAtomic(absTarget, text);
    if (!written) return fail(reasonOf(written.error().message));
    return Ok{};
}

Result<Scene> openSceneFile(const std::filesystem::path& path) {
    Result<std::vector<std::uint8_t>> bytes = readFileBytes(path, kMaxSceneFileBytes, "scene file");
    if (!bytes) return bytes.error();
    return parseScene(std::string(bytes->begin(), bytes->end()), path);
}

}  // namespace plateau
