#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <thread>

#include "core/vector_geometry.h"
#include "io/vector_overlay_source.h"

using namespace plateau;
namespace fs = std::filesystem;

namespace {

const fs::path kData = PLATEAU_SHARED_DATA;

LayerDesc vectorLayer(const fs::path& p) {
    LayerDesc l;
    l.id = "test";
    l.type = LayerType::Vector;
    l.source.type = "ogr";
    l.source.path = p;
    return l;
}

std::shared_ptr<VectorOverlaySource> svalbard() {
    LayerDesc l = vectorLayer(kData / "glaciers/svalbard/svalbard_glaciers_1936_1990_2007.gpkg");
    l.time.field = "year";
    l.time.idField = "name";
    l.time.fadeYears = 4;
    l.style.labelField = "name";
    l.style.stroke = {0, 0, 0, 0};  // fills only: alpha sums are areas
    l.style.fill = {1, 1, 1, 1};
    auto src = openVectorOverlay(l);
    REQUIRE(src.ok());
    return *src;
}

double alphaSum(const OverlayImage& img) {
    double s = 0;
    for (std::size_t i = 3; i < img.rgba.size(); i += 4) s += img.rgba[i] / 255.0;
    return s;
}

}  // namespace

TEST_CASE("a time-aware vector overlay: states, tiles, picking and labels", "[vector][overlay]") {
    const auto src = svalbard();
    CHECK(src->describe() == "vector svalbard_glaciers_1936_1990_2007.gpkg");
    const std::int64_t s1950 = src->stateAt(1950), s2010 = src->stateAt(2010);
    CHECK(s1950 != s2010);
    CHECK(src->stateAt(1980) == s1950);
    CHECK(src->stateAt(2020) == s2010);

    // The tile holding the glaciers at z12; the same tile shows less ice in 2010.
    const TileId tile = lonLatToTile(11.95, 78.89, 12);
    REQUIRE(src->hasTile(tile));
    std::atomic<bool> cancel{false};
    auto old = src->render(tile, s1950, cancel);
    auto now = src->render(tile, s2010, cancel);
    REQUIRE(old.ok());
    REQUIRE(now.ok());
    CHECK(!old->transparent);
    CHECK(alphaSum(*now) < alphaSum(*old));
    CHECK(alphaSum(*now) > 0.5 * alphaSum(*old));

    CHECK(src->hasTile(TileId{0, 0, 0}));
    CHECK(src->hasTile(TileId{22, 0, 0}) == false);
    CHECK(!src->hasTile(lonLatToTile(90, 30, 8)));
    const TileId deep = lonLatToTile(11.95, 78.89, 22);
    CHECK(src->hasTile(deep));
    CHECK(!src->hasTile(TileId{23, deep.x * 2, deep.y * 2}));
    auto empty = src->render(lonLatToTile(90, 30, 12), s2010, cancel);
    REQUIRE(empty.ok());
    CHECK(empty->transparent);

    // Fades start at each boundary.
    const TimeBlend b = src->blendAt(1992);
    CHECK(b.from == src->stateAt(1989));
    CHECK(b.to == src->stateAt(1992));
    CHECK(b.weight == Approx(0.5));

    // Labels: one per glacier in each state, each inside its own polygon, where a pick finds it.
    for (const std::int64_t s : {s1950, s2010}) {
        const auto labels = src->labels(s);
        REQUIRE(labels.size() == 5);
        for (const auto& l : labels) {
            CHECK(src->versions().active(l.feature, s));
            CHECK(l.text == src->data().features[l.feature].objectId);
            CHECK(insideEvenOdd(src->index().fullGeometry(l.feature), toMercator(LonLat{l.lon, l.lat})));
            const auto hit = src->pick(l.lon, l.lat, 0.0, s);
            REQUIRE(hit);
            CHECK(*hit == l.feature);
        }
    }
    CHECK(!src->pick(90, 30, 1000, s2010));
    CHECK(!src->pick(11.95, 78.89, 10, src->stateAt(1900)));  // nothing mapped before 1936

    cancel = true;
    CHECK(!src->render(tile, s1950, cancel).ok());

    // A layer pinned to a date ignores the timeline.
    LayerDesc pinned = vectorLayer(kData / "glaciers/svalbard/svalbard_glaciers_1936_1990_2007.gpkg");
    pinned.time.field = "year";
    pinned.time.idField = "name";
    pinned.time.pinned = 1936.5;
    auto fixed = openVectorOverlay(pinned);
    REQUIRE(fixed.ok());
    CHECK((*fixed)->stateAt(2010) == (*fixed)->stateAt(1900));
    CHECK((*fixed)->stateAt(2010) == s1950);
}

