#include "io/imagery_source.h"

#include <algorithm>
#include <string>
#include <vector>

#include "io/gdal_overlay_source.h"
#include "io/http_overlay_source.h"

namespace plateau {
namespace {

// A GDAL raster's source, with the layer's attribution (GDAL files carry none we could show).
class Attributed final : public OverlaySource {
public:
    Attributed(std::shared_ptr<OverlaySource> inner, std::string attribution)
        : inner_(std::move(inner)), attribution_(std::move(attribution)) {}
    std::string describe() const override { return inner_->describe(); }
    int minZoom() const override { return inner_->minZoom(); }
    int maxZoom() const override { return inner_->maxZoom(); }
    bool hasTile(const TileId& id) const override { return inner_->hasTile(id); }
    std::string attribution() const override { return attribution_; }
    Result<OverlayImage> render(const TileId& id, std::int64_t state, const std::atomic<bool>& cancel) override {
        return inner_->render(id, state, cancel);
    }

private:
    std::shared_ptr<OverlaySource> inner_;
    std::string attribution_;
};

// Imagery that changes with the timeline: one source per date, and the timeline's state is the
// index of the latest date at or before it (the first date before them all). The same state
// mechanism as time-aware vector layers, so residency keeps tiles per date and can crossfade.
class TimedImagery final : public OverlaySource {
public:
    TimedImagery(std::vector<std::shared_ptr<OverlaySource>> sources, std::vector<double> years)
        : sources_(std::move(sources)), years_(std::move(years)) {}
    std::string describe() const override { return sources_.front()->describe() + " (" + std::to_string(sources_.size()) + " dates)"; }
    int minZoom() const override {
        int z = sources_.front()->minZoom();
        for (const auto& s : sources_) z = std::min(z, s->minZoom());
        return z;
    }
    int maxZoom() const override {
        int z = sources_.front()->maxZoom();
        for (const auto& s : sources_) z = std::max(z, s->maxZoom());
        return z;
    }
    bool hasTile(const TileId& id) const override {
        for (const auto& s : sources_)
            if (s->hasTile(id)) return true;
        return false;
    }
    std::string attribution() const override { return sources_.front()->attribution(); }
    std::int64_t stateAt(double year) const override {
        std::int64_t state = 0;
        for (std::size_t i = 0; i < years_.size(); ++i)
            if (years_[i] <= year) state = std::int64_t(i);
        return state;
    }
    Result<OverlayImage> render(const TileId& id, std::int64_t state, const std::atomic<bool>& cancel) override {
        const auto i = std::size_t(std::clamp<std::int64_t>(state, 0, std::int64_t(sources_.size()) - 1));
        if (!sources_[i]->hasTile(id)) {
            OverlayImage empty;
            empty.id = id;
            empty.rgba.assign(std::size_t(empty.size) * std::size_t(empty.size) * 4, 0);
            empty.transparent = true;
            return empty;
        }
        return sources_[i]->render(id, 0, cancel);
    }

private:
    std::vector<std::shared_ptr<OverlaySource>> sources_;
    std::vector<double> years_;
};

std::string replaceTime(std::string s, const std::string& time) {
    for (std::size_t at = s.find("{time}"); at != std::string::npos; at = s.find("{time}", at + time.size()))
        s.replace(at, 6, time);
    return s;
}

}  // namespace

Result<std::shared_ptr<OverlaySource>> openImagerySource(const LayerDesc& layer, const std::filesystem::path& cacheDir,
                                                         std::shared_ptr<std::atomic<bool>> cancel,
                                                         std::function<void(const std::string&)> warn) {
    if (!layer.source.times.empty()) {
        // One cache folder per date, all on the same disk: one of them saying so is enough.
        if (warn) {
            auto said = std::make_shared<std::atomic<bool>>(false);
            warn = [said, inner = std::move(warn)](const std::string& line) {
                if (!said->exchange(true)) inner(line);
            };
        }
        std::vector<std::shared_ptr<OverlaySource>> sources;
        std::vector<double> years;
        for (const auto& [text, year] : layer.source.times) {
            LayerDesc one = layer;
            one.source.times.clear();
            one.source.url = replaceTime(one.source.url, text);
            one.source.tilejson = replaceTime(one.source.tilejson, text);
            one.source.path = replaceTime(one.source.path.string(), text);
            auto s = openImagerySource(one, cacheDir, cancel, warn);
            if (!s) return s.error();
            sources.push_back(*s);
            years.push_back(year);
        }
        return std::shared_ptr<OverlaySource>(std::make_shared<TimedImagery>(std::move(sources), std::move(years)));
    }
    const std::string prefix = "layer '" + layer.id + "': ";
    if (layer.type != LayerType::Imagery)
        return makeError(prefix + "not an imagery layer");
    const std::string& type = layer.source.type;
    if (type == "http") {
        auto o = httpImageryOptions(layer, cacheDir, std::move(cancel));
        if (!o) return o.error();  // already names the layer
        if (warn) o->warn = [prefix, warn = std::move(warn)](const std::string& line) { warn(prefix + line); };
        auto src = openHttpOverlaySource(*o);
        if (!src) return makeError(prefix + src.error().message);
        return src;
    }
    if (type == "gdal") {
        if (layer.source.path.empty()) return makeError(prefix + "a gdal source needs \"path\"");
        auto src = openGdalOverlaySource(layer.source.path);
        if (!src) return makeError(prefix + src.error().message);
        if (layer.attribution.empty()) return src;
        return std::shared_ptr<OverlaySource>(std::make_shared<Attributed>(*src, layer.attribution));
    }
    return makeError(prefix + "source type '" + type + "' is not one of http, gdal");
}

}  // namespace plateau
