// Replays fuzz inputs without libFuzzer: every file named on the command line, or inside a folder
// named there, goes through LLVMFuzzerTestOneInput once. A crash or sanitizer report fails the
// test; an empty or missing corpus folder fails too, so a target cannot silently test nothing.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {
bool replay(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "%s: cannot read\n", file.c_str());
        return false;
    }
    std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    LLVMFuzzerTestOneInput(bytes.data(), bytes.size());
    return true;
}
}  // namespace

int main(int argc, char** argv) {
    std::size_t count = 0;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path arg = argv[i];
        std::error_code ec;
        if (std::filesystem::is_directory(arg, ec)) {
            for (const auto& entry : std::filesystem::recursive_directory_iterator(arg, ec)) {
                if (!entry.is_regular_file()) continue;
                if (!replay(entry.path())) return 1;
                ++count;
            }
        } else if (!replay(arg)) {
            return 1;
        } else {
            ++count;
        }
    }
    if (count == 0) {
        std::fprintf(stderr, "no fuzz inputs found in the given paths\n");
        return 1;
    }
    std::printf("%zu inputs replayed without a crash\n", count);
    return 0;
}
