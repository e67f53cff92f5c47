#!/usr/bin/env python3
"""Interior points of named Natural Earth lakes, for assets/places/gazetteer.csv.

A lake's centroid can fall on land (Yamdrok Tso is a ring around a peninsula), so the point is
the one of a 41 x 41 grid over the largest part's bounding box that lies inside the outline and
farthest from its shore. Usage: lake_points.py ../shared/data/rivers/ne_10m_lakes_hma.geojson
"""
import json, math, sys


def ring_area(r):
    return abs(sum(r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1] for i in range(len(r) - 1))) / 2


def interior_point(rings, n=40):
    xs = [c[0] for c in rings[0]]
    ys = [c[1] for c in rings[0]]

    def inside(x, y):
        c = False
        for r in rings:
            for i in range(len(r) - 1):
                (x1, y1), (x2, y2) = r[i][:2], r[i + 1][:2]
                if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                    c = not c
        return c

    def shore_distance(x, y):
        best = 1e9
        for r in rings:
            for i in range(len(r) - 1):
                (x1, y1), (x2, y2) = r[i][:2], r[i + 1][:2]
                dx, dy = x2 - x1, y2 - y1
                length = dx * dx + dy * dy
                t = 0 if length == 0 else max(0, min(1, ((x - x1) * dx + (y - y1) * dy) / length))
                best = min(best, math.hypot((x - x1 - t * dx) * math.cos(math.radians(y)), y - y1 - t * dy))
        return best

    best = None
    for i in range(n + 1):
        for j in range(n + 1):
            x = min(xs) + (max(xs) - min(xs)) * i / n
            y = min(ys) + (max(ys) - min(ys)) * j / n
            if inside(x, y):
                d = shore_distance(x, y)
                if best is None or d > best[0]:
                    best = (d, x, y)
    return best


for f in json.load(open(sys.argv[1]))["features"]:
    name = f["properties"].get("name")
    if not name:
        continue
    g = f["geometry"]
    polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
    best = interior_point(max(polys, key=lambda p: ring_area(p[0])))
    if best:
        print(f"{name},{best[1]:.3f},{best[2]:.3f}")
