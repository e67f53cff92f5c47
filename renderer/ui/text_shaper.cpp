#include "ui/text_shaper.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb-ft.h>
#include <hb.h>

#include <algorithm>
#include <cmath>

namespace plateau::ui {

struct TextShaper::Impl {
    FT_Library library = nullptr;
    FT_Face face = nullptr;
    hb_font_t* font = nullptr;
    hb_buffer_t* buffer = nullptr;

    ~Impl() {
        if (buffer) hb_buffer_destroy(buffer);
        if (font) hb_font_destroy(font);
        if (face) FT_Done_Face(face);
        if (library) FT_Done_FreeType(library);
    }
};

namespace {
// Glyphs are positioned unhinted: HarfBuzz's offsets for stacked marks are in design units and
// hinting would move a subjoined letter a pixel away from the one above it. The bitmaps use
// FreeType's light hinting (vertical only), which keeps stems sharp without moving glyphs sideways.
constexpr FT_Int32 kShapeLoadFlags = FT_LOAD_NO_HINTING;
constexpr FT_Int32 kRenderLoadFlags = FT_LOAD_TARGET_LIGHT | FT_LOAD_RENDER;
}  // namespace

Result<std::unique_ptr<TextShaper>> TextShaper::open(const std::string& path, int faceIndex, float pixelSize) {
    std::unique_ptr<TextShaper> s(new TextShaper());
    s->impl_ = std::make_unique<Impl>();
    Impl& m = *s->impl_;
    if (FT_Init_FreeType(&m.library) != 0) return makeError(path + ": FreeType could not start");
    if (FT_New_Face(m.library, path.c_str(), faceIndex, &m.face) != 0)
        return makeError(path + ": not a font FreeType can read (face " + std::to_string(faceIndex) + ")");
    if (!(pixelSize > 0.0f && pixelSize < 1000.0f)) return makeError(path + ": font size out of range");
    // 26.6 fixed point: FreeType and HarfBuzz (through hb-ft) then agree on the scale.
    if (FT_Set_Char_Size(m.face, 0, FT_F26Dot6(std::lround(pixelSize * 64.0f)), 72, 72) != 0)
        return makeError(path + ": cannot be scaled to " + std::to_string(pixelSize) + " px");
    m.font = hb_ft_font_create_referenced(m.face);
    hb_ft_font_set_load_flags(m.font, kShapeLoadFlags);
    m.buffer = hb_buffer_create();
    if (!hb_buffer_allocation_successful(m.buffer)) return makeError(path + ": out of memory for shaping");
    s->pixelSize_ = pixelSize;
    s->family_ = m.face->family_name ? m.face->family_name : "";
    return s;
}

TextShaper::~TextShaper() = default;

ShapedRun TextShaper::shape(std::string_view utf8, Script script) const {
    ShapedRun run;
    if (utf8.empty()) return run;
    hb_buffer_t* b = impl_->buffer;
    hb_buffer_reset(b);
    hb_buffer_add_utf8(b, utf8.data(), int(utf8.size()), 0, int(utf8.size()));
    hb_buffer_set_direction(b, HB_DIRECTION_LTR);
    switch (script) {
    case Script::Tibetan:
        hb_buffer_set_script(b, HB_SCRIPT_TIBETAN);
        hb_buffer_set_language(b, hb_language_from_string("bo", -1));
        break;
    case Script::Han:
        hb_buffer_set_script(b, HB_SCRIPT_HAN);
        hb_buffer_set_language(b, hb_language_from_string("zh-Hans", -1));
        break;
    default:
        hb_buffer_guess_segment_properties(b);
        break;
    }
    hb_shape(impl_->font, b, nullptr, 0);
    unsigned int n = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(b, &n);
    const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(b, &n);
    run.glyphs.reserve(n);
    float penX = 0, penY = 0;
    for (unsigned int i = 0; i < n; ++i) {
        ShapedGlyph g;
        g.glyph = info[i].codepoint;  // after hb_shape this holds the glyph id
        g.cluster = info[i].cluster;
        g.x = penX + float(pos[i].x_offset) / 64.0f;
        g.y = penY - float(pos[i].y_offset) / 64.0f;  // HarfBuzz's y goes up, the screen's down
        run.glyphs.push_back(g);
        penX += float(pos[i].x_advance) / 64.0f;
        penY -= float(pos[i].y_advance) / 64.0f;
    }
    run.advance = penX;
    return run;
}

GlyphBitmap TextShaper::rasterise(std::uint32_t glyph) const {
    GlyphBitmap out;
    FT_Face face = impl_->face;
    if (FT_Load_Glyph(face, glyph, kRenderLoadFlags) != 0) return out;
    const FT_Bitmap& bm = face->glyph->bitmap;
    if (bm.pixel_mode != FT_PIXEL_MODE_GRAY || bm.width == 0 || bm.rows == 0) return out;
    out.width = int(bm.width);
    out.height = int(bm.rows);
    out.left = face->glyph->bitmap_left;
    out.top = -face->glyph->bitmap_top;
    out.coverage.resize(std::size_t(out.width) * std::size_t(out.height));
    for (int y = 0; y < out.height; ++y) {
        const unsigned char* row = bm.buffer + std::ptrdiff_t(y) * bm.pitch;
        std::copy(row, row + out.width, out.coverage.begin() + std::ptrdiff_t(y) * out.width);
    }
    return out;
}

std::uint32_t TextShaper::glyphFor(char32_t codepoint) const { return FT_Get_Char_Index(impl_->face, codepoint); }

std::uint32_t TextShaper::glyphCount() const { return std::uint32_t(impl_->face->num_glyphs); }

float TextShaper::ascender() const { return float(impl_->face->size->metrics.ascender) / 64.0f; }

float TextShaper::descender() const { return -float(impl_->face->size->metrics.descender) / 64.0f; }

}  // namespace plateau::ui
