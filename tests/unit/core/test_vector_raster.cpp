#include <catch2/catch.hpp>

#include <cmath>
#include <queue>
#include <vector>

#include "core/vector_raster.h"

using namespace plateau;

namespace {

const TileId kTile{10, 771, 430};  // over the plateau near Shigatse

// A point given in pixels of kTile (fractions allowed; outside the tile too).
MercatorPoint px(const TileId& t, double x, double y, int size = 256) {
    const MercatorRect r = tileRect(t);
    const double s = mercatorPixel(t.z, size);
    return {r.minX + x * s, r.minY + y * s};
}

FeatureStyle lineStyle(float width) {
    FeatureStyle s;
    s.stroke = {1, 0, 0, 1};
    s.fill = {0, 0, 0, 0};
    s.strokeWidthPx = width;
    return s;
}

FeatureStyle fillOnly(Colour c) {
    FeatureStyle s;
    s.fill = c;
    s.stroke = {0, 0, 0, 0};
    s.strokeWidthPx = 0;
    return s;
}

double alphaAt(const OverlayImage& img, int x, int y) { return img.pixel(x, y)[3] / 255.0; }

double pixelDistanceToPath(double x, double y, const std::vector<std::pair<double, double>>& path) {
    double best = 1e300;
    for (std::size_t i = 0; i + 1 < path.size(); ++i)
        best = std::min(best, distanceToSegment({x, y}, {path[i].first, path[i].second},
                                                {path[i + 1].first, path[i + 1].second}));
    return best;
}

}  // namespace

TEST_CASE("a stroked line is one connected run of pixels hugging the projected line", "[vector][raster]") {
    // A bent polyline that enters and leaves the tile, with a sharp turn inside it.
    const std::vector<std::pair<double, double>> path = {{-20, 30.3}, {120.7, 90.2}, {60.1, 200.9}, {300, 250.5}};
    std::vector<MercatorPart> parts(1);
    for (const auto& [x, y] : path) parts[0].push_back(px(kTile, x, y));
    const FeatureStyle style = lineStyle(1.5f);
    const OverlayImage img = rasterizeTile(kTile, {{GeometryKind::Line, &parts, &style}});
    REQUIRE(!img.transparent);

    std::vector<int> label(256 * 256, 0);
    int drawn = 0, start = -1;
    for (int y = 0; y < 256; ++y)
        for (int x = 0; x < 256; ++x) {
            const double a = alphaAt(img, x, y);
            if (a <= 0) continue;
            ++drawn;
            start = y * 256 + x;
            const double d = pixelDistanceToPath(x + 0.5, y + 0.5, path);
            // Any coverage: within half the width plus the one-pixel anti-aliasing ramp.
            CHECK(d <= 0.75 + 0.5 + 1e-9);
            if (a >= 0.5) CHECK(d <= 1.0);
            CHECK(img.pixel(x, y)[0] == 255);  // straight alpha: the colour stays pure red
        }
    REQUIRE(drawn > 300);
    // 8-connected flood fill from one drawn pixel reaches them all.
    std::queue<int> q;
    q.push(start);
    label[std::size_t(start)] = 1;
    int reached = 0;
    while (!q.empty()) {
        const int p = q.front();
        q.pop();
        ++reached;
        for (int dy = -1; dy <= 1; ++dy)
            for (int dx = -1; dx <= 1; ++dx) {
                const int x = p % 256 + dx, y = p / 256 + dy;
                if (x < 0 || y < 0 || x >= 256 || y >= 256 || label[std::size_t(y * 256 + x)]) continue;
                if (alphaAt(img, x, y) <= 0) continue;
                label[std::size_t(y * 256 + x)] = 1;
                q.push(y * 256 + x);
            }
    }
    CHECK(reached == drawn);
    // And the line is solid along its length: every pixel a vertex-to-vertex step crosses is
    // at least half covered.
    for (std::size_t i = 0; i + 1 < path.size(); ++i)
        for (double t = 0; t <= 1; t += 0.01) {
            const double x = path[i].first + (path[i + 1].first - path[i].first) * t;
            const double y = path[i].second + (path[i + 1].second - path[i].second) * t;
            if (x < 0 || y < 0 || x >= 256 || y >= 256) continue;
            CHECK(alphaAt(img, int(x), int(y)) >= 0.5);
        }
}

