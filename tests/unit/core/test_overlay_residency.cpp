#include <catch2/catch.hpp>

#include <chrono>
#include <map>
#include <mutex>
#include <thread>

#include "core/overlay_residency.h"

using namespace plateau;

namespace {

// Tiles from z2 to z5 inside the western hemisphere; each texel stores the tile's zoom, and the
// picture changes state at the year 2000. Tile {4, 1, 1} always fails; tile {4, 2, 2} has nothing
// to draw (transparent).
class FakeOverlay : public OverlaySource {
public:
    std::mutex m;
    std::map<TileId, int> renders;
    std::string describe() const override { return "fake overlay"; }
    int minZoom() const override { return 2; }
    int maxZoom() const override { return 5; }
    bool hasTile(const TileId& id) const override { return id.z >= 2 && id.z <= 5 && id.x < (1 << id.z) / 2; }
    std::int64_t stateAt(double year) const override { return year < 2000.0 ? 0 : 1; }
    Result<OverlayImage> render(const TileId& id, std::int64_t state, const std::atomic<bool>&) override {
        {
            std::lock_guard<std::mutex> lock(m);
            ++renders[id];
        }
        if (id == TileId{4, 1, 1}) return makeError("fake/4/1/1.png: broken");
        OverlayImage img;
        img.id = id;
        if (id == TileId{4, 2, 2}) {
            img.rgba.assign(std::size_t(kOverlayTileSize * kOverlayTileSize * 4), 0);
            img.transparent = true;
            return img;
        }
        img.rgba.assign(std::size_t(kOverlayTileSize * kOverlayTileSize * 4), std::uint8_t(id.z * 10 + state));
        return img;
    }
};

class FakeUploader : public OverlayUploader {
public:
    std::size_t cap = 64;
    std::map<std::uint32_t, std::uint8_t> slots;  // slot -> first byte of its image
    std::uint32_t next = 0;
    std::vector<std::uint32_t> freed;
    std::optional<std::uint32_t> upload(const OverlayImage& img) override {
        if (slots.size() >= cap) return std::nullopt;
        std::uint32_t s = freed.empty() ? next++ : freed.back();
        if (!freed.empty()) freed.pop_back();
        slots[s] = img.rgba[0];
        return s;
    }
    void release(std::uint32_t slot) override {
        slots.erase(slot);
        freed.push_back(slot);
    }
    std::size_t capacity() const override { return cap; }
};

// One layer's residency over the fake source and GPU, on one worker, with 32 slots; its
// messages go to `log`.
struct Rig {
    Rig() : r(src, pool, up, [this](const std::string& s) { log.push_back(s); }, 32) {}
    WorkerPool pool{1};
    std::shared_ptr<FakeOverlay> src = std::make_shared<FakeOverlay>();
    FakeUploader up;
    std::vector<std::string> log;
    OverlayResidency r;
};

// Frames until nothing is missing (the pool's workers produce meanwhile).
OverlayFrameStats settle(OverlayResidency& r, const std::vector<TileId>& draw, double time,
                         std::vector<TileOverlays>& out, double fade = 0.0) {
    OverlayFrameStats st;
    for (int i = 0; i < 500; ++i) {
        out.assign(draw.size(), {});
        st = r.update(draw, time, fade, 1.0f, 1000, out);
        if (st.missing == 0) return st;
        if (!r.helpOne()) r.waitForProgress(0.01);
    }
    FAIL("overlay residency did not settle");
    return st;
}

}  // namespace

TEST_CASE_METHOD(Rig, "overlay tiles come from the layer's own level, or an ancestor's through a window",
                 "[overlay]") {
    // z7 terrain tile: the layer stops at z5, so the z5 ancestor is used through a quarter window.
    const TileId deep{7, 9, 13};
    const TileId outside{3, 7, 1};  // eastern hemisphere: no data
    std::vector<TileOverlays> out;
    settle(r, {deep, outside}, 1990.0, out);
    REQUIRE(out[0].count == 1);
    CHECK(out[1].count == 0);
    const OverlayRef& ref = out[0].refs[0];
    CHECK(ref.scale == Approx(0.25));
    CHECK(ref.offsetU == Approx(0.25));  // x 9 = 4 * 2 + 1
    CHECK(ref.offsetV == Approx(0.25));  // y 13 = 4 * 3 + 1
    CHECK(up.slots.at(ref.slot) == 50);  // the z5 tile, state 0
    // Nothing is asked below the layer's minimum level, and only the wanted tile is rendered.
    CHECK(src->renders.size() == 1);
    CHECK(src->renders.count(TileId{5, 2, 3}) == 1);
}

