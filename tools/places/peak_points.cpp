// The highest cell of a DEM within a square window around a peak's approximate position, for
// assets/places/gazetteer.csv. Not part of the build (a one-off measurement):
//   g++ -O2 peak_points.cpp -o peak_points $(pkg-config --cflags --libs gdal)
//   ./peak_points DEM NAME LAT LON HALF_WIDTH_DEG [NAME LAT LON HALF_WIDTH_DEG ...]
#include <gdal_priv.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

int main(int argc, char** argv) {
    if (argc < 6 || (argc - 2) % 4 != 0) {
        std::fprintf(stderr, "usage: %s DEM NAME LAT LON HALF_WIDTH_DEG ...\n", argv[0]);
        return 2;
    }
    GDALAllRegister();
    GDALDatasetUniquePtr ds(GDALDataset::Open(argv[1], GDAL_OF_RASTER | GDAL_OF_READONLY));
    if (!ds) return 1;
    double gt[6];
    if (ds->GetGeoTransform(gt) != CE_None) return 1;
    const int w = ds->GetRasterXSize(), h = ds->GetRasterYSize();
    std::vector<float> z(std::size_t(w) * std::size_t(h));
    if (ds->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, w, h, z.data(), w, h, GDT_Float32, 0, 0) != CE_None) return 1;
    for (int a = 2; a + 3 < argc; a += 4) {
        const double lat = std::atof(argv[a + 1]), lon = std::atof(argv[a + 2]), r = std::atof(argv[a + 3]);
        float best = -1e9f;
        double bestLat = 0, bestLon = 0;
        for (int y = 0; y < h; ++y) {
            const double cellLat = gt[3] + (y + 0.5) * gt[5];
            if (std::fabs(cellLat - lat) > r) continue;
            for (int x = 0; x < w; ++x) {
                const double cellLon = gt[0] + (x + 0.5) * gt[1];
                if (std::fabs(cellLon - lon) > r) continue;
                const float v = z[std::size_t(y) * std::size_t(w) + std::size_t(x)];
                if (v > best) best = v, bestLat = cellLat, bestLon = cellLon;
            }
        }
        std::printf("%s,%.4f,%.4f,%.0f\n", argv[a], bestLon, bestLat, double(best));
    }
    return 0;
}
