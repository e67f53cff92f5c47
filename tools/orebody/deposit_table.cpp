#include "orebody/deposit_table.h"

#include <algorithm>
#include <cctype>

#include "core/input_limits.h"
#include "core/parse_number.h"
#include "io/atomic_file.h"

namespace plateau::orebody {

Result<std::vector<std::vector<std::string>>> parseCsv(const std::string& text, const std::string& name) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false, any = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
            continue;
        }
        if (c == '"') {
            quoted = true;
            any = true;
        } else if (c == ',') {
            row.push_back(std::move(field));
            field.clear();
            any = true;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            if (any || !field.empty()) {
                row.push_back(std::move(field));
                rows.push_back(std::move(row));
            }
            row.clear();
            field.clear();
            any = false;
        } else {
            field += c;
            any = true;
        }
    }
    if (quoted) return makeError(name + ": unterminated quoted field");
    if (any || !field.empty()) {
        row.push_back(std::move(field));
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string fileStem(const std::string& name) {
    std::string out;
    for (const char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 128 && std::isalnum(u)) out += static_cast<char>(std::tolower(u));
        else if (!out.empty() && out.back() != '_') out += '_';
    }
    while (!out.empty() && out.back() == '_') out.pop_back();
    return out.empty() ? "body" : out;
}

Result<std::vector<Deposit>> readDeposits(const std::filesystem::path& csv, const Bounds& bounds) {
    const std::string name = csv.string();
    auto bytes = readFileBytes(csv, kMaxTableBytes, "deposit table");
    if (!bytes) return bytes.error();
    auto rows = parseCsv(std::string(bytes->begin(), bytes->end()), name);
    if (!rows) return rows.error();
    if (rows->empty()) return makeError(name + ": empty file");
    const auto& header = rows->front();
    auto column = [&](const std::string& key) -> Result<std::size_t> {
        const auto it = std::find(header.begin(), header.end(), key);
        if (it == header.end()) return makeError(name + ": no column '" + key + "'");
        return static_cast<std::size_t>(it - header.begin());
    };
    const char* keys[] = {"NameDeposit", "LongitudeDecimal", "LatitudeDecimal", "Tonnage", "Copper grade"};
    std::size_t col[5];
    for (int k = 0; k < 5; ++k) {
        auto c = column(keys[k]);
        if (!c) return c.error();
        col[k] = *c;
    }
    std::vector<Deposit> out;
    for (std::size_t r = 1; r < rows->size(); ++r) {
        const auto& row = (*rows)[r];
        if (row.size() != header.size())
            return makeError(name + ": row " + std::to_string(r + 1) + " has " + std::to_string(row.size()) +
                             " fields, the header " + std::to_string(header.size()));
        auto number = [&](std::size_t c, double& v) -> bool {
            if (row[c].empty()) {
                v = 0.0;
                return true;
            }
            auto parsed = parseDouble(row[c]);
            if (!parsed) return false;
            v = *parsed;
            return true;
        };
        Deposit d;
        d.name = row[col[0]];
        while (!d.name.empty() && d.name.back() == ' ') d.name.pop_back();
        if (!number(col[1], d.lon) || !number(col[2], d.lat) || !number(col[3], d.tonnageMt) ||
            !number(col[4], d.copperPercent))
            return makeError(name + ": row " + std::to_string(r + 1) + " (" + d.name + ") has an unreadable number");
        if (d.tonnageMt <= 0.0) continue;
        if (d.lon < bounds.west || d.lon > bounds.east || d.lat < bounds.south || d.lat > bounds.north) continue;
        out.push_back(d);
    }
    return out;
}

}  // namespace plateau::orebody