TEST_CASE("a filled polygon's pixel area matches its projected area", "[vector][raster]") {
    // An irregular outline with a hole, in pixels.
    std::vector<MercatorPart> parts(2);
    const int n = 40;
    for (int i = 0; i < n; ++i) {
        const double a = 2 * 3.14159265358979 * i / n;
        const double r = 90 + 25 * std::sin(3 * a) + 7 * std::cos(7 * a);
        parts[0].push_back(px(kTile, 128.3 + r * std::cos(a), 127.6 + r * std::sin(a)));
    }
    for (const auto& [x, y] : std::vector<std::pair<double, double>>{{110, 100}, {150.5, 104}, {140, 140.2}, {105, 130}})
        parts[1].push_back(px(kTile, x, y));
    const FeatureStyle style = fillOnly({0, 0.5f, 1, 1});
    const OverlayImage img = rasterizeTile(kTile, {{GeometryKind::Polygon, &parts, &style}});
    double covered = 0;
    for (int y = 0; y < 256; ++y)
        for (int x = 0; x < 256; ++x) covered += alphaAt(img, x, y);
    const double pixelArea = mercatorPixel(kTile.z) * mercatorPixel(kTile.z);
    const double expected = (ringArea(parts[0]) - ringArea(parts[1])) / pixelArea;
    REQUIRE(expected > 15000);
    CHECK(std::fabs(covered - expected) / expected < 0.01);
    // Even-odd: the hole is empty, the body solid.
    CHECK(alphaAt(img, 128, 118) == 0);
    CHECK(alphaAt(img, 128, 60) == 1.0);
}

TEST_CASE("neighbour tiles agree with the parent drawn at twice the size: no seam", "[vector][raster]") {
    const TileId parent{9, 385, 215};
    // Features crossing the point where the four children meet, one just outside a child
    // whose wide stroke reaches in.
    std::vector<MercatorPart> line{{px(parent, 10.2, 300.7, 512), px(parent, 256.0, 250.3, 512), px(parent, 500.9, 270.1, 512)}};
    std::vector<MercatorPart> poly{{px(parent, 200.4, 200.1, 512), px(parent, 320.6, 210.9, 512),
                                    px(parent, 300.2, 330.3, 512), px(parent, 210.7, 310.2, 512)}};
    std::vector<MercatorPart> point{{px(parent, 255.3, 120.6, 512)}};
    std::vector<MercatorPart> nearEdge{{px(parent, 257.2, 20, 512), px(parent, 257.2, 500, 512)}};
    FeatureStyle polyStyle;
    polyStyle.fill = {0.2f, 0.6f, 0.3f, 0.6f};
    polyStyle.stroke = {0, 0.3f, 0, 1};
    polyStyle.strokeWidthPx = 2;
    FeatureStyle pointStyle = polyStyle;
    pointStyle.pointSizePx = 9;
    const FeatureStyle thin = lineStyle(1.5f), wide = lineStyle(5.0f);
    const std::vector<DrawItem> items = {{GeometryKind::Polygon, &poly, &polyStyle},
                                         {GeometryKind::Line, &line, &thin},
                                         {GeometryKind::Point, &point, &pointStyle},
                                         {GeometryKind::Line, &nearEdge, &wide}};
    const OverlayImage big = rasterizeTile(parent, items, 512);
    int worst = 0;
    for (const TileId& child : parent.children()) {
        const OverlayImage small = rasterizeTile(child, items, 256);
        const int ox = (child.x - parent.x * 2) * 256, oy = (child.y - parent.y * 2) * 256;
        for (int y = 0; y < 256; ++y)
            for (int x = 0; x < 256; ++x)
                for (int c = 0; c < 4; ++c)
                    worst = std::max(worst, std::abs(int(small.pixel(x, y)[c]) - int(big.pixel(ox + x, oy + y)[c])));
    }
    CHECK(worst <= 1);
    // Across the edge between the northern children, what is drawn on one side continues on the other.
    const OverlayImage nw = rasterizeTile(parent.children()[0], items, 256);
    const OverlayImage ne = rasterizeTile(parent.children()[1], items, 256);
    int crossings = 0;
    for (int y = 0; y < 256; ++y) {
        const bool left = alphaAt(nw, 255, y) >= 0.5, right = alphaAt(ne, 0, y) >= 0.5;
        if (left || right) {
            ++crossings;
            CHECK((alphaAt(nw, 255, y) > 0 && alphaAt(ne, 0, y) > 0));
        }
    }
    CHECK(crossings > 0);
    // The wide line lies 1.2 px east of the western children's edge, yet reaches into them.
    const OverlayImage west = rasterizeTile(TileId{10, 770, 430}, items, 256);
    CHECK(alphaAt(west, 255, 100) > 0.5);
}

