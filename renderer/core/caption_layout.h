#pragma once
// How big the text drawn into frames is and where it wraps: pure functions of the frame's size,
// so a 320x180 test frame and a 1920x1080 recording show the same composition.
//
// Sizes follow the frame height, not the UI's font size: a caption must read from the back of a
// classroom when the video is projected, whatever the window it was made in. At 1080 lines the
// title is 60 px (1/18 of the height, about what broadcast lower thirds use), the subtitle 40,
// the source line and the on-screen information 24 and 20. A size factor enlarges everything
// (presenter mode); small floors keep tiny test frames legible.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace plateau {

struct CaptionLayout {
    float titlePx = 0, subtitlePx = 0, sourcePx = 0;  // line heights of the caption's three lines
    float infoPx = 0;       // scale bar label, date, attributions
    float datePx = 0;       // the timeline's date, larger than the other information
    float margin = 0;       // from the frame's edges to anything drawn
    float padding = 0;      // inside the caption's band, around its text
    float lineGap = 0;      // between the caption's lines
    float wrapWidth = 0;    // the caption's lines wrap at this width (text only, padding excluded)
    float bandBottom = 0;   // y of the band's lower edge: above the information along the bottom
};

// For a frame of width x height pixels. `sizeFactor` (1 normally, about 1.5 in presenter mode)
// scales the text, never beyond what fits: the title stays at most an eighth of the height.
CaptionLayout captionLayout(float width, float height, float sizeFactor = 1.0f);

// Text width in pixels of a piece of text at some size (the caller's shaped measure).
using MeasureFn = std::function<float(std::string_view utf8)>;

// Splits text into lines no wider than maxWidth, breaking after spaces, after the Tibetan tsheg
// and shad (U+0F0B, U+0F0D: Tibetan has no spaces between words), and between Chinese
// characters (except before CJK punctuation, which stays with the character before it). A word
// wider than the line is broken between codepoints. Spaces at the break are dropped; explicit
// newlines break too. Bad UTF-8 is kept as it is (the drawing shows U+FFFD).
std::vector<std::string> wrapText(std::string_view utf8, float maxWidth, const MeasureFn& measure);

}  // namespace plateau
