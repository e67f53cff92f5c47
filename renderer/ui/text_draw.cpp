#include "ui/text_draw.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>
#include <unordered_map>

#include "core/text_runs.h"
#include "ui/fonts.h"
#include "ui/text_shaper.h"

namespace plateau::ui {

namespace {

ImFont* currentFont() {
    // Also outside a frame (before NewFrame there is no current font): the atlas's first font.
    if (ImFont* f = ImGui::GetFont()) return f;
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    return atlas->Fonts.empty() ? nullptr : atlas->Fonts[0];
}

float currentFontSize(const ImFont* font) {
    // Outside a window (between frames) ImGui's current size is 0: the font's own size then.
    if (ImGui::GetFont() == font && ImGui::GetFontSize() > 0.0f) return ImGui::GetFontSize();
    return font->FontSize * ImGui::GetIO().FontGlobalScale;
}

struct Bounds {
    float x0 = FLT_MAX, y0 = FLT_MAX, x1 = -FLT_MAX, y1 = -FLT_MAX;
    void add(float ax0, float ay0, float ax1, float ay1) {
        x0 = std::min(x0, ax0), y0 = std::min(y0, ay0), x1 = std::max(x1, ax1), y1 = std::max(y1, ay1);
    }
};

// A Tibetan run in pieces HarfBuzz shapes with the Tibetan font and pieces ImGui draws: spaces,
// digits or Latin punctuation that joined the run (core/text_runs.h) but that the Tibetan font
// lacks would otherwise show as .notdef boxes.
std::vector<std::pair<std::string_view, bool>> tibetanPieces(std::string_view run, const TextShaper& t) {
    std::vector<std::pair<std::string_view, bool>> out;
    for (const DecodedChar& d : decodeUtf8(run)) {
        const bool shaped = scriptOf(d.codepoint) == Script::Tibetan || t.glyphFor(d.codepoint) != 0;
        if (!out.empty() && out.back().second == shaped) {
            const std::string_view& last = out.back().first;
            out.back().first = std::string_view(last.data(), last.size() + d.length);
        } else {
            out.emplace_back(run.substr(d.offset, d.length), shaped);
        }
    }
    return out;
}

TextLayout layoutUncached(std::string_view utf8, float size);

// Labels are laid out every frame (placed, measured, drawn with a halo) and change rarely: the
// layouts are kept per text and font size until the atlas is rebuilt.
struct LayoutCache {
    std::unordered_map<std::string, TextLayout> layouts;
    std::unordered_map<std::string, TextLayout> sized;  // explicit sizes: keyed by size and text
    std::uint64_t generation = ~std::uint64_t(0);
    const ImFontAtlas* atlas = nullptr;
    float fontSize = 0;
};

LayoutCache& cache() {
    static LayoutCache c;
    return c;
}

}  // namespace

TextLayout layoutText(std::string_view utf8) {
    LayoutCache& c = cache();
    ImFont* font = currentFont();
    const float size = font ? currentFontSize(font) : 0.0f;
    if (c.generation != fontGeneration() || c.atlas != ImGui::GetIO().Fonts || c.fontSize != size || c.layouts.size() > 4096) {
        c.layouts.clear();
        c.sized.clear();
        c.generation = fontGeneration();
        c.atlas = ImGui::GetIO().Fonts;
        c.fontSize = size;
    }
    auto it = c.layouts.find(std::string(utf8));
    if (it == c.layouts.end()) {
        it = c.layouts.emplace(std::string(utf8), layoutUncached(utf8, size)).first;
    }
    return it->second;
}

TextLayout layoutText(std::string_view utf8, float pixelSize) {
    (void)layoutText(std::string_view());  // drops layouts of an older atlas
    LayoutCache& c = cache();
    if (c.sized.size() > 1024) c.sized.clear();
    std::string key = std::to_string(pixelSize);
    key += '\n';
    key += utf8;
    auto it = c.sized.find(key);
    if (it == c.sized.end()) it = c.sized.emplace(std::move(key), layoutUncached(utf8, pixelSize)).first;
    return it->second;
}

namespace {

TextLayout layoutUncached(std::string_view utf8, float size) {
    TextLayout out;
    ImFont* font = currentFont();
    if (!font || !(size > 0.0f)) return out;
    const float fontScale = size / font->FontSize;
    const float ascent = font->Ascent * fontScale;
    const float lineHeight = size;
    out.fontSize = size;
    const TextShaper* tibetan = tibetanShaper();
    // Layout on a baseline at y = 0 first; the box is moved so no ink is above or left of it.
    Bounds ink;
    ink.add(0.0f, -ascent, 0.0f, lineHeight - ascent);
    float pen = 0.0f;
    auto imguiPiece = [&](std::string_view text) {
        if (text.empty()) return;
        for (const DecodedChar& d : decodeUtf8(text))
            if (d.codepoint <= 0xFFFF && d.codepoint >= 0x20 && !font->FindGlyphNoFallback(ImWchar(d.codepoint)))
                noteMissingCodepoint(d.codepoint);
        const ImVec2 s = font->CalcTextSizeA(size, FLT_MAX, 0.0f, text.data(), text.data() + text.size());
        out.pieces.push_back({std::string(text), pen, -ascent});
        ink.add(pen, -ascent, pen + s.x, -ascent + s.y);
        pen += s.x;
    };
    for (const TextRun& r : splitScriptRuns(utf8)) {
        const std::string_view run = utf8.substr(r.begin, r.end - r.begin);
        if (r.script != Script::Tibetan || !tibetan) {
            imguiPiece(run);
            continue;
        }
        for (const auto& [piece, shaped] : tibetanPieces(run, *tibetan)) {
            if (!shaped) {
                imguiPiece(piece);
                continue;
            }
            // The Tibetan face was sized for the atlas's font size; a scaled font scales it too.
            const float k = fontScale;
            const ShapedRun shapedRun = tibetan->shape(piece, Script::Tibetan);
            for (const ShapedGlyph& g : shapedRun.glyphs) {
                const AtlasGlyph* a = tibetanGlyph(g.glyph);
                if (!a || a->width <= 0.0f) continue;
                TextLayout::Quad q;
                // Whole pixels: the atlas holds each glyph rasterised at a pixel origin, and a
                // fractional position would blur it.
                q.x0 = std::round(pen + g.x * k) + a->left * k;
                q.y0 = std::round(g.y * k) + a->top * k;
                q.x1 = q.x0 + a->width * k;
                q.y1 = q.y0 + a->height * k;
                q.u0 = a->u0, q.v0 = a->v0, q.u1 = a->u1, q.v1 = a->v1;
                ink.add(q.x0, q.y0, q.x1, q.y1);
                out.quads.push_back(q);
            }
            ink.add(pen, -ascent, pen + shapedRun.advance * k, lineHeight - ascent);
            pen += shapedRun.advance * k;
        }
    }
    // Shift so the box starts at (0, 0) and holds every glyph's ink: stacked Tibetan letters
    // reach below ImGui's line, vowel signs above it.
    const float dx = -std::min(0.0f, ink.x0), dy = -ink.y0;
    for (auto& p : out.pieces) p.x += dx, p.y += dy;
    for (auto& q : out.quads) q.x0 += dx, q.x1 += dx, q.y0 += dy, q.y1 += dy;
    out.width = std::max(pen, ink.x1) + dx;
    out.height = ink.y1 - ink.y0;
    return out;
}

}  // namespace

void drawLayout(ImDrawList* dl, ImVec2 pos, ImU32 colour, const TextLayout& layout) {
    ImFont* font = currentFont();
    if (!font || !dl) return;
    for (const TextLayout::Piece& p : layout.pieces)
        dl->AddText(font, layout.fontSize, ImVec2(pos.x + p.x, pos.y + p.y), colour, p.text.data(),
                    p.text.data() + p.text.size());
    if (layout.quads.empty()) return;
    dl->PushTextureID(ImGui::GetIO().Fonts->TexID);
    dl->PrimReserve(int(layout.quads.size()) * 6, int(layout.quads.size()) * 4);
    for (const TextLayout::Quad& q : layout.quads)
        dl->PrimRectUV(ImVec2(pos.x + q.x0, pos.y + q.y0), ImVec2(pos.x + q.x1, pos.y + q.y1), ImVec2(q.u0, q.v0),
                       ImVec2(q.u1, q.v1), colour);
    dl->PopTextureID();
}

void drawText(ImDrawList* dl, ImVec2 pos, ImU32 colour, std::string_view utf8) {
    drawLayout(dl, pos, colour, layoutText(utf8));
}

void drawTextHaloed(ImDrawList* dl, ImVec2 pos, ImU32 colour, ImU32 halo, std::string_view utf8) {
    const TextLayout layout = layoutText(utf8);
    for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx)
            if (dx || dy) drawLayout(dl, ImVec2(pos.x + float(dx), pos.y + float(dy)), halo, layout);
    drawLayout(dl, pos, colour, layout);
}

ImVec2 textSize(std::string_view utf8) {
    const TextLayout l = layoutText(utf8);
    return ImVec2(l.width, l.height);
}

bool needsShaping(std::string_view utf8) {
    for (const TextRun& r : splitScriptRuns(utf8))
        if (r.script == Script::Tibetan) return true;
    return false;
}

void textUnformatted(std::string_view utf8, ImU32 colour) {
    const TextLayout layout = layoutText(utf8);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    drawLayout(ImGui::GetWindowDrawList(), at, colour ? colour : ImGui::GetColorU32(ImGuiCol_Text), layout);
    ImGui::Dummy(ImVec2(layout.width, layout.height));
}

}  // namespace plateau::ui
