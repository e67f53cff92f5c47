#include "io/camera_path_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/input_limits.h"
#include "io/atomic_file.h"

namespace plateau {

Result<CameraPath> readCameraPathFile(const std::filesystem::path& file) {
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec))
        return makeError(file.string() + ": cannot open path file (" + std::strerror(EISDIR) + ")");
    if (const auto size = std::filesystem::file_size(file, ec); !ec && size > kMaxPathFileBytes)
        return tooLargeError(file.string(), size, kMaxPathFileBytes, "path file");
    std::FILE* f = std::fopen(file.c_str(), "rb");
    if (!f) return makeError(file.string() + ": cannot open path file (" + std::strerror(errno) + ")");
    std::string text;
    char buf[8192];
    std::size_t n = 0;
    // The size was checked, but a pipe has none and a file may grow while it is read.
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0 && text.size() <= kMaxPathFileBytes) text.append(buf, n);
    const bool readError = std::ferror(f) != 0;
    std::fclose(f);
    if (readError) return makeError(file.string() + ": cannot read path file");
    if (text.size() > kMaxPathFileBytes)
        return tooLargeError(file.string(), text.size(), kMaxPathFileBytes, "path file", true);
    return parseCameraPath(text, file.string());
}

Status writeCameraPathFile(const std::filesystem::path& file, const CameraPath& path) {
    return writeFileAtomic(file, writeCameraPath(path));
}

}  // namespace plateau
