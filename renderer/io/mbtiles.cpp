#include "io/mbtiles.h"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <system_error>
#include <unordered_set>
#include <vector>

#include "core/input_limits.h"
#include "core/parse_number.h"
#include "io/png_heights.h"
#include "io/png_codec.h"

namespace plateau {
namespace fs = std::filesystem;
namespace {

struct DbCloser {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Db = std::unique_ptr<sqlite3, DbCloser>;
using Stmt = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

// MBTiles stores rows in TMS order (row 0 at the south); our TileId counts from the north.
int tmsRow(const TileId& id) { return (1 << id.z) - 1 - id.y; }

std::string invalid(const fs::path& file, const std::string& why) {
    return file.string() + ": not a valid MBTiles file (" + why + ")";
}

Result<Db> openDb(const fs::path& file, int flags) {
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(file.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    Db db(raw);
    if (rc != SQLITE_OK) return makeError(invalid(file, raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
    // A writer elsewhere (a build in progress) briefly locks the file; wait instead of failing.
    sqlite3_busy_timeout(db.get(), 5000);
    return db;
}

Result<Stmt> prepare(sqlite3* db, const char* sql, const fs::path& file) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK) {
        sqlite3_finalize(raw);
        return makeError(invalid(file, sqlite3_errmsg(db)));
    }
    return Stmt(raw);
}

Status exec(sqlite3* db, const char* sql, const fs::path& file, const std::string& what) {
    char* msg = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &msg) != SQLITE_OK) {
        std::string text = file.string() + ": " + what + " (" + (msg ? msg : sqlite3_errmsg(db)) + ")";
        sqlite3_free(msg);
        return makeError(std::move(text));
    }
    return Ok{};
}

// "w,s,e,n" in degrees (spaces allowed after commas), finite, west < east and south < north.
std::optional<LonLatBounds> parseBounds(std::string_view s) {
    double v[4];
    for (int k = 0; k < 4; ++k) {
        const std::size_t comma = k < 3 ? s.find(',') : s.size();
        if (comma == std::string_view::npos) return std::nullopt;
        std::string_view part = s.substr(0, comma);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        const auto x = parseDouble(part);
        if (!x) return std::nullopt;
        v[k] = *x;
        s.remove_prefix(std::min(s.size(), comma + 1));
    }
    if (v[0] >= v[2] || v[1] >= v[3]) return std::nullopt;
    return LonLatBounds{v[0], v[1], v[2], v[3]};
}

std::string formatDouble(double v) {
    char buf[32];
    const auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc() ? std::string(buf, p) : std::to_string(v);
}

class MbtilesSource final : public TileSource {
public:
    MbtilesSource(fs::path file, HeightEncoding enc, int minZ, int maxZ, std::optional<LonLatBounds> bounds,
                  std::unordered_set<TileId, TileIdHash> tiles, Db first)
        : file_(std::move(file)), enc_(enc), minZoom_(minZ), maxZoom_(maxZ), bounds_(bounds), tiles_(std::move(tiles)) {
        if (auto c = makeConnection(std::move(first))) pool_.push_back(std::move(*c));
    }

    std::string describe() const override { return "MBTiles " + file_.string(); }
    int minZoom() const override { return minZoom_; }
    int maxZoom() const override { return maxZoom_; }

    bool hasTile(const TileId& id) const override {
        if (!id.valid() || id.z < minZoom_ || id.z > maxZoom_) return false;
        if (bounds_) return bounds_->intersects(tileBounds(id));
        return tiles_.count(id) != 0;
    }

