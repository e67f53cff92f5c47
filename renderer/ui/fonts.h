#pragma once
// The fonts of the UI and the ImGui font atlas: DejaVu Sans for Latin, Noto Sans CJK SC merged in
// for the Hanzi the app shows (plus a common set so typing in search works), and the Noto Serif
// Tibetan glyphs that HarfBuzz's shaping of the app's Tibetan text needs, rasterised by FreeType
// into the same atlas (ui/text_draw.h draws them). Fonts are found by path (no fontconfig: the
// Debian packages put them in fixed places); a missing font costs its script, never Latin.
//
// All of this runs on the thread that owns the ImGui context, outside NewFrame..Render.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace plateau::ui {

class TextShaper;

struct FontFiles {
    std::string latin;    // DejaVu Sans; empty: ImGui's built-in font
    std::string cjk;      // Noto Sans CJK collection; empty: Hanzi show as '?'
    int cjkFace = 0;      // the collection's Simplified Chinese face
    std::string tibetan;  // Noto Serif Tibetan; empty: Tibetan shows as '?'
};

// The first installed candidate for each script (Debian's paths first).
FontFiles findFontFiles();
// Uses these files from the next buildFonts on instead of the ones found (tests, other systems).
void useFontFiles(const FontFiles& files);
// The face of a font collection whose family name ends with `suffix` (e.g. "SC"), -1 if none.
int collectionFace(const std::string& path, std::string_view suffix);

struct FontOptions {
    float contentScale = 1.0f;       // the monitor's (glfwGetWindowContentScale), 1 offscreen
    float textSizePercent = 100.0f;  // the user's setting, for projectors (100..250)
    // Bake the 2,500 common Simplified Chinese characters too, so Hanzi typed into search show
    // (the window; 1024x1024 instead of 512x512 at 100 %, and about 80 ms per build instead of 15).
    bool commonHanzi = false;
    float pixelScale() const { return contentScale * textSizePercent / 100.0f; }
};

// Remembers text the app will show (names from the data, the gazetteer, legends) so its Hanzi
// and shaped Tibetan glyphs are in the next atlas. Cheap; call it as data arrives.
void addText(std::string_view utf8);
// The same for text that must show in the very next frame (a caption about to be drawn into a
// recorded frame): when it has glyphs the atlas lacks, fontsNeedRebuild() turns true, so the
// rebuild before the frame bakes them in.
void requireText(std::string_view utf8);

// (Re)builds the ImGui font atlas for the current ImGui context at 15 px times the options'
// scale; the GPU font texture must be uploaded again afterwards (gpu::ImGuiPass::rebuildFonts).
// Returns one line per font that is missing or unreadable (the atlas is built without it).
std::vector<std::string> buildFonts(const FontOptions& options);
// The options of the last build (1 and 100 % before any).
const FontOptions& builtFontOptions();
// True when text drawn since the last build needed glyphs the atlas lacks (text that arrived
// without addText); rebuilding between frames then shows it.
bool fontsNeedRebuild();
// Counts atlas builds: what was laid out with an older atlas must be laid out again.
std::uint64_t fontGeneration();

// For the text drawing: the Tibetan face and where its glyphs are in the atlas.
struct AtlasGlyph {
    float left = 0, top = 0, width = 0, height = 0;  // pixels from the glyph origin, y down
    float u0 = 0, v0 = 0, u1 = 0, v1 = 0;
};
// Null before buildFonts or without the Tibetan font.
const TextShaper* tibetanShaper();
// The glyph's place in the atlas (width 0 for blank glyphs), or null when it is not baked yet: it
// is then noted for the next build.
const AtlasGlyph* tibetanGlyph(std::uint32_t glyph);
// Notes a codepoint that the ImGui font lacks (a Hanzi not in the atlas) for the next build.
void noteMissingCodepoint(char32_t codepoint);

// The "Text size" control for the View section: a percentage slider. `percent` changes, and
// this returns true, only when the user lets go of a new value (the fonts are rebuilt then, not
// on every step of a drag).
bool drawTextSizeSetting(float& percent);

}  // namespace plateau::ui
