#include "core/coordinate_parse.h"

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/parse_number.h"

namespace plateau {

namespace {

struct Token {
    enum Kind { Number, Unit, Hemi, Sep } kind = Number;
    double value = 0;       // Number
    bool fraction = false;  // Number: has a decimal point
    bool negative = false;  // Number: a minus sign before it
    int unit = 0;           // Unit: 0 degrees, 1 minutes, 2 seconds
    char hemi = 0;          // Hemi: 'N', 'S', 'E', 'W'
};

struct Component {
    double parts[3] = {0, 0, 0};
    bool fraction[3] = {false, false, false};
    int n = 0;
    bool negative = false;
    char hemi = 0;
};

// Message text with a hemisphere letter in it. (Built with append: GCC 12 reports a false
// -Wrestrict overlap for std::string + char chains.)
std::string withLetters(std::string_view before, char a, std::string_view middle = {}, char b = 0, std::string_view after = {}) {
    std::string s(before);
    s.push_back(a);
    s.append(middle);
    if (b) s.push_back(b);
    s.append(after);
    return s;
}

// The text as it may appear in a one-line message.
std::string quoted(std::string_view text) {
    std::string s(text.substr(0, 60));
    for (char& c : s)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
    return "'" + s + (text.size() > 60 ? "...'" : "'");
}

// Code point at i (UTF-8), advancing i; 0xFFFD for a malformed byte.
std::uint32_t codePoint(std::string_view s, std::size_t& i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) return ++i, c;
    const int len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || i + std::size_t(len) > s.size()) return ++i, 0xFFFD;
    std::uint32_t cp = c & (0x7Fu >> len);
    for (int k = 1; k < len; ++k) {
        const auto cc = static_cast<unsigned char>(s[i + std::size_t(k)]);
        if ((cc & 0xC0) != 0x80) return ++i, 0xFFFD;
        cp = (cp << 6) | (cc & 0x3F);
    }
    i += std::size_t(len);
    return cp;
}

Result<std::vector<Token>> tokenize(std::string_view t) {
    std::vector<Token> out;
    bool minus = false;
    for (std::size_t i = 0; i < t.size();) {
        const std::size_t at = i;
        const std::uint32_t c = codePoint(t, i);
        if (minus && !((c >= '0' && c <= '9') || c == '.')) return makeError("a minus sign must stand right before a number");
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0) continue;
        if ((c >= '0' && c <= '9') || c == '.') {
            std::size_t end = at;
            bool dot = false;
            while (end < t.size() && ((t[end] >= '0' && t[end] <= '9') || (t[end] == '.' && !dot))) dot |= t[end++] == '.';
            const auto v = parseDouble(t.substr(at, end - at));
            if (!v) {
                std::string m = "'";
                m.append(t.substr(at, end - at)).append("' is not a number");
                return makeError(m);
            }
            Token tok;
            tok.value = *v;
            tok.fraction = dot;
            tok.negative = minus;
            minus = false;
            out.push_back(tok);
            i = end;
        } else if (c == '-' || c == 0x2212) {
            minus = true;
        } else if (c == '+') {
            continue;
        } else if (c == 0xB0 || c == 0xBA || c == 0x2DA) {
            out.push_back({Token::Unit, 0, false, false, 0, 0});
        } else if (c == '\'' && i < t.size() && t[i] == '\'') {
            ++i;
            out.push_back({Token::Unit, 0, false, false, 2, 0});
        } else if (c == '\'' || c == 0x2032 || c == 0x2019) {
            out.push_back({Token::Unit, 0, false, false, 1, 0});
        } else if (c == '"' || c == 0x2033 || c == 0x201D) {
            out.push_back({Token::Unit, 0, false, false, 2, 0});
        } else if (c == 'N' || c == 'S' || c == 'E' || c == 'W' || c == 'n' || c == 's' || c == 'e' || c == 'w') {
            out.push_back({Token::Hemi, 0, false, false, 0, char(c >= 'a' ? c - 'a' + 'A' : c)});
        } else if (c == ',' || c == ';') {
            out.push_back({Token::Sep, 0, false, false, 0, 0});
        } else {
            std::string m = "unexpected '";
            m.append(t.substr(at, i - at)).append("'");
            return makeError(m);
        }
    }
    if (minus) return makeError("a minus sign must stand right before a number");
    return out;
}

