#include "io/gltf_safe_fs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <climits>
#include <cstdlib>
#include <cstring>

namespace plateau::gltf {
namespace {

constexpr std::size_t kMaxUriLength = 1024;
constexpr const char* kShellSpecials = ";|&$`<>(){}[]*?!~'\"\\";

// realpath(3) without opening the file; "" when it does not resolve.
std::string resolve(const std::string& path) {
    char buf[PATH_MAX];
    if (::realpath(path.c_str(), buf) == nullptr) return {};
    return buf;
}

bool inside(const std::string& resolved, const std::filesystem::path& root) {
    const std::string prefix = root.string() + "/";
    return resolved.size() > prefix.size() && resolved.compare(0, prefix.size(), prefix) == 0;
}

void refuse(SafeFsContext& ctx, const std::string& uri, const std::string& why) {
    if (ctx.refusal.empty()) ctx.refusal = "uri '" + uri + "' refused: " + why;
}

// The URI part of tinygltf's "<base>/<uri>" candidate, or nullopt for its "./<uri>" candidate.
std::optional<std::string> uriOf(const std::string& joined, const SafeFsContext& ctx) {
    const std::string prefix = ctx.root.string() + "/";
    if (joined.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
    return joined.substr(prefix.size());
}

std::string expandPath(const std::string& joined, void* user) {
    auto& ctx = *static_cast<SafeFsContext*>(user);
    if (ctx.root.empty()) {
        // Loading from memory: the candidate is "<uri>" or "./<uri>".
        std::string uri = joined.rfind("./", 0) == 0 ? joined.substr(2) : joined;
        refuse(ctx, uri, "external files are not allowed here");
        return {};
    }
    const auto uri = uriOf(joined, ctx);
    if (!uri) return {};  // the working-folder candidate: never
    if (auto problem = uriProblem(*uri)) {
        refuse(ctx, *uri, *problem);
        return {};
    }
    return joined;
}

bool fileExists(const std::string& path, void* user) {
    auto& ctx = *static_cast<SafeFsContext*>(user);
    if (path.empty()) return false;
    const std::string real = resolve(path);
    if (real.empty()) return false;  // tinygltf then reports "File not found"
    if (!inside(real, ctx.root)) {
        refuse(ctx, uriOf(path, ctx).value_or(path), "resolves outside the model's folder (symbolic link)");
        return false;
    }
    struct stat st {};
    if (::stat(real.c_str(), &st) != 0) return false;
    if (!S_ISREG(st.st_mode)) {
        refuse(ctx, uriOf(path, ctx).value_or(path), "not a regular file");
        return false;
    }
    return true;
}

bool readWholeFile(std::vector<unsigned char>* out, std::string* err, const std::string& path, void* user) {
    auto& ctx = *static_cast<SafeFsContext*>(user);
    const std::string uri = uriOf(path, ctx).value_or(path);
    const std::string real = resolve(path);
    if (real.empty() || !inside(real, ctx.root)) {
        refuse(ctx, uri, "resolves outside the model's folder");
        if (err) *err = "refused";
        return false;
    }
    // O_NOFOLLOW: `real` has no links left, so a link appearing now is an attack. O_NONBLOCK: a
    // FIFO swapped in must not block the open.
    const int fd = ::open(real.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) {
        if (err) *err = std::strerror(errno);
        return false;
    }
    if (ctx.opened) ctx.opened->push_back(real);
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    // The descriptor's own path: what was really opened, whatever happened since realpath.
    char linkBuf[PATH_MAX];
    const std::string fdLink = "/proc/self/fd/" + std::to_string(fd);
    const ssize_t n = ::readlink(fdLink.c_str(), linkBuf, sizeof linkBuf - 1);
    if (n <= 0 || !inside(std::string(linkBuf, static_cast<std::size_t>(n)), ctx.root)) {
        refuse(ctx, uri, "opened file is outside the model's folder");
        if (err) *err = "refused";
        return false;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        refuse(ctx, uri, "not a regular file");
        if (err) *err = "not a regular file";
        return false;
    }
    const auto size = static_cast<std::size_t>(st.st_size);
    if (size > ctx.maxFileBytes) {
        refuse(ctx, uri, "file of " + std::to_string(size) + " bytes exceeds the limit of " +
                             std::to_string(ctx.maxFileBytes));
        if (err) *err = "too large";
        return false;
    }
    out->resize(size);
    std::size_t got = 0;
    while (got < size) {
        const ssize_t r = ::read(fd, out->data() + got, size - got);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;  // shrank meanwhile: treated as a short file below
        got += static_cast<std::size_t>(r);
    }
    out->resize(got);
    return true;
}

bool writeWholeFile(std::string* err, const std::string&, const std::vector<unsigned char>&, void*) {
    if (err) *err = "writing is not allowed while loading";
    return false;
}

}  // namespace

std::optional<std::string> uriProblem(const std::string& uri) {
    if (uri.empty()) return "empty file name";
    if (uri.size() > kMaxUriLength) return "longer than " + std::to_string(kMaxUriLength) + " characters";
    for (const char c : uri) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) return std::string("control character");
        if (std::strchr(kShellSpecials, c) != nullptr) return std::string("shell special character '") + c + "'";
    }
    if (uri.front() == '/') return std::string("absolute path");
    if (const auto colon = uri.find(':'); colon != std::string::npos) {
        std::size_t i = 0;
        while (i < colon && (std::isalnum(static_cast<unsigned char>(uri[i])) || uri[i] == '+' || uri[i] == '-' || uri[i] == '.')) ++i;
        if (i == colon && colon > 0 && std::isalpha(static_cast<unsigned char>(uri[0])))
            return "URL scheme '" + uri.substr(0, colon + 1) + "' (only files beside the model are read)";
        return std::string("':' in a file name");
    }
    std::size_t start = 0;
    while (start <= uri.size()) {
        const std::size_t end = std::min(uri.find('/', start), uri.size());
        const std::string part = uri.substr(start, end - start);
        if (part == "..") return std::string("'..' component (outside the model's folder)");
        if (part.empty()) return std::string("empty path component");
        start = end + 1;
    }
    return std::nullopt;
}

tinygltf::FsCallbacks safeFsCallbacks(SafeFsContext& context) {
    tinygltf::FsCallbacks fs{};
    fs.FileExists = &fileExists;
    fs.ExpandFilePath = &expandPath;
    fs.ReadWholeFile = &readWholeFile;
    fs.WriteWholeFile = &writeWholeFile;
    fs.user_data = &context;
    return fs;
}

}  // namespace plateau::gltf
