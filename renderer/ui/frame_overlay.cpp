#include "ui/frame_overlay.h"

#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "core/attributions.h"
#include "core/caption_layout.h"
#include "ui/text_draw.h"

namespace plateau::ui {

namespace {

ImU32 faded(int r, int g, int b, int a, double alpha) {
    return IM_COL32(r, g, b, int(std::lround(double(a) * std::clamp(alpha, 0.0, 1.0))));
}

// A caption line laid out at its size, with the height it takes (Tibetan stacks reach below
// the line, so the ink box can be taller than the size).
struct Line {
    TextLayout layout;
    float height = 0;
};

void addLines(std::vector<Line>& out, const std::string& text, float px, float wrapWidth) {
    if (text.empty()) return;
    const auto measure = [px](std::string_view s) { return layoutText(s, px).width; };
    for (const std::string& l : wrapText(text, wrapWidth, measure)) {
        Line line{layoutText(l, px), 0.0f};
        line.height = std::max(line.layout.height, px);
        out.push_back(std::move(line));
    }
}

// The band's lower edge at `bottom`, or at `fallback` when the band would then reach above
// `minTop` (a status box so tall that the caption would leave the frame: it covers the box instead).
FrameOverlayDrawn::Box drawCaption(ImDrawList* dl, const FrameOverlayContent& c, const CaptionLayout& L, float bottom,
                                   float fallback, float minTop) {
    const double alpha = c.captionAlpha;
    std::vector<Line> title, subtitle, source;
    addLines(title, c.caption.title, L.titlePx, L.wrapWidth);
    addLines(subtitle, c.caption.subtitle, L.subtitlePx, L.wrapWidth);
    addLines(source, c.caption.source, L.sourcePx, L.wrapWidth);
    float textW = 0.0f, textH = 0.0f;
    int count = 0;
    for (const auto* group : {&title, &subtitle, &source})
        for (const Line& l : *group) {
            textW = std::max(textW, l.layout.width);
            textH += l.height;
            ++count;
        }
    if (count == 0) return {};
    textH += L.lineGap * float(count - 1);
    // The band runs in from the left edge, as a lower third does; the text starts at the margin.
    const float bandH = textH + 2.0f * L.padding;
    if (bottom - bandH < minTop) bottom = fallback;
    FrameOverlayDrawn::Box band{0.0f, bottom - bandH, L.margin + textW + L.padding * 1.5f, bottom};
    dl->AddRectFilled(ImVec2(band.x0, band.y0), ImVec2(band.x1, band.y1), faded(0, 0, 0, 160, alpha));
    // An accent stripe ties the lines together and marks the caption as the program's, not the map's.
    const float stripe = std::max(2.0f, L.titlePx * 0.07f);
    const float stripeX = std::max(1.0f, L.margin - L.padding - stripe);
    dl->AddRectFilled(ImVec2(stripeX, band.y0 + L.padding), ImVec2(stripeX + stripe, band.y1 - L.padding),
                      faded(255, 190, 60, 255, alpha));
    float y = band.y0 + L.padding;
    const auto drawGroup = [&](const std::vector<Line>& lines, ImU32 colour) {
        for (const Line& l : lines) {
            drawLayout(dl, ImVec2(L.margin, std::round(y)), colour, l.layout);
            y += l.height + L.lineGap;
        }
    };
    drawGroup(title, faded(255, 255, 255, 255, alpha));
    drawGroup(subtitle, faded(240, 228, 200, 255, alpha));
    drawGroup(source, faded(205, 205, 205, 255, alpha));
    return band;
}

// The status box at the bottom right: title, data label, date, credits.
FrameOverlayDrawn::Box drawStatus(ImDrawList* dl, const FrameOverlayContent& c, const FrameOverlayOptions& o,
                                  ImVec2 display, float infoPx, float edge) {
    struct Item {
        Line line;
        ImU32 colour;
    };
    std::vector<Item> items;
    const float pad = std::round(infoPx * 0.45f);
    const float wrap = std::max(40.0f, display.x * 0.5f - edge - 2.0f * pad);
    const auto add = [&](const std::string& text, float px, ImU32 colour) {
        std::vector<Line> lines;
        addLines(lines, text, px, wrap);
        for (Line& l : lines) items.push_back({std::move(l), colour});
    };
    if (o.status) {
        add(c.title, infoPx, IM_COL32(255, 255, 255, 255));
        add(c.label, infoPx, IM_COL32(255, 217, 102, 255));
        add(c.picked, infoPx, IM_COL32(255, 255, 255, 255));
    }
    if (o.date) add(c.date, std::round(infoPx * 1.5f), IM_COL32(255, 255, 255, 255));
    if (o.attributions && !c.attributions.empty()) {
        // The box keeps to the lower 40 % of the frame: on small frames the credits shorten
        // rather than cover the picture and the deposit legend above them.
        float above = 0.0f;
        for (const Item& i : items) above += i.line.height;
        const float room = display.y * 0.4f - 2.0f * pad - above;
        const int maxLines = std::max(1, int(std::floor(room / infoPx)));
        const auto measure = [infoPx](std::string_view s) { return layoutText(s, infoPx).width; };
        for (const std::string& l : creditLines(c.attributions, wrap, maxLines, measure)) {
            Line line{layoutText(l, infoPx), 0.0f};
            line.height = std::max(line.layout.height, infoPx);
            items.push_back({std::move(line), IM_COL32(217, 217, 217, 255)});
        }
    }
    if (items.empty()) return {};
    float w = 0.0f, h = 0.0f;
    for (const Item& i : items) w = std::max(w, i.line.layout.width), h += i.line.height;
    FrameOverlayDrawn::Box box{display.x - edge - w - 2.0f * pad, display.y - edge - h - 2.0f * pad, display.x - edge,
                               display.y - edge};
    dl->AddRectFilled(ImVec2(box.x0, box.y0), ImVec2(box.x1, box.y1), IM_COL32(15, 15, 15, 140), pad * 0.6f);
    float y = box.y0 + pad;
    for (const Item& i : items) {
        // Right-aligned: the credits end at the frame's edge, as map credits do.
        drawLayout(dl, ImVec2(std::round(box.x1 - pad - i.line.layout.width), std::round(y)), i.colour, i.line.layout);
        y += i.line.height;
    }
    return box;
}

void drawNorthArrow(ImDrawList* dl, ImVec2 centre, float r, glm::dvec2 north, float infoPx) {
    const ImVec2 d(float(north.x), float(north.y));
    const ImVec2 p(-d.y, d.x);
    dl->AddCircleFilled(centre, r, IM_COL32(15, 15, 15, 150), 32);
    dl->AddCircle(centre, r, IM_COL32(255, 255, 255, 200), 32, std::max(1.0f, r * 0.06f));
    const float len = r * 0.5f, half = r * 0.2f;
    const ImVec2 tip(centre.x + d.x * len, centre.y + d.y * len);
    const ImVec2 tail(centre.x - d.x * len, centre.y - d.y * len);
    const ImVec2 left(centre.x + p.x * half, centre.y + p.y * half);
    const ImVec2 right(centre.x - p.x * half, centre.y - p.y * half);
    dl->AddTriangleFilled(tip, left, right, IM_COL32(230, 50, 40, 255));
    dl->AddTriangleFilled(tail, right, left, IM_COL32(240, 240, 240, 255));
    // "N" beyond the needle's tip, inside the disc.
    const float nPx = std::max(8.0f, infoPx * 0.62f);
    const TextLayout n = layoutText("N", nPx);
    const float at = r * 0.74f;
    drawLayout(dl, ImVec2(std::round(centre.x + d.x * at - n.width * 0.5f), std::round(centre.y + d.y * at - n.height * 0.5f)),
               IM_COL32(255, 255, 255, 255), n);
}

}  // namespace

void measureScaleAndNorth(FrameOverlayContent& content, const Camera& cam, const GroundHeightFn& ground) {
    const double w = double(cam.width), h = double(cam.height);
    // The bottom centre, a little above the edge: the nearest ground, beside which the bar is drawn.
    const double row = h - std::max(10.0, h * 0.05);
    content.scaleBar.reset();
    if (const auto mpp = groundMetresPerPixel(cam, (w - 1.0) * 0.5, row, ground)) content.scaleBar = scaleBarFor(*mpp);
    // Pixel centres are at +0.5: (w - 1) / 2 is the exact centre, where north is straight up at heading 0.
    content.north = northOnScreen(cam, (w - 1.0) * 0.5, (h - 1.0) * 0.5, ground);
}

FrameOverlayDrawn drawFrameOverlay(const FrameOverlayContent& c, const FrameOverlayOptions& o) {
    FrameOverlayDrawn drawn;
    const ImGuiIO& io = ImGui::GetIO();
    const ImVec2 display = io.DisplaySize;
    if (display.x <= 0.0f || display.y <= 0.0f) return drawn;
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const float factor = std::clamp(o.sizeFactor, 0.5f, 4.0f);
    const CaptionLayout L = captionLayout(display.x, display.y, factor);
    // The status box and the scale bar at the UI's font size (crisp: the atlas's own size) or
    // the frame's information size when that is larger.
    const float infoPx = std::round(std::max(L.infoPx, ImGui::GetFontSize() * factor));
    const float edge = std::max(10.0f, display.y * 0.018f);
    const float bottom = display.y - edge - std::max(0.0f, o.bottomInset);

    drawn.status = drawStatus(dl, c, o, display, infoPx, edge);
    if (o.caption && c.captionAlpha > 0.0 && !c.caption.empty()) {
        // Above the scale bar's label, and above the status box where a wide band would reach it
        // (drawn after the box, so over it when the box is too tall to stay above).
        const float low = std::min(L.bandBottom, bottom - 2.5f * infoPx);
        float limit = low;
        if (!drawn.status.empty() && drawn.status.x0 < L.margin + L.wrapWidth + 2.0f * L.padding)
            limit = std::min(limit, drawn.status.y0 - std::round(edge * 0.5f));
        drawn.band = drawCaption(dl, c, L, limit, low, display.y * 0.3f);
    }

    // The scale bar and north arrow together, ending at the centre line.
    const bool bar = o.scaleBar && c.scaleBar;
    const bool arrow = o.northArrow && c.north;
    if (!bar && !arrow) return drawn;
    const float fbScale = io.DisplayFramebufferScale.x > 0.0f ? io.DisplayFramebufferScale.x : 1.0f;
    const float barLen = bar ? float(c.scaleBar->pixels) / fbScale : 0.0f;
    const float thick = std::max(3.0f, std::round(infoPx * 0.3f));
    const float r = std::round(infoPx * 1.25f);
    const float gap = arrow && bar ? std::round(infoPx * 0.8f) : 0.0f;
    const float groupW = (arrow ? 2.0f * r : 0.0f) + gap + barLen;
    const float x0 = std::max(edge, display.x * 0.5f - edge - groupW);
    if (arrow) {
        drawn.northX = x0 + r;
        drawn.northY = bottom - r;
        drawn.northRadius = r;
        drawNorthArrow(dl, ImVec2(drawn.northX, drawn.northY), r, *c.north, infoPx);
    }
    if (bar) {
        drawn.barX0 = std::round(x0 + (arrow ? 2.0f * r : 0.0f) + gap);
        drawn.barX1 = drawn.barX0 + barLen;
        drawn.barY = std::round(bottom - thick * 0.5f - infoPx * 0.15f);
        const float y0 = drawn.barY - thick * 0.5f, y1 = drawn.barY + thick * 0.5f;
        // Dark outline, white bar, end ticks: reads on snow and on dark rock.
        dl->AddRectFilled(ImVec2(drawn.barX0 - 1.0f, y0 - 1.0f), ImVec2(drawn.barX1 + 1.0f, y1 + 1.0f),
                          IM_COL32(0, 0, 0, 210));
        dl->AddRectFilled(ImVec2(drawn.barX0, y0), ImVec2(drawn.barX1, y1), IM_COL32(255, 255, 255, 255));
        // End ticks rise above the bar, outside its white length (which is exactly the scale).
        const float tick = thick * 1.6f;
        for (const float x : {drawn.barX0 - 3.0f, drawn.barX1})
            dl->AddRectFilled(ImVec2(x, y0 - tick), ImVec2(x + 3.0f, y1 + 1.0f), IM_COL32(0, 0, 0, 210));
        drawn.bar = *c.scaleBar;
        const TextLayout label = layoutText(c.scaleBar->label, infoPx);
        const float lx = std::round((drawn.barX0 + drawn.barX1) * 0.5f - label.width * 0.5f);
        const float ly = std::round(y0 - tick - label.height - 1.0f);
        for (int dy = -1; dy <= 1; ++dy)
            for (int dx = -1; dx <= 1; ++dx)
                if (dx || dy) drawLayout(dl, ImVec2(lx + float(dx), ly + float(dy)), IM_COL32(0, 0, 0, 220), label);
        drawLayout(dl, ImVec2(lx, ly), IM_COL32(255, 255, 255, 255), label);
        drawn.scaleLabel = {lx, ly, lx + label.width, ly + label.height};
    }
    return drawn;
}

}  // namespace plateau::ui
