#pragma once
// Limits on outside data shared by several readers, and the checks and messages that go with
// them. Each reader checks its limit before allocating for the input (the file size before
// reading it, the nesting before parsing), so a file past a limit costs a one-line error, not
// memory. docs/LIMITS.md lists every limit, those of single readers too.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace plateau {

inline constexpr std::uint64_t kMiB = std::uint64_t(1) << 20;

// Nesting of [ and { in any JSON document. Our formats need about 12 levels (a MultiPolygon
// inline in a scene's mine layer); nlohmann builds one node per level, so a file of a million
// '[' would cost a gigabyte before any reader could object.
inline constexpr int kMaxJsonDepth = 64;

// The default scene is 8 KB; one with thousands of inline mine features is a few MB.
inline constexpr std::uint64_t kMaxSceneFileBytes = 64 * kMiB;
// A tour of a hundred stops with long narrations is tens of kilobytes.
inline constexpr std::uint64_t kMaxTourFileBytes = 8 * kMiB;
// Camera paths are a few kilobytes; an hour of keyframes at one a second is about 1 MB.
inline constexpr std::uint64_t kMaxPathFileBytes = 64 * kMiB;
// A mine GeoJSON of pits, dumps and ponds is kilobytes (the shipped one 2.6 KB); surveyed
// outlines of every mine of the plateau would still be a few MB.
inline constexpr std::uint64_t kMaxMineGeoJsonBytes = 64 * kMiB;
// A TileJSON document is a few hundred bytes; the same limit for a file and an HTTP response.
inline constexpr std::uint64_t kMaxTileJsonBytes = 1 * kMiB;
// metadata.json of a tile folder (encoding, zoom range, extents) is under a kilobyte.
inline constexpr std::uint64_t kMaxTileMetadataBytes = 1 * kMiB;
// layer.json of a quantized-mesh tile set: its "available" ranges run to hundreds of KB for a
// global tile set at level 15.
inline constexpr std::uint64_t kMaxLayerJsonBytes = 16 * kMiB;
// One tile (terrain PNG, imagery PNG/JPEG, quantized mesh) as a file, an MBTiles blob or an HTTP
// response: a 512-pixel RGBA PNG of noise is about 1 MiB, real tiles are 10-300 KB.
inline constexpr std::uint64_t kMaxTileBytes = 4 * kMiB;
// One ancillary PNG chunk as libpng inflates or caches it (compressed text, ICC profile, unknown
// chunks). It is libpng's own compiled-in default, set explicitly so that the bound does not depend
// on how libpng was configured. libpng 1.6.39 does not apply it to a plain tEXt chunk's declared
// length; io/png_codec.cpp refuses any length past the end of the data instead.
inline constexpr std::uint64_t kMaxPngChunkBytes = 8'000'000;
// The river facts table is 1.5 KB, one row a reach.
inline constexpr std::uint64_t kMaxRiverFactsBytes = 4 * kMiB;
// Deposit and gazetteer CSV tables: the whole USGS porphyry copper database (every deposit of
// the world) is 1 MB.
inline constexpr std::uint64_t kMaxTableBytes = 64 * kMiB;

// "4 MiB", "512 KiB", "1000 bytes": sizes in messages.
std::string formatByteSize(std::uint64_t bytes);

// "<name>: too large for a <what> (<size> bytes; the limit is 8 MiB)"; "(at least <size> bytes;"
// for a stream stopped at the limit.
Error tooLargeError(const std::string& name, std::uint64_t size, std::uint64_t limit, const std::string& what,
                    bool atLeast = false);

// Deepest nesting of [ and { outside strings; exact for valid JSON, and for invalid JSON up to
// where a parser would stop.
int jsonDepth(std::string_view text);

// "<name>: JSON nested deeper than 64 levels" when `text` is.
std::optional<Error> jsonTooDeep(std::string_view text, const std::string& name);

}  // namespace plateau
