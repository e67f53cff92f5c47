// plateau-orebody --name Qulong --tonnage 1517 --grade 0.52 [--density 2.7] [--metal Cu] -o qulong.glb
//   writes one schematic ore body (nested grade shells sized from tonnage / density) as a .glb;
// plateau-orebody --deposits deposits.csv --bbox 85,28.5,93,30.5 --out-dir assets/bodies
//   writes one body per deposit with a reported tonnage inside the box, and bodies.csv listing
//   name, lon, lat, tonnage_mt, grade_percent and file, so a scene can place them.
// Bad arguments: one line on stderr, exit code 2. Failing to read or write: exit code 1.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <sstream>

#include "core/parse_number.h"
#include "orebody/body_set.h"
#include "orebody/orebody_glb.h"

namespace {

int usage(const std::string& message) {
    std::fprintf(stderr, "plateau-orebody: %s\n", message.c_str());
    return 2;
}

std::optional<plateau::orebody::Bounds> parseBounds(const std::string& s) {
    double v[4];
    std::stringstream in(s);
    std::string part;
    int n = 0;
    while (std::getline(in, part, ',')) {
        if (n == 4) return std::nullopt;
        auto d = plateau::parseDouble(part);
        if (!d) return std::nullopt;
        v[n++] = *d;
    }
    if (n != 4 || v[0] >= v[2] || v[1] >= v[3]) return std::nullopt;
    return plateau::orebody::Bounds{v[0], v[1], v[2], v[3]};
}

int batch(const std::string& csv, const std::string& bbox, const std::string& outDir, double density,
          const std::string& metal) {
    const auto bounds = parseBounds(bbox);
    if (!bounds) return usage("--bbox '" + bbox + "': expected WEST,SOUTH,EAST,NORTH in degrees");
    auto written = plateau::orebody::writeBodySet(csv, *bounds, outDir, density, metal);
    if (!written) {
        std::fprintf(stderr, "plateau-orebody: %s\n", written.error().message.c_str());
        return 1;
    }
    for (const auto& f : *written) std::printf("%s/%s\n", outDir.c_str(), f.c_str());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Write schematic porphyry ore bodies (nested grade shells) as binary glTF"};
    plateau::orebody::OrebodySpec spec;
    std::string out, deposits, bbox = "85,28.5,93,30.5", outDir;
    double tonnage = -1.0, grade = -1.0;
    app.add_option("--name", spec.name, "Deposit name (shown in the model)");
    app.add_option("--tonnage", tonnage, "Ore tonnage, Mt");
    app.add_option("--grade", grade, "Mean grade of the metal, %");
    app.add_option("--density", spec.params.density, "Ore density, t/m3")->capture_default_str();
    app.add_option("--metal", spec.metal, "Main metal, for labels")->capture_default_str();
    app.add_option("-o,--out", out, "Output .glb file");
    app.add_option("--deposits", deposits, "Batch: a deposit CSV (USGS porphyry copper database columns)");
    app.add_option("--bbox", bbox, "Batch: WEST,SOUTH,EAST,NORTH of the deposits to model")->capture_default_str();
    app.add_option("--out-dir", outDir, "Batch: folder for the .glb files and bodies.csv");
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::printf("%s", app.help().c_str());
        return 0;
    } catch (const CLI::ParseError& e) {
        return usage(e.what());
    }
    if (!deposits.empty()) {
        if (outDir.empty()) return usage("--deposits needs --out-dir");
        return batch(deposits, bbox, outDir, spec.params.density, spec.metal);
    }
    if (spec.name.empty()) return usage("--name is required");
    if (tonnage == -1.0) return usage("--tonnage is required");
    if (grade == -1.0) return usage("--grade is required");
    if (out.empty()) return usage("--out is required");
    spec.params.tonnageMt = tonnage;
    spec.params.gradePercent = grade;
    // Ranges are checked by the shell builder, whose messages say what is wrong and why.
    auto bytes = plateau::orebody::orebodyGlb(spec);
    if (!bytes) return usage(bytes.error().message);
    auto st = plateau::orebody::writeOrebodyGlb(spec, out);
    if (!st) {
        std::fprintf(stderr, "plateau-orebody: %s\n", st.error().message.c_str());
        return 1;
    }
    std::printf("%s: %zu bytes, schematic %s ore body, %.4g Mt at %.3g %% %s\n", out.c_str(), bytes->size(),
                spec.name.c_str(), spec.params.tonnageMt, spec.params.gradePercent, spec.metal.c_str());
    return 0;
}
