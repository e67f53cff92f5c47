#include "app/viewer_tour.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include "app/globe_input.h"
#include "app/viewer.h"
#include "io/tour_file.h"
#include "ui/widget_rects.h"

namespace plateau::app {

ViewerTour::ViewerTour(std::function<void(const std::string&)> log) : log_(std::move(log)) {}

Status ViewerTour::open(const std::filesystem::path& file) {
    Result<Tour> t = openTourFile(file);
    if (!t) {
        error_ = t.error().message;
        if (log_) log_(error_);
        return t.error();
    }
    load(std::move(*t), file);
    return Ok{};
}

void ViewerTour::load(Tour tour, std::filesystem::path file) {
    if (log_) log_("tour '" + (tour.title.empty() ? file.filename().string() : tour.title) + "': " +
                   std::to_string(tour.stops.size()) + " stops");
    tour_ = std::move(tour);
    file_ = std::move(file);
    error_.clear();
    player_.reset();
}

void ViewerTour::startPlayer(Viewer& v, std::size_t stop) {
    if (!tour_) return;
    // The scene's states of the layers the tour names: what a stop that names none keeps.
    std::vector<LayerState> base;
    for (const LayerDesc& l : v.scene().layers) base.push_back({l.id, l.visible, l.opacity});
    std::optional<double> date;
    if (v.scene().timeline.present) date = v.scene().timeline.current;
    if (!player_) sceneUnderground_ = v.panel().settings.underground;
    const bool autoplay = panel_.autoplay;
    player_.emplace(*tour_, std::move(base), date, TourPlayerOptions{autoplay, 1.0});
    player_->start(cameraPose(v.camera()), stop);
}

void ViewerTour::goTo(Viewer& v, std::size_t stop) {
    if (!tour_) return;
    if (player_) player_->goTo(stop);
    else startPlayer(v, stop);
}

void ViewerTour::present(Viewer& v, std::size_t stop) {
    if (!tour_) return;
    if (!presenting_) {
        ui::PanelState& p = v.panel();
        saved_ = {p.settings.showPanel, p.showTimeBar, p.navigation.help.open, p.settings.underground};
        p.settings.showPanel = false;
        p.showTimeBar = false;
        p.navigation.help.open = false;
        presenting_ = true;
    }
    goTo(v, stop);
    player_->setAutoplay(panel_.autoplay);
}

void ViewerTour::leave(Viewer& v) {
    if (!presenting_) return;
    presenting_ = false;
    ui::PanelState& p = v.panel();
    p.settings.showPanel = saved_.showPanel;
    p.showTimeBar = saved_.showTimeBar;
    p.navigation.help.open = saved_.help;
    p.settings.underground = saved_.underground;
    player_.reset();  // the camera, date and layers stay where the tour left them
    v.clearCaption();
}

void ViewerTour::setAutoplay(bool on) {
    panel_.autoplay = on;
    if (player_) player_->setAutoplay(on);
}

void ViewerTour::keys(Viewer& v, const std::function<bool(int)>& pressed) {
    if (!presenting_ || !player_) return;
    if (pressed(GLFW_KEY_ESCAPE)) {
        leave(v);
        return;
    }
    // What presentation clickers send: PageDown/PageUp on most, the arrows or Space on others.
    for (int k : {GLFW_KEY_PAGE_DOWN, GLFW_KEY_SPACE, GLFW_KEY_RIGHT, GLFW_KEY_DOWN})
        if (pressed(k)) player_->next();
    for (int k : {GLFW_KEY_PAGE_UP, GLFW_KEY_LEFT, GLFW_KEY_UP})
        if (pressed(k)) player_->previous();
    if (pressed(GLFW_KEY_HOME)) player_->first();
    if (pressed(GLFW_KEY_END)) player_->last();
    if (pressed(GLFW_KEY_P)) setAutoplay(!panel_.autoplay);
    if (pressed(GLFW_KEY_T)) notes_ = !notes_;
}

void ViewerTour::advance(Viewer& v, double dt, const ImGuiIO& io) {
    if (!player_) return;
    if (!presenting_) {
        // Outside presenter mode the tour only takes the camera to a stop: the user's own input
        // on the globe hands it back, as it ends a fly-to.
        if (userInputOnGlobe(io)) {
            player_.reset();
            v.clearCaption();
            return;
        }
    }
    v.applyPathSample(player_->advance(dt));
    v.panel().settings.underground = player_->underground().value_or(sceneUnderground_);
}

void ViewerTour::drawSection(Viewer& v) {
    // Appended to the panel's window: ImGui continues a window begun earlier in the frame.
    if (ImGui::Begin(ui::kPanelWindow)) {
        const bool shown = ImGui::CollapsingHeader("Tour");
        ui::noteItem("panel.tour");
        if (shown) {
            ui::TourPanelModel m;
            m.file = file_;
            m.error = error_;
            if (tour_) {
                m.title = tour_->title;
                for (const TourStop& s : tour_->stops) m.stops.push_back(s.name);
            }
            if (player_) m.current = player_->stopIndex();
            const ui::TourPanelRequest r = ui::drawTourSection(panel_, m);
            if (r.open) {
                const Status s = open(*r.open);
                v.panel().message = s ? "opened tour " + r.open->string() : s.error().message;
            }
            if (r.goTo) goTo(v, *r.goTo);
            if (r.present) present(v, *r.present);
        }
    }
    ImGui::End();
}

void ViewerTour::drawNotes() const {
    if (!presenting_ || !notes_ || !player_ || !tour_) return;
    ui::PresenterNotes n;
    n.tourTitle = tour_->title;
    n.stopName = player_->stop().name;
    n.index = player_->stopIndex();
    n.count = tour_->stops.size();
    n.narration = player_->stop().narration;
    n.autoplay = player_->autoplay();
    n.flying = player_->phase() == TourPlayer::Phase::Flying;
    ui::drawPresenterNotes(n);
}

}  // namespace plateau::app
