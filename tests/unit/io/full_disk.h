#pragma once
// A full disk for the length of a scope: a file size limit of 16 bytes makes every write past
// it fail (EFBIG rather than ENOSPC) the way a full disk does, without root or a special file
// system. SIGXFSZ, which would end the process, is ignored meanwhile. Both are restored after.
#include <sys/resource.h>

#include <csignal>

namespace plateau::test {

class FullDisk {
public:
    FullDisk() {
        ok_ = ::getrlimit(RLIMIT_FSIZE, &old_) == 0;
        oldHandler_ = std::signal(SIGXFSZ, SIG_IGN);
        rlimit tiny = old_;
        tiny.rlim_cur = 16;
        ok_ = ok_ && ::setrlimit(RLIMIT_FSIZE, &tiny) == 0;
    }
    ~FullDisk() {
        ::setrlimit(RLIMIT_FSIZE, &old_);
        std::signal(SIGXFSZ, oldHandler_);
    }
    FullDisk(const FullDisk&) = delete;
    FullDisk& operator=(const FullDisk&) = delete;
    // False when the limit could not be set (the test must then fail, not pass vacuously).
    bool active() const { return ok_; }

private:
    rlimit old_{};
    void (*oldHandler_)(int) = SIG_DFL;
    bool ok_ = false;
};

}  // namespace plateau::test