TEST_CASE("features blend source-over in order, points are discs with outlines", "[vector][raster]") {
    std::vector<MercatorPart> a{{px(kTile, 20, 20), px(kTile, 150, 20), px(kTile, 150, 150), px(kTile, 20, 150)}};
    std::vector<MercatorPart> b{{px(kTile, 100, 100), px(kTile, 230, 100), px(kTile, 230, 230), px(kTile, 100, 230)}};
    const FeatureStyle red = fillOnly({1, 0, 0, 1}), halfBlue = fillOnly({0, 0, 1, 0.5f});
    const OverlayImage img = rasterizeTile(kTile, {{GeometryKind::Polygon, &a, &red}, {GeometryKind::Polygon, &b, &halfBlue}});
    const std::uint8_t* over = img.pixel(120, 120);
    CHECK(int(over[3]) == 255);
    CHECK(std::abs(int(over[0]) - 128) <= 1);
    CHECK(std::abs(int(over[2]) - 128) <= 1);
    const std::uint8_t* onlyB = img.pixel(200, 200);
    CHECK(int(onlyB[3]) == 128);
    CHECK(int(onlyB[2]) == 255);  // straight alpha
    const std::uint8_t* none = img.pixel(10, 250);
    CHECK(int(none[3]) == 0);

    // Reversed order: red on top.
    const OverlayImage rev = rasterizeTile(kTile, {{GeometryKind::Polygon, &b, &halfBlue}, {GeometryKind::Polygon, &a, &red}});
    CHECK(int(rev.pixel(120, 120)[0]) == 255);
    CHECK(int(rev.pixel(120, 120)[2]) == 0);

    std::vector<MercatorPart> pts{{px(kTile, 64.5, 64.5)}, {px(kTile, 190.2, 70.7)}};
    FeatureStyle dot;
    dot.fill = {1, 1, 0, 1};
    dot.stroke = {0, 0, 0, 1};
    dot.pointSizePx = 20;
    dot.strokeWidthPx = 2;
    const OverlayImage dots = rasterizeTile(kTile, {{GeometryKind::Point, &pts, &dot}});
    double area = 0;
    for (int y = 0; y < 128; ++y)
        for (int x = 0; x < 128; ++x) area += alphaAt(dots, x, y);
    // Disc of radius 10 plus the outer half of a 2-px ring: radius about 11.
    CHECK(std::fabs(area - 3.14159 * 11 * 11) / (3.14159 * 11 * 11) < 0.05);
    CHECK(int(dots.pixel(64, 64)[0]) == 255);  // yellow centre
    CHECK(int(dots.pixel(64, 64)[1]) == 255);
    CHECK(int(dots.pixel(74, 64)[0]) < 40);    // black rim at radius 10
    CHECK(alphaAt(dots, 190, 70) == 1.0);      // the second point of the multipoint

    const OverlayImage empty = rasterizeTile(TileId{10, 0, 0}, {{GeometryKind::Point, &pts, &dot}});
    CHECK(empty.transparent);
    CHECK(!dots.transparent);
}

TEST_CASE("styles by category and by numeric ramp", "[vector][style]") {
    VectorData data;
    data.fields = {"kind", "flow"};
    VectorFeature lake, river, other;
    lake.kind = GeometryKind::Polygon;
    lake.values = {{"lake", std::nullopt, false}, {"", std::nullopt, true}};
    river.kind = GeometryKind::Line;
    river.values = {{"river", std::nullopt, false}, {"75", 75.0, false}};
    other.kind = GeometryKind::Polygon;
    other.values = {{"swamp", std::nullopt, false}, {"500", 500.0, false}};
    data.features = {lake, river, other};
    VectorStyle style;
    style.categoryField = "kind";
    style.categories = {{"lake", {0, 0, 1, 1}}, {"river", {0, 1, 1, 1}}};
    style.numberField = "flow";
    style.numberMin = 50;
    style.numberMax = 150;
    style.widthRange = std::make_pair(1.0f, 5.0f);
    const auto s = resolveStyles(style, data);
    CHECK(s[0].fill == Colour{0, 0, 1, 1});
    CHECK(s[0].stroke[2] == Approx(0.6f));     // outline: a darker shade
    CHECK(s[0].strokeWidthPx == style.strokeWidthPx);  // null number: base width
    CHECK(s[1].stroke == Colour{0, 1, 1, 1});  // lines take the colour as their stroke
    CHECK(s[1].strokeWidthPx == Approx(2.0f)); // 75 is a quarter of 50..150
    CHECK(s[2].fill == style.fill);            // unlisted category: base colours
    CHECK(s[2].strokeWidthPx == Approx(5.0f)); // clamped at the top of the ramp

    style.colourRange = std::make_pair(Colour{0, 0, 0, 1}, Colour{1, 1, 1, 1});
    style.categoryField.clear();
    const auto r = resolveStyles(style, data);
    CHECK(r[1].stroke[0] == Approx(0.25f));
    CHECK(r[2].fill[0] == Approx(1.0f));
}
