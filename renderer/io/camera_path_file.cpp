#include "io/camera_path_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "io/atomic_file.h"

namespace plateau {

Result<CameraPath> readCameraPathFile(const std::filesystem::path& file) {
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec))
        return makeError(file.string() + ": cannot open path file (" + std::strerror(EISDIR) + ")");
    std::FILE* f = std::fopen(file.c_str(), "rb");
    if (!f) return makeError(file.string() + ": cannot open path file (" + std::strerror(errno) + ")");
    std::string text;
    char buf[8192];
    std::size_t n = 0;
    // Path files are a few kilobytes; anything past 64 MiB is not one (and would only cost memory).
    constexpr std::size_t kMaxBytes = 64u << 20;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0 && text.size() <= kMaxBytes) text.append(buf, n);
    const bool readError = std::ferror(f) != 0;
    std::fclose(f);
    if (readError) return makeError(file.string() + ": cannot read path file");
    if (text.size() > kMaxBytes) return makeError(file.string() + ": too large for a path file (over 64 MiB)");
    return parseCameraPath(text, file.string());
}

Status writeCameraPathFile(const std::filesystem::path& file, const CameraPath& path) {
    return writeFileAtomic(file, writeCameraPath(path));
}

}  // namespace plateau
