#pragma once
// Mineral deposits as a catalogue describes them (the USGS porphyry copper database of Singer,
// Berger & Moring 2008 by default), in plain CPU form: the model, the mapping from a source's
// columns to it, the reading of one row's text values, filters, and the deposit's state on the
// timeline. No file I/O: io/deposit_reader.h reads sources and hands rows to depositFromRow.
//
// Values: "", "n.d.", "nd", "n/a", "-" (and the dashes "–", "—") mean "not reported". In the USGS
// table an empty tonnage and a grade of 0 also mean "not reported" (its documentation says so),
// and so does an age of 0 Ma (no porphyry deposit is dated 0 Ma: the column was left at zero).
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace plateau {

struct Deposit {
    std::string name;
    double lon = 0, lat = 0;  // degrees, WGS84
    // Element symbols, main commodity first ("Cu", "Mo", "Au", "Ag").
    std::vector<std::string> commodities;
    std::optional<double> tonnageMt;  // ore tonnage, million tonnes
    std::optional<double> copperPct, molybdenumPct, goldGt, silverGt;
    std::optional<double> ageMa;
    std::string status;  // "producing", "development", "deposit", ... as the source says; "" unknown
    std::optional<int> discoveryYear, productionYear;
    std::string country;
    // Every column of the row as read (name, text), for info cards.
    std::vector<std::pair<std::string, std::string>> attributes;
    std::size_t row = 0;  // data row in the source, 1 = first after the header

    bool hasCommodity(std::string_view symbol) const;
    // Contained metal, tonnage x grade: million tonnes of copper and molybdenum, tonnes of gold
    // and silver (Mt x g/t = t). None when either is not reported.
    std::optional<double> containedCopperMt() const;
    std::optional<double> containedMolybdenumMt() const;
    std::optional<double> containedGoldT() const;
    std::optional<double> containedSilverT() const;
    // The text of an attribute by column name ("" when there is none).
    const std::string& attribute(std::string_view column) const;
};

// Which column holds what. The defaults are the USGS database's column names; "" means the
// source has no such column. Commodities: a column of symbols ("Cu, Mo; Au") when named, else
// `mainCommodity` plus every metal whose grade is reported.
struct DepositFields {
    std::string name = "NameDeposit";
    std::string lon = "LongitudeDecimal";
    std::string lat = "LatitudeDecimal";
    std::string commodities{};
    std::string mainCommodity = "Cu";
    std::string tonnage = "Tonnage";
    std::string copper = "Copper grade";
    std::string molybdenum = "Molybdenum grade";
    std::string gold = "Gold grade";
    std::string silver = "Silver grade";
    std::string age = "AgeMY";
    std::string status{};
    std::string discovery = "DiscoveryDate";
    std::string production = "StartupDate";
    std::string country = "Country";
    bool operator==(const DepositFields&) const = default;
};

// Positions of the mapped fields in a source's column list; -1: absent.
struct DepositColumns {
    int name = -1, lon = -1, lat = -1, commodities = -1, tonnage = -1, copper = -1, molybdenum = -1, gold = -1,
        silver = -1, age = -1, status = -1, discovery = -1, production = -1, country = -1;
};

// Finds the mapped columns. Required: name, and lon and lat unless the source has point
// geometry. A column left at its USGS default that the source lacks is simply absent (a GeoJSON
// of names and points reads without any mapping); a column the mapping names explicitly must
// exist. Errors (no file name; the caller adds it) list the columns found, e.g.
// "no column \"Lat\" for latitude (columns: Name, X, Y)".
Result<DepositColumns> resolveDepositColumns(const DepositFields& fields, const std::vector<std::string>& columns,
                                             bool hasPointGeometry);

// A catalogue value as text: a number, "not reported", or something else (an error).
struct CatalogueValue {
    enum Kind { Missing, Number, Invalid } kind = Missing;
    double value = 0;
};
CatalogueValue parseCatalogueValue(std::string_view text);
// A year: "2000", or the earliest year prose names: "1600s" and "mid-1970s" (1600, 1970),
// "1870s; 1976" (1870), "early 20th century" (1900), "before 1917" (1917). Missing as above;
// Invalid when no year is named ("ancient times"): depositFromRow then leaves the year unknown.
CatalogueValue parseCatalogueYear(std::string_view text);

// One row: text values in column order, and the point geometry when the source has one (used
// when there are no lon/lat columns). The error is one line without file and row ("latitude
// 'abc' is not a number", "latitude 120 is outside -90..90 (longitude and latitude swapped?)").
Result<Deposit> depositFromRow(const DepositFields& fields, const DepositColumns& cols,
                               const std::vector<std::string>& columns, const std::vector<std::string>& values,
                               const std::optional<std::pair<double, double>>& pointLonLat = std::nullopt);

// Which deposits a layer shows. A tonnage bound leaves out deposits without a tonnage.
struct DepositFilter {
    std::vector<std::string> commodities;  // shown when a deposit has any of them; empty: all
    std::optional<double> minTonnageMt, maxTonnageMt;
    bool passes(const Deposit& d) const;
    bool operator==(const DepositFilter&) const = default;
};

// A deposit on the timeline (decimal years): hidden before its discovery year, known from it,
// producing from its production start. Without a production year a status of "producing" means
// producing whenever it is known; without a discovery year it is known at every date.
enum class DepositPhase { Hidden, Known, Producing };
DepositPhase depositPhase(const Deposit& d, double year);

}  // namespace plateau
