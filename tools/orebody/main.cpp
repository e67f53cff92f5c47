// plateau-orebody --name Qulong --tonnage 1517 --grade 0.52 [--density 2.7] [--metal Cu] -o qulong.glb
// Writes a schematic ore body (nested grade shells sized from tonnage / density) as a .glb.
// Bad arguments: one line on stderr, exit code 2. Failing to write: exit code 1.
#include <CLI/CLI.hpp>
#include <cstdio>

#include "orebody/orebody_glb.h"

int main(int argc, char** argv) {
    CLI::App app{"Write a schematic porphyry ore body (nested grade shells) as a binary glTF"};
    plateau::orebody::OrebodySpec spec;
    std::string out;
    app.add_option("--name", spec.name, "Deposit name (shown in the model)")->required();
    app.add_option("--tonnage", spec.params.tonnageMt, "Ore tonnage, Mt")->required();
    app.add_option("--grade", spec.params.gradePercent, "Mean grade of the metal, %")->required();
    app.add_option("--density", spec.params.density, "Ore density, t/m3")->capture_default_str();
    app.add_option("--metal", spec.metal, "Main metal, for labels")->capture_default_str();
    app.add_option("-o,--out", out, "Output .glb file")->required();
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::printf("%s", app.help().c_str());
        return 0;
    } catch (const CLI::ParseError& e) {
        std::fprintf(stderr, "plateau-orebody: %s\n", e.what());
        return 2;
    }
    // Ranges are checked by the shell builder, whose messages say what is wrong and why.
    auto bytes = plateau::orebody::orebodyGlb(spec);
    if (!bytes) {
        std::fprintf(stderr, "plateau-orebody: %s\n", bytes.error().message.c_str());
        return 2;
    }
    auto st = plateau::orebody::writeOrebodyGlb(spec, out);
    if (!st) {
        std::fprintf(stderr, "plateau-orebody: %s\n", st.error().message.c_str());
        return 1;
    }
    std::printf("%s: %zu bytes, schematic %s ore body, %.4g Mt at %.3g %% %s\n", out.c_str(), bytes->size(),
                spec.name.c_str(), spec.params.tonnageMt, spec.params.gradePercent, spec.metal.c_str());
    return 0;
}
