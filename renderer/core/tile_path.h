#pragma once
// Where a tile lives by the {z}/{x}/{y} convention that tile folders, caches and servers share.
#include <filesystem>
#include <string>
#include <string_view>

#include "core/tile_id.h"

namespace plateau {

// `tmpl` with every "{z}", "{x}" and "{y}" replaced by the numbers, and "{-y}" by the row counted
// from the south (2^z - 1 - y, the TMS row; y itself when z is outside 0..30); other text, other
// braces included, is kept as it is. E.g. ("https://h/{z}/{x}/{y}.png?k={z}", 3, 4, 5) ->
// "https://h/3/4/5.png?k=3". The int form serves schemes whose row differs from TileId's.
std::string expandTileTemplate(std::string_view tmpl, int z, int x, int y);
inline std::string expandTileTemplate(std::string_view tmpl, const TileId& id) {
    return expandTileTemplate(tmpl, id.z, id.x, id.y);
}

// The first of "{z}", "{x}" and "{y}" that `tmpl` lacks ("{-y}" serves for "{y}"), or nullptr
// when it has them all: a template without one would ask for the same URL for many tiles.
const char* missingTilePlaceholder(std::string_view tmpl);

// root/z/x/y + extension (".png", ".missing"): the layout of tile folders and disk caches.
std::filesystem::path tileFilePath(const std::filesystem::path& root, const TileId& id, std::string_view extension);

}  // namespace plateau
