#include "io/atomic_file.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <limits>
#include <string>

#include "core/input_limits.h"

namespace plateau {
namespace {

std::string sysError(const std::filesystem::path& path, int err) {
    if (err == ENOENT) return path.string() + ": file not found";
    return path.string() + ": " + std::strerror(err);
}

// Retries short writes and EINTR; returns 0 or an errno value.
int writeAll(int fd, const std::uint8_t* data, std::size_t size) {
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR) continue;
            return errno;
        }
        data += n;
        size -= std::size_t(n);
    }
    return 0;
}

Status writeAtomic(const std::filesystem::path& path, const std::uint8_t* data, std::size_t size) {
    // Unique per process and call, so concurrent writers of the same file never share a temp file.
    static std::atomic<unsigned> counter{0};
    std::filesystem::path tmp = path;
    tmp += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);

    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) return makeError(sysError(tmp, errno));
    int err = writeAll(fd, data, size);
    if (err == 0 && ::fsync(fd) != 0) err = errno;
    if (::close(fd) != 0 && err == 0) err = errno;
    if (err == 0 && ::rename(tmp.c_str(), path.c_str()) != 0) err = errno;
    if (err != 0) {
        ::unlink(tmp.c_str());
        return makeError(sysError(path, err));
    }
    // Make the rename itself durable; failure here leaves a complete file either way.
    std::filesystem::path dir = path.parent_path();
    if (dir.empty()) dir = ".";
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return Ok{};
}

}  // namespace

bool isAbandonedTemp(const std::filesystem::path& file) {
    const std::string name = file.filename().string();
    const auto at = name.rfind(".tmp-");
    if (at == std::string::npos) return false;
    const std::string rest = name.substr(at + 5);  // "<pid>-<n>"
    const auto dash = rest.find('-');
    if (dash == std::string::npos || dash == 0) return false;
    long pid = 0;
    for (std::size_t i = 0; i < dash; ++i) {
        if (rest[i] < '0' || rest[i] > '9' || pid > 1'000'000'000) return false;
        pid = pid * 10 + (rest[i] - '0');
    }
    if (pid <= 0) return false;
    // kill(pid, 0) sends nothing: it only asks whether the process exists.
    return ::kill(pid_t(pid), 0) != 0 && errno == ESRCH;
}

std::size_t removeAbandonedTemps(const std::filesystem::path& dir) {
    std::size_t removed = 0;
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && isAbandonedTemp(it->path()) && ::unlink(it->path().c_str()) == 0) ++removed;
    }
    return removed;
}


Status writeFileAtomic(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes) {
    return writeAtomic(path, bytes.data(), bytes.size());
}

Status writeFileAtomic(const std::filesystem::path& path, const std::string& text) {
    return writeAtomic(path, reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
}

Status writeFileBytes(const std::filesystem::path& path, const std::uint8_t* data, std::size_t size) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return makeError(sysError(path, errno));
    int err = writeAll(fd, data, size);
    if (::close(fd) != 0 && err == 0) err = errno;
    if (err != 0) return makeError(sysError(path, err));
    return Ok{};
}

Result<std::vector<std::uint8_t>> readFileBytes(const std::filesystem::path& path) {
    return readFileBytes(path, std::numeric_limits<std::uint64_t>::max(), "file");
}

Result<std::vector<std::uint8_t>> readFileBytes(const std::filesystem::path& path, std::uint64_t maxBytes,
                                                const std::string& what) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return makeError(sysError(path, errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int err = errno;
        ::close(fd);
        return makeError(sysError(path, err));
    }
    if (S_ISDIR(st.st_mode)) {
        ::close(fd);
        return makeError(path.string() + ": is a folder, not a file");
    }
    if (S_ISREG(st.st_mode) && std::uint64_t(st.st_size) > maxBytes) {
        ::close(fd);
        return tooLargeError(path.string(), std::uint64_t(st.st_size), maxBytes, what);
    }
    std::vector<std::uint8_t> bytes;
    bytes.reserve(st.st_size > 0 ? std::size_t(st.st_size) : 0);
    std::uint8_t buf[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            const int err = errno;
            ::close(fd);
            return makeError(sysError(path, err));
        }
        if (n == 0) break;
        // A pipe or device has no size to check first, and a file may grow while it is read.
        if (std::uint64_t(n) > maxBytes - std::min<std::uint64_t>(maxBytes, bytes.size())) {
            ::close(fd);
            return tooLargeError(path.string(), bytes.size() + std::size_t(n), maxBytes, what, true);
        }
        bytes.insert(bytes.end(), buf, buf + n);
    }
    ::close(fd);
    return bytes;
}

}  // namespace plateau
