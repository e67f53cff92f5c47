// plateau-assets --data ../shared/data --out assets
// Derives the default scene's committed assets (see asset_builder.h and assets/PROVENANCE.md).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>

#include "assets/asset_builder.h"
#include "assets/deposit_assets.h"

int main(int argc, char** argv) {
    CLI::App app{"Derive the default scene's assets from the public data in ../shared/data"};
    std::string data = "../shared/data", out = "assets";
    app.add_option("--data", data, "Folder with the public source files (SOURCES.md)")->check(CLI::ExistingDirectory);
    app.add_option("--out", out, "Output folder (the repository's assets/)");
    CLI11_PARSE(app, argc, argv);
    auto st = plateau::assets::buildAll(data, out);
    // The deposit catalogue joins the USGS rows with the typed facts committed beside it.
    if (st) st = plateau::assets::buildDeposits(data, std::filesystem::path(out) / "deposits/facts.csv", out);
    if (!st) {
        std::fprintf(stderr, "plateau-assets: %s\n", st.error().message.c_str());
        return 1;
    }
    for (const auto& f : plateau::assets::assetFiles()) std::printf("%s/%s\n", out.c_str(), f.c_str());
    std::printf("%s/%s\n", out.c_str(), plateau::assets::kDepositAsset);
    return 0;
}