TEST_CASE("river lines: picking within a tolerance, topmost wins, threads agree", "[vector][overlay]") {
    LayerDesc l = vectorLayer(kData / "rivers/ne_10m_rivers_lake_centerlines_hma.geojson");
    l.style.strokeWidthPx = 3;
    auto opened = openVectorOverlay(l);
    REQUIRE(opened.ok());
    const auto src = *opened;
    CHECK(src->stateAt(1950) == 0);
    CHECK(src->stateAt(2050) == 0);

    // A point 2 km north of a vertex of the Yarlung: the pick finds the nearest line once the
    // tolerance reaches it, and nothing just short of it.
    const int name = src->data().fieldIndex("name");
    std::size_t f = 0;
    while (src->data().features[f].values[std::size_t(name)].text != "Yarlung") ++f;
    const auto& part = src->data().features[f].parts[0];
    const LonLat v = part[part.size() / 2];
    const double lat = v.lat + 2000.0 / 111320.0;
    const MercatorPoint p = toMercator(LonLat{v.lon, lat});
    double nearest = 1e300;
    std::size_t nearestFeature = 0;
    for (std::size_t i = 0; i < src->data().features.size(); ++i)
        for (const auto& line : src->index().fullGeometry(i))
            for (std::size_t k = 0; k + 1 < line.size(); ++k) {
                const double d = distanceToSegment(p, line[k], line[k + 1]) / mercatorPerMetre(lat);
                if (d < nearest) {
                    nearest = d;
                    nearestFeature = i;
                }
            }
    REQUIRE(nearest < 2001);
    const auto hit = src->pick(v.lon, lat, nearest * 1.001, 0);
    REQUIRE(hit);
    CHECK(*hit == nearestFeature);
    CHECK(!src->pick(v.lon, lat, nearest * 0.999, 0));

    // Where two rivers share a vertex (a confluence), the later in the file is on top.
    std::optional<std::pair<std::size_t, LonLat>> shared;
    for (std::size_t i = 0; i < src->data().features.size() && !shared; ++i)
        for (std::size_t j = i + 1; j < src->data().features.size() && !shared; ++j)
            for (const auto& a : src->data().features[i].parts)
                for (const auto& b : src->data().features[j].parts)
                    for (const auto& q : a)
                        if (!shared && (q.lon == b.front().lon && q.lat == b.front().lat))
                            shared = std::make_pair(j, q);
    REQUIRE(shared);
    CHECK(src->pick(shared->second.lon, shared->second.lat, 1.0, 0) == shared->first);

    // Tiles rendered on several threads at once match those rendered one by one.
    const TileId t = lonLatToTile(v.lon, v.lat, 7);
    std::vector<TileId> tiles;
    for (int dx = -1; dx <= 1; ++dx)
        for (int dy = -1; dy <= 1; ++dy) tiles.push_back({7, t.x + dx, t.y + dy});
    std::atomic<bool> cancel{false};
    std::vector<OverlayImage> serial;
    for (const auto& id : tiles) serial.push_back(*src->render(id, 0, cancel));
    std::vector<OverlayImage> parallel(tiles.size());
    std::vector<std::thread> threads;
    for (std::size_t k = 0; k < 4; ++k)
        threads.emplace_back([&, k] {
            for (std::size_t i = k; i < tiles.size(); i += 4) parallel[i] = *src->render(tiles[i], 0, cancel);
        });
    for (auto& th : threads) th.join();
    for (std::size_t i = 0; i < tiles.size(); ++i) CHECK(parallel[i].rgba == serial[i].rgba);
    CHECK(!serial[4].transparent);

    LayerDesc wrong = l;
    wrong.type = LayerType::Imagery;
    CHECK(!openVectorOverlay(wrong).ok());
    wrong = l;
    wrong.source.path = "/nonexistent/rivers.geojson";
    auto missing = openVectorOverlay(wrong);
    REQUIRE(!missing.ok());
    CHECK(missing.error().message.find("/nonexistent/rivers.geojson") == 0);
}
