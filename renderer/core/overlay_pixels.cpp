#include "core/overlay_pixels.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace plateau {
namespace {

constexpr int N = kOverlayTileSize;

std::array<float, 4> premultiplied(const std::uint8_t* p, int channels) {
    float r, g, b, a = 255.0f;
    switch (channels) {
        case 1: r = g = b = p[0]; break;
        case 2: r = g = b = p[0], a = p[1]; break;
        case 3: r = p[0], g = p[1], b = p[2]; break;
        default: r = p[0], g = p[1], b = p[2], a = p[3]; break;
    }
    const float w = a / 255.0f;
    return {r * w, g * w, b * w, a};
}

void store(std::uint8_t* out, const std::array<float, 4>& c) {
    auto byte = [](float v) { return std::uint8_t(std::clamp(std::lround(v), 0l, 255l)); };
    const float a = c[3];
    if (a <= 0.0f) {
        out[0] = out[1] = out[2] = out[3] = 0;
        return;
    }
    const float unpremultiply = 255.0f / a;
    for (int k = 0; k < 3; ++k) out[k] = byte(c[std::size_t(k)] * unpremultiply);
    out[3] = byte(a);
}

// Source texels under output texel i along one axis, with their overlap as weight.
struct Tap {
    int index;
    float weight;
};
std::vector<std::vector<Tap>> footprints(int sourceSize) {
    std::vector<std::vector<Tap>> taps(N);
    const double scale = double(sourceSize) / N;
    for (int i = 0; i < N; ++i) {
        const double a = i * scale, b = (i + 1) * scale;
        for (int k = int(std::floor(a)); k < int(std::ceil(b)) && k < sourceSize; ++k) {
            const double w = std::min(b, double(k + 1)) - std::max(a, double(k));
            if (w > 1e-9) taps[std::size_t(i)].push_back({k, float(w)});
        }
    }
    return taps;
}

// Bilinear taps at texel centres, clamped at the image's edges.
std::vector<std::vector<Tap>> bilinear(int sourceSize) {
    std::vector<std::vector<Tap>> taps(N);
    const double scale = double(sourceSize) / N;
    for (int i = 0; i < N; ++i) {
        const double s = std::clamp((i + 0.5) * scale - 0.5, 0.0, double(sourceSize - 1));
        const int k = std::min(int(s), sourceSize - 1);
        const float f = float(s - k);
        taps[std::size_t(i)].push_back({k, 1.0f - f});
        if (f > 0.0f && k + 1 < sourceSize) taps[std::size_t(i)].push_back({k + 1, f});
    }
    return taps;
}

}  // namespace

OverlayImage toOverlayImage(const TileId& id, int width, int height, int channels, const std::uint8_t* pixels) {
    OverlayImage img;
    img.id = id;
    img.size = N;
    img.rgba.assign(std::size_t(N) * N * 4, 0);
    if (width <= 0 || height <= 0 || channels < 1 || channels > 4 || !pixels) {
        img.transparent = true;
        return img;
    }
    const auto cstride = std::size_t(channels);
    if (width == N && height == N) {
        for (std::size_t t = 0; t < std::size_t(N) * N; ++t) {
            const std::uint8_t* p = pixels + t * cstride;
            std::uint8_t* o = img.rgba.data() + t * 4;
            switch (channels) {
                case 1: o[0] = o[1] = o[2] = p[0], o[3] = 255; break;
                case 2: o[0] = o[1] = o[2] = p[0], o[3] = p[1]; break;
                case 3: o[0] = p[0], o[1] = p[1], o[2] = p[2], o[3] = 255; break;
                default: std::copy(p, p + 4, o); break;
            }
        }
    } else if (width == 2 * N && height == 2 * N) {
        // 512-px tiles, the common case of a larger size: a 2 x 2 box, without the tap lists.
        const std::size_t row = std::size_t(width) * cstride;
        for (int j = 0; j < N; ++j)
            for (int i = 0; i < N; ++i) {
                const std::uint8_t* p = pixels + std::size_t(2 * j) * row + std::size_t(2 * i) * cstride;
                std::array<float, 4> sum{};
                for (const std::uint8_t* q : {p, p + cstride, p + row, p + row + cstride}) {
                    const auto c = premultiplied(q, channels);
                    for (std::size_t k = 0; k < 4; ++k) sum[k] += 0.25f * c[k];
                }
                store(img.pixel(i, j), sum);
            }
    } else {
        const auto xs = width >= N ? footprints(width) : bilinear(width);
        const auto ys = height >= N ? footprints(height) : bilinear(height);
        for (int j = 0; j < N; ++j)
            for (int i = 0; i < N; ++i) {
                std::array<float, 4> sum{};
                float wsum = 0;
                for (const Tap& ty : ys[std::size_t(j)])
                    for (const Tap& tx : xs[std::size_t(i)]) {
                        const float w = tx.weight * ty.weight;
                        const auto c = premultiplied(
                            pixels + (std::size_t(ty.index) * std::size_t(width) + std::size_t(tx.index)) * cstride,
                            channels);
                        for (std::size_t k = 0; k < 4; ++k) sum[k] += w * c[k];
                        wsum += w;
                    }
                for (float& v : sum) v /= wsum;
                store(img.pixel(i, j), sum);
            }
    }
    img.transparent = true;
    for (std::size_t t = 3; t < img.rgba.size(); t += 4)
        if (img.rgba[t] != 0) {
            img.transparent = false;
            break;
        }
    return img;
}

}  // namespace plateau
