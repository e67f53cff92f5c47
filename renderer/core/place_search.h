#pragma once
// Finding places by name: one index over the gazetteer (assets/places/gazetteer.csv), the deposits
// of the loaded deposit layers and the named features of the loaded vector layers, all given as
// plain Place records (core/place_sources.h makes them from deposits and features).
//
// Matching is case- and accent-insensitive ("zetang" finds "Zêtang", "QULONG" finds "Qulong"):
// names are folded (foldForSearch) to lower case without Latin diacritics, apostrophes dropped
// ("Lakang'e" is "lakange") and other punctuation read as spaces. A query matches a name
//   exactly          the folded name is the folded query;
//   as a prefix      the name starts with the query ("qul" -> "Qulong");
//   by words         every word of the query starts a word of the name ("tso nam" -> "Nam Tso",
//                    "yum" -> "Yamzho Yumco");
//   as a substring   anywhere in the name, for queries of 3 or more letters or any non-Latin
//                    query: Hanzi and Tibetan names have no spaces between words, so "拉萨" finds
//                    "拉萨市" and "ལྷ་ས" finds "ལྷ་ས་".
// Every name of a place counts: its main name and its other names (Chinese, Tibetan, Wylie,
// other spellings). Results are ranked exact > prefix > word > substring, then a match of the
// main name before one of another name, then by kind importance (kindRank), then by name, and
// limited to N. One place given twice (the gazetteer's "Qulong" mine and the deposit layer's
// "Qulong" within 3 km, sharing a name) is listed once, as its better-ranked record.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace plateau {

struct Place {
    std::string name;
    std::vector<std::string> otherNames;
    std::string kind;          // "city", "town", "mine", "deposit", "peak", "lake", "river", ...
    double lon = 0, lat = 0;   // degrees, WGS84
    double viewHeightM = 0;    // suggested camera height above the place; 0: from its kind
    std::string sourceLayer;   // where it came from, shown with results: "gazetteer", a layer's name
    std::string citation;      // where its position comes from (the gazetteer's source column)
};

// Lower rank = more important: city, mine, deposit, peak, lake, town, river, then anything else.
int kindRank(std::string_view kind);

// UTF-8 text folded for matching (see above). Invalid UTF-8 bytes are dropped.
std::string foldForSearch(std::string_view utf8);

enum class MatchKind { Exact = 0, Prefix = 1, Word = 2, Substring = 3 };

struct PlaceMatch {
    std::size_t index = 0;  // into PlaceIndex::places()
    MatchKind match = MatchKind::Substring;
    bool mainName = true;      // the match is on the place's main name
    std::string matchedName;   // the name that matched, as written
};

class PlaceIndex {
public:
    PlaceIndex() = default;
    explicit PlaceIndex(std::vector<Place> places);

    // Up to `limit` matches of `query`, best first. An empty (or all-punctuation) query matches
    // nothing.
    std::vector<PlaceMatch> search(std::string_view query, std::size_t limit = 10) const;

    const std::vector<Place>& places() const { return places_; }
    const Place& place(std::size_t i) const { return places_.at(i); }
    std::size_t size() const { return places_.size(); }

private:
    struct Folded {
        std::string text;                // folded name
        std::vector<std::string> words;  // its space-separated words
        bool latin = true;               // only ASCII after folding
        int origin = -1;                 // -1: the main name; else its index in otherNames
    };
    std::vector<Place> places_;
    std::vector<std::vector<Folded>> names_;  // per place: main name first, then the others
};

}  // namespace plateau
