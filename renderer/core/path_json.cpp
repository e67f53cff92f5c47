#include "core/path_json.h"

#include <cmath>
#include <set>

#include "core/scene_writer_detail.h"
#include "core/timeline.h"

namespace plateau::path_json {

namespace {
constexpr double kMaxHeightM = 1e8;
}

namespace {

// Tracks the field path of the value being read; stops at the first parse error and keeps it.
class PathTracker {
public:
    using number_integer_t = json::number_integer_t;
    using number_unsigned_t = json::number_unsigned_t;
    using number_float_t = json::number_float_t;
    using string_t = json::string_t;
    using binary_t = json::binary_t;

    bool null() { return value(); }
    bool boolean(bool) { return value(); }
    bool number_integer(number_integer_t) { return value(); }
    bool number_unsigned(number_unsigned_t) { return value(); }
    bool number_float(number_float_t, const string_t&) { return value(); }
    bool string(string_t&) { return value(); }
    bool binary(binary_t&) { return value(); }
    bool start_object(std::size_t) {
        stack_.push_back({false, 0, {}});
        return true;
    }
    bool key(string_t& k) {
        stack_.back().key = k;
        return true;
    }
    bool end_object() { return end(); }
    bool start_array(std::size_t) {
        stack_.push_back({true, 0, {}});
        return true;
    }
    bool end_array() { return end(); }
    bool parse_error(std::size_t, const std::string& token, const nlohmann::detail::exception&) {
        token_ = token;
        for (const Frame& f : stack_)
            where_ = f.array ? where_ + "[" + std::to_string(f.index) + "]" : Reader::join(where_, f.key);
        return false;
    }
    const std::string& where() const { return where_; }
    const std::string& token() const { return token_; }

private:
    struct Frame {
        bool array;
        std::size_t index;
        std::string key;
    };
    bool value() {
        if (!stack_.empty() && stack_.back().array) ++stack_.back().index;
        return true;
    }
    bool end() {
        stack_.pop_back();
        return value();
    }
    std::vector<Frame> stack_;
    std::string where_, token_;
};

}  // namespace

Error numberOverflowError(const std::string& name, const std::string& text) {
    PathTracker t;
    json::sax_parse(text, &t);
    return makeError(name + ": " + (t.where().empty() ? "" : t.where() + ": ") + "must be a finite number (got " +
                     (t.token().empty() ? "a number beyond a double's range" : t.token()) + ")");
}

Error jsonSyntaxError(const std::string& name, const json::parse_error& e) {
    // what() reads "[json.exception.parse_error.101] parse error at line 1, ...": keep the
    // readable part after the bracketed id.
    std::string what = e.what();
    if (const auto close = what.find("] "); what.rfind("[json.exception", 0) == 0 && close != std::string::npos)
        what = what.substr(close + 2);
    return makeError(name + ": invalid JSON at byte " + std::to_string(e.byte) + ": " + what);
}

void checkVersion(const Reader& rd, const json& root, int newest, const char* what) {
    const std::string want = std::string("expected a whole number from 1 (the ") + what + " file schema version)";
    const json* v = Reader::member(root, "version");
    if (!v) rd.fail("version", "missing (" + want.substr(std::string("expected ").size()) + ")");
    if (!v->is_number()) rd.fail("version", want);
    const double x = v->get<double>();
    if (!(x >= 1.0) || x != std::floor(x)) rd.fail("version", want + " (got " + Reader::fmt(x) + ")");
    if (x > double(newest))
        rd.fail("", "written by a newer plateau (" + std::string(what) + " file schema version " + Reader::fmt(x) +
                        "; this one reads up to " + std::to_string(newest) + ")");
}

Caption readCaption(const Reader& rd, const json& j, const std::string& path) {
    rd.expectObject(j, path);
    rd.onlyKeys(j, path, {"title", "subtitle", "source"});
    Caption c;
    rd.string(j, path, "title", c.title);
    rd.string(j, path, "subtitle", c.subtitle);
    rd.string(j, path, "source", c.source);
    return c;
}

std::vector<LayerState> readLayerStates(const Reader& rd, const json& j, const std::string& path) {
    if (!j.is_array()) rd.fail(path, "expected an array of {\"id\", \"visible\", \"opacity\"}");
    std::vector<LayerState> out;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < j.size(); ++i) {
        const std::string p = path + "[" + std::to_string(i) + "]";
        const json& e = j[i];
        rd.expectObject(e, p);
        rd.onlyKeys(e, p, {"id", "visible", "opacity"});
        LayerState s;
        if (!Reader::member(e, "id")) rd.fail(Reader::join(p, "id"), "missing (the scene layer's id)");
        rd.string(e, p, "id", s.id);
        if (s.id.empty()) rd.fail(Reader::join(p, "id"), "must not be empty");
        if (!seen.insert(s.id).second) rd.fail(Reader::join(p, "id"), "layer '" + s.id + "' is listed twice");
        rd.boolean(e, p, "visible", s.visible);
        rd.number(e, p, "opacity", s.opacity, 0.0, 1.0);
        out.push_back(std::move(s));
    }
    return out;
}

CameraPose readCamera(const Reader& rd, const json& j, const std::string& path) {
    rd.expectObject(j, path);
    for (const char* key : {"lon", "lat", "height", "heading", "pitch"})
        if (!Reader::member(j, key)) rd.fail(Reader::join(path, key), "missing");
    CameraPose pose;
    scene_detail::parseCamera(rd, j, path, pose);
    // Scene cameras take any height; a path's spline squares distances, so heights stay where
    // that cannot overflow (100,000 km, a quarter of the way to the Moon).
    double height = pose.height_m;
    rd.number(j, path, "height", height, -500.0, kMaxHeightM, true);
    return pose;
}

double readTime(const Reader& rd, const json& j, const std::string& path) { return rd.dateValue(j, path); }

ojson captionJson(const Caption& c) {
    ojson j = ojson::object();
    if (!c.title.empty()) j["title"] = c.title;
    if (!c.subtitle.empty()) j["subtitle"] = c.subtitle;
    if (!c.source.empty()) j["source"] = c.source;
    return j;
}

ojson layerStatesJson(const std::vector<LayerState>& layers) {
    ojson a = ojson::array();
    for (const LayerState& l : layers) a.push_back(ojson{{"id", l.id}, {"visible", l.visible}, {"opacity", l.opacity}});
    return a;
}

ojson cameraJson(const CameraPose& c) { return writer_detail::cameraJson(c); }

ojson timeJson(double year) { return writer_detail::dateJson(year); }

void wholeNumbersAsIntegers(ojson& j) { writer_detail::wholeNumbersAsIntegers(j); }

}  // namespace plateau::path_json
