#pragma once
// The template part of core/path_json.h.
#include <string>

namespace plateau::path_json {

// "<name>: invalid JSON at byte N: ..." with nlohmann's id prefix dropped.
Error jsonSyntaxError(const std::string& name, const json::parse_error& e);
// nlohmann refuses numbers beyond a double's range (1e999) with an exception that does not say
// where: the field path of the first one in `text`, read again with a SAX handler that tracks
// where it is, as "<name>: keyframes[2].camera.height: must be a finite number (got 1e999)".
Error numberOverflowError(const std::string& name, const std::string& text);

template <class F>
auto parseJsonFile(const std::string& text, const std::string& name, const char* what, int newestVersion, F&& read)
    -> Result<decltype(read(std::declval<const Reader&>(), std::declval<const json&>()))> {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos)
        return makeError(name + ": empty file (expected a " + what + " file: a JSON object)");
    if (auto deep = jsonTooDeep(text, name)) return *deep;
    json root;
    try {
        root = json::parse(text);
    } catch (const json::parse_error& e) {
        return jsonSyntaxError(name, e);
    } catch (const json::out_of_range&) {
        return numberOverflowError(name, text);
    }
    const Reader rd(name);
    try {
        if (!root.is_object()) rd.fail("", std::string("expected a JSON object (a ") + what + " file)");
        checkVersion(rd, root, newestVersion, what);
        return read(rd, root);
    } catch (const scene_detail::SceneError& e) {
        return makeError(e.message);
    } catch (const json::exception& e) {
        // The readers check every type before they get a value; this is a last guard only.
        return makeError(name + ": " + e.what());
    }
}

}  // namespace plateau::path_json
