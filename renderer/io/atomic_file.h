#pragma once
// Whole-file reads and crash-safe writes. A file written with writeFileAtomic is either the old
// content or the complete new content, never a prefix: readers (and later runs) can trust it.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"

namespace plateau {

// Writes to a temporary file in the same folder, fsyncs it, then renames it over `path`.
Status writeFileAtomic(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes);
Status writeFileAtomic(const std::filesystem::path& path, const std::string& text);

// Plain write (no fsync, no rename). For files inside a folder that is itself published
// atomically, where per-file syncing would only cost time.
Status writeFileBytes(const std::filesystem::path& path, const std::uint8_t* data, std::size_t size);

// The temporary file of a writeFileAtomic whose process is gone (killed between writing and
// renaming): its name ends ".tmp-<pid>-<n>" and no process <pid> runs on this machine. A live
// process's temp file is never abandoned, whatever its age.
bool isAbandonedTemp(const std::filesystem::path& file);
// Removes the abandoned temporary files under `dir` (resuming an interrupted build); returns
// how many.
std::size_t removeAbandonedTemps(const std::filesystem::path& dir);

// Errors: "<path>: file not found", "<path>: <system error>".
Result<std::vector<std::uint8_t>> readFileBytes(const std::filesystem::path& path);
// The same, refusing a file of more than maxBytes before reading it (and one that grows past it
// while read): "<path>: too large for a <what> (N bytes; the limit is 8 MiB)".
Result<std::vector<std::uint8_t>> readFileBytes(const std::filesystem::path& path, std::uint64_t maxBytes,
                                                const std::string& what);

}  // namespace plateau