    Result<HeightGrid> load(const TileId& id) override {
        const std::string name = file_.string() + ": tile " + id.str();
        if (!id.valid()) return makeError(name + " not found");
        auto conn = borrow();
        if (!conn) return conn.error();
        std::vector<std::uint8_t> blob;
        sqlite3_stmt* s = conn->select.get();
        sqlite3_bind_int(s, 1, id.z);
        sqlite3_bind_int(s, 2, id.x);
        sqlite3_bind_int(s, 3, tmsRow(id));
        const int rc = sqlite3_step(s);
        std::string failure;
        if (rc == SQLITE_ROW) {
            const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(s, 0));
            const int n = sqlite3_column_bytes(s, 0);
            // SQLite has the blob in memory already; refused here, it goes no further.
            if (n > 0 && std::uint64_t(n) > kMaxTileBytes)
                failure = tooLargeError(name, std::uint64_t(n), kMaxTileBytes, "tile").message;
            else if (p && n > 0) blob.assign(p, p + n);
        } else if (rc == SQLITE_DONE) {
            failure = name + " not found";
        } else {
            failure = name + ": " + sqlite3_errmsg(sqlite3_db_handle(s));  // e.g. a truncated file
        }
        sqlite3_reset(s);
        giveBack(std::move(*conn));
        if (!failure.empty()) return makeError(failure);
        if (blob.empty()) return makeError(name + ": empty tile data");
        // Decoding runs after the connection is returned: other threads read meanwhile.
        return decodeHeightPng(blob.data(), blob.size(), enc_, name);
    }

private:
    struct Connection {
        Db db;  // declared first: the statement is finalized before its connection closes
        Stmt select;
    };

    Result<Connection> makeConnection(Db db) const {
        auto stmt = prepare(db.get(), "SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?",
                            file_);
        if (!stmt) return stmt.error();
        return Connection{std::move(db), std::move(*stmt)};
    }

    Result<Connection> borrow() {
        {
            std::lock_guard lock(mutex_);
            if (!pool_.empty()) {
                Connection c = std::move(pool_.back());
                pool_.pop_back();
                return c;
            }
        }
        auto db = openDb(file_, SQLITE_OPEN_READONLY);
        if (!db) return db.error();
        return makeConnection(std::move(*db));
    }

    void giveBack(Connection c) {
        std::lock_guard lock(mutex_);
        pool_.push_back(std::move(c));
    }

    fs::path file_;
    HeightEncoding enc_;
    int minZoom_, maxZoom_;
    std::optional<LonLatBounds> bounds_;
    std::unordered_set<TileId, TileIdHash> tiles_;  // used only without bounds in the metadata
    std::mutex mutex_;
    std::vector<Connection> pool_;  // idle connections; grows to the number of concurrent loaders
};

}  // namespace

