"""Build the dashboard's offline basemap ``src/marsad/data/geo/basemap.geojson``.

* Country outlines: Natural Earth 1:50m admin-0 (public domain) as shipped by the npm package
  ``world-atlas@2.0.2`` (TopoJSON, fetched with ``npm pack``), simplified.
* Admin1 outlines for Mali, Burkina Faso and Niger: no registry package ships admin-1 polygons,
  so they are APPROXIMATE: the convex hull of the GeoNames places of each admin1 code
  (``shared/data/geonames/{ML,BF,NE}.txt``), outliers trimmed, clipped to the country outline.
  Hulls of neighbouring regions overlap; they are drawn for orientation only.

    python scripts/build_basemap.py --shared ../shared [--world-atlas DIR]
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import tempfile
from pathlib import Path
from typing import Any

Point = tuple[float, float]
Ring = list[Point]

FOCUS = {"466": ("ML", "Mali"), "854": ("BF", "Burkina Faso"), "562": ("NE", "Niger")}
NEIGHBOURS = {"012", "478", "686", "324", "384", "288", "768", "204", "566", "148", "434", "732", "270", "694", "430"}
OUT = Path(__file__).resolve().parent.parent / "src" / "marsad" / "data" / "geo" / "basemap.geojson"
ATTRIBUTION = (
    "Country outlines: Natural Earth 1:50m (public domain) via world-atlas 2.0.2. "
    "Admin1 outlines: APPROXIMATE, convex hulls of GeoNames places (CC BY 4.0) clipped to the country."
)


def fetch_world_atlas(dest: Path) -> Path:
    subprocess.run(["npm", "pack", "--silent", "world-atlas@2.0.2"], cwd=dest, check=True, capture_output=True)
    tgz = next(dest.glob("world-atlas-*.tgz"))
    subprocess.run(["tar", "-xzf", tgz.name], cwd=dest, check=True)
    return dest / "package"


def decode_arcs(topo: dict[str, Any]) -> list[Ring]:
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs: list[Ring] = []
    for arc in topo["arcs"]:
        x = y = 0
        pts: Ring = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring_of(indices: list[int], arcs: list[Ring]) -> Ring:
    out: Ring = []
    for i in indices:
        pts = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        out.extend(pts if not out else pts[1:])
    return out


def polygons_of(geom: dict[str, Any], arcs: list[Ring]) -> list[list[Ring]]:
    if geom["type"] == "Polygon":
        return [[ring_of(r, arcs) for r in geom["arcs"]]]
    if geom["type"] == "MultiPolygon":
        return [[ring_of(r, arcs) for r in poly] for poly in geom["arcs"]]
    return []


def simplify(ring: Ring, tol: float) -> Ring:
    """Douglas-Peucker on a closed ring (keeps at least a triangle)."""
    if len(ring) < 5:
        return ring
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = ring[a], ring[b]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy) or 1e-12
        best, idx = 0.0, -1
        for i in range(a + 1, b):
            x0, y0 = ring[i]
            d = abs(dy * x0 - dx * y0 + x2 * y1 - y2 * x1) / norm if (dx or dy) else math.hypot(x0 - x1, y0 - y1)
            if d > best:
                best, idx = d, i
        if idx >= 0 and best > tol:
            keep[idx] = True
            stack.extend([(a, idx), (idx, b)])
    out = [p for p, k in zip(ring, keep, strict=True) if k]
    return out if len(out) >= 4 else ring


def hull(points: list[Point]) -> Ring:
    pts = sorted(set(points))
    if len(pts) < 3:
        return pts

    def cross(o: Point, a: Point, b: Point) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: Ring = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: Ring = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]  # counter-clockwise, open


def clip(subject: Ring, convex: Ring) -> Ring:
    """Sutherland-Hodgman: ``subject`` (any simple ring) clipped by a counter-clockwise convex ring."""
    out = subject[:-1] if subject and subject[0] == subject[-1] else list(subject)
    n = len(convex)
    for i in range(n):
        a, b = convex[i], convex[(i + 1) % n]

        def inside(p: Point, a: Point = a, b: Point = b) -> bool:
            return (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) >= 0

        def cut(p: Point, q: Point, a: Point = a, b: Point = b) -> Point:
            x1, y1, x2, y2 = p[0], p[1], q[0], q[1]
            x3, y3, x4, y4 = a[0], a[1], b[0], b[1]
            den = (x1 - x2) * (y3 - y4) - (y1 - y2) * (x3 - x4) or 1e-12
            t = ((x1 - x3) * (y3 - y4) - (y1 - y3) * (x3 - x4)) / den
            return (x1 + t * (x2 - x1), y1 + t * (y2 - y1))

        src, out = out, []
        for j, cur in enumerate(src):
            prev = src[j - 1]
            if inside(cur):
                if not inside(prev):
                    out.append(cut(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cut(prev, cur))
        if not out:
            return []
    return [*out, out[0]]


def rounded(ring: Ring) -> list[list[float]]:
    return [[round(x, 3), round(y, 3)] for x, y in ring]


def admin1_points(geonames: Path, cc: str) -> dict[str, list[Point]]:
    by: dict[str, list[Point]] = {}
    with (geonames / f"{cc}.txt").open(encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            if len(f) < 11 or f[6] not in ("P", "A", "S", "L") or f[10] in ("", "00"):
                continue
            by.setdefault(f[10], []).append((float(f[5]), float(f[4])))
    return by


def trimmed(points: list[Point], keep: float = 0.97) -> list[Point]:
    xs = sorted(p[0] for p in points)
    ys = sorted(p[1] for p in points)
    cx, cy = xs[len(xs) // 2], ys[len(ys) // 2]
    ranked = sorted(points, key=lambda p: math.hypot(p[0] - cx, p[1] - cy))
    return ranked[: max(3, int(len(ranked) * keep))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--world-atlas", type=Path, help="an unpacked world-atlas package (default: npm pack it)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        atlas = args.world_atlas or fetch_world_atlas(Path(tmp))
        topo = json.loads((atlas / "countries-50m.json").read_text(encoding="utf-8"))
    arcs = decode_arcs(topo)
    names = {}
    for line in (args.shared / "data" / "geonames" / "admin1CodesASCII.txt").open(encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        names[f[0]] = f[2]
    features: list[dict[str, Any]] = []
    outlines: dict[str, list[list[Ring]]] = {}
    for geom in topo["objects"]["countries"]["geometries"]:
        gid = str(geom.get("id"))
        if gid not in FOCUS and gid not in NEIGHBOURS:
            continue
        polys = [[simplify(r, 0.03) for r in poly] for poly in polygons_of(geom, arcs)]
        if gid in FOCUS:
            outlines[gid] = polys
        features.append({
            "type": "Feature",
            "properties": {"kind": "country", "name": geom["properties"]["name"], "iso_n3": gid, "focus": gid in FOCUS},
            "geometry": {"type": "MultiPolygon", "coordinates": [[rounded(r) for r in poly] for poly in polys]},
        })
    geonames = args.shared / "data" / "geonames"
    for gid, (cc, country) in FOCUS.items():
        for code, pts in sorted(admin1_points(geonames, cc).items()):
            if len(pts) < 3 or f"{cc}.{code}" not in names:
                continue  # obsolete or unnamed admin1 codes
            h = hull(trimmed(pts))
            if len(h) < 3:
                continue
            parts = [clip(poly[0], h) for poly in outlines[gid]]
            parts = [simplify(p, 0.02) for p in parts if len(p) >= 4]
            if not parts:
                continue
            features.append({
                "type": "Feature",
                "properties": {"kind": "admin1", "name": names[f"{cc}.{code}"], "country": country,
                               "code": f"{cc}.{code}", "approximate": True},
                "geometry": {"type": "MultiPolygon", "coordinates": [[rounded(p)] for p in parts]},
            })
    out = {"type": "FeatureCollection", "attribution": ATTRIBUTION, "features": features}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(features)} features, {args.out.stat().st_size:,} bytes -> {args.out}")


if __name__ == "__main__":
    main()
