#include "ui/fonts.h"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>
#include <set>
#include <unordered_map>

#include <imgui.h>
#include <imgui_internal.h>  // SetCurrentFont

#include "core/text_runs.h"
#include "ui/text_shaper.h"

namespace plateau::ui {

namespace {

constexpr float kBasePixels = 15.0f;  // ImGui font size at scale 1 (line height, as ImGui counts)

struct PendingBitmap {
    int rect = -1;
    GlyphBitmap bitmap;
    std::uint32_t glyph = 0;
    bool inImGuiFont = false;  // also mapped to its codepoint in the ImGui font (unshaped input)
};

struct FontState {
    bool filesFound = false;
    FontFiles files;
    FontOptions options;
    std::set<char32_t> codepoints;       // beyond Latin-1 (Hanzi, pinyin tones) to bake into the ImGui font
    std::set<std::string> tibetanRuns;   // Tibetan text to shape at build time for its glyph ids
    std::set<std::uint32_t> tibetanGlyphs;  // glyph ids asked for at draw time
    std::unique_ptr<TextShaper> tibetan;
    std::unordered_map<std::uint32_t, AtlasGlyph> atlas;
    const ImFontAtlas* builtFor = nullptr;  // the atlas the glyph table describes
    ImVector<ImWchar> latinRanges, cjkRanges;  // ImGui keeps pointers to these until the next build
    bool dirty = false;
    std::uint64_t generation = 0;
};

FontState& state() {
    static FontState s;
    return s;
}

bool exists(const std::string& p) {
    std::error_code ec;
    return !p.empty() && std::filesystem::is_regular_file(p, ec);
}

std::string firstExisting(std::initializer_list<const char*> paths) {
    for (const char* p : paths)
        if (exists(p)) return p;
    return {};
}

// Line height (ascender - descender, as ImGui's stb_truetype builder sizes a font) per em, from
// the face's metrics; 0 when FreeType cannot read the face, which then stays out of the atlas
// (ImGui's own loader asserts on some unreadable files, FreeType reports).
float lineHeightPerEm(const std::string& path, int faceIndex) {
    FT_Library lib = nullptr;
    if (FT_Init_FreeType(&lib) != 0) return 0.0f;
    FT_Face face = nullptr;
    float ratio = 0.0f;
    if (FT_New_Face(lib, path.c_str(), faceIndex, &face) == 0) {
        if (face->units_per_EM > 0 && face->ascender > face->descender)
            ratio = float(face->ascender - face->descender) / float(face->units_per_EM);
        FT_Done_Face(face);
    }
    FT_Done_FreeType(lib);
    return ratio;
}

void addRange(ImFontGlyphRangesBuilder& b, ImWchar first, ImWchar last) {
    for (unsigned c = first; c <= last; ++c) b.AddChar(ImWchar(c));
}

}  // namespace

FontFiles findFontFiles() {
    FontFiles f;
    f.latin = firstExisting({"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                             "/usr/share/fonts/TTF/DejaVuSans.ttf",
                             "/usr/share/fonts/dejavu/DejaVuSans.ttf"});
    f.cjk = firstExisting({"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                           "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
                           "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc"});
    if (!f.cjk.empty()) f.cjkFace = std::max(0, collectionFace(f.cjk, "SC"));
    f.tibetan = firstExisting({"/usr/share/fonts/truetype/noto/NotoSerifTibetan-Regular.ttf",
                               "/usr/share/fonts/noto/NotoSerifTibetan-Regular.ttf",
                               "/usr/share/fonts/google-noto/NotoSerifTibetan-Regular.ttf"});
    return f;
}

int collectionFace(const std::string& path, std::string_view suffix) {
    FT_Library lib = nullptr;
    if (FT_Init_FreeType(&lib) != 0) return -1;
    int found = -1;
    FT_Face face = nullptr;
    // Face index -1 only counts the faces.
    if (FT_New_Face(lib, path.c_str(), -1, &face) == 0) {
        const long count = face->num_faces;
        FT_Done_Face(face);
        for (long i = 0; i < count && found < 0; ++i) {
            if (FT_New_Face(lib, path.c_str(), i, &face) != 0) continue;
            const std::string family = face->family_name ? face->family_name : "";
            // "Noto Sans CJK SC", not "Noto Sans Mono CJK SC": the first match is the proportional face.
            if (family.size() >= suffix.size() && family.compare(family.size() - suffix.size(), suffix.size(), suffix) == 0)
                found = int(i);
            FT_Done_Face(face);
        }
    }
    FT_Done_FreeType(lib);
    return found;
}

void useFontFiles(const FontFiles& files) {
    FontState& s = state();
    s.files = files;
    s.filesFound = true;
}

void addText(std::string_view utf8) {
    FontState& s = state();
    for (const TextRun& r : splitScriptRuns(utf8)) {
        const std::string_view piece = utf8.substr(r.begin, r.end - r.begin);
        if (r.script == Script::Tibetan) {
            s.tibetanRuns.emplace(piece);
            continue;
        }
        for (const DecodedChar& d : decodeUtf8(piece))
            if (d.codepoint > 0xFF && d.codepoint <= 0xFFFF) s.codepoints.insert(d.codepoint);
    }
}

void requireText(std::string_view utf8) {
    FontState& s = state();
    for (const TextRun& r : splitScriptRuns(utf8)) {
        const std::string_view piece = utf8.substr(r.begin, r.end - r.begin);
        if (r.script == Script::Tibetan) {
            // A run not shaped at the last build may need glyphs the atlas lacks.
            if (s.tibetanRuns.emplace(piece).second) s.dirty = true;
            continue;
        }
        for (const DecodedChar& d : decodeUtf8(piece))
            if (d.codepoint > 0xFF && d.codepoint <= 0xFFFF && s.codepoints.insert(d.codepoint).second) s.dirty = true;
    }
}

const FontOptions& builtFontOptions() { return state().options; }

bool fontsNeedRebuild() { return state().dirty; }

std::uint64_t fontGeneration() { return state().generation; }

const TextShaper* tibetanShaper() {
    FontState& s = state();
    return s.builtFor == ImGui::GetIO().Fonts ? s.tibetan.get() : nullptr;
}

const AtlasGlyph* tibetanGlyph(std::uint32_t glyph) {
    FontState& s = state();
    if (s.builtFor != ImGui::GetIO().Fonts) return nullptr;
    const auto it = s.atlas.find(glyph);
    if (it != s.atlas.end()) return &it->second;
    if (s.tibetanGlyphs.insert(glyph).second) s.dirty = true;
    return nullptr;
}

void noteMissingCodepoint(char32_t codepoint) {
    FontState& s = state();
    if (codepoint > 0xFF && codepoint <= 0xFFFF && s.codepoints.insert(codepoint).second) s.dirty = true;
}

std::vector<std::string> buildFonts(const FontOptions& options) {
    FontState& s = state();
    std::vector<std::string> warnings;
    if (!s.filesFound) {
        s.files = findFontFiles();
        s.filesFound = true;
    }
    s.options = options;
    s.dirty = false;
    s.atlas.clear();
    const float scale = std::clamp(options.pixelScale(), 0.5f, 4.0f);
    const float size = std::round(kBasePixels * scale);
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    atlas->Clear();

    // Latin-1, Latin Extended A and B (pinyin tone marks: ǎ, ǚ) and general punctuation (U+2019 in
    // "Lakang'e"), plus any other codepoint the app's text uses; DejaVu skips those it lacks.
    ImFontGlyphRangesBuilder latin;
    addRange(latin, 0x0020, 0x024F);
    addRange(latin, 0x2000, 0x206F);
    latin.AddChar(0xFFFD);
    for (char32_t c : s.codepoints)
        if (scriptOf(c) != Script::Han) latin.AddChar(ImWchar(c));
    s.latinRanges.clear();
    latin.BuildRanges(&s.latinRanges);
    const float latinRatio = s.files.latin.empty() ? 0.0f : lineHeightPerEm(s.files.latin, 0);
    ImFont* font = nullptr;
    ImFontConfig base;
    base.SizePixels = size;
    if (latinRatio > 0.0f) {
        font = atlas->AddFontFromFileTTF(s.files.latin.c_str(), size, &base, s.latinRanges.Data);
    } else {
        warnings.push_back((s.files.latin.empty() ? std::string("DejaVu Sans") : s.files.latin) +
                           ": Latin font not found or unreadable; using ImGui's built-in font");
        font = atlas->AddFontDefault(&base);
    }
    // One em of the Latin font in pixels: Hanzi are sized to the same em, whatever each font's
    // line height. Tibetan letters fill less of their em (the stacks below and the vowel signs
    // above need room), so its em is a fifth larger to be as readable as the Latin beside it.
    const float em = latinRatio > 0.0f ? size / latinRatio : size;
    constexpr float kTibetanEm = 1.2f;

    const float cjkRatio = s.files.cjk.empty() ? 0.0f : lineHeightPerEm(s.files.cjk, s.files.cjkFace);
    if (cjkRatio > 0.0f) {
        ImFontGlyphRangesBuilder cjk;
        for (char32_t c : s.codepoints)
            if (scriptOf(c) == Script::Han) cjk.AddChar(ImWchar(c));
        if (options.commonHanzi) cjk.AddRanges(atlas->GetGlyphRangesChineseSimplifiedCommon());
        s.cjkRanges.clear();
        cjk.BuildRanges(&s.cjkRanges);
        ImFontConfig merge;
        merge.MergeMode = true;
        merge.FontNo = unsigned(s.files.cjkFace);
        // Ideographs are dense: horizontal oversampling would double the atlas for no gain.
        merge.OversampleH = 1;
        merge.PixelSnapH = true;
        atlas->AddFontFromFileTTF(s.files.cjk.c_str(), em * cjkRatio, &merge, s.cjkRanges.Data);
    } else {
        warnings.push_back((s.files.cjk.empty() ? std::string("Noto Sans CJK") : s.files.cjk) +
                           ": CJK font not found or unreadable; Chinese names show as '?'");
    }

    // Tibetan: every glyph the shaped text needs as an atlas rectangle of its own; the block's
    // plain letters also as ImGui glyphs, so text typed into an InputText shows (unshaped).
    std::vector<PendingBitmap> pending;
    s.tibetan.reset();
    if (!s.files.tibetan.empty()) {
        auto opened = TextShaper::open(s.files.tibetan, 0, em * kTibetanEm);
        if (opened) s.tibetan = std::move(*opened);
        else warnings.push_back(opened.error().message + "; Tibetan names show as '?'");
    } else {
        warnings.push_back("Noto Serif Tibetan: font not found; Tibetan names show as '?'");
    }
    if (s.tibetan) {
        const TextShaper& t = *s.tibetan;
        std::set<std::uint32_t> glyphs = s.tibetanGlyphs;
        glyphs.insert(0);  // .notdef: what an unknown codepoint honestly shows
        for (const std::string& run : s.tibetanRuns)
            for (const ShapedGlyph& g : t.shape(run, Script::Tibetan).glyphs) glyphs.insert(g.glyph);
        for (char32_t c = 0x0F00; c <= 0x0FFF; ++c) {
            const std::uint32_t g = t.glyphFor(c);
            if (g == 0) continue;
            PendingBitmap p{-1, t.rasterise(g), g, true};
            std::string one;
            appendUtf8(one, c);
            const float adv = t.shape(one, Script::Tibetan).advance;
            if (p.bitmap.width > 0)
                p.rect = atlas->AddCustomRectFontGlyph(font, ImWchar(c), p.bitmap.width, p.bitmap.height, adv,
                                                       ImVec2(float(p.bitmap.left), float(p.bitmap.top)));
            glyphs.erase(g);
            pending.push_back(std::move(p));
        }
        for (std::uint32_t g : glyphs) {
            if (g >= t.glyphCount()) continue;
            PendingBitmap p{-1, t.rasterise(g), g, false};
            if (p.bitmap.width > 0) p.rect = atlas->AddCustomRectRegular(p.bitmap.width, p.bitmap.height);
            pending.push_back(std::move(p));
        }
    }

    if (!atlas->Build()) {
        // A font that FreeType read but stb_truetype refused: fall back to the built-in font.
        warnings.push_back("font atlas could not be built with the system fonts; using ImGui's built-in font");
        atlas->Clear();
        atlas->AddFontDefault(&base);
        atlas->Build();
        pending.clear();
        s.tibetan.reset();
    }
    unsigned char* pixels = nullptr;
    int tw = 0, th = 0;
    atlas->GetTexDataAsAlpha8(&pixels, &tw, &th);
    for (const PendingBitmap& p : pending) {
        AtlasGlyph a;
        if (p.rect >= 0) {
            const ImFontAtlasCustomRect* r = atlas->GetCustomRectByIndex(p.rect);
            for (int y = 0; y < p.bitmap.height; ++y)
                std::copy_n(p.bitmap.coverage.begin() + std::ptrdiff_t(y) * p.bitmap.width, p.bitmap.width,
                            pixels + std::ptrdiff_t(r->Y + y) * tw + r->X);
            ImVec2 uv0, uv1;
            atlas->CalcCustomRectUV(r, &uv0, &uv1);
            a = {float(p.bitmap.left), float(p.bitmap.top), float(p.bitmap.width), float(p.bitmap.height),
                 uv0.x, uv0.y, uv1.x, uv1.y};
            if (p.inImGuiFont) {
                // ImGui places custom glyphs from the line's top; FreeType's offsets are from the
                // baseline, so move them down by the ascent (known only after the build).
                auto* glyph = const_cast<ImFontGlyph*>(font->FindGlyphNoFallback(ImWchar(r->GlyphID)));
                if (glyph) {
                    glyph->Y0 += font->Ascent;
                    glyph->Y1 += font->Ascent;
                }
            }
        }
        s.atlas.emplace(p.glyph, a);
    }
    s.builtFor = atlas;
    ++s.generation;
    // Text measured between frames uses the current font, which the Clear above freed.
    if (ImGui::GetCurrentContext() && !atlas->Fonts.empty()) ImGui::SetCurrentFont(atlas->Fonts[0]);
    return warnings;
}

bool drawTextSizeSetting(float& percent) {
    // The slider edits a copy kept by ImGui while it is dragged: every step of a drag would
    // otherwise rebuild the atlas (tens of milliseconds) and move the slider under the mouse.
    float* shown = ImGui::GetStateStorage()->GetFloatRef(ImGui::GetID("text-size-shown"), percent);
    ImGui::SliderFloat("Text size", shown, 100.0f, 250.0f, "%.0f %%");
    if (ImGui::IsItemDeactivatedAfterEdit()) {
        percent = std::clamp(*shown, 50.0f, 400.0f);
        return true;
    }
    if (!ImGui::IsItemActive()) *shown = percent;  // follows changes made elsewhere (a scene file)
    return false;
}

}  // namespace plateau::ui
