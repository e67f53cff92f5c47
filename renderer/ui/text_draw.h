#pragma once
// Text in every script, drawn into ImGui draw lists: Tibetan runs shaped by HarfBuzz and drawn
// glyph by glyph at HarfBuzz's positions from the atlas ui/fonts.h built (so stacks and marks
// land where the font puts them), Latin and Hanzi runs through ImGui's own text drawing.
//
// Text typed into ImGui widgets (InputText in search) goes through ImGui alone and shows Tibetan
// unshaped: letters side by side, subjoined letters not stacked. Labels, cards and search
// results drawn with these functions are shaped.
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

namespace plateau::ui {

// One line laid out once, drawn any number of times (a haloed label is drawn nine times).
struct TextLayout {
    struct Piece {  // drawn by ImGui
        std::string text;
        float x = 0, y = 0;     // top-left of ImGui's line box
    };
    struct Quad {  // one shaped glyph
        float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
        float u0 = 0, v0 = 0, u1 = 0, v1 = 0;
    };
    std::vector<Piece> pieces;
    std::vector<Quad> quads;
    float fontSize = 0;
    float width = 0, height = 0;  // every glyph's ink lies inside (0, 0)..(width, height)
};

// With the current ImGui font (the atlas's first font outside a frame). Cached per text and
// font size until the next atlas build; a layout may be kept for drawing until then (its glyph
// quads point into that atlas).
TextLayout layoutText(std::string_view utf8);
// The same at `pixelSize` (ImGui's line height) instead of the current font's size: the atlas's
// glyphs scaled (captions drawn into frames at sizes that follow the frame, ui/frame_overlay.h).
TextLayout layoutText(std::string_view utf8, float pixelSize);
void drawLayout(ImDrawList* dl, ImVec2 pos, ImU32 colour, const TextLayout& layout);
// `pos` is the top-left of the text's box.
void drawText(ImDrawList* dl, ImVec2 pos, ImU32 colour, std::string_view utf8);
// Text with a one-pixel halo that keeps it readable on snow and on dark rock alike.
void drawTextHaloed(ImDrawList* dl, ImVec2 pos, ImU32 colour, ImU32 halo, std::string_view utf8);
ImVec2 textSize(std::string_view utf8);
// Like ImGui::TextUnformatted inside a window (takes its place in the layout), shaped.
void textUnformatted(std::string_view utf8, ImU32 colour = 0);
// True when ImGui alone would draw the text wrongly (it has Tibetan): then draw it with the
// functions above; otherwise ImGui's widgets (with their wrapping) draw it right.
bool needsShaping(std::string_view utf8);

}  // namespace plateau::ui
