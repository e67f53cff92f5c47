// A number past a double's range in a scene file is refused naming its field (nlohmann throws
// out_of_range for it, which the scene parser used to let through).
#include <catch2/catch.hpp>

#include "core/scene.h"

TEST_CASE("scene files with numbers past a double's range are refused", "[scene]") {
    const auto r = plateau::parseScene(R"({"version": 1, "camera": {"lon": 91, "lat": 29, "height": 1e999}})", "s.json");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "s.json: camera.height: must be a finite number (got 1e999)");
}