Result<std::vector<Component>> group(const std::vector<Token>& tokens) {
    std::vector<Component> comps;
    // Whole numbers only, no letters, units or separators: split them in half.
    bool plain = !tokens.empty();
    for (const Token& t : tokens) plain = plain && t.kind == Token::Number;
    if (plain && tokens.size() >= 2 && tokens.size() % 2 == 0 && tokens.size() <= 6) {
        const std::size_t half = tokens.size() / 2;
        for (std::size_t c = 0; c < 2; ++c) {
            Component comp;
            for (std::size_t k = 0; k < half; ++k) {
                const Token& t = tokens[c * half + k];
                if (t.negative && k > 0) return makeError("a minus sign only before the degrees");
                comp.negative |= t.negative;
                comp.parts[k] = t.value;
                comp.fraction[k] = t.fraction;
                comp.n = int(k) + 1;
            }
            comps.push_back(comp);
        }
        return comps;
    }

    Component cur;
    const auto close = [&]() -> Status {
        if (cur.n == 0) {
            if (cur.hemi) return makeError(withLetters("the letter ", cur.hemi, " has no value"));
            return Ok{};
        }
        comps.push_back(cur);
        cur = Component{};
        return Ok{};
    };
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const Token& t = tokens[i];
        if (t.kind == Token::Number) {
            const bool unitNext = i + 1 < tokens.size() && tokens[i + 1].kind == Token::Unit;
            const int unit = unitNext ? tokens[i + 1].unit : -1;
            if (cur.n == 3 || (cur.n > 0 && (cur.fraction[cur.n - 1] || unit == 0))) {
                if (auto s = close(); !s) return s.error();
            }
            if (unit > 0 && cur.n != unit)
                return makeError(std::string(unit == 1 ? "minutes" : "seconds") + " without the parts before them");
            if (t.negative && cur.n > 0) return makeError("a minus sign only before the degrees");
            cur.negative |= t.negative;
            cur.parts[cur.n] = t.value;
            cur.fraction[cur.n] = t.fraction;
            ++cur.n;
            if (unitNext) ++i;
        } else if (t.kind == Token::Unit) {
            return makeError("a degree, minute or second sign without a number");
        } else if (t.kind == Token::Hemi) {
            if (cur.n > 0 && cur.hemi == 0) {
                cur.hemi = t.hemi;  // after its value
                if (auto s = close(); !s) return s.error();
            } else if (cur.n > 0) {
                if (auto s = close(); !s) return s.error();
                cur.hemi = t.hemi;  // before the next value
            } else if (cur.hemi) {
                return makeError(withLetters("two letters (", cur.hemi, ", ", t.hemi, ") for one value"));
            } else {
                cur.hemi = t.hemi;
            }
        } else if (auto s = close(); !s) {
            return s.error();
        }
    }
    if (auto s = close(); !s) return s.error();
    return comps;
}

Result<double> degrees(const Component& c) {
    for (int k = 0; k + 1 < c.n; ++k)
        if (c.fraction[k]) return makeError("only the last part of a value may have a fraction");
    for (int k = 1; k < c.n; ++k)
        if (c.parts[k] >= 60.0) return makeError(std::string(k == 1 ? "minutes" : "seconds") + " must be below 60");
    if (c.negative && c.hemi) return makeError(withLetters("a minus sign and the letter ", c.hemi, " together"));
    double v = c.parts[0] + c.parts[1] / 60.0 + c.parts[2] / 3600.0;
    if (c.negative || c.hemi == 'S' || c.hemi == 'W') v = -v;
    return v;
}

}  // namespace

Result<LonLat> parseCoordinates(std::string_view text) {
    const auto fail = [&](const std::string& what) { return makeError("coordinates " + quoted(text) + ": " + what); };
    auto tokens = tokenize(text);
    if (!tokens) return fail(tokens.error().message);
    auto comps = group(*tokens);
    if (!comps) return fail(comps.error().message);
    if (comps->size() != 2)
        return fail("need two values (latitude and longitude), got " + std::to_string(comps->size()));
    const Component& a = (*comps)[0];
    const Component& b = (*comps)[1];
    auto va = degrees(a), vb = degrees(b);
    if (!va) return fail(va.error().message);
    if (!vb) return fail(vb.error().message);
    const auto isLat = [](char h) { return h == 'N' || h == 'S'; };
    const auto isLon = [](char h) { return h == 'E' || h == 'W'; };
    double lat = *va, lon = *vb;
    if (a.hemi && b.hemi) {
        if (isLat(a.hemi) == isLat(b.hemi))
            return fail(withLetters(isLat(a.hemi) ? "both values are latitudes (" : "both values are longitudes (", a.hemi, ", ", b.hemi, ")"));
        if (isLon(a.hemi)) std::swap(lat, lon);
    } else if (a.hemi) {
        if (isLon(a.hemi)) std::swap(lat, lon);
    } else if (b.hemi) {
        if (isLat(b.hemi)) std::swap(lat, lon);
    } else if (std::fabs(lat) > 90.0 && std::fabs(lon) <= 90.0) {
        std::swap(lat, lon);  // "91.13 29.63": only longitude, latitude makes sense
    }
    if (!(std::fabs(lat) <= 90.0)) return fail("latitude " + std::to_string(lat) + " is outside -90..90");
    if (!(std::fabs(lon) <= 180.0)) return fail("longitude " + std::to_string(lon) + " is outside -180..180");
    return LonLat{lon, lat};
}

}  // namespace plateau
