#include "core/flow_routing.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <queue>

namespace plateau {

namespace {

constexpr int kDi[8] = {1, 1, 0, -1, -1, -1, 0, 1};
constexpr int kDj[8] = {0, 1, 1, 1, 0, -1, -1, -1};
constexpr std::size_t kCancelEvery = 1u << 14;

struct Open {
    float z;
    std::int32_t cell;
    // std::priority_queue is a max-heap: "greater" puts the lowest on top; equal heights come
    // out in cell order so the result does not depend on the heap's internals.
    bool operator>(const Open& o) const { return z != o.z ? z > o.z : cell > o.cell; }
};

// Lowest first, for any heights: a binary heap.
class HeapQueue {
public:
    void push(float z, std::int32_t c) { heap_.push({z, c}); }
    bool empty() const { return heap_.empty(); }
    std::int32_t pop() {
        const std::int32_t c = heap_.top().cell;
        heap_.pop();
        return c;
    }

private:
    std::priority_queue<Open, std::vector<Open>, std::greater<Open>> heap_;
};

// Lowest first, for heights in whole units over a modest range (SRTM's metres): one bucket
// per unit, O(1) per cell instead of the heap's O(log n), which halves routing time on the
// committed DEM. Nodata (-infinity) has the bucket below all. Cells of equal height leave in
// another order than the heap's; the flood does not depend on that order.
class BucketQueue {
public:
    BucketQueue(float lowest, std::size_t levels) : lowest_(lowest), buckets_(levels + 1) {}
    void push(float z, std::int32_t c) {
        const std::size_t b = std::isinf(z) ? 0 : std::size_t(z - lowest_) + 1;
        buckets_[b].push_back(c);
        current_ = std::min(current_, b);
        ++size_;
    }
    bool empty() const { return size_ == 0; }
    std::int32_t pop() {
        while (buckets_[current_].empty()) ++current_;
        const std::int32_t c = buckets_[current_].back();
        buckets_[current_].pop_back();
        --size_;
        return c;
    }

private:
    float lowest_;
    std::vector<std::vector<std::int32_t>> buckets_;
    std::size_t current_ = 0, size_ = 0;
};

constexpr float kNoData = -std::numeric_limits<float>::infinity();

// Barnes et al.'s improved Priority-Flood over `open`; fills m.filled, m.order and the flood
// parents in m.receiver. False when cancelled.
template <class Queue>
bool flood(const FlowRaster& r, FlowModel& m, Queue& open, const std::function<bool()>& cancelled) {
    const std::size_t n = r.size();
    const int w = r.width, h = r.height;
    std::vector<std::uint8_t> closed(n, 0);
    std::vector<std::int32_t> pit;
    std::size_t pitHead = 0;
    for (std::int32_t c = 0; c < std::int32_t(n); ++c) {
        const int i = c % w, j = c / w;
        const bool valid = r.isValid(std::size_t(c));
        if (valid && i > 0 && j > 0 && i < w - 1 && j < h - 1) continue;
        closed[std::size_t(c)] = 1;
        m.filled[std::size_t(c)] = valid ? r.z[std::size_t(c)] : kNoData;
        open.push(m.filled[std::size_t(c)], c);
    }
    while (!open.empty() || pitHead < pit.size()) {
        std::int32_t c;
        if (pitHead < pit.size()) {
            c = pit[pitHead++];
            if (pitHead == pit.size()) pit.clear(), pitHead = 0;
        } else {
            c = open.pop();
        }
        m.order.push_back(c);
        if ((m.order.size() % kCancelEvery) == 0 && cancelled()) return false;
        const float level = m.filled[std::size_t(c)];
        const int i = c % w, j = c / w;
        for (int k = 0; k < 8; ++k) {
            const int ni = i + kDi[k], nj = j + kDj[k];
            if (ni < 0 || nj < 0 || ni >= w || nj >= h) continue;
            const std::int32_t nb = nj * w + ni;
            if (closed[std::size_t(nb)]) continue;
            closed[std::size_t(nb)] = 1;
            m.receiver[std::size_t(nb)] = r.isValid(std::size_t(c)) ? c : -1;
            const float zn = r.z[std::size_t(nb)];
            if (zn <= level) {
                m.filled[std::size_t(nb)] = level;
                pit.push_back(nb);
            } else {
                m.filled[std::size_t(nb)] = zn;
                open.push(zn, nb);
            }
        }
    }
    return true;
}

}  // namespace

Result<FlowModel> routeFlow(const FlowRaster& r, const FlowGeometry& g, const std::atomic<bool>* cancel) {
    const std::size_t n = r.size();
    if (r.width <= 0 || r.height <= 0 || r.z.size() != n || (!r.valid.empty() && r.valid.size() != n) ||
        g.areaKm2.size() != std::size_t(r.height))
        return makeError(r.source + ": flow routing needs a non-empty raster");
    if (n > std::size_t(std::numeric_limits<std::int32_t>::max()))
        return makeError(r.source + ": too many cells for flow routing");
    const int w = r.width, h = r.height;
    const std::function<bool()> cancelled = [&] { return cancel && cancel->load(std::memory_order_relaxed); };
    const Error stopped = makeError(r.source + ": flow routing cancelled");

    FlowModel m;
    m.width = w;
    m.height = h;
    m.filled.assign(n, 0.0f);
    m.receiver.assign(n, -1);  // first the flood parent, then the D8 receiver
    m.order.reserve(n);
    // Whole-unit heights over at most 65,536 units take the bucket queue; others the heap. A
    // valid cell must have a finite height.
    float lo = std::numeric_limits<float>::infinity(), hi = -lo;
    bool whole = true;
    for (std::size_t c = 0; c < n; ++c) {
        if (!r.isValid(c)) continue;
        const float z = r.z[c];
        if (!std::isfinite(z)) return makeError(r.source + ": a height that is not a number (NaN or infinite) outside nodata");
        lo = std::min(lo, z), hi = std::max(hi, z);
        whole = whole && z == std::floor(z);
    }
    bool done;
    if (whole && (lo > hi || double(hi) - double(lo) <= 65536.0)) {
        BucketQueue q(lo > hi ? 0.0f : lo, lo > hi ? 0 : std::size_t(hi - lo) + 1);
        done = flood(r, m, q, cancelled);
    } else {
        HeapQueue q;
        done = flood(r, m, q, cancelled);
    }
    if (!done) return stopped;
    if (cancelled()) return stopped;

    // Steepest descent where the filled surface falls; elsewhere the flood parent stays.
    for (int j = 1; j < h - 1; ++j) {
        for (int i = 1; i < w - 1; ++i) {
            const std::size_t c = std::size_t(j) * std::size_t(w) + std::size_t(i);
            if (!r.isValid(c)) continue;
            const float zc = m.filled[c];
            double best = 0;
            std::int32_t to = -1;
            for (int k = 0; k < 8; ++k) {
                const std::size_t nb = std::size_t(j + kDj[k]) * std::size_t(w) + std::size_t(i + kDi[k]);
                const float zn = m.filled[nb];
                if (!(zn < zc) || !r.isValid(nb)) continue;
                const double slope = double(zc - zn) / g.step(j, kDi[k], kDj[k]);
                if (slope > best) best = slope, to = std::int32_t(nb);
            }
            if (to >= 0) m.receiver[c] = to;
        }
        if ((j & 63) == 0 && cancelled()) return stopped;
    }
    // The edge drains off the raster and nodata cells take water without passing it on.
    for (std::int32_t c = 0; c < std::int32_t(n); ++c) {
        const int i = c % w, j = c / w;
        if (i == 0 || j == 0 || i == w - 1 || j == h - 1 || !r.isValid(std::size_t(c))) m.receiver[std::size_t(c)] = -1;
    }

    m.accumulationKm2.assign(n, 0.0);
    for (std::size_t c = 0; c < n; ++c)
        if (r.isValid(c)) m.accumulationKm2[c] = g.areaKm2[c / std::size_t(w)];
    for (auto it = m.order.rbegin(); it != m.order.rend(); ++it)
        if (const std::int32_t to = m.receiver[std::size_t(*it)]; to >= 0)
            m.accumulationKm2[std::size_t(to)] += m.accumulationKm2[std::size_t(*it)];
    return m;
}

std::vector<std::int32_t> traceDownstream(const FlowModel& m, std::int32_t cell) {
    std::vector<std::int32_t> path;
    if (cell < 0 || std::size_t(cell) >= m.receiver.size()) return path;
    // Paths cannot cycle (see the header); the bound only guards against a corrupted model.
    for (std::int32_t c = cell; c >= 0 && path.size() <= m.receiver.size(); c = m.receiver[std::size_t(c)])
        path.push_back(c);
    return path;
}

std::vector<LonLat> cellCentres(const FlowRaster& raster, const std::vector<std::int32_t>& cells) {
    std::vector<LonLat> out;
    out.reserve(cells.size());
    for (const std::int32_t c : cells) out.push_back(raster.centre(std::size_t(c)));
    return out;
}

Catchment catchment(const FlowModel& m, const FlowGeometry& g, std::int32_t cell) {
    Catchment out;
    const std::size_t n = m.receiver.size();
    if (cell < 0 || std::size_t(cell) >= n) return out;
    out.mask.assign(n, 0);
    out.mask[std::size_t(cell)] = 1;
    out.minI = m.width, out.minJ = m.height;
    // Flood order puts receivers first, so one forward pass sees each cell's receiver decided.
    for (const std::int32_t c : m.order) {
        const std::int32_t to = m.receiver[std::size_t(c)];
        if (c != cell && (to < 0 || !out.mask[std::size_t(to)])) continue;
        out.mask[std::size_t(c)] = 1;
        const int i = c % m.width, j = c / m.width;
        ++out.cells;
        out.areaKm2 += g.areaKm2[std::size_t(j)];
        out.minI = std::min(out.minI, i), out.maxI = std::max(out.maxI, i);
        out.minJ = std::min(out.minJ, j), out.maxJ = std::max(out.maxJ, j);
    }
    return out;
}

}  // namespace plateau