TEST_CASE_METHOD(Rig, "a failed overlay tile is reported once and drawn from its ancestor", "[overlay]") {
    std::vector<TileOverlays> out;
    settle(r, {TileId{4, 1, 1}}, 1990.0, out);
    REQUIRE(out[0].count == 1);
    CHECK(out[0].refs[0].scale == Approx(0.5));  // the z3 parent
    settle(r, {TileId{4, 1, 1}}, 1990.0, out);
    CHECK(log.size() == 1);
    CHECK(log[0].find("fake/4/1/1.png") != std::string::npos);
}

TEST_CASE_METHOD(Rig, "a transparent overlay tile draws nothing, takes no slot and is no error", "[overlay]") {
    std::vector<TileOverlays> out;
    const auto st = settle(r, {TileId{4, 2, 2}}, 1990.0, out);
    CHECK(out[0].count == 0);       // not its parent's picture through a window either
    CHECK(st.resident == 1);        // held, so it is not produced again
    CHECK(up.slots.empty());
    CHECK(log.empty());
    settle(r, {TileId{4, 2, 2}}, 1990.0, out);
    CHECK(src->renders[TileId{4, 2, 2}] == 1);
}

TEST_CASE_METHOD(Rig, "overlay tiles follow the time state and crossfade", "[overlay]") {
    const TileId t{3, 1, 2};
    std::vector<TileOverlays> out;
    settle(r, {t}, 1990.0, out);
    CHECK(up.slots.at(out[0].refs[0].slot) == 30);
    settle(r, {t}, 2010.0, out);
    CHECK(up.slots.at(out[0].refs[0].slot) == 31);
    // Four years into a ten-year fade: the old picture at 60 %, the new one at 40 %.
    settle(r, {t}, 2004.0, out, 10.0);
    REQUIRE(out[0].count == 2);
    CHECK(up.slots.at(out[0].refs[0].slot) == 30);
    CHECK(out[0].refs[0].opacity == Approx(0.6f).margin(1e-3));
    CHECK(up.slots.at(out[0].refs[1].slot) == 31);
    CHECK(out[0].refs[1].opacity == Approx(0.4f).margin(1e-3));
}

TEST_CASE("overlay residency stays within its GPU slots", "[overlay]") {
    WorkerPool pool(1);
    auto src = std::make_shared<FakeOverlay>();
    FakeUploader up;
    OverlayResidency r(src, pool, up, [](const std::string&) {}, 8);
    std::vector<TileOverlays> out;
    for (int x = 0; x < 16; ++x) {
        settle(r, {TileId{5, x, 3}, TileId{5, x, 4}}, 1990.0, out);
        CHECK(up.slots.size() <= 8);
        CHECK(out[0].count == 1);
        CHECK(out[1].count == 1);
    }
}

TEST_CASE("a full overlay pool gives coarser tiles and one warning, and the view still settles", "[overlay]") {
    WorkerPool pool(1);
    auto src = std::make_shared<FakeOverlay>();
    FakeUploader up;
    up.cap = 3;
    std::vector<std::string> log;
    OverlayResidency r(src, pool, up, [&](const std::string& s) { log.push_back(s); }, 64);
    std::vector<TileOverlays> out;
    // First the parent (one slot), then its four children, which need four more slots.
    settle(r, {TileId{4, 2, 6}}, 1990.0, out);
    const std::vector<TileId> kids{{5, 4, 12}, {5, 5, 12}, {5, 4, 13}, {5, 5, 13}};
    const auto st = settle(r, kids, 1990.0, out);
    CHECK(st.missing == 0);
    CHECK(up.slots.size() == 3);
    int own = 0, fromParent = 0;
    for (const auto& o : out) {
        REQUIRE(o.count == 1);
        if (o.refs[0].scale == Approx(1.0)) ++own;
        if (o.refs[0].scale == Approx(0.5)) ++fromParent;
    }
    CHECK(own == 2);
    CHECK(fromParent == 2);
    REQUIRE(log.size() == 1);
    CHECK(log[0].find("overlay slots are full") != std::string::npos);
}