Result<std::shared_ptr<TileSource>> openMbtilesSource(const fs::path& file, HeightEncoding enc) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) return makeError(file.string() + ": file not found");
    auto db = openDb(file, SQLITE_OPEN_READONLY);
    if (!db) return db.error();

    // The first query is where SQLite notices a file that is not a database at all.
    auto tables = prepare(db->get(),
                          "SELECT name FROM sqlite_master WHERE type IN ('table','view') AND name IN "
                          "('tiles','metadata')",
                          file);
    if (!tables) return tables.error();
    bool hasTiles = false, hasMetadata = false;
    for (int rc; (rc = sqlite3_step(tables->get())) != SQLITE_DONE;) {
        if (rc != SQLITE_ROW) return makeError(invalid(file, sqlite3_errmsg(db->get())));
        const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(tables->get(), 0));
        if (t) (std::string_view(t) == "tiles" ? hasTiles : hasMetadata) = true;
    }
    if (!hasTiles) return makeError(invalid(file, "no 'tiles' table"));

    std::map<std::string, std::string, std::less<>> meta;
    if (hasMetadata) {
        auto rows = prepare(db->get(), "SELECT name, value FROM metadata", file);
        if (!rows) return rows.error();
        for (int rc; (rc = sqlite3_step(rows->get())) != SQLITE_DONE;) {
            if (rc != SQLITE_ROW) return makeError(invalid(file, sqlite3_errmsg(db->get())));
            const auto* k = sqlite3_column_text(rows->get(), 0);
            const auto* v = sqlite3_column_text(rows->get(), 1);
            if (k && v) meta[reinterpret_cast<const char*>(k)] = reinterpret_cast<const char*>(v);
        }
    }
    auto get = [&](std::string_view key) -> const std::string* {
        const auto it = meta.find(key);
        return it == meta.end() ? nullptr : &it->second;
    };

    // "format" is the image format ("png") in the MBTiles spec; some tools put the height
    // encoding there instead. "encoding" is where the sink records it. Files from GDAL, mb-util
    // and the like have only "png": nothing to check `enc` against.
    std::optional<HeightEncoding> stored;
    if (const auto* f = get("format")) {
        stored = parseHeightEncoding(*f);
        std::string lower = *f;
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        if (!stored && lower != "png")
            return makeError(file.string() + ": tiles are '" + *f + "', only png height tiles are supported");
    }
    if (const auto* e = get("encoding")) {
        stored = parseHeightEncoding(*e);
        if (!stored) return makeError(file.string() + ": unknown height encoding '" + *e + "' in metadata");
    }
    if (stored && *stored != enc)
        return makeError(file.string() + ": tiles are " + heightEncodingName(*stored) + "-encoded but " +
                         heightEncodingName(enc) + " was requested");

    std::optional<int> minZ, maxZ;
    if (const auto* s = get("minzoom")) minZ = parseInt(*s);
    if (const auto* s = get("maxzoom")) maxZ = parseInt(*s);
    std::optional<LonLatBounds> bounds;
    if (const auto* s = get("bounds")) bounds = parseBounds(*s);
    for (const auto& z : {minZ, maxZ})
        if (z && (*z < 0 || *z > 30)) return makeError(invalid(file, "zoom levels must be 0..30"));

    std::unordered_set<TileId, TileIdHash> tiles;
    if (!(bounds && minZ && maxZ)) {
        auto rows = prepare(db->get(), "SELECT zoom_level, tile_column, tile_row FROM tiles", file);
        if (!rows) return rows.error();
        int lo = 31, hi = -1;
        for (int rc; (rc = sqlite3_step(rows->get())) != SQLITE_DONE;) {
            if (rc != SQLITE_ROW) return makeError(invalid(file, sqlite3_errmsg(db->get())));
            const int z = sqlite3_column_int(rows->get(), 0);
            if (z < 0 || z > 30) continue;
            const TileId id{z, sqlite3_column_int(rows->get(), 1), (1 << z) - 1 - sqlite3_column_int(rows->get(), 2)};
            if (!id.valid()) continue;
            tiles.insert(id);
            lo = std::min(lo, z);
            hi = std::max(hi, z);
        }
        if (tiles.empty()) return makeError(file.string() + ": no tiles");
        minZ = minZ.value_or(lo);
        maxZ = maxZ.value_or(hi);
        bounds.reset();
    }
    if (*minZ > *maxZ) return makeError(invalid(file, "minzoom is above maxzoom"));
    return std::shared_ptr<TileSource>(
        std::make_shared<MbtilesSource>(file, enc, *minZ, *maxZ, bounds, std::move(tiles), std::move(*db)));
}

// ---------------------------------------------------------------------------------------------
namespace {

// Tiles per transaction: one fsync per batch instead of per tile. A crash loses at most one batch,
// which the resumed build notices through has().
constexpr int kBatch = 256;

class MbtilesSink final : public TileSink {
public:
    MbtilesSink(fs::path file, fs::path partial, Db db, Stmt insert, Stmt exists)
        : file_(std::move(file)), partial_(std::move(partial)), db_(std::move(db)), insert_(std::move(insert)),
          exists_(std::move(exists)) {}

    ~MbtilesSink() override {
        // Not finished (an aborted build): keep what was stored so that a rerun resumes.
        std::lock_guard lock(mutex_);
        if (!finished_ && pending_ > 0) sqlite3_exec(db_.get(), "COMMIT", nullptr, nullptr, nullptr);
    }

    std::string describe() const override { return "MBTiles " + file_.string(); }

    Status put(const TileId& id, const std::vector<std::uint8_t>& png) override {
        if (!id.valid()) return makeError(partial_.string() + ": invalid tile " + id.str());
        std::lock_guard lock(mutex_);
        if (auto s = usable(); !s) return s;
        if (pending_ == 0)
            if (auto s = exec(db_.get(), "BEGIN", partial_, "cannot start a transaction"); !s) return s;
        sqlite3_stmt* s = insert_.get();
        sqlite3_bind_int(s, 1, id.z);
        sqlite3_bind_int(s, 2, id.x);
        sqlite3_bind_int(s, 3, tmsRow(id));
        sqlite3_bind_blob(s, 4, png.data(), int(png.size()), SQLITE_TRANSIENT);
        const int rc = sqlite3_step(s);
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
        if (rc != SQLITE_DONE) return fail("cannot store tile " + id.str());
        if (++pending_ >= kBatch) return commit();
        return Ok{};
    }

