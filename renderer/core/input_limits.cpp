#include "core/input_limits.h"

#include <algorithm>

namespace plateau {

std::string formatByteSize(std::uint64_t bytes) {
    constexpr std::uint64_t KiB = 1024, MiB = KiB * 1024;
    if (bytes >= MiB && bytes % MiB == 0) return std::to_string(bytes / MiB) + " MiB";
    if (bytes >= KiB && bytes % KiB == 0) return std::to_string(bytes / KiB) + " KiB";
    return std::to_string(bytes) + " bytes";
}

Error tooLargeError(const std::string& name, std::uint64_t size, std::uint64_t limit, const std::string& what,
                    bool atLeast) {
    return makeError(name + ": too large for a " + what + " (" + (atLeast ? "at least " : "") + std::to_string(size) +
                     " bytes; the limit is " +
                     formatByteSize(limit) + ")");
}

int jsonDepth(std::string_view text) {
    int depth = 0, deepest = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\') ++i;
            else if (c == '"') inString = false;
        } else if (c == '"') inString = true;
        else if (c == '[' || c == '{') deepest = std::max(deepest, ++depth);
        else if (c == ']' || c == '}') --depth;
    }
    return deepest;
}

std::optional<Error> jsonTooDeep(std::string_view text, const std::string& name) {
    if (jsonDepth(text) <= kMaxJsonDepth) return std::nullopt;
    return makeError(name + ": JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
}

}  // namespace plateau
