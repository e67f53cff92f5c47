#include "orebody/body_set.h"

#include <cstdio>

#include "io/atomic_file.h"
#include "orebody/orebody_glb.h"

namespace plateau::orebody {

Result<std::vector<std::string>> writeBodySet(const std::filesystem::path& depositsCsv, const Bounds& bounds,
                                              const std::filesystem::path& outDir, double density,
                                              const std::string& metal) {
    auto deposits = readDeposits(depositsCsv, bounds);
    if (!deposits) return deposits.error();
    std::vector<std::string> written;
    std::string table = "name,lon,lat,tonnage_mt,grade_percent,file\n";
    for (const auto& d : *deposits) {
        const OrebodySpec spec{d.name, metal, {d.tonnageMt, d.copperPercent, density}};
        const std::string file = fileStem(d.name) + ".glb";
        if (auto st = writeOrebodyGlb(spec, outDir / file); !st) return st.error();
        char line[512];
        std::snprintf(line, sizeof line, "%s,%.5f,%.5f,%.6g,%.6g,%s\n", d.name.c_str(), d.lon, d.lat, d.tonnageMt,
                      d.copperPercent, file.c_str());
        table += line;
        written.push_back(file);
    }
    if (auto st = writeFileAtomic(outDir / "bodies.csv", table); !st) return st.error();
    written.push_back("bodies.csv");
    return written;
}

}  // namespace plateau::orebody
