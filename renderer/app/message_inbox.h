#pragma once
// Lines that loading threads have to say (an HTTP tile cache that cannot write), kept until the
// thread that shows messages takes them: the viewer's message list is not thread-safe, and a
// line must not be lost because it arrived between frames. Held by shared_ptr, so that sources
// which outlive their view can still post.
#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

namespace plateau::app {

class MessageInbox {
public:
    // Any thread. Beyond `kMaxLines` waiting lines, more are dropped (a flood says nothing new).
    void post(const std::string& line) {
        std::lock_guard lock(mutex_);
        if (lines_.size() < kMaxLines) lines_.push_back(line);
    }
    // The lines posted since the last call, oldest first.
    std::vector<std::string> take() {
        std::lock_guard lock(mutex_);
        std::vector<std::string> out;
        out.swap(lines_);
        return out;
    }
    static constexpr std::size_t kMaxLines = 100;

private:
    std::mutex mutex_;
    std::vector<std::string> lines_;
};

}  // namespace plateau::app
