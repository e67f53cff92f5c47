#include "core/place_search.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <tuple>

namespace plateau {

namespace {

// Base letters of U+00C0..U+00FF ('*': more than one letter, see below; ' ': a sign, × and ÷).
constexpr std::string_view kLatin1 = "aaaaaa*ceeeeiiiidnooooo ouuuuy**aaaaaa*ceeeeiiiidnooooo ouuuuy*y";
// Base letters of Latin Extended-A, U+0100..U+017F (pairs of upper and lower case).
constexpr std::string_view kLatinExtA =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssss"
    "ttttttuuuuuuuuuuuuwwyyyzzzzzzs";
static_assert(kLatin1.size() == 64 && kLatinExtA.size() == 128);

// Next code point of `s` at `i` (advancing i); -1 for an invalid byte (skipped alone).
std::int32_t nextCodePoint(std::string_view s, std::size_t& i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    if (c < 0x80) return ++i, c;
    int len = 0;
    std::int32_t cp = 0;
    if ((c & 0xE0) == 0xC0) len = 2, cp = c & 0x1F;
    else if ((c & 0xF0) == 0xE0) len = 3, cp = c & 0x0F;
    else if ((c & 0xF8) == 0xF0) len = 4, cp = c & 0x07;
    else return ++i, -1;
    if (i + std::size_t(len) > s.size()) return ++i, -1;
    for (int k = 1; k < len; ++k) {
        const unsigned char cc = b(i + std::size_t(k));
        if ((cc & 0xC0) != 0x80) return ++i, -1;
        cp = (cp << 6) | (cc & 0x3F);
    }
    i += std::size_t(len);
    return cp;
}

void appendUtf8(std::string& out, std::int32_t cp) {
    const auto u = static_cast<std::uint32_t>(cp);
    if (u < 0x80) {
        out += char(u);
    } else if (u < 0x800) {
        out += char(0xC0 | (u >> 6));
        out += char(0x80 | (u & 0x3F));
    } else if (u < 0x10000) {
        out += char(0xE0 | (u >> 12));
        out += char(0x80 | ((u >> 6) & 0x3F));
        out += char(0x80 | (u & 0x3F));
    } else {
        out += char(0xF0 | (u >> 18));
        out += char(0x80 | ((u >> 12) & 0x3F));
        out += char(0x80 | ((u >> 6) & 0x3F));
        out += char(0x80 | (u & 0x3F));
    }
}

std::vector<std::string> splitWords(const std::string& folded) {
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start < folded.size()) {
        const std::size_t end = std::min(folded.find(' ', start), folded.size());
        if (end > start) words.push_back(folded.substr(start, end - start));
        start = end + 1;
    }
    return words;
}

bool startsWith(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

// Great-circle distance on a sphere of the mean Earth radius: enough to tell "the same place".
double distanceM(const Place& a, const Place& b) {
    constexpr double kRad = 3.14159265358979323846 / 180.0;
    const double dLat = (b.lat - a.lat) * kRad, dLon = (b.lon - a.lon) * kRad;
    const double h = std::sin(dLat / 2) * std::sin(dLat / 2) +
                     std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * std::sin(dLon / 2) * std::sin(dLon / 2);
    return 2.0 * 6371008.8 * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace

int kindRank(std::string_view kind) {
    static constexpr std::array<std::string_view, 7> kOrder = {"city", "mine", "deposit", "peak", "lake", "town", "river"};
    for (std::size_t i = 0; i < kOrder.size(); ++i)
        if (kind == kOrder[i]) return int(i);
    return int(kOrder.size());
}

std::string foldForSearch(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    bool space = true;  // no leading space, no doubled spaces
    const auto putSpace = [&] {
        if (!space) out += ' ', space = true;
    };
    const auto put = [&](std::string_view letters) { out += letters, space = false; };
    for (std::size_t i = 0; i < utf8.size();) {
        const std::int32_t cp = nextCodePoint(utf8, i);
        if (cp < 0) continue;
        if (cp < 0x80) {
            const char c = char(cp);
            if (c >= 'A' && c <= 'Z') put(std::string(1, char(c - 'A' + 'a')));
            else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) put(std::string(1, c));
            else if (c == '\'' || c == '`') continue;  // "Lakang'e" is one word
            else putSpace();
        } else if (cp >= 0xC0 && cp <= 0xFF) {
            const char base = kLatin1[std::size_t(cp - 0xC0)];
            if (base == ' ') putSpace();
            else if (base != '*') put(std::string(1, base));
            else if (cp == 0xC6 || cp == 0xE6) put("ae");
            else if (cp == 0xDE || cp == 0xFE) put("th");
            else put("ss");
        } else if (cp >= 0x100 && cp <= 0x17F) {
            put(std::string(1, kLatinExtA[std::size_t(cp - 0x100)]));
        } else if (cp >= 0x300 && cp <= 0x36F) {
            continue;  // combining accents of decomposed text
        } else if (cp == 0x2018 || cp == 0x2019 || cp == 0x02BC || cp == 0x02BB) {
            continue;  // typographic apostrophes, as '
        } else if (cp < 0xA0 || (cp >= 0x2000 && cp <= 0x206F) || cp == 0x3000 || cp == 0xA0) {
            putSpace();  // controls, general punctuation, no-break and ideographic spaces
        } else {
            std::string s;
            appendUtf8(s, cp);
            put(s);
        }
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

PlaceIndex::PlaceIndex(std::vector<Place> places) : places_(std::move(places)) {
    names_.reserve(places_.size());
    for (const Place& p : places_) {
        std::vector<Folded> names;
        const auto add = [&](const std::string& n, int origin) {
            Folded f;
            f.origin = origin;
            f.text = foldForSearch(n);
            if (f.text.empty()) return;
            f.words = splitWords(f.text);
            f.latin = std::all_of(f.text.begin(), f.text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
            names.push_back(std::move(f));
        };
        add(p.name, -1);
        if (names.empty()) names.push_back({});  // keeps the main name first even when it folds to nothing
        for (std::size_t k = 0; k < p.otherNames.size(); ++k) add(p.otherNames[k], int(k));
        names_.push_back(std::move(names));
    }
}

std::vector<PlaceMatch> PlaceIndex::search(std::string_view query, std::size_t limit) const {
    const std::string q = foldForSearch(query);
    if (q.empty() || limit == 0) return {};
    const std::vector<std::string> qWords = splitWords(q);
    const bool qLatin = std::all_of(q.begin(), q.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    const bool substringAllowed = !qLatin || q.size() >= 3;

    struct Candidate {
        PlaceMatch m;
        int kind = 0;
        const std::string* folded = nullptr;
    };
    std::vector<Candidate> found;
    for (std::size_t i = 0; i < places_.size(); ++i) {
        std::optional<PlaceMatch> best;
        for (std::size_t n = 0; n < names_[i].size(); ++n) {
            const Folded& f = names_[i][n];
            if (f.text.empty()) continue;
            std::optional<MatchKind> m;
            if (f.text == q) m = MatchKind::Exact;
            else if (startsWith(f.text, q)) m = MatchKind::Prefix;
            else if (std::all_of(qWords.begin(), qWords.end(), [&](const std::string& qw) {
                         return std::any_of(f.words.begin(), f.words.end(), [&](const std::string& w) { return startsWith(w, qw); });
                     }))
                m = MatchKind::Word;
            else if (substringAllowed && f.text.find(q) != std::string::npos) m = MatchKind::Substring;
            if (!m) continue;
            const bool main = f.origin < 0;
            if (!best || std::make_tuple(int(*m), !main) < std::make_tuple(int(best->match), !best->mainName)) {
                const Place& p = places_[i];
                best = PlaceMatch{i, *m, main, main ? p.name : p.otherNames[std::size_t(f.origin)]};
            }
        }
        if (best) found.push_back({*best, kindRank(places_[i].kind), &names_[i].front().text});
    }
    std::sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
        return std::make_tuple(int(a.m.match), !a.m.mainName, a.kind, std::string_view(*a.folded), a.m.index) <
               std::make_tuple(int(b.m.match), !b.m.mainName, b.kind, std::string_view(*b.folded), b.m.index);
    });

    // The same place from two sources: within 3 km and sharing a folded name.
    const auto sameName = [&](std::size_t a, std::size_t b) {
        for (const Folded& x : names_[a])
            for (const Folded& y : names_[b])
                if (!x.text.empty() && x.text == y.text) return true;
        return false;
    };
    std::vector<PlaceMatch> out;
    for (const Candidate& c : found) {
        const bool duplicate = std::any_of(out.begin(), out.end(), [&](const PlaceMatch& kept) {
            return distanceM(places_[kept.index], places_[c.m.index]) < 3000.0 && sameName(kept.index, c.m.index);
        });
        if (duplicate) continue;
        out.push_back(c.m);
        if (out.size() == limit) break;
    }
    return out;
}

}  // namespace plateau