    bool has(const TileId& id) const override {
        if (!id.valid()) return false;
        std::lock_guard lock(mutex_);
        if (finished_ || !failure_.empty()) return false;
        sqlite3_stmt* s = exists_.get();
        sqlite3_bind_int(s, 1, id.z);
        sqlite3_bind_int(s, 2, id.x);
        sqlite3_bind_int(s, 3, tmsRow(id));
        const bool found = sqlite3_step(s) == SQLITE_ROW;
        sqlite3_reset(s);
        return found;
    }

    Status finish(const std::string& metadataJson) override {
        std::lock_guard lock(mutex_);
        if (auto s = usable(); !s) return s;
        auto rows = metadataRows(metadataJson);
        if (!rows) return rows.error();
        if (pending_ == 0)
            if (auto s = exec(db_.get(), "BEGIN", partial_, "cannot start a transaction"); !s) return s;
        ++pending_;
        if (auto s = exec(db_.get(), "DELETE FROM metadata", partial_, "cannot write metadata"); !s)
            return fail(s.error());
        auto ins = prepare(db_.get(), "INSERT INTO metadata (name, value) VALUES (?, ?)", partial_);
        if (!ins) return fail(ins.error());
        for (const auto& [k, v] : *rows) {
            sqlite3_bind_text(ins->get(), 1, k.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(ins->get(), 2, v.c_str(), -1, SQLITE_TRANSIENT);
            const int rc = sqlite3_step(ins->get());
            sqlite3_reset(ins->get());
            if (rc != SQLITE_DONE) return fail("cannot write metadata");
        }
        ins->reset();
        if (auto s = commit(); !s) return s;
        finished_ = true;
        insert_.reset();
        exists_.reset();
        if (sqlite3_close(db_.get()) != SQLITE_OK) return makeError(partial_.string() + ": cannot close the database");
        db_.release();
        std::error_code ec;
        fs::rename(partial_, file_, ec);
        if (ec) return makeError(file_.string() + ": cannot rename " + partial_.filename().string() + " (" + ec.message() + ")");
        return Ok{};
    }

private:
    Status usable() const {
        if (finished_) return makeError(file_.string() + ": tile set already finished");
        if (!failure_.empty()) return makeError(failure_);
        return Ok{};
    }

    // A failed statement may have rolled the open transaction back, losing tiles that put()
    // already reported as stored; the sink refuses further work so the build fails loudly.
    Status fail(const std::string& what) {
        failure_ = partial_.string() + ": " + what + " (" + sqlite3_errmsg(db_.get()) + ")";
        if (!sqlite3_get_autocommit(db_.get())) sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
        pending_ = 0;
        return makeError(failure_);
    }
    Status fail(const Error& e) {
        failure_ = e.message;
        if (!sqlite3_get_autocommit(db_.get())) sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
        pending_ = 0;
        return e;
    }

    Status commit() {
        if (pending_ == 0) return Ok{};
        if (sqlite3_exec(db_.get(), "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) return fail("cannot commit");
        pending_ = 0;
        return Ok{};
    }

    Result<std::vector<std::pair<std::string, std::string>>> metadataRows(const std::string& text) {
        using nlohmann::json;
        const std::string where = file_.string() + ": metadata";
        if (auto deep = jsonTooDeep(text, where)) return *deep;
        const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
        if (doc.is_discarded() || !doc.is_object()) return makeError(where + " is not a JSON object");
        auto str = [&](const char* key) -> std::optional<std::string> {
            const auto it = doc.find(key);
            return it != doc.end() && it->is_string() ? std::optional(it->get<std::string>()) : std::nullopt;
        };
        const auto fmt = str("format");
        const auto enc = fmt ? parseHeightEncoding(*fmt) : std::nullopt;
        if (!enc) return makeError(where + ": 'format' must be \"terrarium\" or \"mapbox\"");
        std::vector<std::pair<std::string, std::string>> rows;
        rows.emplace_back("name", str("name").value_or(file_.stem().string()));
        rows.emplace_back("format", "png");
        rows.emplace_back("encoding", heightEncodingName(*enc));
        rows.emplace_back("type", "baselayer");
        rows.emplace_back("version", "1.3");
        if (auto d = str("description")) rows.emplace_back("description", *d);
        for (const char* key : {"minzoom", "maxzoom"}) {
            const auto it = doc.find(key);
            if (it == doc.end()) continue;
            if (!it->is_number_integer() || it->get<int>() < 0 || it->get<int>() > 30)
                return makeError(where + ": '" + key + "' must be an integer 0..30");
            rows.emplace_back(key, std::to_string(it->get<int>()));
        }
        // Bounds: explicit, else the union of the tile-folder style "extents".
        std::optional<LonLatBounds> b;
        auto readBox = [&](const json& a) -> std::optional<LonLatBounds> {
            if (!a.is_array() || a.size() != 4) return std::nullopt;
            for (const auto& v : a)
                if (!v.is_number()) return std::nullopt;
            const LonLatBounds r{a[0].get<double>(), a[1].get<double>(), a[2].get<double>(), a[3].get<double>()};
            if (r.west >= r.east || r.south >= r.north) return std::nullopt;
            return r;
        };
        if (const auto it = doc.find("bounds"); it != doc.end()) {
            b = readBox(*it);
            if (!b) return makeError(where + ": 'bounds' must be [west, south, east, north]");
        } else if (const auto ex = doc.find("extents"); ex != doc.end() && ex->is_array()) {
            for (const auto& e : *ex) {
                const auto eb = e.is_object() && e.contains("bounds") ? readBox(e["bounds"]) : std::nullopt;
                if (!eb) return makeError(where + ": every extent needs 'bounds': [west, south, east, north]");
                b = b ? LonLatBounds{std::min(b->west, eb->west), std::min(b->south, eb->south),
                                     std::max(b->east, eb->east), std::max(b->north, eb->north)}
                      : *eb;
            }
        }
        if (b)
            rows.emplace_back("bounds", formatDouble(b->west) + "," + formatDouble(b->south) + "," +
                                            formatDouble(b->east) + "," + formatDouble(b->north));
        return rows;
    }

    fs::path file_, partial_;
    mutable std::mutex mutex_;
    Db db_;
    Stmt insert_, exists_;
    int pending_ = 0;  // statements in the open transaction (0: none open)
    bool finished_ = false;
    std::string failure_;
};

}  // namespace

Result<std::unique_ptr<TileSink>> openMbtilesSink(const fs::path& file) {
    fs::path partial = file;
    partial += ".partial";
    auto db = openDb(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!db) return db.error();
    // The unique index exists from the start: INSERT OR REPLACE needs it to replace, and has()
    // needs it to answer without scanning the table.
    const char* schema =
        "CREATE TABLE IF NOT EXISTS metadata (name TEXT, value TEXT);"
        "CREATE TABLE IF NOT EXISTS tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);"
        "CREATE UNIQUE INDEX IF NOT EXISTS tile_index ON tiles (zoom_level, tile_column, tile_row);"
        "CREATE UNIQUE INDEX IF NOT EXISTS metadata_name ON metadata (name);";
    if (char* msg = nullptr; sqlite3_exec(db->get(), schema, nullptr, nullptr, &msg) != SQLITE_OK) {
        std::string why = msg ? msg : sqlite3_errmsg(db->get());
        sqlite3_free(msg);
        return makeError(invalid(partial, why));
    }
    auto insert = prepare(db->get(),
                          "INSERT OR REPLACE INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES (?, ?, ?, ?)",
                          partial);
    if (!insert) return insert.error();
    auto exists = prepare(db->get(), "SELECT 1 FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?", partial);
    if (!exists) return exists.error();
    return std::unique_ptr<TileSink>(
        std::make_unique<MbtilesSink>(file, std::move(partial), std::move(*db), std::move(*insert), std::move(*exists)));
}

}  // namespace plateau
